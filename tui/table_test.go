package tui

import (
	"regexp"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/liaison-dev/liaison/visits"
)

func testTable(c *common, rows [][]string, cols ...column) *table {
	t := &table{c: c, cursor: true, head: true, cols: cols}
	t.set(len(rows), func(i int) []string { return rows[i] })
	return t
}

// Columns share the width: a name is whole when the row has room for it,
// short of room columns give up cells in proportion, numbers stand
// right-aligned by display width (a Chinese character is two cells), and
// every line is exactly the width.
func TestTableSharesTheWidth(t *testing.T) {
	c := &common{styles: newStyles(false)}
	rows := [][]string{
		{"兰州陇原智能装备科技有限公司", "省级科技创新型企业", "12"},
		{"华为", "高新技术企业", "3"},
	}
	cols := []column{{title: "企业名称", min: 12, flex: 1}, {title: "层级", min: 8, max: 18}, {title: "诉求", min: 4, right: true}}
	tb := testTable(c, rows, cols...)
	for _, w := range []int{120, 80, 50, 30} {
		v := tb.View(w, 4)
		lines := strings.Split(v, "\n")
		for _, l := range lines {
			if displayWidth(l) != w {
				t.Errorf("w=%d: line %q is %d cells", w, l, displayWidth(l))
			}
		}
		widths := tb.widths(w, 0, 2)
		if w >= 60 && !strings.Contains(v, rows[0][0]) {
			t.Errorf("w=%d: the name is cut though the row has room:\n%s", w, v)
		}
		// Short of width, both give up cells, in proportion to what they
		// have above their minimum (name 28-12, tier 18-8).
		if w == 50 && (widths[0] >= displayWidth(rows[0][0]) || widths[1] >= 18 || widths[0] < 22 || widths[1] < 15) {
			t.Errorf("w=50: widths %v, want both cut, in proportion", widths)
		}
		if w >= 50 {
			// 12 and 3 end in the same column.
			a, b := lines[1], lines[2]
			if displayWidth(a[:strings.Index(a, "12")+2]) != displayWidth(b[:strings.Index(b, "3")+1]) {
				t.Errorf("w=%d: numbers not right-aligned:\n%s", w, v)
			}
		}
	}
	// Selection stays in view while moving down a long table.
	long := make([][]string, 100)
	for i := range long {
		long[i] = []string{"兰州", "x", "1"}
	}
	tb = testTable(c, long, cols...)
	for i := 0; i < 60; i++ {
		tb.move(1)
		if v := tb.View(40, 10); !strings.Contains(v, "> ") {
			t.Fatalf("row %d selected but not shown:\n%s", tb.sel, v)
		}
	}
}

// At 120 columns the lists show names and titles whole (they were cut
// at 24 cells with half the row blank); at 80 they still fit the frame.
func TestWideTerminalShowsWholeText(t *testing.T) {
	s := fixture(t, 40, 400)
	cutCJK := regexp.MustCompile(`[\p{Han}”]` + regexp.QuoteMeta(tail))
	for _, lang := range []visits.Lang{visits.ZH, visits.EN} {
		for _, sc := range []struct {
			name string
			keys []string
		}{{"today", nil}, {"enterprises", []string{"2"}}, {"needs", []string{"3"}}, {"followups", []string{"4"}},
			{"detail visits", []string{"2", "enter", "l"}}} {
			m := newTest(t, s, lang, 120, 40)
			press(m, sc.keys...)
			v := m.View()
			lines := strings.Split(v, "\n")
			body := strings.Join(lines[1:len(lines)-1], "\n")
			if sc.name == "detail visits" { // summaries are long: only the list's other columns must be whole
				body = ""
			}
			if cutCJK.MatchString(body) {
				t.Errorf("%s %s: text cut at 120 columns:\n%s", lang, sc.name, v)
			}
			checkFrame(t, v, 120, 40)
		}
	}
}

// A field's error stands just after the field, not 60 columns away.
func TestFieldErrorStandsBesideItsField(t *testing.T) {
	m := newTest(t, fixture(t, 10, 50), visits.ZH, 120, 40)
	press(m, "2", "enter", "r", "ctrl+o")
	for _, l := range strings.Split(m.View(), "\n") {
		i := strings.Index(l, "! ")
		if i < 0 || !strings.Contains(l, "不能为空") {
			continue
		}
		before := strings.TrimRight(l[:i], " ")
		if gap := displayWidth(l[:i]) - displayWidth(before); gap > 3 {
			t.Errorf("the error stands %d cells from its field: %q", gap, l)
		}
	}
}

// A filter that matches nothing keeps the column titles and says so.
func TestEnterprisesNoMatchKeepsTitles(t *testing.T) {
	m := newTest(t, fixture(t, 5, 10), visits.ZH, 80, 24)
	press(m, "2", "/", "zzzzzz")
	s := m.screens[scrEnterprises].(*enterprises)
	run(m, func() tea.Msg { return filterTickMsg{seq: s.seq} })
	v := m.View()
	if !strings.Contains(v, "企业名称") || !strings.Contains(v, "没有匹配的企业") {
		t.Errorf("no match:\n%s", v)
	}
}
