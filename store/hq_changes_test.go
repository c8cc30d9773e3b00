package store

import (
	"testing"

	"github.com/liaison-dev/liaison/visits"
)

// A laptop paging through the feed while a record moves on in it still
// receives every field of that record, those changed before the page's
// cursor included, and pages never split a record.
func TestChangesPagesWholeRecords(t *testing.T) {
	h := openTestHQ(t)
	admin := Principal{ID: "hq", Role: visits.RoleAdmin}
	a := visits.Enterprise{Name: "甲企业", Street: "东岗西路街道"}
	must(t, h.SaveRecords("hq", &a))
	b := visits.Enterprise{Name: "乙企业"}
	must(t, h.SaveRecords("hq", &b))
	// a changes again: the feed now holds b, then a. A laptop that pages
	// from 0 gets b first, then a from past b's seq: a's name, changed
	// before that, must come too.
	a.Street = "雁滩街道"
	must(t, h.SaveRecords("hq", &a))

	page, err := h.Changes(admin, 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]map[string]bool{}
	take := func(p ChangesPage) {
		for _, c := range p.Changes {
			if got[c.ID] == nil {
				got[c.ID] = map[string]bool{}
			}
			got[c.ID][c.Field] = true
		}
	}
	take(page)
	if !page.HasMore {
		t.Fatal("one page held everything")
	}
	// b moves on while the laptop pages.
	b.Street = "盐场路街道"
	must(t, h.SaveRecords("hq", &b))
	for page.HasMore {
		if page, err = h.Changes(admin, page.Next, 1); err != nil {
			t.Fatal(err)
		}
		take(page)
		ids := map[string]bool{}
		for _, c := range page.Changes {
			ids[c.ID] = true
		}
		if len(ids) > 1 {
			t.Errorf("a page of limit 1 holds %d records", len(ids))
		}
	}
	for _, id := range []string{a.ID, b.ID} {
		full, _ := h.Changes(admin, 0, 1000)
		for _, c := range full.Changes {
			if c.ID == id && !got[id][c.Field] {
				t.Errorf("%s.%s was never sent", id, c.Field)
			}
		}
	}
	if !got[a.ID]["name"] {
		t.Error("a's name (changed before the cursor) was not sent with a")
	}
}
