package sync

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/liaison-dev/liaison/store"
)

// push sends the outbox oldest first in batches until it is empty.
//
// While one batch is at HQ, one background goroutine stores the answer to
// the batch before (with the removal of its ops, one transaction), then
// reads on in the outbox and builds the next batch's body (JSON, gzip), so
// that a push of thousands of ops is bound by HQ alone. (One goroutine,
// not two: on a two-core laptop the other core stays free for the request
// itself.) HQ has applied a batch before the next is sent, so the order is
// kept, and a laptop stopped before storing an answer sends those ops
// again and hears "duplicate".
//
// It returns the seqs of HQ's changes the laptop already holds exactly
// (its own new fields), which the pull may skip.
func (c *Client) push(ctx context.Context, conn *conn, hello HelloResponse, sum *Summary) (held []uint64, err error) {
	batch := hello.Limits.MaxOpsPerPush
	if c.MaxBatch > 0 {
		batch = min(batch, c.MaxBatch)
	}
	total := 0
	_ = c.Store.View(func(r *store.Reader) error { total = r.PendingCount(); return nil })
	c.progress(Progress{Phase: "push", Total: total})
	build := func(queue []store.Pending, batch int) *pushReq {
		return buildPush(queue, batch, hello, c.Store.Clock().Device())
	}
	var answered *answer // answered by HQ, not yet stored
	defer func() {
		if answered == nil {
			return
		}
		seqs, e := c.Store.AckHeld(answered.pend, answered.results)
		held = append(held, seqs...)
		if err == nil {
			err = e
		}
	}()
	ob := outboxQueue{c: c}
	var ahead *pushReq // built while the previous batch was at HQ
	restamps := 0
	for {
		if err := ob.fill(2*batch+1, 8*batch); err != nil {
			return nil, err
		}
		if len(ob.queue) == 0 {
			return held, nil // the deferred function stores the last answer
		}
		req := ahead
		if !req.fits(ob.queue, batch) {
			req = build(ob.queue, batch)
		}
		ahead = nil
		if req.err != nil {
			return nil, fmt.Errorf("push: %w", req.err)
		}
		if req.size > hello.Limits.MaxBodyBytes && len(req.pend) > 1 {
			batch = max(1, len(req.pend)/2)
			continue
		}
		pend := req.pend
		bg := c.background(answered, ob, len(pend), batch, build)
		answered = nil
		var resp PushResponse
		err = conn.send(ctx, http.MethodPost, "/v1/push", req.body, &resp)
		next := <-bg
		if next.ackErr != nil {
			return nil, next.ackErr
		}
		held = append(held, next.held...)
		var hqErr *HQError
		switch {
		case err == nil && len(resp.Results) == len(pend):
			if next.err != nil {
				return nil, next.err
			}
			ob, ahead = next.ob, next.req
			answered = &answer{pend, resp.Results}
		case err == nil:
			return nil, fmt.Errorf("push: %d results for %d ops: %w", len(resp.Results), len(pend), ErrBadRequest)
		case errors.As(err, &hqErr) && hqErr.Status == http.StatusRequestEntityTooLarge:
			if len(pend) == 1 {
				// One op HQ will never take: keep it where the officer sees it.
				res := store.Result{OpID: pend[0].Op.OpID, Status: store.StatusRejected,
					Error: &store.OpError{Code: CodePayloadTooLarge, Reason: hqErr.Reason}}
				if err := c.Store.Ack(pend, []store.Result{res}); err != nil {
					return nil, err
				}
				ob.queue = ob.queue[1:]
				sum.Pushed++
				sum.Rejected++
				continue
			}
			batch = max(1, len(pend)/2)
			continue
		case errors.As(err, &hqErr) && hqErr.Code == CodeClockAhead && restamps < 3:
			restamps++
			off := hqErr.ServerTimeMS - c.localMS()
			if err := c.Store.Restamp(off); err != nil {
				return nil, err
			}
			ob.reset() // stamps changed: read the outbox again
			continue
		case errors.As(err, &hqErr) && hqErr.Status == http.StatusGone:
			return nil, errReset
		default:
			return nil, fmt.Errorf("push: %w", err)
		}
		for _, r := range resp.Results {
			sum.Pushed++
			switch {
			case r.Refused():
				sum.Rejected++
			case r.Status == store.StatusDuplicate:
				sum.Duplicates++
			case r.Status == store.StatusConflict:
				sum.Conflicts++
			default:
				sum.Applied++
			}
		}
		c.progress(Progress{Phase: "push", Done: sum.Pushed, Total: max(total, sum.Pushed)})
	}
}

