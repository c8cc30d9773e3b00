package visits

import (
	"math"
	"sort"
	"strconv"
)

// The plan's figures in the weekly report: its targets, the tiers
// (梯度存量) and the application funnel.

// TargetFigure is one target of the plan measured on the report's day.
//
// Actual is the count (or percentage) on AsOf. Share is Actual as a
// percentage of Target. Expected is what the district should have by
// AsOf to be on track:
//
//   - an annual target (Annual, for AsOf's year): Target × the share of
//     the year gone by AsOf (day of year ÷ days in the year);
//   - a stock target due by the end of Year: Baseline (the figure on 31
//     December before AsOf's year) plus the gap from Baseline to Target
//     closed evenly, day by day, from 1 January of AsOf's year to 31
//     December of Year; Target itself once Year has ended, and never
//     below Target once Baseline reached it.
//
// OnTrack is Actual ≥ Expected.
type TargetFigure struct {
	Code     string  `json:"code"`
	Year     int     `json:"year"`
	Unit     string  `json:"unit"`
	Annual   bool    `json:"annual,omitempty"`
	Target   float64 `json:"target"`
	Actual   float64 `json:"actual"`
	Share    float64 `json:"share"`
	Baseline float64 `json:"baseline,omitempty"`
	Expected float64 `json:"expected"`
	OnTrack  bool    `json:"on_track"`
}

// TierFigure counts the enterprises of one tier (Tier on AsOf, last week
// on last week's end), and of them, on AsOf, those 规上, 民营 and 专精特新
// (小巨人 included).
type TierFigure struct {
	Code string `json:"code"`
	Figure
	AboveSize   int `json:"above_size"`
	Private     int `json:"private"`
	Specialized int `json:"specialized"`
}

// FunnelRow counts the applications of one kind (Code: hnte, prov, tsme)
// of AsOf's year by the step each stands at on AsOf (its last recorded
// step dated on or before AsOf; an application with none stands at
// 拟申报). Batch 0 is every application of the kind; rows for batches
// 1..3 follow for the applications that name one. Moved counts the
// applications that recorded a step during the week.
type FunnelRow struct {
	Code        string `json:"code"`
	Batch       int    `json:"batch"`
	Total       int    `json:"total"`
	Planned     int    `json:"planned"`
	Registered  int    `json:"registered"`
	Submitted   int    `json:"submitted"`
	Recommended int    `json:"recommended"`
	Review      int    `json:"review"`
	Publicized  int    `json:"publicized"`
	Approved    int    `json:"approved"`
	Denied      int    `json:"denied"`
	Moved       int    `json:"moved"`
}

// Counts returns the step counts in FunnelSteps order.
func (f FunnelRow) Counts() []int {
	return []int{f.Planned, f.Registered, f.Submitted, f.Recommended, f.Review, f.Publicized, f.Approved, f.Denied}
}

func (f *FunnelRow) add(step string) {
	f.Total++
	switch step {
	case StepRegistered:
		f.Registered++
	case StepSubmitted:
		f.Submitted++
	case StepRecommended:
		f.Recommended++
	case StepReview:
		f.Review++
	case StepPublicized:
		f.Publicized++
	case StepApproved:
		f.Approved++
	case StepDenied:
		f.Denied++
	default:
		f.Planned++
	}
}

// ReportTargets returns the targets a report on ref measures: the annual
// targets of ref's year and the stock targets due in or after it, of
// known codes, in the order given (nil: DefaultTargets).
func ReportTargets(ts []Target, ref Date) []Target {
	if ts == nil {
		ts = DefaultTargets(ref.Year())
	}
	out := []Target{}
	for _, t := range ts {
		if !knownTarget(t.Code) {
			continue
		}
		if (t.Annual && t.Year == ref.Year()) || (!t.Annual && t.Year >= ref.Year()) {
			out = append(out, t)
		}
	}
	return out
}

func knownTarget(code string) bool {
	switch code {
	case TargetNewHNTE, TargetNewProv, TargetNewTSME, TargetHNTE, TargetProv, TargetTSME,
		TargetHNTEAboveSize, TargetHNTEPrivateShare, TargetTSMEPrivateShare, TargetSpecialized:
		return true
	}
	return false
}

