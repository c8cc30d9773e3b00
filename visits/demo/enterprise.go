package demo

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/liaison-dev/liaison/visits"
)

// Profiles of the demo's enterprises: what they hold on the day the data
// is made, before the applications of the year add to it.
const (
	profileNone     = iota // no qualification
	profileTSME            // a tech SME, listed this year (and most also last year)
	profileTSMELeft        // listed last year, not renewed yet
	profileProv            // 省级科技创新型企业
	profileHNTE            // 高企, some expiring this year, some lapsed
)

func profileOf(rng *rand.Rand) int {
	switch r := rng.IntN(20); {
	case r < 5:
		return profileTSME
	case r < 6:
		return profileTSMELeft
	case r < 9:
		return profileProv
	case r < 14:
		return profileHNTE
	}
	return profileNone
}

// enterprise makes the i-th enterprise: its name, place, flags,
// qualifications, stage (consistent with its tier) and readiness figures.
func enterprise(rng *rand.Rand, i int, m visits.Meta, today visits.Date) visits.Enterprise {
	// Brand first, the trade moving on with each enterprise and one more
	// with each round of brands: the first thousands are distinct, and
	// any fifteen in a row hold every trade, so every domain.
	b := brands[i%len(brands)]
	t := Trades[(i+i/len(brands))%len(Trades)]
	s := suffixes[(i/(len(brands)*len(Trades)))%len(suffixes)]
	name := "兰州" + b + t.Name + s
	if n := i / (len(brands) * len(Trades) * len(suffixes)); n > 0 {
		name = fmt.Sprintf("兰州%s%s%s（%d）", b, t.Name, s, n)
	}
	const chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	org := make([]byte, 9)
	for j := range org {
		org[j] = chars[rng.IntN(len(chars))]
	}
	org[8] = chars[i%10] // keep codes apart
	e := visits.Enterprise{Meta: m, Name: name, ShortName: b + t.Name,
		USCC:   visits.MakeUSCC("91620102" + string(org)),
		Street: Streets[rng.IntN(len(Streets))], Address: fmt.Sprintf("兰州市城关区%s%d号", roads[rng.IntN(len(roads))], rng.IntN(300)+1),
		LegalRep: people[rng.IntN(len(people))], Domain: t.Domain,
		Contacts: []visits.Contact{{Name: people[rng.IntN(len(people))], Title: "办公室主任", Phone: fmt.Sprintf("1390931%04d", rng.IntN(10000))}}}
	year := today.Year()
	day := func(y int) visits.Date { // a working-looking day of year y
		return visits.Date(fmt.Sprintf("%d-%02d-%02d", y, rng.IntN(12)+1, rng.IntN(28)+1))
	}
	profile := profileOf(rng)
	switch profile {
	case profileTSME:
		if rng.IntN(4) != 0 {
			e.Qualifications = append(e.Qualifications, visits.Qualification{Kind: visits.TierTSME,
				Certificate: fmt.Sprintf("%d62010%05d", year-1, i), Issued: visits.Date(fmt.Sprintf("%d-04-%02d", year-1, rng.IntN(28)+1))})
		}
		e.Qualifications = append(e.Qualifications, visits.Qualification{Kind: visits.TierTSME,
			Certificate: fmt.Sprintf("%d62010%05d", year, i), Issued: visits.Date(fmt.Sprintf("%d-04-%02d", year, rng.IntN(28)+1))})
	case profileTSMELeft:
		e.Qualifications = []visits.Qualification{{Kind: visits.TierTSME,
			Certificate: fmt.Sprintf("%d62010%05d", year-1, i), Issued: visits.Date(fmt.Sprintf("%d-05-%02d", year-1, rng.IntN(28)+1))}}
	case profileProv:
		e.Qualifications = []visits.Qualification{{Kind: visits.TierProv, Certificate: fmt.Sprintf("GSKC%d%04d", year-1, i%10000),
			Issued: visits.Date(fmt.Sprintf("%d-09-%02d", year-1, rng.IntN(28)+1))}}
	case profileHNTE:
		issued := year - 1 - rng.IntN(4) // some expire this year, some already lapsed
		e.Qualifications = []visits.Qualification{{Kind: visits.TierHNTE, Certificate: fmt.Sprintf("GR%d62000%04d", issued, i%10000),
			Issued: visits.Date(fmt.Sprintf("%d-11-%02d", issued, rng.IntN(28)+1))}}
	}
	tier, lists := visits.Tier(e, today), visits.Lists(e, today)
	e.Stage = stageFor(rng, tier, lists)
	if e.Stage == visits.StageApply || (e.Stage == visits.StageMature && rng.IntN(2) == 0) {
		e.Batch = rng.IntN(3) + 1
	}

	// Flags the plan counts by: bigger and more often 规上 the higher the tier.
	strong := tier == visits.TierHNTE || tier == visits.TierProv
	e.Private = rng.IntN(20) != 0
	e.AboveSize = rng.IntN(10) < map[bool]int{true: 4, false: 1}[strong]
	e.Specialized = rng.IntN(10) < map[bool]int{true: 3, false: 1}[strong]
	e.LittleGiant = e.Specialized && rng.IntN(4) == 0
	e.Key = strong || e.Stage == visits.StageApply || rng.IntN(8) == 0

	e.Readiness = readiness(rng, tier, lists, e.Stage, day(year-2-rng.IntN(10)))
	// Newcomers: every 25 enterprises, one newly registered and one newly
	// moved in (新设立, 新落户), both within the last 45 days.
	switch i % 25 {
	case 7:
		reg := today.AddDays(-rng.IntN(45) - 1)
		e.Readiness.RegisteredOn, e.Qualifications, e.Stage, e.Batch = reg, nil, visits.StageGuide, 0
		e.Meta.CreatedAt, e.Meta.UpdatedAt = reg.Time().Add(10*time.Hour), reg.Time().Add(10*time.Hour)
	case 19:
		e.ArrivedOn = today.AddDays(-rng.IntN(45) - 1)
		e.Meta.CreatedAt, e.Meta.UpdatedAt = e.ArrivedOn.Time().Add(10*time.Hour), e.ArrivedOn.Time().Add(10*time.Hour)
	}
	return e
}

