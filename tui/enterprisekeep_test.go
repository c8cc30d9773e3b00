package tui

import (
	"testing"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// A reload (after a sync pulled changes, or a save elsewhere) keeps the
// enterprise the officer selected selected, filtered or not, even when a
// new enterprise comes before it: nothing moves under the cursor.
func TestEnterprisesReloadKeepsTheSelection(t *testing.T) {
	s := fixture(t, 40, 100)
	m := newTest(t, s, visits.ZH, 80, 24)
	press(m, "2", "j", "j", "j", "j", "j")
	e := m.screens[scrEnterprises].(*enterprises)
	want := e.selected()
	reload := func(name string) {
		t.Helper()
		ent := visits.Enterprise{Meta: visits.Meta{ID: "0000-00000000-" + name}, Name: name}
		if err := s.Update(func(w *store.Writer) error { return w.Save(&ent) }); err != nil {
			t.Fatal(err)
		}
		sn, err := loadSnapshot(s, fixedNow)
		if err != nil {
			t.Fatal(err)
		}
		_, cmd := m.Update(snapshotMsg{snap: sn})
		run(m, cmd)
	}
	reload("兰州甲科技有限公司")
	if got := e.selected(); got != want || e.sel != 6 {
		t.Fatalf("after a reload: selected %s (row %d), want %s (row 6)", got, e.sel, want)
	}
	// Filtered: the same query over reloaded data keeps the selection too.
	name := m.c.snap.ents[e.rows[e.sel]].name
	press(m, string([]rune(name)[2:4]), "enter", "j")
	want = e.selected()
	if want == "" {
		t.Fatal("nothing selected in the filtered list")
	}
	reload("兰州乙科技有限公司")
	if got := e.selected(); got != want {
		t.Fatalf("after a reload with a filter: selected %s (row %d), want %s", got, e.sel, want)
	}
}
