package visits

import (
	"errors"
	"strings"
	"testing"
)

// allowedPairs is domain.md's table written out pair by pair, independent
// of the implementation.
var allowedPairs = map[string]bool{
	"registered>accepted": true, "registered>rejected": true, "registered>replied": true, "registered>withdrawn": true,
	"accepted>assigned": true, "accepted>replied": true, "accepted>rejected": true, "accepted>withdrawn": true,
	"assigned>in_progress": true, "assigned>assigned": true, "assigned>suspended": true, "assigned>replied": true, "assigned>withdrawn": true,
	"in_progress>replied": true, "in_progress>suspended": true, "in_progress>withdrawn": true,
	"suspended>in_progress": true, "suspended>closed": true,
	"replied>closed": true, "replied>in_progress": true, "replied>replied": true,
	"closed>in_progress": true,
}

func TestCheckTransitionEveryPair(t *testing.T) {
	statuses := Codes(KindStatus)
	if len(statuses) != 9 {
		t.Fatalf("want 9 statuses, got %v", statuses)
	}
	n := 0
	for _, from := range statuses {
		for _, to := range statuses {
			want := allowedPairs[from+">"+to]
			if want {
				n++
			}
			// A reason and the matching satisfaction: only the table decides.
			err := CheckTransition(from, to, "because", satisfactionFor(to))
			if want && err != nil {
				t.Errorf("%s → %s: unexpected %v", from, to, err)
			}
			if !want {
				if !errors.Is(err, ErrIllegalTransition) {
					t.Errorf("%s → %s: err = %v, want ErrIllegalTransition", from, to, err)
				} else if allowed := AllowedTransitions(from); len(allowed) > 0 && !strings.Contains(err.Error(), strings.Join(allowed, ", ")) {
					t.Errorf("%s → %s: message %q does not list %v", from, to, err, allowed)
				}
			}
			got := false
			for _, a := range AllowedTransitions(from) {
				got = got || a == to
			}
			if got != want {
				t.Errorf("AllowedTransitions(%s) contains %s = %v, want %v", from, to, got, want)
			}
		}
	}
	if n != len(allowedPairs) {
		t.Errorf("table test covered %d allowed pairs, map has %d (typo in a code?)", n, len(allowedPairs))
	}
}

// satisfactionFor returns a satisfaction that leads to status from replied,
// so the every-pair test passes the revisit rule when the pair is allowed.
func satisfactionFor(to string) string {
	switch to {
	case StatusClosed:
		return SatSatisfied
	case StatusInProgress:
		return SatUnsatisfied
	case StatusReplied:
		return SatUnreached
	}
	return ""
}

func TestCheckTransitionRules(t *testing.T) {
	tests := []struct {
		from, to, reason, sat string
		want                  error
	}{
		{"assigned", "suspended", "", "", ErrReasonRequired},
		{"assigned", "suspended", "  ", "", ErrReasonRequired},
		{"in_progress", "suspended", "waiting for budget", "", nil},
		{"registered", "rejected", "", "", ErrReasonRequired},
		{"accepted", "rejected", "not our remit", "", nil},
		{"closed", "in_progress", "", "", ErrReasonRequired},
		{"closed", "in_progress", "enterprise called again", "", nil},
		{"suspended", "in_progress", "", "", nil},
		{"suspended", "closed", "", "", nil},
		{"registered", "withdrawn", "", "", nil},
		{"replied", "closed", "", SatSatisfied, nil},
		{"replied", "closed", "", SatBasic, nil},
		{"replied", "closed", "", SatUnsatisfied, ErrSatisfaction},
		{"replied", "closed", "", "", ErrSatisfaction},
		{"replied", "in_progress", "", SatUnsatisfied, nil},
		{"replied", "in_progress", "", SatSatisfied, ErrSatisfaction},
		{"replied", "replied", "", SatUnreached, nil},
		{"replied", "replied", "", SatBasic, ErrSatisfaction},
		{"replied", "withdrawn", "x", SatUnreached, ErrIllegalTransition},
		{"rejected", "in_progress", "x", "", ErrIllegalTransition},
		{"bogus", "accepted", "", "", ErrIllegalTransition},
		{"registered", "bogus", "", "", ErrIllegalTransition},
		{"registered", "", "", "", ErrIllegalTransition},
	}
	for _, tt := range tests {
		err := CheckTransition(tt.from, tt.to, tt.reason, tt.sat)
		if (tt.want == nil) != (err == nil) || (tt.want != nil && !errors.Is(err, tt.want)) {
			t.Errorf("CheckTransition(%q, %q, %q, %q) = %v, want %v", tt.from, tt.to, tt.reason, tt.sat, err, tt.want)
		}
	}
}

func TestTerminal(t *testing.T) {
	for _, s := range Codes(KindStatus) {
		want := s == StatusRejected || s == StatusWithdrawn
		if Terminal(s) != want {
			t.Errorf("Terminal(%s) = %v", s, !want)
		}
		if want != (len(AllowedTransitions(s)) == 0) {
			t.Errorf("%s: Terminal and AllowedTransitions disagree", s)
		}
	}
	err := CheckTransition(StatusWithdrawn, StatusAccepted, "", "")
	if err == nil || !strings.Contains(err.Error(), "final") {
		t.Errorf("terminal message = %v", err)
	}
}

func TestRevisitTarget(t *testing.T) {
	for sat, want := range map[string]string{
		SatSatisfied: StatusClosed, SatBasic: StatusClosed, SatUnsatisfied: StatusInProgress,
		SatUnreached: StatusReplied, "": "", "meh": "",
	} {
		if got := RevisitTarget(sat); got != want {
			t.Errorf("RevisitTarget(%q) = %q, want %q", sat, got, want)
		}
	}
}
