package store

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/liaison-dev/liaison/visits"
)

// scopeHQ is an HQ with two officers' enterprises: wang has mine, li has
// theirs, and li's enterprise has a need (registered) with its history.
type scopeHQ struct {
	h              *HQ
	wang, li       Principal
	mine, theirs   string
	theirNeed      string
	theirNeedStamp Stamp
}

func newScopeHQ(t *testing.T) *scopeHQ {
	t.Helper()
	h := openTestHQ(t)
	a, b := visits.Enterprise{Name: "王的企业"}, visits.Enterprise{Name: "李的企业"}
	must(t, h.SaveRecords("hq", &a, &b))
	for _, o := range []struct{ id, ent string }{{"wang", a.ID}, {"li", b.ID}} {
		if _, err := h.AddOfficer(o.id, o.id, visits.RoleLiaison); err != nil {
			t.Fatal(err)
		}
		must(t, h.Assign(o.id, o.ent, visits.RoleLiaison))
	}
	n := visits.Need{EnterpriseID: b.ID, Category: "finance", Severity: visits.SeverityConsult, Title: "融资", Status: visits.StatusRegistered}
	must(t, h.SaveRecords("hq", &n))
	s := &scopeHQ{h: h, wang: Principal{ID: "wang", Role: visits.RoleLiaison}, li: Principal{ID: "li", Role: visits.RoleLiaison},
		mine: a.ID, theirs: b.ID, theirNeed: n.ID}
	s.theirNeedStamp = s.leaves(t, visits.TypeNeed, n.ID, "status")[0].Stamp
	return s
}

func (s *scopeHQ) leaves(t *testing.T, typ, id, field string) []Leaf {
	t.Helper()
	var ls []Leaf
	must(t, s.h.s.View(func(r *Reader) error {
		var err error
		ls, err = r.Leaves(typ, id, field)
		return err
	}))
	return ls
}

// op makes an op on wang's behalf, stamped at wall ms.
func (s *scopeHQ) op(typ, id, field string, value any, wall int64) Op {
	v, _ := json.Marshal(value)
	return Op{OpID: NewID(), Type: typ, ID: id, Field: field, Value: v, Stamp: FormatStamp(wall, 0, "devwang"), Resolves: []Stamp{}}
}

func (s *scopeHQ) push(t *testing.T, p Principal, ops ...Op) []Result {
	t.Helper()
	rs, err := s.h.Push(p, ops)
	if err != nil {
		t.Fatalf("push: %v", err)
	}
	return rs
}

func wantCode(t *testing.T, what string, r Result, code string) {
	t.Helper()
	if r.Status != StatusRejected || r.Error == nil || r.Error.Code != code {
		t.Errorf("%s: %s %+v, want rejected %s", what, r.Status, r.Error, code)
	}
}

func wantApplied(t *testing.T, what string, r Result) {
	t.Helper()
	if r.Status != StatusApplied {
		t.Errorf("%s: %s %+v, want applied", what, r.Status, r.Error)
	}
}

