package demo

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/liaison-dev/liaison/visits"
)

// visitGen makes visits whose occasion fits the enterprise and the day,
// and whose summary fits the occasion.
type visitGen struct {
	rng     *rand.Rand
	now     time.Time
	today   visits.Date
	officer string
	meta    func(time.Time) visits.Meta
	kinds   []int // per visit: the needKinds index its summary speaks of, or -1
}

// planned is a visit to make: the enterprise, when, why and what it says.
type planned struct {
	e        *visits.Enterprise
	at       time.Time
	occasion string
	summary  string
	kind     int
}

func (g *visitGen) add(d *Data, p planned) {
	methods := visits.Codes(visits.KindMethod)
	purposes := purposesOf[p.occasion]
	v := visits.Visit{Meta: g.meta(p.at), EnterpriseID: p.e.ID, At: p.at, Occasion: p.occasion,
		Method: methods[g.rng.IntN(len(methods))], Purposes: []string{purposes[g.rng.IntN(len(purposes))]},
		LeadOfficer: g.officer, PeopleMet: people[g.rng.IntN(len(people))] + "（总经理）", Summary: p.summary}
	if p.occasion == visits.OccFestivalCare {
		v.Method = "on_site"
	}
	if p.occasion == visits.OccOther {
		v.Note = "企业主动邀请"
	}
	d.Visits = append(d.Visits, v)
	g.kinds = append(g.kinds, p.kind)
}

// at returns a moment of day d in working hours, not after now.
func (g *visitGen) at(d visits.Date) time.Time {
	t := d.Time().Add(time.Duration(9*60+g.rng.IntN(8*60)) * time.Minute)
	if t.After(g.now) {
		t = g.now.Add(-time.Duration(g.rng.IntN(60)+1) * time.Minute)
	}
	return t
}

// between returns a day from a to b (a when b is before it).
func (g *visitGen) between(a, b visits.Date) visits.Date {
	n := a.DaysUntil(b)
	if n <= 0 {
		return a
	}
	return a.AddDays(g.rng.IntN(n + 1))
}

// owedVisits makes the visits an attentive officer made for what the plan
// asks (most, not all: the rest are owed on 今日): the 新设立/新落户/新入库
// visit, and the 资质到期/复审 visit in January to March.
func (g *visitGen) owedVisits(d *Data, budget int) {
	year := g.today.Year()
	from := visits.Date(fmt.Sprintf("%d-01-01", year))
	for i := range d.Enterprises {
		if len(d.Visits) >= budget/2 {
			return
		}
		e := &d.Enterprises[i]
		for _, o := range visits.Owed(visits.ObligationInput{Enterprise: *e, LastVisit: g.today}, g.today) {
			if g.rng.IntN(3) == 0 {
				continue
			}
			switch o.Occasion {
			case visits.OccNewEntry:
				start := visits.Date(o.Detail)
				g.add(d, planned{e, g.at(g.between(start, min(start.AddDays(20), g.today))), o.Occasion, newEntrySummaries[o.Reason], -1})
			case visits.OccQualificationExpiry:
				day := g.between(from, min(visits.Date(fmt.Sprintf("%d-03-31", year)), g.today))
				if lists := visits.Lists(*e, day); len(lists) > 0 { // on the list that day, not only today
					g.add(d, planned{e, g.at(day), o.Occasion, listSummaries[lists[0]], -1})
				}
			}
		}
	}
}

