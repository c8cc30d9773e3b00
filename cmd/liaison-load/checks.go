package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/sync"
)

// The checks that hold after a run, whatever the load: every op a laptop
// pushed is in HQ's op log exactly once, as sent, with the seq HQ
// answered; every field a laptop wrote shows its last op at HQ; the
// witnesses hold what HQ holds for their scope. (No cursor moving back is
// checked as the laptops pull.)

// leafKey is a leaf as compared: compact value, stamp, author, op id.
type leafKey struct{ Value, Stamp, Author, OpID string }

func keysOf(ls []store.Leaf) []leafKey {
	out := make([]leafKey, 0, len(ls))
	for _, l := range ls {
		var b bytes.Buffer
		if json.Compact(&b, l.Value) != nil {
			b.Reset()
			b.Write(l.Value)
		}
		out = append(out, leafKey{b.String(), string(l.Stamp), l.Author, l.OpID})
	}
	slices.SortFunc(out, func(a, b leafKey) int {
		if a.Stamp != b.Stamp {
			if a.Stamp < b.Stamp {
				return -1
			}
			return 1
		}
		if a.OpID < b.OpID {
			return -1
		}
		if a.OpID > b.OpID {
			return 1
		}
		return 0
	})
	return out
}

func fieldKey(typ, id, field string) string { return typ + "/" + id + "/" + field }

// pullAll reads every change token may see after since, through the
// protocol, into field → leaves.
func (r *runner) pullAll(ctx context.Context, token string, since uint64) (map[string][]leafKey, error) {
	rng := rand.New(rand.NewPCG(r.opt.Seed, 1<<40))
	out := map[string][]leafKey{}
	for {
		q := url.Values{"since": {strconv.FormatUint(since, 10)}, "limit": {"5000"}}
		var page sync.ChangesResponse
		err := r.c.call(ctx, rng, "check", http.MethodGet, "/v1/changes?"+q.Encode(), token, nil, func(b []byte) (err error) {
			page, err = sync.DecodeChangesResponse(b)
			return err
		})
		if err != nil {
			return nil, err
		}
		if page.Next < since {
			r.cursorBack.Add(1)
			return nil, fmt.Errorf("cursor moved back: since %d, next %d", since, page.Next)
		}
		for _, c := range page.Changes {
			out[fieldKey(c.Type, c.ID, c.Field)] = keysOf(c.Leaves)
		}
		since = page.Next
		if !page.HasMore {
			return out, nil
		}
	}
}

// converged checks that a witness's store holds exactly what HQ holds for
// its scope, field by field, leaf by leaf, and that its outbox is empty.
func (r *runner) converged(ctx context.Context, w *witness) {
	hq, err := r.pullAll(ctx, w.off.Token, 0)
	if err != nil {
		r.failf("witness %s: reading HQ: %v", w.off.ID, err)
		return
	}
	mine := map[string][]leafKey{}
	var pending int
	err = w.s.View(func(rd *store.Reader) error {
		pending = rd.Status().Pending
		return rd.EachField(func(typ, id, field string, leaves []store.Leaf) error {
			mine[fieldKey(typ, id, field)] = keysOf(leaves)
			return nil
		})
	})
	if err != nil {
		r.failf("witness %s: reading its store: %v", w.off.ID, err)
		return
	}
	if pending != 0 {
		r.failf("witness %s: %d ops still queued after its last sync", w.off.ID, pending)
	}
	diff := 0
	for k, v := range hq {
		if !slices.Equal(mine[k], v) {
			if diff++; diff <= 3 {
				r.failf("witness %s: %s: laptop %v, HQ %v", w.off.ID, k, mine[k], v)
			}
		}
	}
	for k := range mine {
		if _, ok := hq[k]; !ok {
			if diff++; diff <= 3 {
				r.failf("witness %s: %s on the laptop, not at HQ", w.off.ID, k)
			}
		}
	}
	if diff > 3 {
		r.failf("witness %s: %d fields differ from HQ in all", w.off.ID, diff)
	}
}