// Finding 2: scope is decided on the record, not on the batch's last op.
// An officer pushes a new record whose highest-stamped enterprise_id
// names another officer's enterprise and whose last op names his own: the
// merge would keep the highest stamp and land the record in the other
// enterprise. That op is forbidden whatever its stamp; the record is his.
func TestScopeDecidedOnTheRecord(t *testing.T) {
	s := newScopeHQ(t)
	const now = 1_800_000_000_000
	for _, typ := range []string{visits.TypeVisit, visits.TypeFollowUp, visits.TypeNeed, visits.TypeApplication} {
		id := NewID()
		rs := s.push(t, s.wang,
			s.op(typ, id, "enterprise_id", s.theirs, now+5000), // highest stamp, out of scope
			s.op(typ, id, "created_by", "wang", now+1000),
			s.op(typ, id, "enterprise_id", s.mine, now+2000), // last in the batch
		)
		wantCode(t, typ+": enterprise_id of another officer's enterprise", rs[0], "forbidden")
		wantApplied(t, typ+": another field", rs[1])
		wantApplied(t, typ+": enterprise_id of his own", rs[2])
		ls := s.leaves(t, typ, id, "enterprise_id")
		if len(ls) != 1 || string(ls[0].Value) != `"`+s.mine+`"` {
			t.Errorf("%s: enterprise_id at HQ %+v, want only %s", typ, ls, s.mine)
		}
		// li does not see it; wang does.
		for _, c := range []struct {
			p    Principal
			want bool
		}{{s.li, false}, {s.wang, true}} {
			page, err := s.h.Changes(c.p, 0, 100000)
			must(t, err)
			seen := false
			for _, ch := range page.Changes {
				seen = seen || ch.ID == id
			}
			if seen != c.want {
				t.Errorf("%s: %s sees the record: %v, want %v", typ, c.p.ID, seen, c.want)
			}
		}
	}

	// A record of his own cannot be moved to the other enterprise either,
	// however high its stamp.
	v := NewID()
	s.push(t, s.wang, s.op(visits.TypeVisit, v, "enterprise_id", s.mine, now))
	wantCode(t, "moving a visit out", s.push(t, s.wang, s.op(visits.TypeVisit, v, "enterprise_id", s.theirs, now+1e9))[0], "forbidden")
	wantCode(t, "emptying its enterprise", s.push(t, s.wang, s.op(visits.TypeVisit, v, "enterprise_id", "", now+1e9))[0], "forbidden")

	// A need event attached to li's need (highest stamp), then to his own
	// (last in the batch); and links to li's records.
	own := NewID()
	s.push(t, s.wang, s.op(visits.TypeNeed, own, "enterprise_id", s.mine, now))
	ev := NewID()
	rs := s.push(t, s.wang,
		s.op(visits.TypeNeedEvent, ev, "need_id", s.theirNeed, now+9000),
		s.op(visits.TypeNeedEvent, ev, "text", "越权", now+8001),
		s.op(visits.TypeNeedEvent, ev, "need_id", own, now+8002))
	wantCode(t, "need event on another officer's need", rs[0], "forbidden")
	wantApplied(t, "its text", rs[1])
	wantApplied(t, "need event on his own need", rs[2])
	must(t, s.h.s.View(func(r *Reader) error {
		evs, err := r.EventsOf(s.theirNeed)
		for _, e := range evs {
			if e.ID == ev {
				t.Errorf("the event shows in li's need's history")
			}
		}
		return err
	}))
	f := NewID()
	rs = s.push(t, s.wang,
		s.op(visits.TypeFollowUp, f, "enterprise_id", s.mine, now),
		s.op(visits.TypeFollowUp, f, "need_id", s.theirNeed, now+1))
	wantApplied(t, "follow-up in his enterprise", rs[0])
	wantCode(t, "follow-up linked to li's need", rs[1], "forbidden")
	vis := NewID()
	rs = s.push(t, s.wang,
		s.op(visits.TypeVisit, vis, "enterprise_id", s.mine, now),
		s.op(visits.TypeVisit, vis, "need_ids", []string{s.theirNeed}, now+1))
	wantCode(t, "visit linked to li's need", rs[1], "forbidden")

	// An admin's records still land where the merge says.
	admin := Principal{ID: "boss", Role: visits.RoleAdmin}
	x := NewID()
	s.push(t, admin, s.op(visits.TypeVisit, x, "enterprise_id", s.theirs, now+5000), s.op(visits.TypeVisit, x, "enterprise_id", s.mine, now+2000))
	page, err := s.h.Changes(s.li, 0, 100000)
	must(t, err)
	seen := false
	for _, ch := range page.Changes {
		seen = seen || ch.ID == x
	}
	if !seen {
		t.Errorf("admin's visit whose enterprise_id shows li's enterprise is not in li's scope")
	}
}