// stageFor is a cultivation stage that fits the tier: a 高企 in force is
// not cultivated unless it is up for renewal (apply); a lapsed one is
// brought back (mature, apply); a provincial one is on its way to 高企; a
// tech SME is guided or cultivated; one without a qualification is
// guided, or not in the pipeline at all.
func stageFor(rng *rand.Rand, tier string, lists []string) string {
	pick := func(s ...string) string { return s[rng.IntN(len(s))] }
	for _, l := range lists {
		switch l {
		case visits.ListHNTEExpiring:
			return visits.StageApply
		case visits.ListFailedRenewal:
			return pick(visits.StageMature, visits.StageApply)
		}
	}
	switch tier {
	case visits.TierHNTE:
		return ""
	case visits.TierProv:
		return pick(visits.StageCultivate, visits.StageMature, visits.StageApply)
	case visits.TierTSME:
		return pick(visits.StageGuide, visits.StageCultivate, visits.StageCultivate, visits.StageMature)
	}
	return pick("", "", visits.StageGuide, visits.StageCultivate)
}

// StagesFor are the stages stageFor may give an enterprise of the tier on
// the lists (for tests).
func StagesFor(tier string, lists []string) []string {
	for _, l := range lists {
		switch l {
		case visits.ListHNTEExpiring:
			return []string{visits.StageApply}
		case visits.ListFailedRenewal:
			return []string{visits.StageMature, visits.StageApply}
		}
	}
	switch tier {
	case visits.TierHNTE:
		return []string{""}
	case visits.TierProv:
		return []string{visits.StageCultivate, visits.StageMature, visits.StageApply}
	case visits.TierTSME:
		return []string{visits.StageGuide, visits.StageCultivate, visits.StageMature}
	}
	return []string{"", visits.StageGuide, visits.StageCultivate}
}

// readiness fills the checklist's inputs with figures that fit the
// enterprise: a 高企 mostly meets the bars, one in the pipeline is near
// them, one outside it is short. One in eight leaves a figure or two out
// (待补充), as a real roster does.
func readiness(rng *rand.Rand, tier string, lists []string, stage string, registered visits.Date) visits.Readiness {
	level := 0 // 0 short, 1 near, 2 meets
	switch {
	case tier == visits.TierHNTE:
		level = 2
	case stage == visits.StageMature || stage == visits.StageApply || len(lists) > 0:
		level = 1 + rng.IntN(2)
	case stage != "":
		level = rng.IntN(2)
	}
	between := func(lo, hi float64) float64 { return lo + rng.Float64()*(hi-lo) }
	shares := [3][2]float64{{0.02, 0.06}, {0.035, 0.07}, {0.045, 0.09}}[level]
	staffShare := [3][2]float64{{0.04, 0.12}, {0.08, 0.18}, {0.11, 0.35}}[level]
	htShare := [3][2]float64{{0.25, 0.62}, {0.5, 0.75}, {0.62, 0.92}}[level]
	score := [3][2]float64{{45, 72}, {62, 80}, {71, 92}}[level]

	staff := rng.IntN(280) + 20
	rdStaff := max(1, int(float64(staff)*between(staffShare[0], staffShare[1])))
	sales := float64(rng.IntN(290)+5) * 1e6
	sales3 := round(sales * between(2.3, 2.9))
	rd3 := round(sales3 * between(shares[0], shares[1]))
	rdChina := round(rd3 * between(0.85, 1))
	income := round(sales * between(1.0, 1.1))
	highTech := round(income * between(htShare[0], htShare[1]))
	sc := float64(int(between(score[0], score[1])))
	ipI := rng.IntN([3]int{2, 3, 8}[level])
	if level == 2 && ipI == 0 {
		ipI = 1
	}
	ipII := rng.IntN(25) + level*3
	violation := rng.IntN(60) == 0
	r := visits.Readiness{RegisteredOn: registered, IPClassI: &ipI, IPClassII: &ipII, StaffTotal: &staff, StaffRD: &rdStaff,
		Sales3Y: &sales3, SalesLastYear: &sales, RD3Y: &rd3, RDInChina3Y: &rdChina, HighTechIncome: &highTech,
		TotalIncome: &income, InnovationScore: &sc, MajorViolation: &violation}
	if rng.IntN(8) == 0 { // a figure or two still to collect
		r.InnovationScore = nil
		if rng.IntN(2) == 0 {
			r.RDInChina3Y = nil
		}
	}
	return r
}

// round rounds yuan to whole ten-thousands (万元), as rosters give them.
func round(v float64) float64 { return float64(int64(v/1e4+0.5)) * 1e4 }
