package demo

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/visits"
)

// truthNow is the day the demo's property tests look from.
var truthNow = time.Date(2026, 11, 29, 4, 0, 0, 0, time.UTC)

func genAt(seed uint64, enterprises, nVisits int, now time.Time) *Data {
	n := 0
	return Generate(Options{Enterprises: enterprises, Visits: nVisits, Seed: seed, Now: now,
		NewID: func() string { n++; return fmt.Sprintf("id%06d", n) }})
}

// seeds are the fixed seeds the tests use, and one new each run (logged).
func seeds(t *testing.T) []uint64 {
	s := uint64(time.Now().UnixNano())
	t.Logf("random seed %d (go test -run %s with it: set it in seeds())", s, t.Name())
	return []uint64{1, 7, s}
}

// The demo reads true: what a reader of `liaison --demo` would check.
func TestDemoReadsTrue(t *testing.T) {
	for _, seed := range seeds(t) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			d := genAt(seed, 300, 3000, truthNow)
			checkTruth(t, d, visits.DateOf(truthNow))
		})
	}
	// Early in the year too (before the batches, in the 资质到期 months).
	checkTruth(t, genAt(3, 200, 2000, time.Date(2026, 1, 31, 4, 0, 0, 0, time.UTC)), "2026-01-31")
}

func checkTruth(t *testing.T, d *Data, today visits.Date) {
	t.Helper()
	ents := map[string]*visits.Enterprise{}
	domains := map[string]bool{}
	flags := map[string]int{}
	for i := range d.Enterprises {
		e := &d.Enterprises[i]
		ents[e.ID] = e
		domains[e.Domain] = true
		// Stage consistent with tier.
		tier, lists := visits.Tier(*e, today), visits.Lists(*e, today)
		if !slices.Contains(StagesFor(tier, lists), e.Stage) {
			t.Errorf("%s: tier %s, lists %v, stage %q", e.Name, tier, lists, e.Stage)
		}
		if e.Batch != 0 && e.Stage != visits.StageMature && e.Stage != visits.StageApply {
			t.Errorf("%s: batch %d at stage %q", e.Name, e.Batch, e.Stage)
		}
		// The checklist evaluates: at most two of eight items to collect.
		unknown := 0
		for _, it := range visits.CheckReadiness(*e, today) {
			if it.State == visits.StateUnknown {
				unknown++
			}
		}
		if unknown > 2 {
			t.Errorf("%s: %d readiness items 待补充", e.Name, unknown)
		}
		for name, on := range map[string]bool{"above_size": e.AboveSize, "private": e.Private, "specialized": e.Specialized, "little_giant": e.LittleGiant} {
			if on {
				flags[name]++
			}
		}
		if e.LittleGiant && !e.Specialized {
			t.Errorf("%s: 小巨人 but not 专精特新", e.Name)
		}
	}
	for _, tr := range Trades {
		if !domains[tr.Domain] {
			t.Errorf("domain %s missing", tr.Domain)
		}
	}
	if len(domains) != len(visits.Codes(visits.KindDomain)) {
		t.Errorf("%d domains, want all %d", len(domains), len(visits.Codes(visits.KindDomain)))
	}
	for _, f := range []string{"above_size", "private", "specialized", "little_giant"} {
		if flags[f] == 0 || flags[f] == len(d.Enterprises) {
			t.Errorf("flag %s on %d of %d enterprises", f, flags[f], len(d.Enterprises))
		}
	}

	// Needs: the lead unit fits the matter.
	needs := map[string]*visits.Need{}
	for i := range d.Needs {
		n := &d.Needs[i]
		needs[n.ID] = n
		if !slices.Contains(PlausibleUnits[n.Category], n.LeadUnit) {
			t.Errorf("need %q (%s) led by %s, not one of %v", n.Title, n.Category, n.LeadUnit, PlausibleUnits[n.Category])
		}
		if strings.Contains(n.Title, "用地") && n.LeadUnit != UnitNaturalResources || strings.Contains(n.Title, "环评") && n.LeadUnit != UnitEcology {
			t.Errorf("need %q led by %s", n.Title, n.LeadUnit)
		}
		if n.Category == "tech" && n.TechDomain != ents[n.EnterpriseID].Domain {
			t.Errorf("technical problem %q in %s, its enterprise is in %s", n.Title, n.TechDomain, ents[n.EnterpriseID].Domain)
		}
		if n.Nature == "consult" && n.Severity != visits.SeverityConsult {
			t.Errorf("consultation %q is %s", n.Title, n.Severity)
		}
	}

	// Visits: the summary fits the occasion, the day fits the occasion.
	summaries := occasionSummaries()
	occasions := map[string]int{}
	for _, v := range d.Visits {
		occasions[v.Occasion]++
		if v.At.After(truthNowOr(today)) {
			t.Errorf("visit %s in the future", v.At)
		}
		ok := slices.Contains(summaries[v.Occasion], v.Summary)
		if v.Occasion == visits.OccDifficulty {
			ok = strings.HasPrefix(v.Summary, "企业反映") || strings.Contains(v.Summary, "企业") && slices.ContainsFunc(needKinds, func(k needKind) bool { return k.summary == v.Summary })
		}
		if !ok {
			t.Errorf("%s visit says %q", v.Occasion, v.Summary)
		}
		day := v.Date()
		e := ents[v.EnterpriseID]
		switch v.Occasion {
		case visits.OccQualificationExpiry:
			if len(visits.Lists(*e, day)) == 0 || day[5:] > "03-31" {
				t.Errorf("资质到期 visit to %s on %s", e.Name, day)
			}
		case visits.OccFestivalCare:
			if !inFestivalRunUp(day) {
				t.Errorf("care visit on %s is not before a festival", day)
			}
		}
		for _, id := range v.NeedIDs {
			if n := needs[id]; n == nil || n.EnterpriseID != v.EnterpriseID || n.VisitID != v.ID {
				t.Errorf("visit %s links need %s of another enterprise or visit", v.ID, id)
			}
		}
	}
	for _, occ := range visits.Codes(visits.KindOccasion) {
		if occasions[occ] == 0 && !(occ == visits.OccFestivalCare && today < "2026-02-01") {
			t.Errorf("no %s visit (%v)", occ, occasions)
		}
	}

	// Applications in flight, by the funnel's rules.
	kinds, current := map[string]int{}, map[string]int{}
	open := map[string]bool{}
	for _, a := range d.Applications {
		kinds[a.Kind]++
		e := ents[a.EnterpriseID]
		if e == nil || len(a.Steps) == 0 {
			t.Fatalf("application %s: enterprise %v, %d steps", a.ID, e != nil, len(a.Steps))
		}
		if (a.Kind == visits.TierHNTE) != (a.Batch != 0) || a.Batch < 0 || a.Batch > 3 {
			t.Errorf("%s application with batch %d", a.Kind, a.Batch)
		}
		rank, last := -1, visits.Date("")
		for i, s := range a.Steps {
			r := slices.Index(visits.FunnelSteps, s.Step)
			if s.Step == visits.StepDenied {
				r = slices.Index(visits.FunnelSteps, visits.StepApproved)
			}
			if r <= rank || s.Date < last || s.Date > today || s.By == "" {
				t.Errorf("application %s: step %d %+v after rank %d, %s", a.ID, i, s, rank, last)
			}
			if (s.Step == visits.StepApproved || s.Step == visits.StepDenied) && i != len(a.Steps)-1 {
				t.Errorf("application %s: a step after %s", a.ID, s.Step)
			}
			rank, last = r, s.Date
		}
		cur := a.Steps[len(a.Steps)-1].Step
		current[cur]++
		if cur == visits.StepApproved {
			if a.Certificate == "" || a.Issued == "" ||
				!slices.ContainsFunc(e.Qualifications, func(q visits.Qualification) bool {
					return q.Kind == a.Kind && q.Certificate == a.Certificate && q.Issued == a.Issued
				}) {
				t.Errorf("approved %s application of %s: certificate %q issued %s not held", a.Kind, e.Name, a.Certificate, a.Issued)
			}
		} else if cur != visits.StepDenied {
			key := fmt.Sprint(a.EnterpriseID, a.Kind, a.Year)
			if open[key] {
				t.Errorf("two unfinished %s applications of %s", a.Kind, e.Name)
			}
			open[key] = true
		}
	}
	if today > "2026-06-01" {
		for _, k := range []string{visits.TierHNTE, visits.TierProv, visits.TierTSME} {
			if kinds[k] == 0 {
				t.Errorf("no %s application: %v", k, kinds)
			}
		}
		if len(current) < 4 {
			t.Errorf("applications stand at only %v", current)
		}
	}

	// No 西洽会, no other district's name; 兰洽会 is there.
	raw, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	for _, bad := range []string{"西洽会", "七里河", "西固", "安宁", "红古", "榆中", "永登", "皋兰县", "兰州新区", "未入库", "超期"} {
		if strings.Contains(text, bad) {
			t.Errorf("the demo says %s", bad)
		}
	}
	if !strings.Contains(text, "兰洽会") {
		t.Error("no 兰洽会")
	}
}

