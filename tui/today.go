package tui

import (
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/liaison-dev/liaison/visits"
)

// today is the home screen: what is owed, due and overdue, the sync state
// and two charts. Every line is an item the cursor can open.
type today struct {
	c     *common
	sel   int
	items []todayItem
	tbls  [3]table // one per section; the selection is in one of them
	nameW int      // the widest name of the items (build), not measured again each frame
}

type todayItem struct {
	section int // 0 owed, 1 follow-ups, 2 needs
	ent     string
	need    string
	owed    *visits.Obligation // section 0: the visit owed (in the snapshot)
	src     int                // the index in the snapshot's owed, fus or overdue
}

func newToday(c *common) *today {
	s := &today{c: c}
	due := column{min: 10, max: 15}
	name := column{min: 12, max: 40} // View gives the sections one width
	s.tbls[0].cols = []column{due, name, {min: 8, max: 24}, {min: 6, max: 30, flex: 1}}
	s.tbls[1].cols = []column{due, name, {min: 8, flex: 2}}
	s.tbls[2].cols = []column{due, name, {min: 8, flex: 2}, {min: 6, max: 12}}
	for i := range s.tbls {
		s.tbls[i].c, s.tbls[i].cursor = c, true
	}
	return s
}

func (s *today) Init() tea.Cmd   { return nil }
func (s *today) Title() string   { return s.c.t("tab.today") }
func (s *today) Capturing() bool { return false }

func (s *today) Keys() []key.Binding {
	k := s.c.keys
	return []key.Binding{k.Up, k.Down, k.Enter, k.NewVisit}
}

func (s *today) Hint(w int) string {
	k := s.c.keys
	return footer(w, k.Help, k.Enter, k.NewVisit, k.Jump, k.Quit)
}

func (s *today) Update(msg tea.Msg) (screen, tea.Cmd) {
	k := s.c.keys
	switch msg := msg.(type) {
	case snapshotMsg, homeMsg:
		s.build()
	case tea.KeyMsg:
		if s.c.snap == nil && !key.Matches(msg, k.Up, k.Down) {
			// The first frame from the home cache: what the rows open
			// needs the snapshot, loading behind it.
			return s, nil
		}
		switch {
		case key.Matches(msg, k.Up):
			s.sel = max(0, s.sel-1)
		case key.Matches(msg, k.Down):
			s.sel = min(len(s.items)-1, s.sel+1)
		case key.Matches(msg, k.Enter) && s.sel < len(s.items):
			it := s.items[s.sel]
			if it.section == 2 {
				return s, nav(navMsg{to: scrNeeds, need: it.need})
			}
			if it.section == 1 {
				return s, nav(navMsg{to: scrFollowUps})
			}
			return s, nav(navMsg{to: scrDetail, ent: it.ent})
		case key.Matches(msg, k.NewVisit):
			// On a visit owed, the new visit is that visit: its
			// occasion and enterprise, and saving it settles it.
			n := navMsg{to: scrVisitForm}
			if s.sel < len(s.items) {
				n.ent, n.owed = s.items[s.sel].ent, s.items[s.sel].owed
			}
			return s, nav(n)
		}
	}
	return s, nil
}

func nav(n navMsg) tea.Cmd { return func() tea.Msg { return n } }

// home is the snapshot the home screen draws: the loaded one, else the
// home cache's until it is loaded (nil before either).
func (c *common) home() *snapshot {
	if c.snap != nil {
		return c.snap
	}
	return c.early
}

// build makes the items from the snapshot: what the cursor opens, not
// their text. The cells of an item are made when it is drawn (cells), so
// a start-up over thousands of items owed makes only the rows on the
// screen; the names are measured once, for their column, where the
// snapshot is made (snapshot.nameW) or else here.
func (s *today) build() {
	sn := s.c.home()
	if sn == nil {
		return
	}
	s.items = slices.Grow(s.items[:0], len(sn.owed)+len(sn.fus)+len(sn.overdue))
	for i := range s.tbls {
		s.tbls[i].changed()
	}
	s.nameW = sn.homeNameWidth()
	for i := range sn.owed {
		o := &sn.owed[i]
		s.items = append(s.items, todayItem{section: 0, ent: o.EnterpriseID, owed: &o.Obligation, src: i})
	}
	for i, f := range sn.fus {
		s.items = append(s.items, todayItem{section: 1, ent: f.EnterpriseID, src: i})
	}
	for i, n := range sn.overdue {
		s.items = append(s.items, todayItem{section: 2, ent: n.EnterpriseID, need: n.ID, src: i})
	}
	s.sel = min(s.sel, max(0, len(s.items)-1))
}

// cells are the text of item i: due, name and what is due.
func (s *today) cells(i int) []string {
	sn, c := s.c.home(), s.c
	it := s.items[i]
	td := visits.DateOf(sn.at)
	switch it.section {
	case 0:
		o := &sn.owed[it.src]
		reason := c.label(visits.KindObligationReason, o.Reason)
		if o.Reason == "" {
			reason = ""
		}
		return []string{dueText(c, o.Due, td), o.name, c.label(visits.KindOccasion, o.Occasion), reason}
	case 1:
		f := &sn.fus[it.src]
		return []string{dueText(c, f.Due, td), sn.entName(f.EnterpriseID), clean(f.Action)}
	}
	n := &sn.overdue[it.src]
	return []string{dueText(c, sn.overdueDue[it.src], td), sn.entName(n.EnterpriseID), clean(n.Title),
		c.label(visits.KindStatus, n.Status)}
}

