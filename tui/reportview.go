package tui

import (
	"fmt"
	"strconv"

	"github.com/liaison-dev/liaison/visits"
)

// The 周报 screen draws the report's figures (visits.Report) as tables
// and bars, measured by display width; it parses no Markdown. The
// exports (md, csv, xlsx) are rendered by visits.

// reportLines draws the whole report w cells wide; the screen scrolls
// over it.
func (s *report) reportLines(w int) []string {
	c, r := s.c, s.rep
	var out []string
	section := func(title string) {
		out = append(out, "", c.styles.heading.Render(cut(title, w)))
	}
	out = append(out, s.infoLines(w)...)

	section(c.tf("report.sec.visits", r.Visits.Total.Value))
	var rows []figRow
	rows = append(rows, figRow{c.t("report.visits_total"), r.Visits.Total, false})
	for _, f := range r.Visits.ByOccasion {
		rows = append(rows, figRow{c.label(visits.KindOccasion, f.Code), f.Figure, true})
	}
	for _, f := range r.Visits.ByMethod {
		rows = append(rows, figRow{c.t("report.method") + c.label(visits.KindMethod, f.Code), f.Figure, true})
	}
	out = append(out, s.figTable(rows, w)...)

	section(c.t("report.sec.coverage"))
	cv := r.Coverage
	out = append(out, s.figTableOf(cv.Assigned.Value, []figRow{{c.t("report.assigned"), cv.Assigned, false},
		{c.t("report.visited_week"), cv.VisitedWeek, true}, {c.t("report.visited_month"), cv.VisitedMonth, true},
		{c.t("report.never"), cv.Never, true}}, w)...)

	section(c.t("report.sec.lists"))
	rows = nil
	for _, l := range r.Lists {
		name := c.label(visits.KindList, l.Code)
		rows = append(rows, figRow{name, l.Members, true}, figRow{name + c.t("report.visited_year"), l.VisitedYear, true})
	}
	out = append(out, s.figTable(rows, w)...)

	section(c.t("report.sec.needs"))
	out = append(out, s.needTable(w)...)

	section(c.t("report.sec.revisits"))
	rows = []figRow{{c.t("report.revisits_total"), r.Revisits.Total, false}}
	for _, f := range r.Revisits.BySatisfaction {
		rows = append(rows, figRow{c.label(visits.KindSatisfaction, f.Code), f.Figure, true})
	}
	out = append(out, s.figTable(rows, w)...)
	out = append(out, cut(c.tf("report.rate", percent(r.Revisits.Rate), percent(r.Revisits.PrevRate)), w))

	section(c.t("report.sec.pipeline"))
	rows = []figRow{{c.t("report.pipeline_total"), r.Pipeline.Total, false}}
	for _, f := range r.Pipeline.ByStage {
		rows = append(rows, figRow{s.stageLabel(f.Code), f.Figure, true})
	}
	for _, b := range r.Pipeline.ByBatch {
		item := s.batchLabel(b.Batch)
		switch {
		case b.Deadline == "":
		case b.DaysLeft < 0:
			item += " " + c.tf("report.batch_closed", b.Deadline)
		default:
			item += " " + c.tf("report.batch_left", b.Deadline, b.DaysLeft)
		}
		rows = append(rows, figRow{item, b.Planned, true})
	}
	out = append(out, s.figTable(rows, w)...)
	next := c.t("report.none")
	if r.Pipeline.NextBatch != 0 {
		next = c.tf("report.next_batch_is", s.batchLabel(r.Pipeline.NextBatch), r.Pipeline.NextDeadline, r.Pipeline.DaysToNextBatch)
	}
	out = append(out, cut(c.t("report.next_batch")+" "+next, w))

	out = append(out, s.planLines(w)...) // reportplan.go

	section(c.tf("report.sec.decisions", len(r.Decisions)))
	out = append(out, s.decisionTable(w)...)
	section(c.tf("report.sec.rows", len(r.Rows)))
	out = append(out, s.rowsTable(w)...)
	return append(out, s.noteLines(w)...)
}

