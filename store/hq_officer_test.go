package store

import (
	"strings"
	"testing"

	"github.com/liaison-dev/liaison/visits"
)

// An officer id is a record id: one that CheckOp would refuse is refused
// when the officer is added, with a message that says what an id may hold,
// not later as a bad_op from saving the officer's record.
func TestAddOfficerChecksTheID(t *testing.T) {
	h := openTestHQ(t)
	for _, bad := range []string{"", "wang#2", "wang.li", "wang li", "a\x00b", "\x1b]0;x\x07", strings.Repeat("w", MaxIDBytes+1)} {
		_, err := h.AddOfficer(bad, "王", visits.RoleLiaison)
		if err == nil {
			t.Fatalf("AddOfficer(%q) accepted", bad)
		}
		if !strings.Contains(err.Error(), "干部编号") || strings.ContainsAny(err.Error(), "\x00\x1b") {
			t.Errorf("AddOfficer(%q): %v", bad, err)
		}
	}
	for _, good := range []string{"wang", "wang_2", "王建国", "li-3@district"} {
		if _, err := h.AddOfficer(good, "王", visits.RoleLiaison); err != nil {
			t.Errorf("AddOfficer(%q): %v", good, err)
		}
	}
}
