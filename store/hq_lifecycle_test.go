package store

import (
	"strings"
	"testing"

	"github.com/liaison-dev/liaison/visits"
)

// wangNeed makes a need in wang's enterprise with HQ's master data (which
// may start it in any status) and returns its id and status leaf.
func (s *scopeHQ) wangNeed(t *testing.T, status string) (string, Leaf) {
	t.Helper()
	n := visits.Need{EnterpriseID: s.mine, Category: "finance", Severity: visits.SeverityConsult, Title: "融资", Status: status}
	must(t, s.h.SaveRecords("hq", &n))
	return n.ID, s.leaves(t, visits.TypeNeed, n.ID, "status")[0]
}

func (s *scopeHQ) statusOp(id, to string, wall int64, base Stamp, resolves ...Stamp) Op {
	op := s.op(visits.TypeNeed, id, "status", to, wall)
	op.Base = base
	if resolves != nil {
		op.Resolves = resolves
	}
	return op
}

func (s *scopeHQ) wantStatus(t *testing.T, id string, want ...string) {
	t.Helper()
	ls := s.leaves(t, visits.TypeNeed, id, "status")
	var got []string
	for _, l := range ls {
		v, _ := jsonText(l.Value)
		got = append(got, v)
	}
	if len(got) != len(want) {
		t.Fatalf("status at HQ: %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("status at HQ: %v, want %v", got, want)
		}
	}
}

// Nothing follows a terminal status. A need goes registered → accepted →
// withdrawn by legal steps. Then, in two pushes: replied with base the
// accepted stamp (no longer a current leaf, only in HQ's history) is added
// beside withdrawn as a conflict (an honest laptop that replied offline
// does the same, and refusing it would make HQ's state depend on the
// order of syncs); replied "resolving" withdrawn then used to be applied:
// the need left withdrawn. A change that replaces a terminal leaf must set
// a terminal status.
func TestNeedCannotLeaveATerminalStatusViaHistory(t *testing.T) {
	s := newScopeHQ(t)
	const now = 1_800_000_000_000
	n, reg := s.wangNeed(t, visits.StatusRegistered)
	acc := s.statusOp(n, visits.StatusAccepted, now+10, reg.Stamp)
	wd := s.statusOp(n, visits.StatusWithdrawn, now+20, acc.Stamp)
	for i, r := range s.push(t, s.wang, acc, wd) {
		wantApplied(t, []string{"registered → accepted", "accepted → withdrawn"}[i], r)
	}

	replied := s.statusOp(n, visits.StatusReplied, now+30, acc.Stamp)
	if r := s.push(t, s.wang, replied)[0]; r.Status != StatusConflict {
		t.Fatalf("replied from accepted, made concurrently with withdrawn: %s %+v, want conflict", r.Status, r.Error)
	}
	keep := s.statusOp(n, visits.StatusReplied, now+40, wd.Stamp, replied.Stamp)
	r := s.push(t, s.wang, keep)[0]
	wantCode(t, "keeping replied, resolving withdrawn", r, "illegal_transition")
	if r.Error != nil && !strings.Contains(r.Error.Reason, "withdrawn") {
		t.Errorf("the refusal does not name the terminal status: %q", r.Error.Reason)
	}
	s.wantStatus(t, n, visits.StatusReplied, visits.StatusWithdrawn)

	// Every other way out of withdrawn stays shut: a step from withdrawn
	// itself, a step from the conflict's other leaf that resolves withdrawn,
	// a base from the history resolving it, base "".
	for _, op := range []Op{
		s.statusOp(n, visits.StatusReplied, now+50, replied.Stamp, wd.Stamp),
		s.statusOp(n, visits.StatusInProgress, now+60, replied.Stamp, wd.Stamp),
		s.statusOp(n, visits.StatusInProgress, now+70, wd.Stamp),
		s.statusOp(n, visits.StatusAssigned, now+80, acc.Stamp, wd.Stamp),
		s.statusOp(n, visits.StatusReplied, now+90, ""),
	} {
		if r := s.push(t, s.wang, op)[0]; !r.Refused() {
			t.Errorf("%s from %s resolving %v: %s, want refused", op.Value, op.Base, op.Resolves, r.Status)
		}
	}
	s.wantStatus(t, n, visits.StatusReplied, visits.StatusWithdrawn)

	// The conflict ends by keeping withdrawn.
	end := s.statusOp(n, visits.StatusWithdrawn, now+100, replied.Stamp, wd.Stamp)
	wantApplied(t, "keeping withdrawn, resolving replied", s.push(t, s.wang, end)[0])
	s.wantStatus(t, n, visits.StatusWithdrawn)
}

// HQ's status history holds only values that were a current leaf. An op
// carrying the op_id and stamp of a current leaf but another value changes
// nothing (Merge sees the leaf already there); it used to write its value
// into the history under that stamp all the same, so a later change based
// on that stamp was judged from a status the need never had.
func TestNeedHistoryHoldsOnlyStatusesHQHeld(t *testing.T) {
	s := newScopeHQ(t)
	const now = 1_800_000_000_000
	n, acc := s.wangNeed(t, visits.StatusAccepted)
	forged := s.statusOp(n, visits.StatusReplied, now+10, acc.Stamp)
	forged.OpID, forged.Stamp = acc.OpID, acc.Stamp
	if r := s.push(t, s.wang, forged)[0]; r.Status == StatusConflict || r.Refused() && r.Error.Code != "illegal_transition" {
		t.Fatalf("an op that is already a leaf: %s %+v", r.Status, r.Error)
	}
	s.wantStatus(t, n, visits.StatusAccepted)
	wantApplied(t, "accepted → assigned", s.push(t, s.wang, s.statusOp(n, visits.StatusAssigned, now+20, acc.Stamp))[0])
	closed := s.statusOp(n, visits.StatusClosed, now+30, acc.Stamp)
	wantCode(t, "closed from accepted (the forged op said replied)", s.push(t, s.wang, closed)[0], "illegal_transition")
	s.wantStatus(t, n, visits.StatusAssigned)
}