// infoLines say which week, who made the report and when, and how
// current its data is.
func (s *report) infoLines(w int) []string {
	c, r := s.c, s.rep
	asOf := c.t("report.never_synced")
	if !r.DataAsOf.IsZero() {
		asOf = r.DataAsOf.In(visits.Shanghai).Format("2006-01-02 15:04")
	}
	lines := []string{
		c.tf("report.made", r.GeneratedAt.In(visits.Shanghai).Format("2006-01-02 15:04"), clean(r.GeneratedBy)),
		c.tf("report.as_of", asOf, r.AsOf),
	}
	if r.District != "" {
		lines = append([]string{c.tf("report.district", clean(r.District))}, lines...)
	}
	if r.DefaultCalendar {
		lines = append(lines, c.t("status.default_calendar"))
	}
	for i, l := range lines {
		lines[i] = c.styles.dim.Render(cut(l, w))
	}
	return lines
}

// figRow is a figure of the report with its name; bar draws it as a bar
// beside the others of its table.
type figRow struct {
	name string
	fig  visits.Figure
	bar  bool
}

// figTable is item, this week, last week, change and a bar of this week,
// the longest bar for the largest figure.
func (s *report) figTable(rows []figRow, w int) []string { return s.figTableOf(0, rows, w) }

// figTableOf is figTable with the bars scaled to top (0: the largest).
func (s *report) figTableOf(top int, rows []figRow, w int) []string {
	c := s.c
	if top <= 0 {
		for _, r := range rows {
			if r.bar {
				top = max(top, r.fig.Value)
			}
		}
	}
	t := &table{c: c, head: true, cols: []column{
		{title: c.t("report.col.item"), min: 8, max: max(8, w/2)},
		{title: c.t("report.col.week"), min: 4, right: true},
		{title: c.t("report.col.last"), min: 4, right: true},
		{title: c.t("report.col.change"), min: 4, right: true},
		barColumn,
	}}
	barW := 0
	t.set(len(rows), func(i int) []string {
		r := rows[i]
		last, change := strconv.Itoa(r.fig.Prev), signed(r.fig.Change())
		if r.fig.NoPrev {
			last, change = "-", "-"
		}
		b := ""
		if r.bar {
			b = hbar(r.fig.Value, top, barW)
		}
		return []string{r.name, strconv.Itoa(r.fig.Value), last, change, b}
	})
	return barLines(t, w, &barW)
}

// barColumn is the last column of a table of figures: bars take the width
// the names and numbers leave, up to 40 cells.
var barColumn = column{min: 6, max: 40, flex: 1}

// barLines draws a table whose last column is bars barW wide: the width
// the table gives that column once measured with empty bars.
func barLines(t *table, w int, barW *int) []string {
	*barW = 0
	widths := t.widths(w, 0, t.n)
	*barW = widths[len(widths)-1]
	return t.lines(w)
}

// needTable is the needs as a matrix: new, closed, overdue and open, in
// total, by category and by lead unit; each with its change on last week.
func (s *report) needTable(w int) []string {
	c, nf := s.c, s.rep.Needs
	type row struct {
		name string
		n    visits.NeedRow
	}
	rows := []row{{c.t("report.needs_total"), nf.Total}}
	for _, n := range nf.ByCategory {
		rows = append(rows, row{c.label(visits.KindCategory, n.Code), n})
	}
	for _, n := range nf.ByLeadUnit {
		unit := c.t("report.no_unit")
		if n.Code != "" {
			unit = c.label(visits.KindUnit, n.Code)
		}
		rows = append(rows, row{c.t("report.lead_unit") + unit, n})
	}
	top := 1
	for _, r := range rows[1:] {
		top = max(top, r.n.Open.Value)
	}
	cell := func(f visits.Figure) string {
		if ch := f.Change(); ch != 0 {
			return fmt.Sprintf("%d(%s)", f.Value, signed(ch))
		}
		return strconv.Itoa(f.Value)
	}
	t := &table{c: c, head: true, cols: []column{
		{title: c.t("report.col.item"), min: 8, max: max(8, w/2)},
		{title: c.t("report.col.new"), min: 4, right: true},
		{title: c.t("report.col.closed"), min: 4, right: true},
		{title: c.t("report.col.overdue"), min: 4, right: true},
		{title: c.t("report.col.open"), min: 4, right: true},
		barColumn,
	}}
	barW := 0
	t.set(len(rows), func(i int) []string {
		r := rows[i]
		b := ""
		if i > 0 {
			b = hbar(r.n.Open.Value, top, barW)
		}
		return []string{r.name, cell(r.n.New), cell(r.n.Closed), cell(r.n.Overdue), cell(r.n.Open), b}
	})
	return append(barLines(t, w, &barW), c.styles.dim.Render(cut(c.t("report.needs_note"), w)))
}

