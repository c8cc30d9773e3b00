package visits

import "fmt"

// The HNTE readiness checklist: the recognition conditions of
// 国科发火〔2016〕32号, article 11, checked against Enterprise.Readiness.
// An item whose input is missing is unknown: never counted as failing.
// Near means below the bar by at most 10% of it.

// Readiness item codes, in checklist order (items 1..8).
const (
	ReadyRegistered     = "registered_1y"
	ReadyIP             = "ip"
	ReadyDomain         = "domain"
	ReadyRDStaff        = "rd_staff"
	ReadyRDSpend        = "rd_spend"
	ReadyHighTechIncome = "high_tech_income"
	ReadyInnovation     = "innovation_score"
	ReadyNoViolation    = "no_violation"
)

// Readiness states.
const (
	StateMet     = "met"
	StateNear    = "near"
	StateNotMet  = "not_met"
	StateUnknown = "unknown"
)

// CheckItem is one line of the checklist. Detail holds the figures behind
// the state, language-neutral ("8.5% / 10%"), or "" when unknown.
type CheckItem struct {
	Item   int    // 1..8
	Code   string // a Ready* code; label with KindReadinessItem
	State  string // a State* code; label with KindReadinessState
	Detail string
}

// CheckReadiness returns the 8 checklist items for an application made on
// the given day. (It is not called Readiness: that is the inputs' type.)
func CheckReadiness(e Enterprise, on Date) []CheckItem { return checkReadiness(&e, on, true) }

// checkReadiness is CheckReadiness; without detail, Detail is left empty
// (the weekly report reads only the states of thousands of enterprises).
func checkReadiness(e *Enterprise, on Date, detail bool) []CheckItem {
	var items [readinessItems]CheckItem
	return fillReadiness(&items, e, on, detail)
}

// readinessItems is the number of checklist items.
const readinessItems = 8

// fillReadiness is checkReadiness into items (the weekly report's
// readiness gaps keep them on the stack: one allocation fewer for each of
// thousands of enterprises).
func fillReadiness(items *[readinessItems]CheckItem, e *Enterprise, on Date, detail bool) []CheckItem {
	r := &e.Readiness
	*items = [readinessItems]CheckItem{
		checkRegistered(r.RegisteredOn, on, detail),
		checkIP(r.IPClassI, r.IPClassII, detail),
		checkDomain(e.Domain),
		checkShare(ReadyRDStaff, intF(r.StaffRD), intF(r.StaffTotal), 0.10, detail),
		checkRDSpend(*r, detail),
		checkShare(ReadyHighTechIncome, r.HighTechIncome, r.TotalIncome, 0.60, detail),
		checkScore(r.InnovationScore, detail),
		checkViolation(r.MajorViolation),
	}
	for i := range items {
		items[i].Item = i + 1
	}
	return items[:]
}

func intF(p *int) *float64 {
	if p == nil {
		return nil
	}
	f := float64(*p)
	return &f
}

// against grades v against a bar it must reach (v >= bar). The tolerance
// keeps 9/100 from falling short of 0.9×10% by a rounding error.
func against(v, bar float64) string {
	const eps = 1e-9
	switch {
	case v >= bar-eps:
		return StateMet
	case v >= bar*0.9-eps:
		return StateNear
	}
	return StateNotMet
}

func checkRegistered(reg, on Date, detail bool) CheckItem {
	c := CheckItem{Code: ReadyRegistered, State: StateUnknown}
	r, ok1 := dayNum(reg)
	o, ok2 := dayNum(on)
	if !ok1 || !ok2 {
		return c
	}
	y, m, d := civilFromDays(r)
	anniversary := daysFromCivil(y+1, m, d) // Feb 29 → Mar 1
	full := anniversary - r
	c.State = against(float64(o-r), float64(full))
	if detail {
		c.Detail = fmt.Sprintf("%s → %s", reg, dateOfNum(anniversary))
	}
	return c
}

