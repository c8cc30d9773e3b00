package store

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/visits"
)

// randomDistrict writes a random history into h: officers, enterprises,
// assignments made and moved to other officers and enterprises, visits,
// needs and need events moved between enterprises, HQ settings. It
// returns the officers.
func randomDistrict(t *testing.T, h *HQ, rng *rand.Rand, steps int) []string {
	t.Helper()
	var officers, ents []string
	var assigns []*visits.Assignment
	var vs []*visits.Visit
	var needs []*visits.Need
	save := func(recs ...visits.Record) {
		t.Helper()
		if err := h.SaveRecords("hq", recs...); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 4 {
		id := fmt.Sprintf("off-%d", i)
		officers = append(officers, id)
		save(&visits.Officer{Meta: visits.Meta{ID: id}, Name: "干部" + id, Roles: []string{visits.RoleLiaison}})
	}
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	for i := range 5 {
		e := &visits.Enterprise{Meta: visits.Meta{ID: fmt.Sprintf("ent-%d", i)}, Name: fmt.Sprintf("企业%d", i)}
		ents = append(ents, e.ID)
		save(e)
	}
	pick := func(s []string) string { return s[rng.IntN(len(s))] }
	for step := range steps {
		switch rng.IntN(10) {
		case 0: // a new assignment
			a := &visits.Assignment{Meta: visits.Meta{ID: NewID()}, EnterpriseID: pick(ents), OfficerID: pick(officers), Role: visits.RoleLiaison}
			assigns = append(assigns, a)
			save(a)
		case 1: // an assignment moves to another officer or enterprise
			if len(assigns) == 0 {
				continue
			}
			a := assigns[rng.IntN(len(assigns))]
			if rng.IntN(2) == 0 {
				a.OfficerID = pick(officers)
			} else {
				a.EnterpriseID = pick(ents)
			}
			save(a)
		case 2: // an enterprise changes
			save(&visits.Enterprise{Meta: visits.Meta{ID: pick(ents)}, Name: fmt.Sprintf("企业改名%d", step)})
		case 3: // a visit moves to another enterprise
			if len(vs) == 0 {
				continue
			}
			v := vs[rng.IntN(len(vs))]
			v.EnterpriseID = pick(ents)
			save(v)
		case 4: // a need, or an event of one
			if len(needs) == 0 || rng.IntN(2) == 0 {
				n := &visits.Need{Meta: visits.Meta{ID: NewID()}, EnterpriseID: pick(ents), Category: "financing",
					Severity: "normal", Title: fmt.Sprintf("需求%d", step), RegisteredAt: at, Status: visits.StatusRegistered}
				needs = append(needs, n)
				save(n)
				continue
			}
			n := needs[rng.IntN(len(needs))]
			if rng.IntN(3) == 0 { // the need moves; its events stay where they were
				n.EnterpriseID = pick(ents)
				save(n)
				continue
			}
			save(&visits.NeedEvent{Meta: visits.Meta{ID: NewID()}, NeedID: n.ID, Text: fmt.Sprintf("进展%d", step), At: at})
		case 5: // HQ's settings, an officer's name
			if rng.IntN(2) == 0 {
				save(&visits.Setting{Meta: visits.Meta{ID: visits.SettingDistrict}, Value: json.RawMessage(fmt.Sprintf(`"区%d"`, step))})
			} else {
				id := pick(officers)
				save(&visits.Officer{Meta: visits.Meta{ID: id}, Name: fmt.Sprintf("干部%d", step), Roles: []string{visits.RoleLiaison}})
			}
		default: // a visit, new or edited
			if len(vs) > 0 && rng.IntN(3) == 0 {
				v := vs[rng.IntN(len(vs))]
				v.Summary = fmt.Sprintf("改%d", step)
				save(v)
				continue
			}
			v := &visits.Visit{Meta: visits.Meta{ID: NewID()}, EnterpriseID: pick(ents), At: at.Add(time.Duration(step) * time.Hour),
				Occasion: visits.OccRoutine, Method: "on_site", Summary: fmt.Sprintf("走访%d", step)}
			vs = append(vs, v)
			save(v)
		}
	}
	return officers
}

// efeedDump is hq:efeed as stored.
func efeedDump(t *testing.T, h *HQ) map[string]string {
	t.Helper()
	out := map[string]string{}
	must(t, h.s.db.View(func(tx Tx) error {
		return tx.Bucket(bHQEFeed).ForEach(func(k, v []byte) error {
			out[string(k)] = string(v)
			return nil
		})
	}))
	return out
}

// The feed by enterprise, kept up by every write, is what the records'
// owners and seqs say (checkHQ); and a scoped officer's
// pull through it sends exactly what walking the district's feed and
// filtering by scope sends: in one page, field by field with the same
// Next, and paged with any limit and skip ranges, the same records in the
// same order.
func TestEFeedChangesMatchScan(t *testing.T) {
	seed := testSeed(t)
	rng := rand.New(rand.NewPCG(seed, 7))
	for round := range 3 {
		h := openTestHQ(t)
		officers := randomDistrict(t, h, rng, 150)
		hqProblems(t, h) // hq:entfeed holds what hq:recs says
		top := h.Seq()
		for _, off := range officers {
			p := Principal{ID: off, Role: visits.RoleLiaison}
			for range 8 {
				since := rng.Uint64N(top + 2)
				var skip []SeqRange
				for s := uint64(1); s < top; s += 1 + rng.Uint64N(top/4+1) {
					to := s + rng.Uint64N(4)
					skip = append(skip, SeqRange{s, to})
					s = to + 1
				}
				want, err := h.changes(context.Background(), p, since, 1_000_000, skip, false)
				must(t, err)
				got, err := h.changes(context.Background(), p, since, 1_000_000, skip, true)
				must(t, err)
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("round %d, %s since %d skip %v: indexed page %+v, full walk %+v", round, off, since, skip, got, want)
				}
				limit := 1 + rng.IntN(12)
				gotAll, gotNext := pageAll(t, h, p, since, limit, skip, true)
				wantAll, wantNext := pageAll(t, h, p, since, limit, skip, false)
				if !reflect.DeepEqual(gotAll, wantAll) || gotNext != wantNext {
					t.Fatalf("round %d, %s since %d limit %d: paged indexed %d changes to %d, full walk %d to %d",
						round, off, since, limit, len(gotAll), gotNext, len(wantAll), wantNext)
				}
				if len(want.Changes) != len(gotAll) {
					t.Fatalf("round %d, %s since %d limit %d: paged %d changes, one page %d", round, off, since, limit, len(gotAll), len(want.Changes))
				}
			}
		}
	}
}

