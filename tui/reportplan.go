package tui

import (
	"strings"

	"github.com/liaison-dev/liaison/visits/render"
)

// The 周报 screen's plan sections (目标完成情况, 梯度存量, the funnel, the
// needs matrix, late needs by unit, coverage by officer, street and unit,
// readiness gaps) and texts (报送稿, 下周工作计划, 存在问题及建议) are the
// tables and notes the exports write (render.Tables, render.Notes), so the
// screen and the files cannot disagree; this draws them with the screen's
// table.

// planLines draws the plan's tables w cells wide, each under its heading.
func (s *report) planLines(w int) []string {
	var out []string
	for _, t := range render.Tables(*s.rep, s.c.lang) {
		out = append(out, "", s.c.styles.heading.Render(cut(t.Title, w)))
		out = append(out, s.genericTable(t, w)...)
	}
	return out
}

// noteLines draws the notes, wrapped to w.
func (s *report) noteLines(w int) []string {
	var out []string
	for _, n := range render.Notes(*s.rep, s.c.lang) {
		out = append(out, "", s.c.styles.heading.Render(cut(n.Title, w)))
		for _, para := range strings.Split(cleanLines(n.Text), "\n") {
			out = append(out, wrapWords(para, w)...) // English breaks at spaces
		}
	}
	return out
}

// genericTable draws one render.Table: its first column takes what is
// left, numbers stand right.
func (s *report) genericTable(t render.Table, w int) []string {
	if len(t.Rows) == 0 {
		return []string{s.c.t("report.none")}
	}
	cols := make([]column, len(t.Head))
	for i, h := range t.Head {
		cols[i] = column{title: h, min: 4}
		if i < len(t.Num) && t.Num[i] {
			cols[i].right = true
		}
	}
	cols[0].min, cols[0].max = 8, max(8, w/2)
	tb := &table{c: s.c, head: true, cols: cols}
	tb.set(len(t.Rows), func(i int) []string {
		row := make([]string, len(t.Rows[i]))
		for j, c := range t.Rows[i] {
			row[j] = strings.ReplaceAll(clean(c), "—", "-") // an em dash is two cells wide in some Chinese terminals
		}
		return row
	})
	return tb.lines(w)
}