// stock is the plan's counts on one day.
type stock struct {
	holds                          map[string]int // enterprises holding a valid qualification of the kind
	newIn                          map[string]int // enterprises issued one of the kind in the day's year, by the day
	hnteAbove, hntePrivate         int
	tsmePrivate, specialized       int
	tiers                          map[string]int
	tierAbove, tierPriv, tierSpecs map[string]int
}

func (ix *reportIndex) stockOn(day Date) *stock {
	s := &stock{holds: map[string]int{}, newIn: map[string]int{}, tiers: map[string]int{},
		tierAbove: map[string]int{}, tierPriv: map[string]int{}, tierSpecs: map[string]int{}}
	yearStart := day[:4] + "-01-01"
	// Counted by tier rank here, put in the maps at the end (with the
	// keys the maps had when counted in them directly: every kind of
	// holds and newIn once an enterprise is counted, the tiers seen).
	var holds, newIn, tiers, tierAbove, tierPriv, tierSpecs [4]int
	var seen [4]bool
	counted := false
	for i := range ix.ds.Enterprises {
		e := &ix.ds.Enterprises[i]
		if createdAfter(e.Meta, day) {
			continue
		}
		counted = true
		var valid, issued [4]bool
		for _, q := range e.Qualifications {
			r := tierRank(q.Kind)
			if r == 0 {
				continue
			}
			valid[r] = valid[r] || q.ValidOn(day)
			issued[r] = issued[r] || (q.Issued >= Date(yearStart) && q.Issued <= day)
		}
		for r := 1; r < 4; r++ {
			holds[r] += b2i(valid[r])
			newIn[r] += b2i(issued[r])
		}
		spec := e.Specialized || e.LittleGiant
		s.hnteAbove += b2i(valid[3] && e.AboveSize)
		s.hntePrivate += b2i(valid[3] && e.Private)
		s.tsmePrivate += b2i(valid[1] && e.Private)
		s.specialized += b2i(spec)
		t := tierRank(tierOf(e.Qualifications, day))
		seen[t] = true
		tiers[t]++
		tierAbove[t] += b2i(e.AboveSize)
		tierPriv[t] += b2i(e.Private)
		tierSpecs[t] += b2i(spec)
	}
	for r, kind := range [...]string{TierNone, TierTSME, TierProv, TierHNTE} {
		if r > 0 && counted {
			s.holds[kind], s.newIn[kind] = holds[r], newIn[r]
		}
		if seen[r] {
			s.tiers[kind], s.tierAbove[kind], s.tierPriv[kind], s.tierSpecs[kind] = tiers[r], tierAbove[r], tierPriv[r], tierSpecs[r]
		}
	}
	return s
}

// value is the stock's figure for a target code.
func (s *stock) value(code string) float64 {
	share := func(part, whole int) float64 {
		if whole == 0 {
			return 0
		}
		return 100 * float64(part) / float64(whole)
	}
	switch code {
	case TargetNewHNTE:
		return float64(s.newIn[TierHNTE])
	case TargetNewProv:
		return float64(s.newIn[TierProv])
	case TargetNewTSME:
		return float64(s.newIn[TierTSME])
	case TargetHNTE:
		return float64(s.holds[TierHNTE])
	case TargetProv:
		return float64(s.holds[TierProv])
	case TargetTSME:
		return float64(s.holds[TierTSME])
	case TargetHNTEAboveSize:
		return float64(s.hnteAbove)
	case TargetHNTEPrivateShare:
		return share(s.hntePrivate, s.holds[TierHNTE])
	case TargetTSMEPrivateShare:
		return share(s.tsmePrivate, s.holds[TierTSME])
	case TargetSpecialized:
		return float64(s.specialized)
	}
	return 0
}

