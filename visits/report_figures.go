package visits

import (
	"slices"
	"sort"
	"sync"
	"time"
)

// WeeklyReport computes the weekly dispatch report of ds for week. Every
// figure is computed for the week and for the week before, so that each
// shows its change. States (open, overdue, list membership) are taken at
// the end of the week, or at the day of GeneratedAt when that falls inside
// the week; a need's status at a past moment is replayed from its events.
func WeeklyReport(ds Dataset, week Week, opts ReportOptions) Report {
	ix := newReportIndex(&ds, opts.Calendar)
	ref := ReportAsOf(week, opts.GeneratedAt)
	prev := week.Prev()
	// The pipeline rows (the largest part) are made on another core while
	// the figures are counted: both only read the index.
	var rows []PipelineRow
	gaps := map[string]*GapFigure{}
	rowsDone := make(chan struct{})
	go func() {
		defer close(rowsDone)
		rows = ix.rows(week, ref, gaps)
	}()
	// Last week's figures and the figures by officer, street and unit are
	// counted on other goroutines too: each only reads the index.
	var last *tally
	var before *stock
	var byOfficer, byStreet, byUnit []AreaFigure
	var side sync.WaitGroup
	side.Go(func() { last, before = ix.tally(prev, prev.End()), ix.stockOn(prev.End()) })
	side.Go(func() { byOfficer, byStreet, byUnit = ix.areas(week, ref) })
	cur := ix.tally(week, ref)
	side.Wait()

	r := Report{
		Week:            week,
		WeekStart:       week.Start(),
		WeekEnd:         week.End(),
		AsOf:            ref,
		District:        opts.District,
		Labels:          opts.Labels,
		GeneratedAt:     opts.GeneratedAt,
		GeneratedBy:     opts.GeneratedBy,
		DataAsOf:        opts.DataAsOf,
		DefaultCalendar: !opts.Calendar.Covers(ref),
	}
	r.Visits = VisitFigures{
		Total:       fig(cur.visits, last.visits),
		Enterprises: fig(cur.enterprises, last.enterprises),
		ByOccasion:  codeFigures(Codes(KindOccasion), cur.byOccasion, last.byOccasion, true),
		ByMethod:    codeFigures(Codes(KindMethod), cur.byMethod, last.byMethod, true),
	}
	r.Coverage = CoverageFigures{
		Assigned:     fig(cur.assigned, last.assigned),
		VisitedWeek:  fig(cur.visitedWeek, last.visitedWeek),
		VisitedMonth: fig(cur.visitedMonth, last.visitedMonth),
		Never:        fig(cur.never, last.never),
	}
	for _, code := range Codes(KindList) {
		r.Lists = append(r.Lists, ListFigure{
			Code:        code,
			Members:     fig(cur.listMembers[code], last.listMembers[code]),
			VisitedYear: fig(cur.listVisited[code], last.listVisited[code]),
		})
	}
	r.Needs = NeedFigures{
		Total:      needRow("", cur.needTotal, last.needTotal),
		ByCategory: needRows(Codes(KindCategory), cur.needByCat, last.needByCat),
		ByLeadUnit: needRows(Codes(KindUnit), cur.needByUnit, last.needByUnit),
	}
	r.Revisits = RevisitFigures{
		Total:          fig(cur.revisits, last.revisits),
		BySatisfaction: codeFigures(Codes(KindSatisfaction), cur.bySat, last.bySat, true),
		Rate:           satisfactionRate(cur.bySat),
		PrevRate:       satisfactionRate(last.bySat),
	}
	r.Pipeline = ix.pipelineFigures(cur, last, ref, opts.BatchDeadlines)
	r.Decisions = ix.decisions(ref)
	now := ix.stockOn(ref)
	r.Targets = ix.targetFigures(opts.Targets, ref, now)
	r.Tiers = tierFigures(now, before)
	r.Funnel = ix.funnel(week, ref)
	r.Year, r.Jinanchoupan, r.NeedMatrix = ix.yearNeeds(week, ref, cur, last, opts.YearVisits)
	r.OverdueByUnit = overdueByUnit(cur, last)
	r.ByOfficer, r.ByStreet, r.ByUnit = byOfficer, byStreet, byUnit
	r.NextWeekPlan, r.Problems = opts.Note.Plan, opts.Note.Problems
	<-rowsDone
	r.Rows, r.ReadinessGaps = rows, gapFigures(gaps)
	return r
}

