package tui

import (
	"strings"
	"testing"

	"github.com/liaison-dev/liaison/visits"
)

// At 80×24 the help of a screen with many keys stands in two columns:
// the screen's keys on the left, the global ones on the right, each
// under its own heading.
func TestHelpColumnsKeepTheirHeadings(t *testing.T) {
	m := newTest(t, fixture(t, 20, 100), visits.EN, 80, 24)
	press(m, "3", "?")
	lines := strings.Split(m.View(), "\n")
	var head string
	for _, l := range lines {
		if strings.Contains(l, "This screen") {
			head = l
		}
	}
	if !strings.Contains(head, "Everywhere") {
		t.Fatalf("the two headings are not on one row:\n%s", m.View())
	}
	checkFrame(t, m.View(), 80, 24)
}
