package visits

import (
	"cmp"
	"slices"
	"sort"
	"strings"
)

// The pipeline part of the weekly report: names, the HNTE pipeline's
// figures, the decisions HQ must take, each pipeline enterprise's row,
// progress and next step, and readiness gaps.

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

// inPipelineAt reports whether ds.Enterprises[i] is in the HNTE pipeline
// on ref: it has a cultivation stage, or an HNTE application for ref's
// year.
func (ix *reportIndex) inPipelineAt(i int, ref Date) bool {
	return ix.ds.Enterprises[i].Stage != "" || hnteIn(ix.entApps[i], ref.Year()) != nil
}

// hnteIn returns the HNTE application for year among apps, if any.
func hnteIn(apps []*Application, year int) *Application {
	for _, a := range apps {
		if a.Kind == TierHNTE && a.Year == year {
			return a
		}
	}
	return nil
}

// plannedBatchAt is the batch of the year's HNTE application of
// ds.Enterprises[i], else the enterprise's planned batch.
func (ix *reportIndex) plannedBatchAt(i int, year int) int {
	if a := hnteIn(ix.entApps[i], year); a != nil && a.Batch > 0 {
		return a.Batch
	}
	return ix.ds.Enterprises[i].Batch
}

func (ix *reportIndex) pipelineFigures(cur, last *tally, ref Date, deadlines map[int]Date) PipelineFigures {
	stages, batches := map[string]int{}, map[int]int{}
	for i := range ix.ds.Enterprises {
		e := &ix.ds.Enterprises[i]
		if !ix.inPipelineAt(i, ref) || createdAfter(e.Meta, ref) {
			continue
		}
		stages[e.Stage]++
		batches[ix.plannedBatchAt(i, ref.Year())]++
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
		if !ix.inPipelineAt(i, ref) || createdAfter(e.Meta, ref) {
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
			Tier:          tierOf(e.Qualifications, ref),
			Domain:        e.Domain,
			Lists:         nonNil(listsOf(e.Qualifications, ref)),
			Stage:         e.Stage,
			Batch:         ix.plannedBatchAt(i, ref.Year()),
			Progress:      ix.progress(e.ID, w),
			ReadinessGaps: readinessGaps(e, ref, gaps),
			OpenNeeds:     open,
			Liaison:       ix.officerNames(e.ID, RoleLiaison),
			Commissioner:  ix.officerNames(e.ID, RoleCommissioner),
			NextStep:      ix.nextStep(e.ID, ref),
		})
	}
	// Sorted by index, not by moving the (large) rows: stage, batch, name,
	// id, then the index (stable).
	stages := Codes(KindStage)
	type key struct{ rank, batch int }
	keys := make([]key, len(out))
	order := make([]int, len(out))
	for i := range out {
		keys[i] = key{len(stages) - slices.Index(stages, out[i].Stage), batchKey(out[i].Batch)} // unknown stage: last
		order[i] = i
	}
	slices.SortFunc(order, func(i, j int) int {
		a, b := &out[i], &out[j]
		switch {
		case keys[i].rank != keys[j].rank:
			return cmp.Compare(keys[i].rank, keys[j].rank)
		case keys[i].batch != keys[j].batch:
			return cmp.Compare(keys[i].batch, keys[j].batch)
		case a.Name != b.Name:
			return strings.Compare(a.Name, b.Name)
		case a.EnterpriseID != b.EnterpriseID:
			return strings.Compare(a.EnterpriseID, b.EnterpriseID)
		}
		return cmp.Compare(i, j)
	})
	applyOrder(out, order)
	return out
}

// applyOrder rearranges xs in place so that xs[i] is the old xs[order[i]]
// (order a permutation of the indexes, used up: set to -1), moving each
// element once plus once per cycle; a sorted copy would hold them twice.
func applyOrder[T any](xs []T, order []int) {
	for i := range order {
		if order[i] < 0 {
			continue
		}
		tmp := xs[i]
		j := i
		for {
			k := order[j]
			order[j] = -1
			if k == i {
				xs[j] = tmp
				break
			}
			xs[j] = xs[k]
			j = k
		}
	}
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
func readinessGaps(e *Enterprise, on Date, sum map[string]*GapFigure) []string {
	gaps := []string{}
	var items [readinessItems]CheckItem
	for _, c := range fillReadiness(&items, e, on, false) { // states only
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