// reportIndex groups the records by the ids the report joins on, once.
type reportIndex struct {
	ds        *Dataset
	cal       *Calendar
	officers  map[string]*Officer
	visits    map[string][]int // enterprise id -> indexes into ds.Visits
	visitDay  []Date           // parallel to ds.Visits
	assigns   map[string][]*Assignment
	needs     map[string][]*Need // enterprise id -> needs
	events    map[string][]*NeedEvent
	followUps map[string][]*FollowUp
	apps      map[string][]*Application
	ents      map[string]*Enterprise
	// The same by the enterprise's position in ds.Enterprises, for the
	// loops over every enterprise (a lookup by a 36-character id each
	// time was a tenth of the report's CPU).
	entVisits   [][]int
	entAssigned []bool
	entApps     [][]*Application
}

func newReportIndex(ds *Dataset, cal *Calendar) *reportIndex {
	ix := &reportIndex{
		ds:        ds,
		cal:       cal,
		officers:  make(map[string]*Officer, len(ds.Officers)),
		visits:    make(map[string][]int, len(ds.Enterprises)),
		visitDay:  make([]Date, len(ds.Visits)),
		assigns:   make(map[string][]*Assignment, len(ds.Enterprises)),
		needs:     make(map[string][]*Need, len(ds.Needs)),
		events:    make(map[string][]*NeedEvent, len(ds.Needs)),
		followUps: make(map[string][]*FollowUp, len(ds.FollowUps)),
		apps:      make(map[string][]*Application, len(ds.Applications)),
		ents:      make(map[string]*Enterprise, len(ds.Enterprises)),
	}
	for i := range ds.Officers {
		ix.officers[ds.Officers[i].ID] = &ds.Officers[i]
	}
	for i := range ds.Enterprises {
		ix.ents[ds.Enterprises[i].ID] = &ds.Enterprises[i]
	}
	for i := range ds.Visits {
		v := &ds.Visits[i]
		ix.visitDay[i] = v.Date()
		ix.visits[v.EnterpriseID] = append(ix.visits[v.EnterpriseID], i)
	}
	for i := range ds.Assignments {
		a := &ds.Assignments[i]
		ix.assigns[a.EnterpriseID] = append(ix.assigns[a.EnterpriseID], a)
	}
	for i := range ds.Needs {
		n := &ds.Needs[i]
		ix.needs[n.EnterpriseID] = append(ix.needs[n.EnterpriseID], n)
	}
	for i := range ds.Events {
		e := &ds.Events[i]
		ix.events[e.NeedID] = append(ix.events[e.NeedID], e)
	}
	for _, evs := range ix.events {
		sort.SliceStable(evs, func(i, j int) bool { return evs[i].At.Before(evs[j].At) })
	}
	for i := range ds.FollowUps {
		f := &ds.FollowUps[i]
		ix.followUps[f.EnterpriseID] = append(ix.followUps[f.EnterpriseID], f)
	}
	for i := range ds.Applications {
		a := &ds.Applications[i]
		ix.apps[a.EnterpriseID] = append(ix.apps[a.EnterpriseID], a)
	}
	ix.entVisits = make([][]int, len(ds.Enterprises))
	ix.entAssigned = make([]bool, len(ds.Enterprises))
	ix.entApps = make([][]*Application, len(ds.Enterprises))
	for i := range ds.Enterprises {
		id := ds.Enterprises[i].ID
		ix.entVisits[i], ix.entAssigned[i], ix.entApps[i] = ix.visits[id], len(ix.assigns[id]) > 0, ix.apps[id]
	}
	return ix
}

