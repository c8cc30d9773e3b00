package tui

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// selectOwed selects the first visit owed on 今日 with an occasion other
// than routine and returns it.
func selectOwed(t *testing.T, m *Model) visits.Obligation {
	t.Helper()
	td := m.screens[scrToday].(*today)
	for i, it := range td.items {
		if it.owed != nil && it.owed.Occasion != visits.OccRoutine {
			td.sel = i
			return *it.owed
		}
	}
	t.Fatal("no visit owed other than routine on 今日")
	return visits.Obligation{}
}

func owes(m *Model, o visits.Obligation) bool {
	for _, r := range m.c.snap.owed {
		if r.EnterpriseID == o.EnterpriseID && r.Occasion == o.Occasion && r.Due == o.Due {
			return true
		}
	}
	return false
}

// TestNewVisitOnOwedFulfilsIt: n on an owed 资质到期/复审必访 opens the form
// with that occasion and enterprise, says which obligation it fulfils, and
// the saved visit settles it (it is no longer owed, and the visit is not
// recorded as routine).
func TestNewVisitOnOwedFulfilsIt(t *testing.T) {
	for _, lang := range []visits.Lang{visits.ZH, visits.EN} {
		s := fixture(t, 40, 400)
		m := newTest(t, s, lang, 100, 30)
		o := selectOwed(t, m)
		press(m, "n")
		f, ok := m.screens[scrVisitForm].(*visitForm)
		if !ok || m.cur != scrVisitForm {
			t.Fatalf("n on a visit owed opened screen %d", m.cur)
		}
		if f.occ.value() != o.Occasion || f.entID != o.EnterpriseID {
			t.Fatalf("the form says %s for %s, the visit owed is %s for %s", f.occ.value(), f.entID, o.Occasion, o.EnterpriseID)
		}
		want := map[visits.Lang]string{visits.ZH: "履行应走访 03-31 逾期", visits.EN: "fulfils the visit owed 03-31 late"}[lang]
		if o.Occasion == visits.OccQualificationExpiry && !strings.Contains(m.View(), want) {
			t.Fatalf("the form does not say which obligation it fulfils (%q):\n%s", want, m.View())
		}
		// The draft keeps the obligation.
		press(m, "李经理", "down", "复审材料已过目")
		var raw []byte
		_ = s.View(func(r *store.Reader) error { raw = r.Draft(draftName); return nil })
		var d visitDraft
		if err := json.Unmarshal(raw, &d); err != nil || d.Owed == nil || d.Owed.Occasion != o.Occasion {
			t.Fatalf("the draft lost the visit owed: %s", raw)
		}
		press(m, "ctrl+o")
		if m.cur == scrVisitForm {
			t.Fatalf("not saved:\n%s", m.View())
		}
		if owes(m, o) {
			t.Fatalf("%s is still owed after the visit that fulfils it was saved", o.Occasion)
		}
		var vs []visits.Visit
		_ = s.View(func(r *store.Reader) (err error) { vs, err = r.VisitsOf(o.EnterpriseID, 1); return err })
		if len(vs) == 0 || vs[0].Occasion != o.Occasion || vs[0].Summary != "复审材料已过目" {
			t.Fatalf("saved visit: %+v", vs)
		}
		if lang == visits.ZH && !strings.Contains(m.View(), "该应走访已完成") {
			t.Errorf("the note does not say the visit owed is done:\n%s", m.View())
		}
	}
}

// TestOwedVisitOccasionChanged: changing the occasion says the visit no
// longer fulfils the obligation, which then stays owed.
func TestOwedVisitOccasionChanged(t *testing.T) {
	s := fixture(t, 40, 400)
	m := newTest(t, s, visits.ZH, 100, 30)
	o := selectOwed(t, m)
	press(m, "n", "up", "up", "up", "up") // from people met up to the occasion
	f := m.screens[scrVisitForm].(*visitForm)
	if f.f.cur() != f.occ {
		t.Fatalf("focus on %s", f.f.cur().label)
	}
	for f.occ.value() == o.Occasion {
		press(m, "right")
	}
	if !strings.Contains(m.View(), "场合已改") {
		t.Fatalf("the form does not say the visit no longer fulfils the obligation:\n%s", m.View())
	}
	press(m, "down", "down", "down", "down", "down", "经营正常", "ctrl+o")
	if m.cur == scrVisitForm {
		t.Fatalf("not saved:\n%s", m.View())
	}
	if !owes(m, o) {
		t.Fatal("the obligation was settled by a visit of another occasion")
	}
}