// answer is a batch and HQ's results for it.
type answer struct {
	pend    []store.Pending
	results []store.Result
}

// background is what one goroutine does while a batch is at HQ: it stores
// the answer to the batch before (if any), then reads on in the outbox
// and builds the batch after this one, as if this one succeeds.
func (c *Client) background(a *answer, ob outboxQueue, sent, batch int, build func([]store.Pending, int) *pushReq) <-chan lookahead {
	done := make(chan lookahead, 1)
	go func() {
		var out lookahead
		if a != nil {
			out.held, out.ackErr = c.Store.AckHeld(a.pend, a.results)
		}
		ob.queue = ob.queue[sent:]
		out.ob = ob
		if out.err = out.ob.fill(2*batch+1, 8*batch); out.err == nil {
			out.req = build(out.ob.queue, batch)
		}
		done <- out
	}()
	return done
}

// lookahead is the work done in the background during one request: the
// previous answer stored (held: seqs the laptop holds exactly; ackErr),
// and the outbox as it will be once this batch is answered with the batch
// to send after it.
type lookahead struct {
	held   []uint64
	ackErr error
	ob     outboxQueue
	req    *pushReq
	err    error
}

// pushReq is one batch ready to send.
type pushReq struct {
	pend  []store.Pending
	batch int   // the batch size it was cut with
	size  int64 // the JSON body's size before gzip
	body  payload
	err   error // the body could not be encoded
}

// fits reports whether r is the batch to send next from queue.
func (r *pushReq) fits(queue []store.Pending, batch int) bool {
	return r != nil && len(r.pend) > 0 && len(queue) > 0 && r.batch == batch && r.pend[0].Seq == queue[0].Seq &&
		len(r.pend) == len(nextBatch(queue, batch))
}

// buildPush cuts the next batch from queue and encodes its body (nil when
// queue is empty).
func buildPush(queue []store.Pending, batch int, hello HelloResponse, device string) *pushReq {
	pend := nextBatch(queue, batch)
	if len(pend) == 0 {
		return nil
	}
	ops := make([]store.Op, len(pend))
	for i, p := range pend {
		ops[i] = p.Op
	}
	req := PushRequest{Protocol: Protocol, Epoch: hello.Epoch, DeviceID: device, Ops: ops}
	body, err := req.appendJSON(make([]byte, 0, 256*len(ops)))
	r := &pushReq{pend: pend, batch: batch, size: int64(len(body)), err: err}
	if err != nil {
		return r
	}
	if r.size <= hello.Limits.MaxBodyBytes || len(pend) == 1 {
		r.body = encode(body)
	}
	return r
}

// outboxQueue reads the outbox ahead of what has been sent, oldest first.
// Entries are read after the last one read, so reading does not wait for
// the answers being stored.
type outboxQueue struct {
	c     *Client
	queue []store.Pending // read, not yet sent
	after uint64          // the last entry read
	done  bool            // the outbox held no more than was read
}

// fill reads about chunk more entries of the outbox when fewer than n are
// queued.
func (o *outboxQueue) fill(n, chunk int) error {
	if len(o.queue) >= n || o.done {
		return nil
	}
	chunk = max(chunk, n)
	var got []store.Pending
	err := o.c.Store.View(func(r *store.Reader) error {
		var err error
		got, err = r.PendingOpsAfter(o.after, chunk)
		return err
	})
	if err != nil {
		return err
	}
	if len(got) < chunk {
		o.done = true
	}
	if len(got) > 0 {
		o.after = got[len(got)-1].Seq
	}
	o.queue = append(o.queue[:len(o.queue):len(o.queue)], got...)
	return nil
}

// reset forgets what was read: the next fill reads from the oldest entry.
// Every answer must be stored first.
func (o *outboxQueue) reset() { o.queue, o.after, o.done = nil, 0, false }

// nextBatch returns up to n of the oldest ops of queue, ending at a record
// boundary when it can, so that HQ sees a new record's fields together
// (its scope check needs the record's enterprise).
func nextBatch(queue []store.Pending, n int) []store.Pending {
	if len(queue) <= n {
		return queue
	}
	same := func(a, b store.Op) bool { return a.Type == b.Type && a.ID == b.ID }
	cut := n
	for cut > 0 && same(queue[cut-1].Op, queue[n].Op) {
		cut--
	}
	if cut == 0 {
		cut = n
	}
	return queue[:cut]
}
