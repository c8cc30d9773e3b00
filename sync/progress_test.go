package sync

import (
	"testing"

	"github.com/liaison-dev/liaison/visits"
)

// The pull's progress counts HQ's seqs: it only rises, its total does not
// move, and it ends at that total, though pages carry whole records (more
// changes than seqs).
func TestPullProgressEndsAtTotal(t *testing.T) {
	h := newTestHQ(t, false)
	ents := h.enterprises(3)
	h.officer("wang", visits.RoleLiaison, nil)
	a := h.laptop("wang", 0)
	b := h.laptop("wang", 0)
	for i := range 30 {
		a.visit(ents[i%3].ID, "走访")
	}
	a.mustSync()
	for i := range 3 { // an edit at HQ sends the whole enterprise again: more changes than seqs
		ents[i].Street = "雁滩街道"
		if err := h.cur().SaveRecords("hq", &ents[i]); err != nil {
			t.Fatal(err)
		}
	}
	var got []Progress
	b.c.Progress = func(p Progress) {
		if p.Phase == "pull" {
			got = append(got, p)
		}
	}
	sum := b.mustSync()
	if len(got) < 2 {
		t.Fatalf("pull progress: %+v", got)
	}
	for i := 1; i < len(got); i++ {
		if got[i].Done < got[i-1].Done || got[i].Done > got[i].Total || got[i].Total != got[0].Total {
			t.Fatalf("progress went %+v then %+v", got[i-1], got[i])
		}
	}
	last := got[len(got)-1]
	if last.Done != last.Total || last.Total == 0 {
		t.Errorf("pull ended at %d of %d (pulled %d changes)", last.Done, last.Total, sum.Pulled)
	}
	if sum.Pulled <= last.Total {
		t.Errorf("pulled %d changes over %d seqs: no whole record was sent again", sum.Pulled, last.Total)
	}
}
