package store

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/visits"
)

// A push keeps the feed by enterprise as the records' owners and seqs say
// (checkHQ; applyRecord hands saveRec the owner and seqs it holds instead
// of reading them again): new records
// over several pushes, edits, an enterprise an officer registers, and
// records moved between enterprises by the officer and by HQ.
func TestPushKeepsTheFeedByEnterprise(t *testing.T) {
	s := newScopeHQ(t)
	h := s.h
	const now = 1_800_000_000_000
	wall := int64(now)
	op := func(typ, id, field string, v any) Op { wall += 1000; return s.op(typ, id, field, v, wall) }
	applied := func(what string, rs []Result) {
		t.Helper()
		for i, r := range rs {
			if r.Refused() {
				t.Fatalf("%s: op %d refused: %+v", what, i, r.Error)
			}
		}
	}
	var vs []string
	for range 5 {
		v := NewID()
		vs = append(vs, v)
		applied("new visit", s.push(t, s.wang, op(visits.TypeVisit, v, "enterprise_id", s.mine), op(visits.TypeVisit, v, "created_by", "wang")))
	}
	applied("more fields", s.push(t, s.wang, op(visits.TypeVisit, vs[0], "summary", "走访"), op(visits.TypeVisit, vs[1], "method", "on_site")))
	ent := NewID()
	applied("a new enterprise", s.push(t, s.wang, op(visits.TypeEnterprise, ent, "name", "新登记的企业"), op(visits.TypeEnterprise, ent, "uscc", "91350100M000100Y43")))
	applied("a visit moved to it", s.push(t, s.wang, op(visits.TypeVisit, vs[2], "enterprise_id", ent), op(visits.TypeVisit, vs[3], "summary", "再访")))
	admin := Principal{ID: "boss", Role: visits.RoleAdmin}
	applied("HQ moves a visit to li's enterprise", s.push(t, admin, op(visits.TypeVisit, vs[4], "enterprise_id", s.theirs)))
	applied("and edits it", s.push(t, admin, op(visits.TypeVisit, vs[4], "summary", "总部修改")))

	hqProblems(t, h)
	for _, p := range []Principal{s.wang, s.li} {
		want, err := h.changes(context.Background(), p, 0, 1_000_000, nil, false)
		must(t, err)
		got, err := h.changes(context.Background(), p, 0, 1_000_000, nil, true)
		must(t, err)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the page through the feed by enterprise differs from the full walk:\n%+v\n%+v", p.ID, got, want)
		}
	}
}

// After a push, HQ's clock reads after the latest stamp of the ops it
// applied, wherever that op stood in the batch (it observes once per
// record, the latest), and not after the stamp of an op it refused.
func TestPushObservesTheLatestStamp(t *testing.T) {
	s := newScopeHQ(t)
	base := time.Now().UnixMilli() + 3_600_000 // ahead of HQ's clock, within max_future
	v1, v2, bad := NewID(), NewID(), NewID()
	rs := s.push(t, s.wang,
		s.op(visits.TypeVisit, v1, "enterprise_id", s.mine, base+10),
		s.op(visits.TypeVisit, v1, "summary", "走访", base+500), // the latest applied
		s.op(visits.TypeVisit, v1, "created_by", "wang", base+20),
		s.op(visits.TypeVisit, v2, "enterprise_id", s.mine, base+30),
		s.op(visits.TypeVisit, bad, "enterprise_id", s.theirs, base+9000), // refused
	)
	wantCode(t, "a visit of li's enterprise", rs[4], "forbidden")
	last := s.h.s.clock.Last()
	w, _, _, err := ParseStamp(last)
	if err != nil {
		t.Fatal(err)
	}
	if w < base+500 {
		t.Errorf("HQ's clock at %s, before the latest stamp applied (wall %d)", last, base+500)
	}
	if w >= base+9000 {
		t.Errorf("HQ's clock at %s: it observed a refused op's stamp", last)
	}
	if now := s.h.s.clock.Now(); now <= FormatStamp(base+500, 0, "devwang") {
		t.Errorf("HQ's next stamp %s does not sort after the latest applied", now)
	}
}
