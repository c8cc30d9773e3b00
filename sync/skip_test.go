package sync

import (
	"net/http"
	"reflect"
	"sync/atomic"
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
// them and both equal HQ. (The push must not time out: a push sent again
// is answered duplicate, and the next test shows what that does.)
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
		t.Errorf("pushed %d of %d (%d duplicates), pulled back %d", sum.Pushed, n, sum.Duplicates, sum.Pulled)
	}
	b := h.laptop("wang", 0)
	sameData(t, "wang's laptop vs a fresh one", a.s, b.s)
}

// The same when HQ's answer to the push comes too late: the push commits
// at HQ, the laptop times out and sends the batch again, and HQ answers
// duplicate (carrying the original result, sole included). The laptop's
// own new fields are still not pulled back.
//
// It fails today: HQ's op log keeps no sole, so a duplicate never carries
// it, and the laptop keeps seqs only of applied results (issue 10 item 15:
// HQ must work sole out again for a duplicate, store.txn.held must take a
// duplicate). Remove the skip with that fix.
func TestOwnNewFieldsNotPulledBackAfterRetry(t *testing.T) {
	h := newTestHQ(t, false)
	ents := h.enterprises(1)
	h.officer("wang", visits.RoleLiaison, nil)
	a := h.laptop("wang", 0)
	for range 20 {
		a.visit(ents[0].ID, "走访")
	}
	n := a.pending()
	a.timeout(lateTimeout)
	var late atomic.Int32
	h.setFaults(func(r *http.Request) Fault {
		if r.URL.Path == "/v1/push" && late.Add(1) == 1 {
			return FaultLate // committed, answered after the client gave up
		}
		return NoFault
	})
	sum := a.mustSync()
	if late.Load() < 2 {
		t.Fatalf("the push was not sent again (%d pushes)", late.Load())
	}
	if sum.Pushed != n || sum.Duplicates != n || sum.Pulled != 0 {
		t.Errorf("pushed %d of %d (%d duplicates), pulled back %d", sum.Pushed, n, sum.Duplicates, sum.Pulled)
	}
	b := h.laptop("wang", 0)
	sameData(t, "wang's laptop vs a fresh one", a.s, b.s)
}
