package tui

import (
	"strings"
	"testing"

	"github.com/liaison-dev/liaison/visits"
)

// When the help of a screen with many keys does not fit one list (80×20)
// it stands in two columns: the screen's keys on the left, the global
// ones on the right, each under its own heading.
func TestHelpColumnsKeepTheirHeadings(t *testing.T) {
	m := newTest(t, fixture(t, 20, 100), visits.EN, 80, 20)
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
	checkFrame(t, m.View(), 80, 20)
}

// Every key is listed once: j/k (and the other global keys) are not
// repeated under the screen's own keys.
func TestHelpListsKeysOnce(t *testing.T) {
	m := newTest(t, fixture(t, 20, 100), visits.ZH, 100, 40)
	for _, tab := range []string{"1", "2", "3", "4", "5", "6"} {
		press(m, tab, "?")
		v := m.View()
		for _, k := range []string{"j/down", "k/up", "esc "} {
			if n := strings.Count(v, k); n != 1 {
				t.Errorf("screen %s: help lists %q %d times:\n%s", tab, k, n, v)
			}
		}
		press(m, "esc")
	}
}
