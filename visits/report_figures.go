package visits

import (
	"slices"
	"sort"
	"strings"
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
	cur, last := ix.tally(week, ref), ix.tally(prev, prev.End())

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
	gaps := map[string]*GapFigure{}
	r.Rows = ix.rows(week, ref, gaps)
	r.ReadinessGaps = gapFigures(gaps)
	now, before := ix.stockOn(ref), ix.stockOn(prev.End())
	r.Targets = ix.targetFigures(opts.Targets, ref, now)
	r.Tiers = tierFigures(now, before)
	r.Funnel = ix.funnel(week, ref)
	r.Year, r.Jinanchoupan, r.NeedMatrix = ix.yearNeeds(week, ref, cur, last, opts.YearVisits)
	r.OverdueByUnit = overdueByUnit(cur, last)
	r.ByOfficer, r.ByStreet, r.ByUnit = ix.areas(week, ref)
	r.NextWeekPlan, r.Problems = opts.Note.Plan, opts.Note.Problems
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
}

func newReportIndex(ds *Dataset, cal *Calendar) *reportIndex {
	ix := &reportIndex{
		ds:        ds,
		cal:       cal,
		officers:  make(map[string]*Officer, len(ds.Officers)),
		visits:    make(map[string][]int, len(ds.Enterprises)),
		visitDay:  make([]Date, len(ds.Visits)),
		assigns:   map[string][]*Assignment{},
		needs:     map[string][]*Need{},
		events:    map[string][]*NeedEvent{},
		followUps: map[string][]*FollowUp{},
		apps:      map[string][]*Application{},
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
		for _, vi := range ix.visits[e.ID] {
			d := ix.visitDay[vi]
			if d > ref {
				continue
			}
			ever = true
			inWeek = inWeek || d >= start
			inMonth = inMonth || d >= monthStart
			inYear = inYear || d >= yearStart
		}
		if len(ix.assigns[e.ID]) > 0 && !createdAfter(e.Meta, ref) {
			t.assigned++
			t.visitedWeek += b2i(inWeek)
			t.visitedMonth += b2i(inMonth)
			t.never += b2i(!ever)
		}
		for _, l := range Lists(*e, ref) {
			t.listMembers[l]++
			t.listVisited[l] += b2i(inYear)
		}
		if ix.inPipeline(e, ref) && !createdAfter(e.Meta, ref) {
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

// officerNames returns the names of the officers assigned to e in role.
func (ix *reportIndex) officerNames(enterpriseID, role string) []string {
	names := []string{}
	for _, a := range ix.assigns[enterpriseID] {
		if a.Role == role {
			names = append(names, ix.officerName(a.OfficerID))
		}
	}
	sort.Strings(names)
	return slices.Compact(names)
}

// officerName returns the officer's name, or the id itself when the
// officer is not in the dataset.
func (ix *reportIndex) officerName(id string) string {
	if o := ix.officers[id]; o != nil && o.Name != "" {
		return o.Name
	}
	return id
}

func (ix *reportIndex) enterpriseName(id string) string {
	if e := ix.ents[id]; e != nil {
		return e.Name
	}
	return id
}

// inPipeline reports whether e is in the HNTE pipeline on ref: it has a
// cultivation stage, or an HNTE application for ref's year.
func (ix *reportIndex) inPipeline(e *Enterprise, ref Date) bool {
	return e.Stage != "" || ix.hnteApp(e.ID, ref.Year()) != nil
}

// hnteApp returns the enterprise's HNTE application for year, if any.
func (ix *reportIndex) hnteApp(enterpriseID string, year int) *Application {
	for _, a := range ix.apps[enterpriseID] {
		if a.Kind == TierHNTE && a.Year == year {
			return a
		}
	}
	return nil
}

// plannedBatch is the batch of the year's HNTE application, else the
// enterprise's planned batch.
func (ix *reportIndex) plannedBatch(e *Enterprise, year int) int {
	if a := ix.hnteApp(e.ID, year); a != nil && a.Batch > 0 {
		return a.Batch
	}
	return e.Batch
}

func (ix *reportIndex) pipelineFigures(cur, last *tally, ref Date, deadlines map[int]Date) PipelineFigures {
	stages, batches := map[string]int{}, map[int]int{}
	for i := range ix.ds.Enterprises {
		e := &ix.ds.Enterprises[i]
		if !ix.inPipeline(e, ref) || createdAfter(e.Meta, ref) {
			continue
		}
		stages[e.Stage]++
		batches[ix.plannedBatch(e, ref.Year())]++
	}
	p := PipelineFigures{Total: fig(cur.pipeline, last.pipeline), ByBatch: []BatchFigure{}}
	p.ByStage = codeFigures(Codes(KindStage), stages, nil, true)
	for i := range p.ByStage {
		p.ByStage[i].NoPrev = true
	}
	nums := []int{1, 2, 3}
	for b := range batches {
		if b < 1 || b > 3 {
			nums = append(nums, b) // 0 (no batch planned) and odd values last
		}
	}
	sort.Slice(nums[3:], func(i, j int) bool { return nums[3+i] > nums[3+j] })
	for _, b := range nums {
		bf := BatchFigure{Batch: b, Planned: Figure{Value: batches[b], NoPrev: true}, Deadline: deadlines[b]}
		if !bf.Deadline.IsZero() {
			bf.DaysLeft = daysFrom(ref, bf.Deadline)
			if bf.DaysLeft >= 0 && (p.NextBatch == 0 || bf.Deadline < p.NextDeadline) {
				p.NextBatch, p.NextDeadline, p.DaysToNextBatch = b, bf.Deadline, bf.DaysLeft
			}
		}
		p.ByBatch = append(p.ByBatch, bf)
	}
	return p
}

// decisions lists overdue urgent needs and blocked applications, oldest
// first.
func (ix *reportIndex) decisions(ref Date) []DecisionItem {
	out := []DecisionItem{}
	for i := range ix.ds.Needs {
		n := &ix.ds.Needs[i]
		reg := needRegistered(n)
		if n.Severity != SeverityUrgent || reg > ref {
			continue
		}
		if !ix.overdueAt(n, ix.statusAt(n, ref), ref) {
			continue
		}
		due := n.DueDate(ix.cal)
		owner := ""
		if n.FirstReceiver != "" {
			owner = ix.officerName(n.FirstReceiver)
		}
		out = append(out, DecisionItem{
			Kind: DecisionOverdueUrgentNeed, RecordID: n.ID,
			EnterpriseID: n.EnterpriseID, Enterprise: ix.enterpriseName(n.EnterpriseID),
			Subject: n.Title, Owner: owner, OwnerUnit: n.LeadUnit, Due: due,
			AgeDays: reg.DaysUntil(ref),
		})
	}
	for i := range ix.ds.Applications {
		a := &ix.ds.Applications[i]
		if len(a.Blockers) == 0 || (a.Year != 0 && a.Year < ref.Year()) || createdAfter(a.Meta, ref) {
			continue
		}
		since := a.UpdatedAt
		if since.IsZero() {
			since = a.CreatedAt
		}
		age := 0
		if !since.IsZero() {
			age = DateOf(since).DaysUntil(ref)
		}
		out = append(out, DecisionItem{
			Kind: DecisionBlockedApplication, RecordID: a.ID,
			EnterpriseID: a.EnterpriseID, Enterprise: ix.enterpriseName(a.EnterpriseID),
			Subject: strings.Join(a.Blockers, "; "),
			Owner:   strings.Join(ix.officerNames(a.EnterpriseID, RoleLiaison), "、"),
			AgeDays: age, Details: []string{a.Kind},
		})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].AgeDays != out[j].AgeDays {
			return out[i].AgeDays > out[j].AgeDays
		}
		return out[i].RecordID < out[j].RecordID
	})
	return out
}

// rows builds one row per pipeline enterprise: nearest the application
// first (stage apply, then mature...), then by batch, then by name.
func (ix *reportIndex) rows(w Week, ref Date, gaps map[string]*GapFigure) []PipelineRow {
	out := []PipelineRow{}
	for i := range ix.ds.Enterprises {
		e := &ix.ds.Enterprises[i]
		if !ix.inPipeline(e, ref) || createdAfter(e.Meta, ref) {
			continue
		}
		open := 0
		for _, n := range ix.needs[e.ID] {
			if needRegistered(n) <= ref && isOpenStatus(ix.statusAt(n, ref)) {
				open++
			}
		}
		out = append(out, PipelineRow{
			EnterpriseID:  e.ID,
			Name:          e.Name,
			USCC:          e.USCC,
			Street:        e.Street,
			Tier:          Tier(*e, ref),
			Domain:        e.Domain,
			Lists:         nonNil(Lists(*e, ref)),
			Stage:         e.Stage,
			Batch:         ix.plannedBatch(e, ref.Year()),
			Progress:      ix.progress(e.ID, w),
			ReadinessGaps: readinessGaps(*e, ref, gaps),
			OpenNeeds:     open,
			Liaison:       ix.officerNames(e.ID, RoleLiaison),
			Commissioner:  ix.officerNames(e.ID, RoleCommissioner),
			NextStep:      ix.nextStep(e.ID, ref),
		})
	}
	stages := Codes(KindStage)
	rank := func(stage string) int { return len(stages) - slices.Index(stages, stage) } // unknown: last
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if ra, rb := rank(a.Stage), rank(b.Stage); ra != rb {
			return ra < rb
		}
		if ba, bb := batchKey(a.Batch), batchKey(b.Batch); ba != bb {
			return ba < bb
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.EnterpriseID < b.EnterpriseID
	})
	return out
}

