package tui

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// A real conflict: two laptops (two bbolt files) change the lead unit of
// the same need; the second laptop's value reaches the first through the
// pull path (ApplyPull) while the first laptop's own edit is still unsent.
// The sync screen shows both values; the officer picks one and keeps it.
func TestSyncScreenResolvesARealConflict(t *testing.T) {
	a, b := fixture(t, 10, 50), fixture(t, 10, 50)
	var id, was string
	_ = a.View(func(r *store.Reader) error {
		ns, err := r.NeedsWithStatus(visits.Codes(visits.KindStatus)...)
		for _, n := range ns { // one led by neither unit the laptops set
			if n.LeadUnit != "区工信局" && n.LeadUnit != "区税务局" {
				id, was = n.ID, n.LeadUnit
				break
			}
		}
		return err
	})
	if id == "" {
		t.Fatal("no need in the fixture")
	}
	setUnit := func(s *store.Store, unit string) {
		t.Helper()
		if err := s.Update(func(w *store.Writer) error { return w.SetField(visits.TypeNeed, id, "lead_unit", unit) }); err != nil {
			t.Fatal(err)
		}
	}
	setUnit(a, "区工信局")
	setUnit(b, "区税务局")
	var leaves []store.Leaf
	_ = b.View(func(r *store.Reader) (err error) {
		leaves, err = r.Leaves(visits.TypeNeed, id, "lead_unit")
		return err
	})
	if err := a.ApplyPull([]store.Change{{Type: visits.TypeNeed, ID: id, Field: "lead_unit", Seq: 1, Leaves: leaves}}, 1); err != nil {
		t.Fatal(err)
	}

	m := newTest(t, a, visits.EN, 100, 30)
	press(m, "5")
	ss := m.screens[scrSync].(*syncScreen)
	if len(ss.conflicts) != 1 || len(ss.conflicts[0].Leaves) != 2 {
		t.Fatalf("conflicts: %+v", ss.conflicts)
	}
	v := m.View()
	if !strings.Contains(v, "区工信局") || !strings.Contains(v, "区税务局") {
		t.Fatalf("the two values are not side by side:\n%s", v)
	}
	if strings.Count(v, "was "+was) != 2 {
		t.Fatalf("each value should say what it replaced (%s):\n%s", was, v)
	}
	// Select the other laptop's value and keep it.
	for leafText(ss.conflicts[0].Leaves[ss.leaf].Value) != "区税务局" {
		press(m, "l")
	}
	press(m, "enter")
	if len(ss.conflicts) != 0 {
		t.Fatalf("the conflict is still shown:\n%s", m.View())
	}
	var cs []store.Conflict
	var pend []store.Pending
	var n visits.Need
	_ = a.View(func(r *store.Reader) (err error) {
		if cs, err = r.Conflicts(); err != nil {
			return err
		}
		if pend, err = r.PendingOps(100); err != nil {
			return err
		}
		n, err = store.Get[visits.Need](r, id)
		return err
	})
	if len(cs) != 0 || n.LeadUnit != "区税务局" {
		t.Fatalf("after keeping: conflicts %+v, lead unit %s", cs, n.LeadUnit)
	}
	found := false
	for _, p := range pend {
		var val string
		_ = json.Unmarshal(p.Op.Value, &val)
		found = found || (p.Op.Type == visits.TypeNeed && p.Op.ID == id && p.Op.Field == "lead_unit" && val == "区税务局" && len(p.Op.Resolves) > 0)
	}
	if !found {
		t.Fatalf("no op with resolves in the outbox: %+v", pend)
	}
	if strings.Contains(m.View(), "need "+id+" lead_unit") {
		t.Fatalf("the screen still lists the conflict:\n%s", m.View())
	}
}