// checkState reads, as HQ's admin through the protocol (any backend),
// every field changed since setup, and checks that each field a laptop
// wrote shows the last op HQ acknowledged for it, and that laptop alone.
func (r *runner) checkState(ctx context.Context, laps []*laptop) {
	hq, err := r.pullAll(ctx, r.roster.Admin.Token, r.roster.Seq)
	if err != nil {
		r.failf("state check: reading HQ as admin: %v", err)
		return
	}
	bad := 0
	for _, l := range laps {
		if !l.synced {
			continue // stopped mid-push: an op HQ applied may be unacknowledged (the op log check covers it)
		}
		last := map[string]int{}
		for i, op := range l.ops {
			if l.res[i].Status != "" {
				last[fieldKey(op.Type, op.ID, op.Field)] = i
			}
		}
		for k, i := range last {
			op := l.ops[i]
			want := keysOf([]store.Leaf{{Value: op.Value, Stamp: op.Stamp, Author: l.off.ID, OpID: op.OpID}})
			if got := hq[k]; !slices.Equal(got, want) {
				if bad++; bad <= 3 {
					r.failf("state check: %s: HQ holds %v, laptop %s sent %v", k, got, l.off.ID, want)
				}
			}
		}
	}
	if bad > 3 {
		r.failf("state check: %d fields in all do not show the op acknowledged", bad)
	}
}

// logEach walks an op log: every entry with who sent it and HQ's answer
// (store.HQ.OpLog's shape).
type logEach func(fn func(officer string, op store.Op, res store.Result) error) error

// checkLog checks that every op the laptops pushed is in the log exactly
// once, as sent, with the seq HQ answered; and that the log holds nothing
// else from those officers. It returns the failures, at most a few in
// detail.
func checkLog(each logEach, laps []*laptop) (failures []string, entries int, err error) {
	type sent struct {
		op  store.Op
		res store.Result
		n   int
	}
	want := map[string]*sent{}
	officers := map[string]bool{}
	for _, l := range laps {
		officers[l.off.ID] = true
		for i, op := range l.ops {
			want[l.off.ID+"\x00"+op.OpID] = &sent{op: op, res: l.res[i]}
		}
	}
	fail := func(format string, args ...any) {
		if len(failures) < 10 {
			failures = append(failures, fmt.Sprintf(format, args...))
		} else if len(failures) == 10 {
			failures = append(failures, "… and more")
		}
	}
	err = each(func(officer string, op store.Op, res store.Result) error {
		if !officers[officer] {
			return nil
		}
		entries++
		s := want[officer+"\x00"+op.OpID]
		if s == nil {
			fail("op log: %s %s was never pushed by the generator", officer, op.OpID)
			return nil
		}
		s.n++
		if !sameOp(s.op, op) {
			fail("op log: %s %s differs from what was sent", officer, op.OpID)
		}
		if s.res.Status != "" && s.res.Seq != res.Seq {
			fail("op log: %s %s logged with seq %d, HQ answered seq %d", officer, op.OpID, res.Seq, s.res.Seq)
		}
		return nil
	})
	if err != nil {
		return failures, entries, err
	}
	lost, dup := 0, 0
	for k, s := range want {
		switch {
		case s.n > 1:
			dup++
			fail("op log: %q logged %d times", k, s.n)
		case s.n == 0 && s.res.Status != "":
			lost++
			fail("op log: %q acknowledged (seq %d) but not in the log", k, s.res.Seq)
		}
	}
	if lost+dup > 0 {
		fail("op log: %d acknowledged ops lost, %d logged more than once", lost, dup)
	}
	return failures, entries, nil
}

func sameOp(a, b store.Op) bool {
	return a.Type == b.Type && a.ID == b.ID && a.Field == b.Field && a.Stamp == b.Stamp && a.Base == b.Base &&
		jsonEqual(a.Value, b.Value) && slices.Equal(a.Resolves, b.Resolves)
}

func jsonEqual(a, b json.RawMessage) bool {
	var x, y bytes.Buffer
	if json.Compact(&x, a) != nil || json.Compact(&y, b) != nil {
		return bytes.Equal(a, b)
	}
	return bytes.Equal(x.Bytes(), y.Bytes())
}

// checkOpLog opens HQ's database (bbolt or PostgreSQL) once every
// instance has stopped and checks its op log.
func (r *runner) checkOpLog(ctx context.Context, path string, laps []*laptop) {
	hq, err := openHQ(ctx, path)
	if err != nil {
		r.failf("op log: open %s: %v", path, err)
		return
	}
	defer hq.Close()
	fails, n, err := checkLog(hq.OpLog, laps)
	if err != nil {
		r.failf("op log: %v", err)
	}
	for _, f := range fails {
		r.failf("%s", f)
	}
	r.logf("op log: %d entries of the simulated laptops read", n)
}
