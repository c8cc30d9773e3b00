package visits

import "math"

// ReadinessGaps says what is missing to pass the checklist, item by item,
// in figures a screen words in its language ("研发费用占比 3.1%，按上年销售额
// 应≥4%，还差研发投入 86 万元"). A shortfall is counted with the other
// figures as they are: the R&D spend to add with the same sales, the staff
// to count as 科技人员 with the same total, the high-tech income with the
// same total income.

// Gap parts: an item checked on two figures (研发费用) gives one gap per
// failing part; the others' Part is their Code.
const (
	GapRDShare   = "rd_share"    // R&D spend ÷ sales, 3 years, against RDSpendBar(last year's sales)
	GapRDInChina = "rd_in_china" // R&D in China ÷ all R&D ≥ 60%
)

// Measures of Gap.Have and Gap.Need, and units of Gap.Short.
const (
	GapPercent = "percent" // 0..100
	GapPoints  = "points"
	GapCount   = "count" // IP
	GapDays    = "days"
	GapYuan    = "yuan"
	GapPeople  = "people"
)

// Gap is one failing or unknown checklist item (or part of one).
type Gap struct {
	Item    int     `json:"item"`              // 1..8
	Code    string  `json:"code"`              // Ready*
	Part    string  `json:"part"`              // Code, or GapRDShare / GapRDInChina
	State   string  `json:"state"`             // near, not_met or unknown
	Have    float64 `json:"have,omitempty"`    // the figure now, in Measure
	Need    float64 `json:"need,omitempty"`    // the bar, in Measure
	Measure string  `json:"measure,omitempty"` // "" when the item has no figure (domain, violation)
	Short   float64 `json:"short,omitempty"`   // what is missing, in Unit, rounded up
	Unit    string  `json:"unit,omitempty"`
	// Basis is the figure the bar depends on: last year's sales (yuan)
	// for GapRDShare.
	Basis float64 `json:"basis,omitempty"`
	// Missing lists the inputs to fill in (Readiness JSON names, or
	// "domain") when State is unknown.
	Missing []string `json:"missing,omitempty"`
}

// InnovationPass is the lowest passing innovation score: the bar is
// "above 70" and points are whole.
const InnovationPass = 71

// ReadinessGaps returns the gaps of e for an application made on the day,
// in checklist order; none when every item is met.
func ReadinessGaps(e Enterprise, on Date) []Gap {
	var out []Gap
	r := e.Readiness
	for _, it := range CheckReadiness(e, on) {
		if it.State == StateMet {
			continue
		}
		g := Gap{Item: it.Item, Code: it.Code, Part: it.Code, State: it.State}
		switch it.Code {
		case ReadyRegistered:
			if it.State == StateUnknown {
				g.Missing = []string{"registered_on"}
				break
			}
			full := r.RegisteredOn.DaysUntil(anniversary(r.RegisteredOn))
			g.Have, g.Need, g.Measure = float64(r.RegisteredOn.DaysUntil(on)), float64(full), GapDays
			g.Short, g.Unit = g.Need-g.Have, GapDays
		case ReadyIP:
			if it.State == StateUnknown {
				g.Missing = missing(map[string]bool{"ip_class_i": r.IPClassI == nil, "ip_class_ii": r.IPClassII == nil})
				break
			}
			g.Have, g.Need, g.Measure, g.Short, g.Unit = 0, 1, GapCount, 1, GapCount
		case ReadyDomain:
			if it.State == StateUnknown {
				g.Missing = []string{"domain"}
			}
		case ReadyRDStaff:
			g = shareGap(g, intF(r.StaffRD), intF(r.StaffTotal), 0.10, GapPeople, "staff_rd", "staff_total")
		case ReadyRDSpend:
			out = append(out, rdGaps(g, r)...)
			continue
		case ReadyHighTechIncome:
			g = shareGap(g, r.HighTechIncome, r.TotalIncome, 0.60, GapYuan, "high_tech_income", "total_income")
		case ReadyInnovation:
			if it.State == StateUnknown {
				g.Missing = []string{"innovation_score"}
				break
			}
			s := *r.InnovationScore
			g.Have, g.Need, g.Measure, g.Short, g.Unit = s, InnovationPass, GapPoints, InnovationPass-s, GapPoints
		case ReadyNoViolation:
			if it.State == StateUnknown {
				g.Missing = []string{"major_violation"}
			}
		}
		out = append(out, g)
	}
	return out
}

// anniversary returns the first anniversary of d (Feb 29 → Mar 1).
func anniversary(d Date) Date {
	n, ok := dayNum(d)
	if !ok {
		return ""
	}
	y, m, dd := civilFromDays(n)
	return dateOfNum(daysFromCivil(y+1, m, dd))
}

// missing lists the names whose value is true, in ReadinessFields order.
func missing(unknown map[string]bool) []string {
	var out []string
	for _, f := range ReadinessFields {
		if unknown[f] {
			out = append(out, f)
		}
	}
	return out
}

// shareGap fills g for part ÷ whole ≥ bar: Have and Need in percent,
// Short the part to add (rounded up to a whole unit) with whole as it is.
// A zero whole is as unknown as a missing one.
func shareGap(g Gap, part, whole *float64, bar float64, unit, partName, wholeName string) Gap {
	if part == nil || whole == nil || *whole <= 0 || *part < 0 {
		g.State = StateUnknown
		g.Missing = missing(map[string]bool{partName: part == nil, wholeName: whole == nil || *whole <= 0})
		return g
	}
	g.State = against(*part / *whole, bar)
	g.Have, g.Need, g.Measure = *part / *whole * 100, bar*100, GapPercent
	g.Short, g.Unit = roundUp(bar**whole-*part), unit
	return g
}

// roundUp rounds a shortfall up to a whole unit, forgiving float noise.
func roundUp(x float64) float64 {
	if x <= 0 {
		return 0
	}
	return math.Ceil(x - 1e-6)
}

// rdGaps gives the failing or unknown parts of the R&D item: the share of
// sales against the bar set by last year's sales, and the share in China.
func rdGaps(g Gap, r Readiness) []Gap {
	var out []Gap
	a := g
	a.Part = GapRDShare
	if r.SalesLastYear == nil || *r.SalesLastYear < 0 {
		a.State = StateUnknown
		a.Missing = missing(map[string]bool{"rd_3y": r.RD3Y == nil, "sales_3y": r.Sales3Y == nil || *r.Sales3Y <= 0, "sales_last_year": true})
	} else {
		a = shareGap(a, r.RD3Y, r.Sales3Y, RDSpendBar(*r.SalesLastYear), GapYuan, "rd_3y", "sales_3y")
		a.Basis = *r.SalesLastYear
	}
	if a.State != StateMet {
		out = append(out, a)
	}
	b := g
	b.Part = GapRDInChina
	b = shareGap(b, r.RDInChina3Y, r.RD3Y, 0.60, GapYuan, "rd_in_china_3y", "rd_3y")
	if b.State != StateMet {
		out = append(out, b)
	}
	return out
}