// checkIP: owning at least one class I or class II IP meets the bar; it
// is unknown until a positive count, or both counts, are known.
func checkIP(i, ii *int, detail bool) CheckItem {
	c := CheckItem{Code: ReadyIP, State: StateUnknown}
	show := func(p *int) string {
		if p == nil {
			return "?"
		}
		return fmt.Sprint(*p)
	}
	switch {
	case (i != nil && *i > 0) || (ii != nil && *ii > 0):
		c.State = StateMet
	case i != nil && ii != nil:
		c.State = StateNotMet
	default:
		if i == nil && ii == nil {
			return c
		}
	}
	if detail {
		c.Detail = fmt.Sprintf("I %s, II %s", show(i), show(ii))
	}
	return c
}

func checkDomain(domain string) CheckItem {
	c := CheckItem{Code: ReadyDomain, State: StateUnknown}
	if domain == "" {
		return c
	}
	c.Detail = domain
	if Valid(KindDomain, domain) {
		c.State = StateMet
	} else {
		c.State = StateNotMet
	}
	return c
}

// checkShare grades part/whole against a minimum share.
func checkShare(code string, part, whole *float64, bar float64, detail bool) CheckItem {
	c := CheckItem{Code: code, State: StateUnknown}
	if part == nil || whole == nil || *whole <= 0 || *part < 0 {
		return c
	}
	share := *part / *whole
	c.State = against(share, bar)
	if detail {
		c.Detail = fmt.Sprintf("%.1f%% / %.0f%%", share*100, bar*100)
	}
	return c
}

// RDSpendBar returns the minimum share of R&D spend in sales over the last
// three years for an enterprise whose sales last year were sales yuan.
func RDSpendBar(sales float64) float64 {
	switch {
	case sales <= 50e6:
		return 0.05
	case sales <= 200e6:
		return 0.04
	}
	return 0.03
}

// checkRDSpend: R&D over 3 years ÷ sales over 3 years against a bar set by
// last year's sales, and R&D in China ≥ 60% of all R&D. A part that fails
// fails the item even when the other is unknown.
func checkRDSpend(r Readiness, detail bool) CheckItem {
	c := CheckItem{Code: ReadyRDSpend, State: StateUnknown}
	var parts []CheckItem
	if r.SalesLastYear != nil && *r.SalesLastYear >= 0 {
		parts = append(parts, checkShare(ReadyRDSpend, r.RD3Y, r.Sales3Y, RDSpendBar(*r.SalesLastYear), detail))
	} else {
		parts = append(parts, CheckItem{State: StateUnknown})
	}
	parts = append(parts, checkShare(ReadyRDSpend, r.RDInChina3Y, r.RD3Y, 0.60, detail))
	c.State = StateMet
	for _, p := range parts {
		if stateRank[p.State] > stateRank[c.State] {
			c.State = p.State
		}
	}
	switch {
	case parts[0].Detail != "" && parts[1].Detail != "":
		c.Detail = parts[0].Detail + "; " + parts[1].Detail
	default:
		c.Detail = parts[0].Detail + parts[1].Detail
	}
	return c
}

// stateRank orders the states from best to worst (checkRDSpend).
var stateRank = map[string]int{StateMet: 0, StateNear: 1, StateUnknown: 2, StateNotMet: 3}

// checkScore: strictly more than 70; near from 63.
func checkScore(score *float64, detail bool) CheckItem {
	c := CheckItem{Code: ReadyInnovation, State: StateUnknown}
	if score == nil {
		return c
	}
	switch {
	case *score > 70:
		c.State = StateMet
	case *score >= 63:
		c.State = StateNear
	default:
		c.State = StateNotMet
	}
	if detail {
		c.Detail = fmt.Sprintf("%g / >70", *score)
	}
	return c
}

func checkViolation(v *bool) CheckItem {
	c := CheckItem{Code: ReadyNoViolation, State: StateUnknown}
	if v == nil {
		return c
	}
	c.State = StateMet
	if *v {
		c.State = StateNotMet
	}
	return c
}