// dueText is the date with "overdue" or "today" when it applies.
func dueText(c *common, d, today visits.Date) string {
	if d == "" {
		return "-"
	}
	day := string(d)
	if len(d) == 10 && d.Year() == today.Year() {
		day = day[5:] // this year: month and day are enough
	}
	switch {
	case d < today:
		return day + " " + c.t("due.late")
	case d == today:
		return day + " " + c.t("due.today")
	}
	return day
}

func (s *today) View(w, h int) string {
	sn, c := s.c.home(), s.c
	if sn == nil {
		return c.t("loading")
	}
	chartH := 7
	if h < 18 {
		chartH = 0
	}
	listH := h - chartH - 1 // one line of status
	counts := [3]int{len(sn.owed), len(sn.fus), len(sn.overdue)}
	heads := [3]string{c.tf("today.owed", counts[0]), c.tf("today.followups", counts[1]), c.tf("today.needs", counts[2])}
	// Share the rows between the three sections: a third each, then
	// what is left to those with more.
	rows := [3]int{}
	left := listH - 3
	for i := range rows {
		rows[i] = min(counts[i], max(1, left/3))
	}
	left -= max(rows[0], 1) + max(rows[1], 1) + max(rows[2], 1)
	for i := range rows {
		add := max(0, min(left, counts[i]-rows[i]))
		rows[i] += add
		left -= add
	}
	// The three sections' names stand in one column, as wide as the
	// longest name needs (up to three tenths of the width).
	nameW := min(max(12, s.nameW), max(12, w*3/10))
	for i := range s.tbls {
		s.tbls[i].cols[1] = column{min: nameW, max: nameW}
	}
	var lines []string
	idx := 0
	for sec := 0; sec < 3; sec++ {
		lines = append(lines, c.styles.heading.Render(heads[sec]))
		start := idx
		if counts[sec] == 0 {
			lines = append(lines, "  "+c.styles.dim.Render(c.t("today.none")))
		} else {
			// The selection shows in its own section's table only.
			t := &s.tbls[sec]
			t.sel = -1
			if s.sel >= start && s.sel < start+counts[sec] {
				t.sel = s.sel - start
			}
			t.set(counts[sec], func(i int) []string { return s.cells(start + i) })
			if t.sel < 0 {
				t.top = 0
			}
			lines = append(lines, strings.Split(t.View(w, rows[sec]), "\n")...)
		}
		idx += counts[sec]
	}
	lines = block2(lines, listH)
	lines = append(lines, s.statusLine(w))
	if chartH > 0 {
		lines = append(lines, s.charts(w, chartH)...)
	}
	return strings.Join(lines, "\n")
}

// block2 cuts or pads a list of lines to n.
func block2(lines []string, n int) []string {
	if len(lines) > n {
		return lines[:n]
	}
	for len(lines) < n {
		lines = append(lines, "")
	}
	return lines
}

func (s *today) statusLine(w int) string {
	sn, c := s.c.home(), s.c
	last := c.t("status.never")
	if !sn.status.LastSync.IsZero() {
		last = sn.status.LastSync.In(visits.Shanghai).Format("2006-01-02 15:04")
	}
	line := c.tf("status.line", sn.status.Pending, last, sn.status.Conflicts)
	if sn.noCal {
		line += " | " + c.t("status.default_calendar")
	}
	return c.styles.status.Render(cut(line, w))
}

// charts: visits per day over two weeks (left), open needs by status
// (right).
func (s *today) charts(w, h int) []string {
	sn, c := s.c.home(), s.c
	total := 0
	for _, v := range sn.perDay {
		total += v
	}
	left := []string{c.styles.heading.Render(c.tf("chart.visits", total))}
	cols := columnChart(sn.perDay[:], h-3)
	left = append(left, cols...)
	td := visits.DateOf(sn.at)
	first := td.AddDays(-13)
	left = append(left, fit(string(first[5:]), 14)+fit(string(td[5:]), 14))
	peak := 0
	for _, v := range sn.perDay {
		peak = max(peak, v)
	}
	left = append(left, c.tf("chart.peak", peak))
	var labels []string
	var values []int
	open := 0
	for _, st := range openStatuses {
		labels = append(labels, c.label(visits.KindStatus, st))
		values = append(values, sn.byStat[st])
		open += sn.byStat[st]
	}
	right := []string{c.styles.heading.Render(c.tf("chart.needs", open))}
	right = append(right, barChart(labels, values, 12, max(4, w-30-12-8))...)
	out := make([]string, h)
	for i := range out {
		l, r := "", ""
		if i < len(left) {
			l = left[i]
		}
		if i < len(right) {
			r = right[i]
		}
		out[i] = fit(l, 30) + r
	}
	return out
}