func batchKey(b int) int {
	if b <= 0 {
		return 1 << 30
	}
	return b
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// progress lists the week's visits, closed needs and done follow-ups.
func (ix *reportIndex) progress(enterpriseID string, w Week) []ProgressItem {
	out := []ProgressItem{}
	for _, vi := range ix.visits[enterpriseID] {
		if d := ix.visitDay[vi]; w.Contains(d) {
			v := &ix.ds.Visits[vi]
			out = append(out, ProgressItem{Date: d, Kind: ProgressVisit, Code: v.Occasion, Text: v.Summary})
		}
	}
	for _, n := range ix.needs[enterpriseID] {
		for _, e := range ix.events[n.ID] {
			if e.To == StatusClosed && w.Contains(DateOf(e.At)) {
				out = append(out, ProgressItem{Date: DateOf(e.At), Kind: ProgressNeedClosed, Text: n.Title})
			}
		}
	}
	for _, f := range ix.followUps[enterpriseID] {
		if f.Status == FollowUpDone && !f.DoneAt.IsZero() && w.Contains(DateOf(f.DoneAt)) {
			out = append(out, ProgressItem{Date: DateOf(f.DoneAt), Kind: ProgressFollowUpDone, Text: joinNonEmpty(": ", f.Action, f.Result)})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Date != out[j].Date {
			return out[i].Date < out[j].Date
		}
		return out[i].Kind < out[j].Kind
	})
	return out
}

// nextStep is the earliest open follow-up, else the latest visit's plan.
func (ix *reportIndex) nextStep(enterpriseID string, ref Date) NextStep {
	var best *FollowUp
	for _, f := range ix.followUps[enterpriseID] {
		if f.Status != FollowUpOpen || createdAfter(f.Meta, ref) {
			continue
		}
		if best == nil || f.Due < best.Due || (f.Due == best.Due && f.ID < best.ID) {
			best = f
		}
	}
	if best != nil {
		return NextStep{Due: best.Due, Text: best.Action}
	}
	var latest *Visit
	for _, vi := range ix.visits[enterpriseID] {
		v := &ix.ds.Visits[vi]
		if ix.visitDay[vi] <= ref && (latest == nil || v.At.After(latest.At)) {
			latest = v
		}
	}
	if latest != nil && latest.NextPlan != "" {
		return NextStep{Text: latest.NextPlan}
	}
	return NextStep{}
}

// readinessGaps returns the codes of the checklist items that are not met
// or near, and counts them in sum; unknown items are not gaps.
func readinessGaps(e Enterprise, on Date, sum map[string]*GapFigure) []string {
	gaps := []string{}
	for _, c := range CheckReadiness(e, on) {
		if c.State != StateNotMet && c.State != StateNear {
			continue
		}
		gaps = append(gaps, c.Code)
		g := sum[c.Code]
		if g == nil {
			g = &GapFigure{Code: c.Code}
			sum[c.Code] = g
		}
		g.NotMet += b2i(c.State == StateNotMet)
		g.Near += b2i(c.State == StateNear)
	}
	return gaps
}

// daysFrom returns the calendar days from a to b, negative when b is
// earlier. (Date.DaysUntil rounds negative spans toward zero.)
func daysFrom(a, b Date) int {
	if b < a {
		return -b.DaysUntil(a)
	}
	return a.DaysUntil(b)
}

func joinNonEmpty(sep string, parts ...string) string {
	out := parts[:0:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}