// needCounts is one NeedRow's raw numbers.
type needCounts struct{ new, closed, overdue, open int }

// tally is the raw counts of one week.
type tally struct {
	visits, enterprises   int
	byOccasion, byMethod  map[string]int
	assigned, visitedWeek int
	visitedMonth, never   int
	listMembers           map[string]int
	listVisited           map[string]int
	needTotal             needCounts
	needByCat, needByUnit map[string]*needCounts
	revisits              int
	bySat                 map[string]int
	pipeline              int
}

func (ix *reportIndex) tally(w Week, ref Date) *tally {
	t := &tally{
		byOccasion: map[string]int{}, byMethod: map[string]int{},
		listMembers: map[string]int{}, listVisited: map[string]int{},
		needByCat: map[string]*needCounts{}, needByUnit: map[string]*needCounts{},
		bySat: map[string]int{},
	}
	start, end := w.Start(), w.End()
	visited := map[string]bool{}
	for i := range ix.ds.Visits {
		if d := ix.visitDay[i]; d >= start && d <= end {
			v := &ix.ds.Visits[i]
			t.visits++
			visited[v.EnterpriseID] = true
			t.byOccasion[v.Occasion]++
			t.byMethod[v.Method]++
		}
	}
	t.enterprises = len(visited)
	monthStart := ref[:8] + "01"
	yearStart := ref[:4] + "-01-01"
	for i := range ix.ds.Enterprises {
		e := &ix.ds.Enterprises[i]
		var inWeek, inMonth, inYear, ever bool
		for _, vi := range ix.entVisits[i] {
			d := ix.visitDay[vi]
			if d > ref {
				continue
			}
			ever = true
			inWeek = inWeek || d >= start
			inMonth = inMonth || d >= monthStart
			inYear = inYear || d >= yearStart
		}
		if ix.entAssigned[i] && !createdAfter(e.Meta, ref) {
			t.assigned++
			t.visitedWeek += b2i(inWeek)
			t.visitedMonth += b2i(inMonth)
			t.never += b2i(!ever)
		}
		for _, l := range listsOf(e.Qualifications, ref) {
			t.listMembers[l]++
			t.listVisited[l] += b2i(inYear)
		}
		if ix.inPipelineAt(i, ref) && !createdAfter(e.Meta, ref) {
			t.pipeline++
		}
	}
	ix.tallyNeeds(t, w, ref)
	for i := range ix.ds.Events {
		ev := &ix.ds.Events[i]
		if ev.Satisfaction != "" && w.Contains(DateOf(ev.At)) {
			t.revisits++
			t.bySat[ev.Satisfaction]++
		}
	}
	return t
}

func (ix *reportIndex) tallyNeeds(t *tally, w Week, ref Date) {
	for i := range ix.ds.Needs {
		n := &ix.ds.Needs[i]
		reg := needRegistered(n)
		if reg > ref {
			continue
		}
		status := ix.statusAt(n, ref)
		var c needCounts
		c.new = b2i(w.Contains(reg))
		c.closed = b2i(ix.closedIn(n, w))
		c.open = b2i(isOpenStatus(status))
		c.overdue = b2i(ix.overdueAt(n, status, ref))
		for _, k := range []*needCounts{&t.needTotal, countsFor(t.needByCat, n.Category), countsFor(t.needByUnit, n.LeadUnit)} {
			k.new += c.new
			k.closed += c.closed
			k.open += c.open
			k.overdue += c.overdue
		}
	}
}

func countsFor(m map[string]*needCounts, code string) *needCounts {
	c := m[code]
	if c == nil {
		c = &needCounts{}
		m[code] = c
	}
	return c
}

// statusAt replays the need's status events up to the end of day ref. A
// need with no status events has only its current status to go by.
func (ix *reportIndex) statusAt(n *Need, ref Date) string {
	evs := ix.events[n.ID]
	status, seen := StatusRegistered, false
	cut := endOfDay(ref)
	for _, e := range evs {
		if e.To == "" {
			continue
		}
		seen = true
		if !e.At.After(cut) {
			status = e.To
		}
	}
	if !seen {
		return n.Status
	}
	return status
}

