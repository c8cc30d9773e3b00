package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/sync"
)

// laptop is one simulated laptop: an officer's token, a clock, the ops it
// made (its outbox, in memory) with HQ's answers, and its pull cursor.
// Nothing is written to disk.
type laptop struct {
	off    Officer
	clock  *store.Clock
	rng    *rand.Rand
	ops    []store.Op
	res    []store.Result // HQ's answer to ops[i]; Status "" until answered
	held   []uint64       // seqs HQ answered Sole: the pull may skip them
	epoch  string
	cursor uint64
	synced bool // a whole sync (hello, push, pull to the end) finished
	err    error
}

// syncOnce is one sync: hello, push what HQ has not answered in batches
// of at most max_ops_per_push, then pull pages until has_more is false.
func (l *laptop) syncOnce(ctx context.Context, r *runner) error {
	var h sync.HelloResponse
	t0 := time.Now().UnixMilli()
	err := r.c.call(ctx, l.rng, "hello", http.MethodGet, "/v1/hello", l.off.Token, nil,
		func(b []byte) error { return json.Unmarshal(b, &h) })
	if err != nil {
		return fmt.Errorf("hello: %w", err)
	}
	if h.Protocol != sync.Protocol || h.Limits.MaxOpsPerPush <= 0 || h.Limits.MaxPage <= 0 {
		return fmt.Errorf("hello: protocol %d, limits %+v", h.Protocol, h.Limits)
	}
	l.clock.SetOffset(h.ServerTimeMS - (t0+time.Now().UnixMilli())/2)
	if h.Epoch != l.epoch {
		// HQ's database is not the one the cursor came from: start over.
		r.failf("laptop %s: HQ's epoch changed from %s to %s", l.off.ID, l.epoch, h.Epoch)
		l.epoch, l.cursor = h.Epoch, 0
	}
	if err := l.push(ctx, r, h); err != nil {
		return err
	}
	return l.pull(ctx, r, h)
}

func (l *laptop) push(ctx context.Context, r *runner, h sync.HelloResponse) error {
	for from := 0; from < len(l.ops); {
		if l.res[from].Status != "" {
			from++
			continue
		}
		to := min(from+h.Limits.MaxOpsPerPush, len(l.ops))
		batch := l.ops[from:to]
		req := sync.PushRequest{Protocol: sync.Protocol, Epoch: h.Epoch, DeviceID: l.clock.Device(), Ops: batch}
		body, err := req.AppendJSON(nil)
		if err != nil {
			return err
		}
		var resp sync.PushResponse
		err = r.c.call(ctx, l.rng, "push", http.MethodPost, "/v1/push", l.off.Token, body, func(b []byte) (err error) {
			if resp, err = sync.DecodePushResponse(b); err == nil && len(resp.Results) != len(batch) {
				err = fmt.Errorf("%d results for %d ops", len(resp.Results), len(batch))
			}
			return err
		})
		if err != nil {
			return fmt.Errorf("push: %w", err)
		}
		for i, res := range resp.Results {
			op := batch[i]
			if res.OpID != op.OpID {
				r.failf("laptop %s: result %d answers op %s, sent %s", l.off.ID, i, res.OpID, op.OpID)
			}
			switch res.Status {
			case store.StatusApplied, store.StatusConflict, store.StatusDuplicate:
			default:
				r.st.rejected.Add(1)
			}
			if res.Refused() {
				r.failf("laptop %s: op %s %s.%s refused: %+v", l.off.ID, op.OpID, op.Type, op.Field, res.Error)
			}
			if res.Sole {
				l.held = append(l.held, res.Seq)
			}
			l.res[from+i] = res
			r.st.opsPushed.Add(1)
		}
		from = to
	}
	return nil
}

// pull pages from the cursor to the end. A page whose next is below its
// since, or a cursor that would move back, fails the cursor check.
func (l *laptop) pull(ctx context.Context, r *runner, h sync.HelloResponse) error {
	for {
		since := l.cursor
		q := url.Values{"since": {strconv.FormatUint(since, 10)}, "limit": {strconv.Itoa(h.Limits.MaxPage)}, "epoch": {h.Epoch}}
		if skip := sync.FormatSkip(l.held, since); skip != "" {
			q.Set("skip", skip)
		}
		var page sync.ChangesResponse
		err := r.c.call(ctx, l.rng, "pull", http.MethodGet, "/v1/changes?"+q.Encode(), l.off.Token, nil, func(b []byte) (err error) {
			page, err = sync.DecodeChangesResponse(b)
			return err
		})
		if err != nil {
			return fmt.Errorf("pull from %d: %w", since, err)
		}
		if page.Next < since {
			r.cursorBack.Add(1)
			r.failf("laptop %s: cursor moved back: since %d, next %d", l.off.ID, since, page.Next)
			return errors.New("cursor moved back")
		}
		if page.Count != len(page.Changes) {
			r.failf("laptop %s: page from %d says count %d, holds %d", l.off.ID, since, page.Count, len(page.Changes))
		}
		for _, c := range page.Changes {
			for _, lf := range c.Leaves {
				l.clock.Observe(lf.Stamp)
			}
		}
		r.st.changes.Add(int64(len(page.Changes)))
		l.cursor = page.Next
		if !page.HasMore {
			return nil
		}
	}
}

// answered reports whether HQ answered every op.
func (l *laptop) answered() bool {
	for _, res := range l.res {
		if res.Status == "" {
			return false
		}
	}
	return true
}
