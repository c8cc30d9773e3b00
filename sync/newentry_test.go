package sync

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// An officer in the field registers a new enterprise and visits it (a
// 六必访 new_entry visit) offline. HQ accepts both and assigns the
// enterprise to that officer in the same transaction: every laptop of the
// officer gets the enterprise, the visit and the assignment; another
// officer does not see them; an admin does. Editing an existing
// enterprise outside one's scope is still forbidden.
func TestOfficerRegistersEnterprise(t *testing.T) {
	h := newTestHQ(t, false)
	ents := h.enterprises(2)
	h.officer("wang", visits.RoleLiaison, ents[:1])
	h.officer("li", visits.RoleLiaison, ents[1:])
	h.officer("boss", visits.RoleAdmin, []visits.Enterprise{})
	a, other, boss := h.laptop("wang", 0), h.laptop("li", 0), h.laptop("boss", 0)

	// Offline on wang's laptop.
	e := &visits.Enterprise{Name: "新落户科技有限公司", USCC: "91620102MA74X3KD2W"}
	a.update(func(w *store.Writer) error { return w.AddEnterprise(e, true) })
	v := &visits.Visit{EnterpriseID: e.ID, At: a.s.Now().Add(-time.Hour), Occasion: visits.OccNewEntry,
		Method: "on_site", Summary: "新入库企业首次走访"}
	a.update(func(w *store.Writer) error { return w.AddVisit(v) })
	made := outboxIDs(t, a.s)

	sum := a.mustSync()
	if sum.Rejected != 0 || sum.RejectedTotal != 0 || a.pending() != 0 {
		t.Fatalf("wang's sync: %+v", sum)
	}
	counts := logCounts(t, h.cur())
	for _, id := range made {
		if counts[id] != 1 {
			t.Errorf("op %s in HQ's log %d times", id, counts[id])
		}
	}
	has := func(s *store.Store) (ent, visit bool, assigned []string) {
		_ = s.View(func(r *store.Reader) error {
			_, err := store.Get[visits.Enterprise](r, e.ID)
			ent = err == nil
			_, err = store.Get[visits.Visit](r, v.ID)
			visit = err == nil
			as, _ := r.AssignmentsOf(e.ID)
			for _, x := range as {
				assigned = append(assigned, x.OfficerID+":"+x.Role)
			}
			return nil
		})
		return
	}
	if ent, visit, as := has(h.cur().Store()); !ent || !visit || len(as) != 1 || as[0] != "wang:"+visits.RoleLiaison {
		t.Fatalf("HQ: enterprise %v, visit %v, assignments %v", ent, visit, as)
	}
	if _, _, as := has(a.s); len(as) != 1 {
		t.Errorf("wang's laptop did not pull the assignment: %v", as)
	}
	sameData(t, "wang vs HQ (wang's scope)", a.s, a2(h).s)

	// Another laptop of wang's has it all; li does not; the admin does.
	if ent, visit, as := has(h.laptop("wang", 0).s); !ent || !visit || len(as) != 1 {
		t.Errorf("wang's second laptop: enterprise %v, visit %v, assignments %v", ent, visit, as)
	}
	other.mustSync()
	if ent, visit, as := has(other.s); ent || visit || len(as) != 0 {
		t.Errorf("li sees wang's new enterprise: %v %v %v", ent, visit, as)
	}
	boss.mustSync()
	if ent, visit, as := has(boss.s); !ent || !visit || len(as) != 1 {
		t.Errorf("admin: enterprise %v, visit %v, assignments %v", ent, visit, as)
	}

	// Later edits of the new enterprise are in scope.
	a.update(func(w *store.Writer) error { return w.SetField(visits.TypeEnterprise, e.ID, "street", "城关区") })
	if sum := a.mustSync(); sum.Rejected != 0 {
		t.Errorf("editing the new enterprise: %+v", sum)
	}

	// An existing enterprise outside scope stays forbidden, whether HQ
	// made it or another officer registered it.
	raw, _ := json.Marshal("改名")
	for _, id := range []string{ents[1].ID, e.ID} {
		op := store.Op{OpID: store.NewID(), Type: visits.TypeEnterprise, ID: id, Field: "name", Value: raw,
			Stamp: other.s.Clock().Now(), Resolves: []string{}}
		tok := h.tokens["wang"]
		if id == e.ID {
			tok = h.tokens["li"]
		}
		res := rawPush(t, h, tok, []store.Op{op})
		if res[0].Status != store.StatusRejected || res[0].Error == nil || res[0].Error.Code != "forbidden" {
			t.Errorf("edit of enterprise %s outside scope: %+v", id, res[0])
		}
	}
	var as []visits.Assignment
	_ = h.cur().Store().View(func(r *store.Reader) error { as, _ = r.AssignmentsOf(ents[1].ID); return nil })
	if len(as) != 1 || as[0].OfficerID != "li" {
		t.Errorf("a refused edit changed assignments: %+v", as)
	}
}

// a2 is a fresh laptop of wang's, synced: what HQ gives wang.
func a2(h *testHQ) *laptop { return h.laptop("wang", 0) }

// Two officers register the same enterprise (same USCC) offline: HQ keeps
// both records, each assigned to its officer, nothing is lost or refused;
// merging them is left to a person.
func TestDuplicateUSCCRegisteredTwice(t *testing.T) {
	h := newTestHQ(t, false)
	h.enterprises(1)
	h.officer("wang", visits.RoleLiaison, []visits.Enterprise{})
	h.officer("li", visits.RoleLiaison, []visits.Enterprise{})
	h.officer("boss", visits.RoleAdmin, []visits.Enterprise{})
	a, b := h.laptop("wang", 0), h.laptop("li", 0)
	var ids []string
	for _, l := range []*laptop{a, b} {
		e := &visits.Enterprise{Name: "同一家企业 " + l.name, USCC: "91620102MA74X3KD2W"}
		l.update(func(w *store.Writer) error { return w.AddEnterprise(e, true) })
		l.visit(e.ID, "首次走访 "+l.name)
		ids = append(ids, e.ID)
	}
	for _, l := range []*laptop{a, b, a, b} {
		if sum := l.mustSync(); sum.RejectedTotal != 0 || l.pending() != 0 {
			t.Fatalf("%s: %+v", l.name, sum)
		}
	}
	boss := h.laptop("boss", 0)
	sameData(t, "admin vs HQ", boss.s, h.cur().Store())
	for i, id := range ids {
		var as []visits.Assignment
		var vs []visits.Visit
		_ = boss.s.View(func(r *store.Reader) error {
			as, _ = r.AssignmentsOf(id)
			vs, _ = store.All[visits.Visit](r)
			return nil
		})
		if len(as) != 1 || as[0].OfficerID != []string{"wang", "li"}[i] || len(vs) != 2 {
			t.Errorf("enterprise %d: assignments %+v, %d visits", i, as, len(vs))
		}
	}
}