// pageAll pulls from since until has_more is false, checking each page:
// next never below since, every change of the page at or below next
// unless re-sent whole with its record.
func pageAll(t *testing.T, h *HQ, p Principal, since uint64, limit int, skip []SeqRange, indexed bool) ([]Change, uint64) {
	t.Helper()
	var all []Change
	for n := 0; ; n++ {
		page, err := h.changes(context.Background(), p, since, limit, skip, indexed)
		must(t, err)
		if page.Next < since {
			t.Fatalf("next %d below since %d", page.Next, since)
		}
		all = append(all, page.Changes...)
		since = page.Next
		if !page.HasMore {
			return all, since
		}
		if n > 100000 {
			t.Fatal("paging does not end")
		}
	}
}

// An officer assigned more enterprises than maxScopedFeeds pulls by
// walking the district's feed, and gets what the merge of their feeds
// gives: the same changes to the same cursor, paged with any limit.
func TestLargeScopeWalksTheFeed(t *testing.T) {
	rng := rand.New(rand.NewPCG(testSeed(t), 31))
	h := openTestHQ(t)
	officers := randomDistrict(t, h, rng, 150)
	for _, off := range officers {
		p := Principal{ID: off, Role: visits.RoleLiaison}
		limit := 1 + rng.IntN(20)
		merged, mergedNext := pageAll(t, h, p, 0, limit, nil, true)
		saved := maxScopedFeeds
		maxScopedFeeds = 0
		walked, walkedNext := pageAll(t, h, p, 0, limit, nil, true)
		page, err := h.Changes(p, 0, 1_000_000)
		maxScopedFeeds = saved
		must(t, err)
		want, err := h.changes(context.Background(), p, 0, 1_000_000, nil, false)
		must(t, err)
		if !reflect.DeepEqual(page, want) {
			t.Errorf("%s: Changes above maxScopedFeeds is not the walk of the feed", off)
		}
		if !reflect.DeepEqual(walked, merged) || walkedNext != mergedNext || len(merged) == 0 {
			t.Errorf("%s, limit %d: walked %d changes to %d, merged %d to %d", off, limit, len(walked), walkedNext, len(merged), mergedNext)
		}
	}
}
