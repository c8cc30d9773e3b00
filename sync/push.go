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
	defer relaxGC()() // pushgc.go
	b := newBatcher(hello.Limits, c.MaxBatch)
	total := 0
	_ = c.Store.View(func(r *store.Reader) error { total = r.PendingCount(); return nil })
	c.progress(Progress{Phase: "push", Total: total})
	build := func(queue []store.Pending, b batcher) *pushReq {
		return buildPush(queue, b, hello, c.Store.Clock().Device())
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
		if err := ob.fill(2*b.hard+1, 8*b.hard); err != nil {
			return nil, err
		}
		if len(ob.queue) == 0 {
			return held, nil // the deferred function stores the last answer
		}
		req := ahead
		if !req.fits(ob.queue, b) {
			req = build(ob.queue, b)
		}
		ahead = nil
		if req.err != nil {
			return nil, fmt.Errorf("push: %w", req.err)
		}
		if !b.fits(req) {
			if answered != nil {
				// Setting ops aside changes the outbox: store the answer
				// before it first.
				if err := c.storeAnswer(&answered, &held); err != nil {
					return nil, err
				}
			}
			if err := c.shrink(req, &b, &ob, build, sum); err != nil {
				return nil, err
			}
			continue
		}
		pend := req.pend
		bg := c.background(answered, ob, len(pend), b.grown(req), build)
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
			b = b.grown(req)
		case err == nil:
			return nil, fmt.Errorf("push: %d results for %d ops: %w", len(resp.Results), len(pend), ErrBadRequest)
		case errors.As(err, &hqErr) && hqErr.Status == http.StatusRequestEntityTooLarge:
			// Bodies this large are refused (HQ, or a proxy before it):
			// send smaller ones from now on. The loop shrinks the batch,
			// and sets aside an op too large on its own.
			if sent := int64(len(req.body.data)); b.wire == 0 || sent < b.wire {
				b.wire = max(1, sent)
			}
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

// storeAnswer stores an answer not yet stored (the background goroutine
// stores answers while the next batch is at HQ; this is for when no batch
// goes next).
func (c *Client) storeAnswer(a **answer, held *[]uint64) error {
	seqs, err := c.Store.AckHeld((*a).pend, (*a).results)
	*a = nil
	*held = append(*held, seqs...)
	return err
}

// answer is a batch and HQ's results for it.
type answer struct {
	pend    []store.Pending
	results []store.Result
}

// background is what one goroutine does while a batch is at HQ: it stores
// the answer to the batch before (if any), then reads on in the outbox
// and builds the batch after this one, as if this one succeeds.
func (c *Client) background(a *answer, ob outboxQueue, sent int, b batcher, build func([]store.Pending, batcher) *pushReq) <-chan lookahead {
	done := make(chan lookahead, 1)
	go func() {
		var out lookahead
		if a != nil {
			out.held, out.ackErr = c.Store.AckHeld(a.pend, a.results)
		}
		ob.queue = ob.queue[sent:]
		out.ob = ob
		if out.err = out.ob.fill(2*b.hard+1, 8*b.hard); out.err == nil {
			out.req = build(out.ob.queue, b)
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
	pend []store.Pending
	cut  batcher // how it was cut
	size int64   // the JSON body's size before gzip
	body payload
	err  error // the body could not be encoded
}

// fits reports whether r is the batch to send next from queue.
func (r *pushReq) fits(queue []store.Pending, b batcher) bool {
	return r != nil && len(r.pend) > 0 && len(queue) > 0 && r.cut == b && r.pend[0].Seq == queue[0].Seq &&
		len(r.pend) == len(b.cut(queue))
}

// buildPush cuts the next batch from queue and encodes its body (nil when
// queue is empty). A body larger than HQ's max_body_bytes is not encoded:
// it is never sent.
func buildPush(queue []store.Pending, b batcher, hello HelloResponse, device string) *pushReq {
	pend := b.cut(queue)
	if len(pend) == 0 {
		return nil
	}
	ops := make([]store.Op, len(pend))
	for i, p := range pend {
		ops[i] = p.Op
	}
	req := PushRequest{Protocol: Protocol, Epoch: hello.Epoch, DeviceID: device, Ops: ops}
	body, err := req.appendJSON(make([]byte, 0, 256*len(ops)))
	r := &pushReq{pend: pend, cut: b, size: int64(len(body)), err: err}
	if err != nil {
		return r
	}
	if r.size <= hello.Limits.MaxBodyBytes {
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