// Finding 3: a need's status only moves from a status HQ holds. closed
// over registered with base "" used to be taken as a conflict, and then
// closed "resolving" registered was applied: closed without the
// lifecycle.
func TestNeedLifecycleOnTheRecord(t *testing.T) {
	s := newScopeHQ(t)
	n := NewID()
	const now = 1_800_000_000_000
	rs := s.push(t, s.wang,
		s.op(visits.TypeNeed, n, "enterprise_id", s.mine, now),
		s.op(visits.TypeNeed, n, "status", visits.StatusRegistered, now+1))
	wantApplied(t, "a new need, registered", rs[1])
	reg := s.leaves(t, visits.TypeNeed, n, "status")[0].Stamp

	closed := s.op(visits.TypeNeed, n, "status", visits.StatusClosed, now+10)
	wantCode(t, "closed over registered with base \"\"", s.push(t, s.wang, closed)[0], "illegal_transition")
	resolve := s.op(visits.TypeNeed, n, "status", visits.StatusClosed, now+20)
	resolve.Base, resolve.Resolves = reg, []Stamp{reg}
	wantCode(t, "closed resolving registered", s.push(t, s.wang, resolve)[0], "illegal_transition")
	forged := s.op(visits.TypeNeed, n, "status", visits.StatusClosed, now+30)
	forged.Base = FormatStamp(now+25, 0, "devwang")
	wantCode(t, "a base HQ never held", s.push(t, s.wang, forged)[0], "unknown_base")
	other := s.op(visits.TypeNeed, NewID(), "status", visits.StatusReplied, now+40)
	if r := s.push(t, s.wang, other)[0]; r.Status != StatusRejected {
		t.Errorf("a new need starting as replied: %s", r.Status)
	}
	if ls := s.leaves(t, visits.TypeNeed, n, "status"); len(ls) != 1 || string(ls[0].Value) != `"registered"` {
		t.Fatalf("status at HQ: %+v, want registered only", ls)
	}

	// The lifecycle itself still works, conflicts and their resolution too.
	acc := s.op(visits.TypeNeed, n, "status", visits.StatusAccepted, now+50)
	acc.Base = reg
	wantApplied(t, "registered → accepted", s.push(t, s.wang, acc)[0])
	// Not terminal: nothing follows rejected (hq_lifecycle_test.go).
	rej := s.op(visits.TypeNeed, n, "status", visits.StatusReplied, now+60)
	rej.Base = reg // made concurrently, from registered
	if r := s.push(t, s.wang, rej)[0]; r.Status != StatusConflict {
		t.Fatalf("a concurrent registered → replied: %s %+v, want conflict", r.Status, r.Error)
	}
	keep := s.op(visits.TypeNeed, n, "status", visits.StatusAccepted, now+70)
	keep.Base, keep.Resolves = rej.Stamp, []Stamp{acc.Stamp}
	wantApplied(t, "resolving by keeping accepted", s.push(t, s.wang, keep)[0])
	if ls := s.leaves(t, visits.TypeNeed, n, "status"); len(ls) != 1 || string(ls[0].Value) != `"accepted"` {
		t.Errorf("after the resolution: %+v", ls)
	}
}

// Findings 4 and 6: a value nested 9,996 deep, a record id holding a NUL
// byte, a 40 KB op_id and a 20 KB record id are refused with bad_op, each
// on its own: HQ does not fail the batch (it used to answer 500 "key too
// large"), and takes the batch's other ops.
func TestMalformedOpsRefusedOneByOne(t *testing.T) {
	s := newScopeHQ(t)
	const now = 1_800_000_000_000
	v := NewID()
	deep := s.op(visits.TypeVisit, v, "x_newer_field", nil, now+1)
	deep.Value = json.RawMessage(strings.Repeat("[", 9996) + strings.Repeat("]", 9996))
	nul := s.op(visits.TypeVisit, "b\x00c", "enterprise_id", s.mine, now+2)
	longOpID := s.op(visits.TypeVisit, v, "summary", "长", now+3)
	longOpID.OpID = strings.Repeat("a", 40<<10)
	longID := s.op(visits.TypeVisit, strings.Repeat("v", 20<<10), "enterprise_id", s.mine, now+4)
	upper := s.op(visits.TypeVisit, v, "ENTERPRISE_ID", s.theirs, now+5)
	status := s.op(visits.TypeNeed, NewID(), "status", strings.Repeat("x", 200<<10), now+6)
	for _, p := range []Principal{s.wang, {ID: "boss", Role: visits.RoleAdmin}} {
		rs := s.push(t, p, s.op(visits.TypeVisit, v, "enterprise_id", s.mine, now), deep, nul, longOpID, longID, upper, status,
			s.op(visits.TypeVisit, v, "summary", "走访", now+7))
		if p.ID == "wang" {
			wantApplied(t, "the visit's enterprise", rs[0])
			wantApplied(t, "an op after the bad ones", rs[7])
		}
		for i, want := range []string{"nested", "id", "op_id", "id is 20480 bytes", "ENTERPRISE_ID", "status"} {
			r := rs[i+1]
			wantCode(t, p.ID+": "+want, r, "bad_op")
			if r.Error != nil && !strings.Contains(r.Error.Reason, want) {
				t.Errorf("%s: reason %q does not say %q", p.ID, r.Error.Reason, want)
			}
		}
	}
	if problems, err := s.h.s.Check(); err != nil || len(problems) > 0 {
		t.Errorf("HQ's check: %v %q", err, problems)
	}
	must(t, s.h.s.View(func(r *Reader) error {
		_, err := Get[visits.Visit](r, v)
		return err
	}))
}
