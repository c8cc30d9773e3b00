package store

import (
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
// accepted stamp (no longer a current leaf, only in HQ's history) used to
// be added beside withdrawn as a conflict, and replied "resolving" it
// was then applied: the need left withdrawn. A change whose base HQ holds
// only in its history is refused while a current leaf is terminal.
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
	r := s.push(t, s.wang, replied)[0]
	wantCode(t, "replied from accepted, which HQ holds only in its history, beside withdrawn", r, "illegal_transition")
	if r.Error != nil && r.Error.Reason == "" {
		t.Error("the refusal gives no reason")
	}
	keep := s.statusOp(n, visits.StatusReplied, now+40, wd.Stamp, replied.Stamp)
	if r := s.push(t, s.wang, keep)[0]; !r.Refused() {
		t.Errorf("keeping replied over withdrawn: %s, want refused", r.Status)
	}
	s.wantStatus(t, n, visits.StatusWithdrawn)

	// Every other way out of withdrawn stays shut: a step from withdrawn
	// itself, a base from the history resolving the terminal leaf, base "".
	for _, op := range []Op{
		s.statusOp(n, visits.StatusInProgress, now+50, wd.Stamp),
		s.statusOp(n, visits.StatusAssigned, now+60, acc.Stamp, wd.Stamp),
		s.statusOp(n, visits.StatusAccepted, now+70, reg.Stamp),
		s.statusOp(n, visits.StatusReplied, now+80, ""),
	} {
		if r := s.push(t, s.wang, op)[0]; !r.Refused() {
			t.Errorf("%s from %s resolving %v: %s, want refused", op.Value, op.Base, op.Resolves, r.Status)
		}
	}
	s.wantStatus(t, n, visits.StatusWithdrawn)

	// A concurrent change to the same terminal status is no step out of it.
	twice := s.statusOp(n, visits.StatusWithdrawn, now+90, acc.Stamp)
	if r := s.push(t, s.wang, twice)[0]; r.Refused() {
		t.Errorf("a second, concurrent accepted → withdrawn: %+v", r.Error)
	}

	// Concurrent changes while the need is not terminal still meet as a
	// conflict, one that the other side's change made terminal included.
	m, reg2 := s.wangNeed(t, visits.StatusRegistered)
	acc2 := s.statusOp(m, visits.StatusAccepted, now+100, reg2.Stamp)
	wantApplied(t, "registered → accepted", s.push(t, s.wang, acc2)[0])
	rej := s.statusOp(m, visits.StatusRejected, now+110, reg2.Stamp)
	if r := s.push(t, s.wang, rej)[0]; r.Status != StatusConflict {
		t.Fatalf("a concurrent registered → rejected over accepted: %s %+v, want conflict", r.Status, r.Error)
	}
	s.wantStatus(t, m, visits.StatusRejected, visits.StatusAccepted)
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
