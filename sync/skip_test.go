package sync

import (
	"reflect"
	"testing"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

func TestSkipRanges(t *testing.T) {
	rs := seqRanges([]uint64{9, 3, 4, 5, 7, 5, 10})
	want := []store.SeqRange{{From: 3, To: 5}, {From: 7, To: 7}, {From: 9, To: 10}}
	if !reflect.DeepEqual(rs, want) {
		t.Fatalf("ranges %v", rs)
	}
	if s := formatSkip(rs, 4); s != "3-5,7,9-10" {
		t.Errorf("format %q", s)
	}
	if s := formatSkip(rs, 8); s != "9-10" {
		t.Errorf("format above 8: %q", s)
	}
	got, err := parseSkip("3-5,7,9-10")
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("parse: %v %v", got, err)
	}
	for _, bad := range []string{"x", "5-3", "3,3", "7,5", "1-", ","} {
		if _, err := parseSkip(bad); err == nil {
			t.Errorf("parse %q: no error", bad)
		}
	}
}

// A laptop's own new fields are not pulled back after it pushed them (HQ
// marks them sole, the pull skips their seqs), yet another laptop gets
// them and both equal HQ.
func TestOwnNewFieldsNotPulledBack(t *testing.T) {
	h := newTestHQ(t, false)
	ents := h.enterprises(1)
	h.officer("wang", visits.RoleLiaison, nil)
	a := h.laptop("wang", 0)
	for range 20 {
		a.visit(ents[0].ID, "走访")
	}
	n := a.pending()
	sum := a.mustSync()
	if sum.Pushed != n || sum.Pulled != 0 {
		t.Errorf("pushed %d of %d, pulled back %d", sum.Pushed, n, sum.Pulled)
	}
	b := h.laptop("wang", 0)
	sameData(t, "wang's laptop vs a fresh one", a.s, b.s)
}