// targetFigures measures the targets on ref; now is the stock on ref.
func (ix *reportIndex) targetFigures(ts []Target, ref Date, now *stock) []TargetFigure {
	out := []TargetFigure{}
	var base *stock
	yearStart := Date(ref[:4] + "-01-01")
	for _, t := range ReportTargets(ts, ref) {
		f := TargetFigure{Code: t.Code, Year: t.Year, Unit: t.Unit, Annual: t.Annual, Target: t.Value, Actual: round1(now.value(t.Code))}
		if t.Value > 0 {
			f.Share = round1(100 * f.Actual / t.Value)
		}
		if t.Annual {
			f.Expected = t.Value * float64(yearStart.DaysUntil(ref)+1) / float64(yearStart.DaysUntil(Date(strconv.Itoa(ref.Year())+"-12-31"))+1)
		} else {
			if base == nil {
				base = ix.stockOn(yearStart.AddDays(-1))
			}
			f.Baseline = round1(base.value(t.Code))
			end := Date(strconv.Itoa(t.Year) + "-12-31")
			switch {
			case ref >= end || f.Baseline >= t.Value:
				f.Expected = t.Value
			default:
				f.Expected = f.Baseline + (t.Value-f.Baseline)*float64(yearStart.DaysUntil(ref)+1)/float64(yearStart.DaysUntil(end)+1)
			}
		}
		f.Expected = round1(f.Expected)
		f.OnTrack = f.Actual >= f.Expected
		out = append(out, f)
	}
	return out
}

// round1 rounds to one decimal, as the report shows figures.
func round1(x float64) float64 { return math.Round(x*10) / 10 }

// tierFigures lists the four tiers, lowest first.
func tierFigures(now, last *stock) []TierFigure {
	out := []TierFigure{}
	for _, t := range Codes(KindTier) {
		out = append(out, TierFigure{Code: t, Figure: fig(now.tiers[t], last.tiers[t]),
			AboveSize: now.tierAbove[t], Private: now.tierPriv[t], Specialized: now.tierSpecs[t]})
	}
	return out
}

// stepOn is the step an application stands at on ref ("" when it did not
// exist yet): its last step dated on or before ref, else 拟申报.
func stepOn(a *Application, ref Date) string {
	step := ""
	for _, s := range a.Steps {
		if s.Date == "" || s.Date <= ref {
			step = s.Step
		}
	}
	if step == "" {
		if createdAfter(a.Meta, ref) {
			return ""
		}
		return StepPlanned
	}
	return step
}

// funnel counts the applications of ref's year by kind, step and batch.
func (ix *reportIndex) funnel(w Week, ref Date) []FunnelRow {
	type key struct {
		kind  string
		batch int
	}
	rows := map[key]*FunnelRow{}
	start := w.Start()
	row := func(k key) *FunnelRow {
		r := rows[k]
		if r == nil {
			r = &FunnelRow{Code: k.kind, Batch: k.batch}
			rows[k] = r
		}
		return r
	}
	for i := range ix.ds.Applications {
		a := &ix.ds.Applications[i]
		if a.Year != ref.Year() {
			continue
		}
		step := stepOn(a, ref)
		if step == "" {
			continue
		}
		moved := false
		for _, s := range a.Steps {
			moved = moved || (s.Date >= start && s.Date <= ref)
		}
		keys := []key{{a.Kind, 0}}
		if a.Batch > 0 {
			keys = append(keys, key{a.Kind, a.Batch})
		}
		for _, k := range keys {
			r := row(k)
			r.add(step)
			r.Moved += b2i(moved)
		}
	}
	kinds := []string{TierHNTE, TierProv, TierTSME}
	out := []FunnelRow{}
	for _, k := range kinds {
		out = append(out, *row(key{k, 0}))
		var bs []int
		for key := range rows {
			if key.kind == k && key.batch > 0 {
				bs = append(bs, key.batch)
			}
		}
		sort.Ints(bs)
		for _, b := range bs {
			out = append(out, *rows[key{k, b}])
		}
	}
	var odd []key
	for k := range rows {
		if k.batch == 0 && k.kind != TierHNTE && k.kind != TierProv && k.kind != TierTSME {
			odd = append(odd, k)
		}
	}
	sort.Slice(odd, func(i, j int) bool { return odd[i].kind < odd[j].kind })
	for _, k := range odd {
		out = append(out, *rows[k])
	}
	return out
}
