package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/liaison-dev/liaison/visits"
)

// A horizontal bar ends in a left-eighth block (▏…▉), never in a
// lower-eighth one (▁…▇), which belongs to vertical bars.
func TestBarsEndInLeftEighths(t *testing.T) {
	for _, l := range barChart([]string{"a", "b", "c"}, []int{8, 5, 3}, 2, 8) {
		if strings.ContainsAny(l, "▁▂▃▄▅▆▇") {
			t.Errorf("a horizontal bar with a lower-eighth block: %q", l)
		}
	}
	if l := barChart([]string{"a", "b"}, []int{8, 5}, 2, 8)[1]; !strings.Contains(l, "█████") {
		t.Errorf("5 of 8 over 8 cells: %q", l)
	} else if !strings.ContainsAny(barChart([]string{"a", "b"}, []int{16, 3}, 2, 3)[1], "▏▎▍▌▋▊▉") {
		t.Errorf("a part cell is not a left-eighth block: %q", barChart([]string{"a", "b"}, []int{16, 3}, 2, 3)[1])
	}
}

// q asks first only when a form with text is open: a visit form left with
// esc keeps its draft and is not open, so q quits at once.
func TestQuitAsksOnlyWithAnOpenForm(t *testing.T) {
	m := newTest(t, fixture(t, 10, 50), visits.ZH, 80, 24)
	press(m, "2", "n", "李经理")
	_, cmd := m.Update(keyMsg("ctrl+c"))
	if m.mode != modeConfirmQuit {
		t.Fatal("quitting with text in the open form did not ask")
	}
	press(m, "x", "esc") // go on, then leave the form (its draft keeps the text)
	if m.cur == scrVisitForm {
		t.Fatal("esc did not leave the form")
	}
	_, cmd = m.Update(keyMsg("q"))
	if m.mode == modeConfirmQuit || cmd == nil {
		t.Fatalf("q with no form open asked: %s", m.View())
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Fatal("q with no form open did not quit")
	}
}