// closedIn reports whether the need was closed during w.
func (ix *reportIndex) closedIn(n *Need, w Week) bool {
	seen := false
	for _, e := range ix.events[n.ID] {
		if e.To == "" {
			continue
		}
		seen = true
		if e.To == StatusClosed && w.Contains(DateOf(e.At)) {
			return true
		}
	}
	return !seen && n.Status == StatusClosed && w.Contains(DateOf(n.UpdatedAt))
}

func (ix *reportIndex) overdueAt(n *Need, status string, ref Date) bool {
	c := *n
	c.Status = status
	return c.lateOn(ix.cal, repliedBy(ix.events[n.ID], ref), DateOf(endOfDay(ref)))
}

func isOpenStatus(s string) bool {
	switch s {
	case StatusClosed, StatusRejected, StatusWithdrawn:
		return false
	}
	return true
}

func needRegistered(n *Need) Date {
	if !n.RegisteredAt.IsZero() {
		return DateOf(n.RegisteredAt)
	}
	return DateOf(n.CreatedAt)
}

// createdAfter reports whether a record was created after day ref. A record
// with no creation time is taken to have always existed.
func createdAfter(m Meta, ref Date) bool {
	return !m.CreatedAt.IsZero() && DateOf(m.CreatedAt) > ref
}

// endOfDay returns the last instant of d in Asia/Shanghai.
func endOfDay(d Date) time.Time { return d.AddDays(1).Time().Add(-time.Nanosecond) }

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func fig(cur, last int) Figure { return Figure{Value: cur, Prev: last} }

// codeFigures lists the known codes in display order, then any unknown
// codes found in the data, sorted. With all false, rows that are zero in
// both weeks are left out.
func codeFigures(known []string, cur, last map[string]int, all bool) []CodeFigure {
	out := []CodeFigure{}
	for _, c := range withExtra(known, cur, last) {
		if all || cur[c] != 0 || last[c] != 0 {
			out = append(out, CodeFigure{Code: c, Figure: fig(cur[c], last[c])})
		}
	}
	return out
}

func withExtra[V any](known []string, maps ...map[string]V) []string {
	seen := map[string]bool{}
	for _, c := range known {
		seen[c] = true
	}
	var extra []string
	for _, m := range maps {
		for c := range m {
			if !seen[c] {
				seen[c] = true
				extra = append(extra, c)
			}
		}
	}
	sort.Strings(extra) // "" (no code) sorts first; move it last
	if len(extra) > 0 && extra[0] == "" {
		extra = append(extra[1:], "")
	}
	return append(slices.Clone(known), extra...)
}

func needRow(code string, cur, last needCounts) NeedRow {
	return NeedRow{
		Code:    code,
		New:     fig(cur.new, last.new),
		Closed:  fig(cur.closed, last.closed),
		Overdue: fig(cur.overdue, last.overdue),
		Open:    fig(cur.open, last.open),
	}
}

// needRows lists the codes with any need in either week.
func needRows(known []string, cur, last map[string]*needCounts) []NeedRow {
	out := []NeedRow{}
	for _, c := range withExtra(known, cur, last) {
		a, b := cur[c], last[c]
		if a == nil && b == nil {
			continue
		}
		var x, y needCounts
		if a != nil {
			x = *a
		}
		if b != nil {
			y = *b
		}
		if x == (needCounts{}) && y == (needCounts{}) {
			continue
		}
		out = append(out, needRow(c, x, y))
	}
	return out
}

func satisfactionRate(bySat map[string]int) Ratio {
	return Ratio{
		Num: bySat[SatSatisfied] + bySat[SatBasic],
		Den: bySat[SatSatisfied] + bySat[SatBasic] + bySat[SatUnsatisfied],
	}
}
