package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// TestZeroWidthDoesNotMoveColumns: an enterprise name holding U+200B,
// U+200C, U+200D, U+FEFF and U+2060 is shown without them, so the
// terminal and lipgloss count the same cells and the columns after the
// name stay where the other rows have them.
func TestZeroWidthDoesNotMoveColumns(t *testing.T) {
	zw := []string{"\u200b", "\u200c", "\u200d", "\ufeff", "\u2060"}
	for _, z := range zw {
		if got := clean("华" + z + "为"); got != "华为" {
			t.Errorf("clean kept %U: %q", []rune(z)[0], got)
		}
		if got := cleanLines("华" + z + "为\n第二行"); got != "华为\n第二行" {
			t.Errorf("cleanLines kept %U: %q", []rune(z)[0], got)
		}
	}
	s := fixture(t, 10, 20)
	err := s.Update(func(w *store.Writer) error {
		e := visits.Enterprise{Name: "兰州" + strings.Join(zw, "") + "零宽测试有限公司"}
		return w.AddEnterprise(&e, false)
	})
	if err != nil {
		t.Fatal(err)
	}
	m := newTest(t, s, visits.ZH, 100, 30)
	press(m, "2")
	view := m.View()
	for _, z := range zw {
		if strings.Contains(view, z) {
			t.Fatalf("the screen holds %U", []rune(z)[0])
		}
	}
	if !strings.Contains(view, "兰州零宽测试有限公司") {
		t.Fatalf("the name is not shown:\n%s", view)
	}
	for i, l := range strings.Split(view, "\n") {
		if lipgloss.Width(l) != 100 {
			t.Errorf("line %d is %d cells", i+1, lipgloss.Width(l))
		}
	}
}