func truthNowOr(today visits.Date) time.Time { return today.AddDays(1).Time() }

// occasionSummaries: what a visit of each occasion may say.
func occasionSummaries() map[string][]string {
	m := map[string][]string{
		visits.OccRoutine:      routineSummaries,
		visits.OccMajorChange:  majorChangeSummaries,
		visits.OccFestivalCare: {springSummary, autumnSummary},
		visits.OccOther:        {otherSummary},
	}
	for _, s := range listSummaries {
		m[visits.OccQualificationExpiry] = append(m[visits.OccQualificationExpiry], s)
	}
	for _, s := range newEntrySummaries {
		m[visits.OccNewEntry] = append(m[visits.OccNewEntry], s)
	}
	for _, s := range applicationSummaries {
		m[visits.OccApplicationNode] = append(m[visits.OccApplicationNode], s)
	}
	return m
}

// inFestivalRunUp: day is in the three weeks before 春节 or the two before 中秋.
func inFestivalRunUp(day visits.Date) bool {
	y := day.Year()
	for _, f := range []struct {
		md   string
		lead int
	}{{springFestival[y], 21}, {midAutumn[y], 14}} {
		if f.md == "" {
			continue
		}
		fest := visits.Date(fmt.Sprintf("%d-%s", y, f.md))
		if day < fest && day >= fest.AddDays(-f.lead) {
			return true
		}
	}
	return false
}

// The demo HQ's settings all check, and name the units the demo's needs go to.
func TestDemoSettings(t *testing.T) {
	set := Settings(truthNow)
	var s visits.Settings
	for id, v := range set {
		if err := visits.CheckSetting(id, v); err != nil {
			t.Errorf("%s: %v", id, err)
		}
		s.Add(id, v)
	}
	if s.District != "城关区" || len(s.Notes) != 2 || len(s.TargetsFor(2026)) == 0 || s.BatchesFor(2026).Deadlines[0] != "2026-06-30" {
		t.Errorf("settings: %+v", s)
	}
	codes := map[string]bool{}
	for _, u := range s.UnitTerms() {
		codes[u.Code] = true
	}
	for _, us := range PlausibleUnits {
		for _, u := range us {
			if !codes[u] {
				t.Errorf("unit %s is not in the demo HQ's list", u)
			}
		}
	}
}
