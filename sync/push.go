package sync

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/liaison-dev/liaison/store"
)

// push sends the outbox oldest first in batches until it is empty. The
// outbox is read a few batches at a time, and the answer to one batch is
// stored (with the removal of its ops, one transaction) while the next
// batch is on its way: HQ has applied a batch before the next is sent, so
// the order is kept, and a laptop stopped before storing an answer sends
// those ops again and hears "duplicate".
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
	var acking chan error // the answer being stored, if any
	waitAck := func() error {
		if acking == nil {
			return nil
		}
		err := <-acking
		acking = nil
		return err
	}
	defer func() {
		if e := waitAck(); err == nil && e != nil {
			err = e
		}
	}()
	var queue []store.Pending // read from the outbox, not yet sent
	more := true              // the outbox may hold more than queue
	restamps := 0
	for {
		if len(queue) <= batch && more {
			// Everything sent is answered and stored first, so the
			// outbox's oldest entries are exactly the ones not yet sent.
			if err := waitAck(); err != nil {
				return nil, err
			}
			var err error
			queue, more, err = c.readOutbox(8 * batch)
			if err != nil {
				return nil, err
			}
		}
		if len(queue) == 0 {
			if err := waitAck(); err != nil {
				return nil, err
			}
			return held, nil
		}
		pend := nextBatch(queue, batch)
		ops := make([]store.Op, len(pend))
		for i, p := range pend {
			ops[i] = p.Op
		}
		body, err := json.Marshal(PushRequest{Protocol: Protocol, Epoch: hello.Epoch, DeviceID: c.Store.Clock().Device(), Ops: ops})
		if err != nil {
			return nil, err
		}
		if int64(len(body)) > hello.Limits.MaxBodyBytes && len(pend) > 1 {
			batch = max(1, len(pend)/2)
			continue
		}
		var resp PushResponse
		err = conn.do(ctx, http.MethodPost, "/v1/push", body, &resp)
		var hqErr *HQError
		switch {
		case err == nil:
		case errors.As(err, &hqErr) && hqErr.Status == http.StatusRequestEntityTooLarge:
			if len(pend) == 1 {
				// One op HQ will never take: keep it where the officer sees it.
				res := store.Result{OpID: pend[0].Op.OpID, Status: store.StatusRejected,
					Error: &store.OpError{Code: CodePayloadTooLarge, Reason: hqErr.Reason}}
				if err := waitAck(); err != nil {
					return nil, err
				}
				if err := c.Store.Ack(pend, []store.Result{res}); err != nil {
					return nil, err
				}
				queue = queue[1:]
				sum.Pushed++
				sum.Rejected++
				continue
			}
			batch = max(1, len(pend)/2)
			continue
		case errors.As(err, &hqErr) && hqErr.Code == CodeClockAhead && restamps < 3:
			restamps++
			if err := waitAck(); err != nil {
				return nil, err
			}
			off := hqErr.ServerTimeMS - c.localMS()
			if err := c.Store.Restamp(off); err != nil {
				return nil, err
			}
			queue, more = nil, true // stamps changed: read the outbox again
			continue
		case errors.As(err, &hqErr) && hqErr.Status == http.StatusGone:
			if err := waitAck(); err != nil {
				return nil, err
			}
			return nil, errReset
		default:
			if err := waitAck(); err != nil {
				return nil, err
			}
			return nil, fmt.Errorf("push: %w", err)
		}
		if len(resp.Results) != len(pend) {
			if err := waitAck(); err != nil {
				return nil, err
			}
			return nil, fmt.Errorf("push: %d results for %d ops: %w", len(resp.Results), len(pend), ErrBadRequest)
		}
		if err := waitAck(); err != nil {
			return nil, err
		}
		acking = make(chan error, 1)
		go func(pend []store.Pending, results []store.Result, done chan<- error) {
			seqs, err := c.Store.AckHeld(pend, results)
			held = append(held, seqs...) // read only after waitAck
			done <- err
		}(pend, resp.Results, acking)
		queue = queue[len(pend):]
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

// readOutbox returns up to n of the oldest pending ops and whether the
// outbox holds more.
func (c *Client) readOutbox(n int) ([]store.Pending, bool, error) {
	var pend []store.Pending
	err := c.Store.View(func(r *store.Reader) error {
		var err error
		pend, err = r.PendingOps(n + 1)
		return err
	})
	if len(pend) > n {
		return pend[:n], true, err
	}
	return pend, false, err
}

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
