package sync

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
	"pgregory.net/rapid"
)

// Random edits on 3 laptops, random sync orders and random injected
// faults: after everyone syncs with faults off, all laptops equal HQ
// (conflicts included), every op made is in HQ's log exactly once,
// outboxes are empty, no surface value vanished without an op naming it,
// and cursors never went back.
func TestPropertyConverges(t *testing.T) {
	rapidSeed(t)
	rapid.Check(t, func(rt *rapid.T) {
		h := newTestHQ(t, false)
		ents := h.enterprises(2)
		needs := []visits.Record{
			&visits.Need{Meta: visits.Meta{ID: store.NewID()}, EnterpriseID: ents[0].ID, Category: "finance", Severity: "consult", Title: "甲", Status: "registered"},
			&visits.Need{Meta: visits.Meta{ID: store.NewID()}, EnterpriseID: ents[1].ID, Category: "finance", Severity: "consult", Title: "乙", Status: "registered"},
		}
		if err := h.cur().SaveRecords("hq", needs...); err != nil {
			rt.Fatal(err)
		}
		var ls []*laptop
		for _, o := range []string{"wang", "li", "zhao"} {
			h.officer(o, visits.RoleLiaison, nil)
			l := h.laptop(o, 0)
			l.timeout(lateTimeout) // FaultLate is a timeout
			ls = append(ls, l)
		}
		faults := rapid.SliceOfN(rapid.SampledFrom(append([]Fault{NoFault, NoFault, NoFault}, AllFaults...)), 32, 32).Draw(rt, "faults")
		var n atomic.Int64
		h.setFaults(func(*http.Request) Fault { return faults[int(n.Add(1))%len(faults)] })
		made := map[string]bool{}
		cursors := make([]uint64, len(ls))
		steps := rapid.IntRange(5, 25).Draw(rt, "steps")
		for range steps {
			i := rapid.IntRange(0, len(ls)-1).Draw(rt, "laptop")
			l := ls[i]
			switch rapid.IntRange(0, 5).Draw(rt, "action") {
			case 0:
				_, _ = l.sync()
				var c uint64
				_ = l.s.View(func(r *store.Reader) error { c = r.SyncState().Cursor; return nil })
				if c < cursors[i] {
					rt.Fatalf("cursor went back from %d to %d", cursors[i], c)
				}
				cursors[i] = c
			case 1:
				l.visit(ents[rapid.IntRange(0, 1).Draw(rt, "ent")].ID, "走访")
			case 2:
				id := needs[rapid.IntRange(0, 1).Draw(rt, "need")].RecordMeta().ID
				title := rapid.SampledFrom([]string{"甲", "乙", "丙"}).Draw(rt, "title")
				l.update(func(w *store.Writer) error { return w.SetField(visits.TypeNeed, id, "title", title) })
			case 3:
				id := needs[rapid.IntRange(0, 1).Draw(rt, "need")].RecordMeta().ID
				to := rapid.SampledFrom([]string{"accepted", "assigned", "in_progress", "replied", "withdrawn"}).Draw(rt, "status")
				_ = l.s.Update(func(w *store.Writer) error { return w.ChangeNeedStatus(id, to, "原因", "") })
			case 4:
				id := needs[rapid.IntRange(0, 1).Draw(rt, "need")].RecordMeta().ID
				d := rapid.SampledFrom([]string{"说明一", "说明二"}).Draw(rt, "desc")
				l.update(func(w *store.Writer) error { return w.SetField(visits.TypeNeed, id, "description", d) })
			case 5:
				var cs []store.Conflict
				_ = l.s.View(func(r *store.Reader) error { cs, _ = r.Conflicts(); return nil })
				if len(cs) > 0 {
					c := cs[0]
					keep := c.Leaves[rapid.IntRange(0, len(c.Leaves)-1).Draw(rt, "keep")].Value
					// Keeping a live status over withdrawn or rejected is
					// refused on the laptop by design (nothing is queued);
					// any other refusal is a failure.
					err := l.s.Update(func(w *store.Writer) error { return w.Resolve(c.Type, c.ID, c.Field, keep) })
					if err != nil && !errors.Is(err, store.ErrTerminalStatus) {
						l.t.Fatalf("%s: %v", l.name, err)
					}
				}
			}
			for _, l := range ls {
				for _, id := range outboxIDs(t, l.s) {
					made[id] = true
				}
			}
		}
		h.setFaults(func(*http.Request) Fault { return NoFault })
		for _, l := range ls {
			l.timeout(laptopTimeout)
		}
		for range 2 {
			for _, l := range ls {
				if _, err := l.sync(); err != nil {
					rt.Fatalf("%s: final sync: %v", l.name, err)
				}
			}
		}
		counts := logCounts(t, h.cur())
		for id := range made {
			if counts[id] != 1 {
				rt.Fatalf("op %s in HQ's log %d times", id, counts[id])
			}
		}
		hqData := dump(t, h.cur().Store())
		for _, l := range ls {
			if l.pending() != 0 {
				rt.Fatalf("%s: outbox not empty", l.name)
			}
			if d := diff(dump(t, l.s), hqData); d != "" {
				rt.Fatalf("%s differs from HQ: %s", l.name, d)
			}
		}
		if err := noSilentOverwrite(h.cur()); err != nil {
			rt.Fatal(err)
		}
	})
}

func diff(a, b map[string]string) string {
	for k, v := range a {
		if b[k] != v {
			return fmt.Sprintf("%s: %s vs %s", k, v, b[k])
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			return k + " missing"
		}
	}
	return ""
}

// noSilentOverwrite: every value applied to a surface field is still a
// leaf, or was replaced by an op that named it in base or resolves.
func noSilentOverwrite(hq *store.HQ) error {
	type fk struct{ typ, id, field string }
	applied := map[fk][]store.Op{}
	_ = hq.OpLog(func(_ string, op store.Op, res store.Result) error {
		if !res.Refused() && store.Surface(op.Type, op.Field) {
			k := fk{op.Type, op.ID, op.Field}
			applied[k] = append(applied[k], op)
		}
		return nil
	})
	var err error
	_ = hq.Store().View(func(r *store.Reader) error {
		for k, ops := range applied {
			leaves, _ := r.Leaves(k.typ, k.id, k.field)
			named := map[string]bool{}
			for _, op := range ops {
				named[op.Base] = true
				for _, s := range op.Resolves {
					named[s] = true
				}
			}
			for _, op := range ops {
				live := slices.ContainsFunc(leaves, func(l store.Leaf) bool {
					return l.Stamp == op.Stamp || string(l.Value) == string(compactJSON(op.Value))
				})
				if !live && !named[op.Stamp] {
					err = fmt.Errorf("%v: value %s (%s) vanished", k, op.Value, op.Stamp)
				}
			}
		}
		return nil
	})
	return err
}

func compactJSON(v json.RawMessage) []byte {
	var x any
	if json.Unmarshal(v, &x) != nil {
		return v
	}
	b, _ := json.Marshal(x)
	return b
}
