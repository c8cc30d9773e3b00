package sync

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/liaison-dev/liaison/store"
)

// push sends the outbox oldest first in batches until it is empty.
func (c *Client) push(ctx context.Context, conn *conn, hello HelloResponse, sum *Summary) error {
	batch := hello.Limits.MaxOpsPerPush
	if c.MaxBatch > 0 {
		batch = min(batch, c.MaxBatch)
	}
	total := 0
	_ = c.Store.View(func(r *store.Reader) error { total = r.PendingCount(); return nil })
	c.progress(Progress{Phase: "push", Total: total})
	restamps := 0
	for {
		pend, err := c.nextBatch(batch)
		if err != nil || len(pend) == 0 {
			return err
		}
		ops := make([]store.Op, len(pend))
		for i, p := range pend {
			ops[i] = p.Op
		}
		body, err := json.Marshal(PushRequest{Protocol: Protocol, Epoch: hello.Epoch, DeviceID: c.Store.Clock().Device(), Ops: ops})
		if err != nil {
			return err
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
				if err := c.Store.Ack(pend, []store.Result{res}); err != nil {
					return err
				}
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
				return err
			}
			continue
		case errors.As(err, &hqErr) && hqErr.Status == http.StatusGone:
			return errReset
		default:
			return fmt.Errorf("push: %w", err)
		}
		if len(resp.Results) != len(pend) {
			return fmt.Errorf("push: %d results for %d ops: %w", len(resp.Results), len(pend), ErrBadRequest)
		}
		if err := c.Store.Ack(pend, resp.Results); err != nil {
			return err
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

// nextBatch returns up to n of the oldest pending ops, ending at a record
// boundary when it can, so that HQ sees a new record's fields together
// (its scope check needs the record's enterprise).
func (c *Client) nextBatch(n int) ([]store.Pending, error) {
	var pend []store.Pending
	err := c.Store.View(func(r *store.Reader) error {
		var err error
		pend, err = r.PendingOps(n + 1)
		return err
	})
	if err != nil || len(pend) <= n {
		return pend, err
	}
	same := func(a, b store.Op) bool { return a.Type == b.Type && a.ID == b.ID }
	cut := n
	for cut > 0 && same(pend[cut-1].Op, pend[n].Op) {
		cut--
	}
	if cut == 0 {
		cut = n
	}
	return pend[:cut], nil
}