// decisionTable lists what HQ must decide on this week.
func (s *report) decisionTable(w int) []string {
	c, ds := s.c, s.rep.Decisions
	if len(ds) == 0 {
		return []string{c.t("report.none")}
	}
	t := &table{c: c, head: true, cols: []column{
		{title: c.t("report.col.kind"), min: 4, max: 12},
		{title: c.t("report.col.enterprise"), min: 8, max: 30, flex: 2},
		{title: c.t("report.col.subject"), min: 8, flex: 3},
		{title: c.t("report.col.owner"), min: 4, max: 12},
		{title: c.t("report.col.due"), min: 10, max: 10},
		{title: c.t("report.col.age"), min: 4, right: true},
	}}
	t.set(len(ds), func(i int) []string {
		d := ds[i]
		kind := c.t("report.kind.urgent")
		if d.Kind == visits.DecisionBlockedApplication {
			kind = c.t("report.kind.blocked")
		}
		return []string{kind, clean(d.Enterprise), clean(d.Subject), clean(d.Owner), string(d.Due), strconv.Itoa(d.AgeDays)}
	})
	return t.lines(w)
}

// rowsTable is one line per enterprise in the HNTE pipeline.
func (s *report) rowsTable(w int) []string {
	c, rs := s.c, s.rep.Rows
	if len(rs) == 0 {
		return []string{c.t("report.none")}
	}
	t := &table{c: c, head: true, cols: []column{
		{title: c.t("report.col.enterprise"), min: 8, max: 30, flex: 2},
		{title: c.t("report.col.stage"), min: 4, max: 10},
		{title: c.t("report.col.batch"), min: 4, max: 8},
		{title: c.t("report.col.progress"), min: 4, right: true},
		{title: c.t("report.col.gaps"), min: 4, right: true},
		{title: c.t("report.col.open_needs"), min: 4, right: true},
		{title: c.t("report.col.next"), min: 8, flex: 3},
	}}
	t.set(len(rs), func(i int) []string {
		p := rs[i]
		next := clean(p.NextStep.Text)
		if p.NextStep.Due != "" {
			next = string(p.NextStep.Due) + " " + next
		}
		return []string{clean(p.Name), s.stageLabel(p.Stage), s.batchLabel(p.Batch), strconv.Itoa(len(p.Progress)),
			strconv.Itoa(len(p.ReadinessGaps)), strconv.Itoa(p.OpenNeeds), next}
	})
	return t.lines(w)
}

func (s *report) stageLabel(code string) string {
	if code == "" {
		return s.c.t("report.no_stage")
	}
	return s.c.label(visits.KindStage, code)
}

func (s *report) batchLabel(b int) string {
	if b <= 0 {
		return s.c.t("report.no_batch")
	}
	return s.c.tf("report.batch", b)
}

// signed writes a change with its sign: +2, -3, 0.
func signed(n int) string {
	if n > 0 {
		return "+" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// percent is a ratio as 92.5%, or - when it has no denominator.
func percent(r visits.Ratio) string {
	p, ok := r.Percent()
	if !ok {
		return "-"
	}
	return strconv.FormatFloat(p, 'f', 1, 64) + "%"
}