// visit plans a visit to e near at, on an occasion that fits both: a
// care visit in the run-up to 春节 or 中秋 (moved into it), the 资质到期
// visit for a 三清单 member in January to March, an application node for
// an enterprise with one coming, a difficulty with the need it is about.
func (g *visitGen) visit(e *visits.Enterprise, at time.Time) planned {
	day := visits.DateOf(at)
	year := day.Year()
	type option struct {
		occasion string
		weight   int
	}
	opts := []option{{visits.OccRoutine, 6}, {visits.OccDifficulty, 3}, {visits.OccMajorChange, 1}, {visits.OccFestivalCare, 1}}
	if g.rng.IntN(30) == 0 {
		opts = append(opts, option{visits.OccOther, 12})
	}
	lists := visits.Lists(*e, day)
	if len(lists) > 0 && day <= visits.Date(fmt.Sprintf("%d-03-31", year)) {
		opts = append(opts, option{visits.OccQualificationExpiry, 4})
	}
	appReason := g.applicationReason(e, day)
	if appReason != "" {
		opts = append(opts, option{visits.OccApplicationNode, 3})
	}
	total := 0
	for _, o := range opts {
		total += o.weight
	}
	pick, occ := g.rng.IntN(total), ""
	for _, o := range opts {
		if pick < o.weight {
			occ = o.occasion
			break
		}
		pick -= o.weight
	}
	p := planned{e: e, at: at, occasion: occ, kind: -1}
	switch occ {
	case visits.OccRoutine:
		p.summary = routineSummaries[g.rng.IntN(len(routineSummaries))]
	case visits.OccDifficulty:
		p.kind = g.rng.IntN(len(needKinds) + 2) // the last two: a technical problem
		p.summary = needOf(p.kind, e).summary
	case visits.OccMajorChange:
		p.summary = majorChangeSummaries[g.rng.IntN(len(majorChangeSummaries))]
	case visits.OccQualificationExpiry:
		p.summary = listSummaries[lists[0]]
	case visits.OccApplicationNode:
		p.summary = applicationSummaries[appReason]
	case visits.OccOther:
		p.summary = otherSummary
	case visits.OccFestivalCare:
		p.at, p.summary = g.festival(at)
	}
	return p
}

// applicationReason says which application node is ahead of e on day:
// the HNTE annual report (before June, for a 高企), its batch (in the
// pipeline for 高企), the tech-SME window (listed last year, or guided
// without a qualification); "" for none.
func (g *visitGen) applicationReason(e *visits.Enterprise, day visits.Date) string {
	year := day.Year()
	switch tier := visits.Tier(*e, day); {
	case tier == visits.TierHNTE && day <= visits.Date(fmt.Sprintf("%d-05-31", year)):
		return visits.ReasonAnnualReport
	case e.Stage == visits.StageMature || e.Stage == visits.StageApply:
		return visits.ReasonBatchDeadline
	case tier == visits.TierNone && e.Stage != "" || tier == visits.TierTSME && day <= visits.Date(fmt.Sprintf("%d-09-30", year)):
		return visits.ReasonTSMEWindow
	}
	return ""
}

// festival moves a care visit into the run-up to the festival nearest
// at (three weeks before 春节, two before 中秋) that has begun by today,
// and says which.
func (g *visitGen) festival(at time.Time) (time.Time, string) {
	day := visits.DateOf(at)
	best, bestGap := time.Time{}, 0
	summary := springSummary
	for y := day.Year() - 1; y <= day.Year()+1; y++ {
		for _, f := range []struct {
			md      string
			ok      bool
			lead    int
			summary string
		}{{springFestival[y], springFestival[y] != "", 21, springSummary}, {midAutumn[y], midAutumn[y] != "", 14, autumnSummary}} {
			if !f.ok {
				continue
			}
			eve := visits.Date(fmt.Sprintf("%d-%s", y, f.md)).AddDays(-1)
			start := eve.AddDays(1 - f.lead)
			if start > g.today || eve < g.today.AddDays(-365) {
				continue
			}
			gap := start.DaysUntil(day)
			if gap < 0 {
				gap = -gap
			}
			if best.IsZero() || gap < bestGap {
				best, bestGap, summary = g.at(g.between(max(start, g.today.AddDays(-365)), min(eve, g.today))), gap, f.summary
			}
		}
	}
	if best.IsZero() {
		return at, springSummary
	}
	return best, summary
}

// needOf is the need kind k speaks of (k past needKinds: the technical
// problem of e's domain).
func needOf(k int, e *visits.Enterprise) needKind {
	if k >= 0 && k < len(needKinds) {
		return needKinds[k]
	}
	t := techProblems[e.Domain]
	if t == "" {
		t = "关键工艺技术难题"
	}
	return needKind{title: t, cat: "tech", nature: "help", lead: "区科技局",
		summary: "企业反映" + t + "，自行攻关未果，希望对接高校院所合作"}
}
