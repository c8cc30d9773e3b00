package tui

import (
	"regexp"
	"strings"
	"testing"

	"github.com/liaison-dev/liaison/visits"
)

// The 周报 screen is tables and bars, not Markdown: no pipes or rules,
// numbers right-aligned in their columns (by display width, Chinese two
// cells), every line within the width, and j/k scroll to the end.
func TestReportIsTablesNotMarkdown(t *testing.T) {
	s := fixture(t, 40, 400)
	for _, lang := range []visits.Lang{visits.ZH, visits.EN} {
		for _, w := range []int{80, 120} {
			m := newTest(t, s, lang, w, 30)
			press(m, "6")
			r := m.screens[scrReport].(*report)
			lines := r.reportLines(w)
			all := strings.Join(lines, "\n")
			if testing.Verbose() && w == 120 {
				t.Logf("%s\n%s", lang, all)
			}
			if strings.Contains(all, "|") || strings.Contains(all, "---") || strings.Contains(all, "# ") {
				t.Errorf("%s %d: the report shows Markdown:\n%s", lang, w, all)
			}
			for _, l := range lines {
				if displayWidth(l) > w {
					t.Errorf("%s %d: line wider than the screen: %q", lang, w, l)
				}
			}
			// The visits table: the week's figure of every row ends in
			// the same column as its title.
			title := m.c.t("report.col.week")
			var col int
			rows := 0
			num := regexp.MustCompile(`^(.*?\S)\s+(\d+)\s+(\d+|-)\s+([+-]?\d+|-)`)
			for _, l := range lines {
				if strings.HasPrefix(l, m.c.t("report.col.item")) && col == 0 {
					i := strings.Index(l, title)
					col = displayWidth(l[:i]) + displayWidth(title)
					continue
				}
				if col == 0 {
					continue
				}
				mm := num.FindStringSubmatchIndex(l)
				if mm == nil {
					break
				}
				if end := displayWidth(l[:mm[5]]); end != col {
					t.Errorf("%s %d: %q: figure ends at %d, the title at %d", lang, w, l, end, col)
				}
				rows++
			}
			if rows < 5 {
				t.Errorf("%s %d: the visits table has %d rows:\n%s", lang, w, rows, all)
			}
			// Scrolling reaches the last line and stops there.
			for i := 0; i < len(lines); i++ {
				press(m, "j")
			}
			v := strings.Split(m.View(), "\n")
			if got := strings.TrimRight(v[len(v)-2], " "); got != strings.TrimRight(lines[len(lines)-1], " ") {
				t.Errorf("%s %d: scrolled to the end shows %q, want the last line %q", lang, w, got, lines[len(lines)-1])
			}
		}
	}
}
