package visits

import (
	"reflect"
	"testing"
)

// Every figure below is worked out by hand in the comments.
func TestReadinessGaps(t *testing.T) {
	e := Enterprise{Domain: "", Readiness: Readiness{
		RegisteredOn: "2026-03-01",            // 264 days by 2026-11-20; a year is 365 → 101 short
		IPClassI:     ip(0), IPClassII: ip(0), // none → 1 short
		StaffTotal: ip(137), StaffRD: ip(12), // 8.76% < 9% → not met; 13.7 − 12 → 2 people
		Sales3Y: fl(1e8), SalesLastYear: fl(6e7), RD3Y: fl(3.1e6), // 3.1% of sales; 6000万 last year → bar 4%; 4,000,000 − 3,100,000 = 900,000
		RDInChina3Y: fl(3.1e6),                          // 100% in China: met
		TotalIncome: fl(5e7), HighTechIncome: fl(2.8e7), // 56% ≥ 54% → near; 30,000,000 − 28,000,000 = 2,000,000
		InnovationScore: fl(65), // near (≥63); 71 − 65 = 6
	}}
	got := ReadinessGaps(e, "2026-11-20")
	want := []Gap{
		{Item: 1, Code: ReadyRegistered, Part: ReadyRegistered, State: StateNotMet, Have: 264, Need: 365, Measure: GapDays, Short: 101, Unit: GapDays},
		{Item: 2, Code: ReadyIP, Part: ReadyIP, State: StateNotMet, Have: 0, Need: 1, Measure: GapCount, Short: 1, Unit: GapCount},
		{Item: 3, Code: ReadyDomain, Part: ReadyDomain, State: StateUnknown, Missing: []string{"domain"}},
		{Item: 4, Code: ReadyRDStaff, Part: ReadyRDStaff, State: StateNotMet, Have: 12.0 / 137 * 100, Need: 10, Measure: GapPercent, Short: 2, Unit: GapPeople},
		{Item: 5, Code: ReadyRDSpend, Part: GapRDShare, State: StateNotMet, Have: 3.1, Need: 4, Measure: GapPercent, Short: 900000, Unit: GapYuan, Basis: 6e7},
		{Item: 6, Code: ReadyHighTechIncome, Part: ReadyHighTechIncome, State: StateNear, Have: 56, Need: 60, Measure: GapPercent, Short: 2e6, Unit: GapYuan},
		{Item: 7, Code: ReadyInnovation, Part: ReadyInnovation, State: StateNear, Have: 65, Need: 71, Measure: GapPoints, Short: 6, Unit: GapPoints},
		{Item: 8, Code: ReadyNoViolation, Part: ReadyNoViolation, State: StateUnknown, Missing: []string{"major_violation"}},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d gaps, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		g, w := got[i], want[i]
		// Shares are float quotients: compare to 1e-9.
		if d := g.Have - w.Have; d > 1e-9 || d < -1e-9 {
			t.Errorf("gap %d have %v, want %v", i, g.Have, w.Have)
		}
		if d := g.Need - w.Need; d > 1e-9 || d < -1e-9 {
			t.Errorf("gap %d need %v, want %v", i, g.Need, w.Need)
		}
		g.Have, w.Have, g.Need, w.Need = 0, 0, 0, 0
		if !reflect.DeepEqual(g, w) {
			t.Errorf("gap %d\n got %+v\nwant %+v", i, g, w)
		}
	}
}

// The R&D bar follows last year's sales: ≤5000万 5%, to 2亿 4%, above 3%.
// R&D 4.5% of sales passes at 6000万 and fails at 5000万 by 500,000 yuan
// (5% of 1亿 − 4,500,000); in China 50% of R&D fails by 450,000 (60% of
// 4,500,000 − 2,250,000).
func TestReadinessGapsRDBar(t *testing.T) {
	r := Readiness{Sales3Y: fl(1e8), RD3Y: fl(4.5e6), RDInChina3Y: fl(2.25e6)}
	for _, tt := range []struct {
		last  float64
		parts []string
		short []float64
	}{
		{5e7, []string{GapRDShare, GapRDInChina}, []float64{500000, 450000}},
		{5e7 + 1, []string{GapRDInChina}, []float64{450000}},
		{2.5e8, []string{GapRDInChina}, []float64{450000}},
	} {
		r.SalesLastYear = fl(tt.last)
		var parts []string
		var short []float64
		for _, g := range ReadinessGaps(Enterprise{Readiness: r}, "2026-11-20") {
			if g.Code == ReadyRDSpend {
				parts, short = append(parts, g.Part), append(short, g.Short)
			}
		}
		if !reflect.DeepEqual(parts, tt.parts) || !reflect.DeepEqual(short, tt.short) {
			t.Errorf("last year %v: parts %v short %v, want %v %v", tt.last, parts, short, tt.parts, tt.short)
		}
	}
	// Unknown last year's sales: the share part lists what to fill in.
	r.SalesLastYear = nil
	g := ReadinessGaps(Enterprise{Readiness: r}, "2026-11-20")
	for _, x := range g {
		if x.Part == GapRDShare && !reflect.DeepEqual(x.Missing, []string{"sales_last_year"}) {
			t.Errorf("missing %v, want [sales_last_year]", x.Missing)
		}
	}
}

func TestReadinessGapsNoneWhenMet(t *testing.T) {
	e := Enterprise{Domain: Codes(KindDomain)[0], Readiness: Readiness{RegisteredOn: "2020-01-01", IPClassI: ip(1),
		StaffTotal: ip(100), StaffRD: ip(10), Sales3Y: fl(1e8), SalesLastYear: fl(4e7), RD3Y: fl(5e6), RDInChina3Y: fl(3e6),
		TotalIncome: fl(1e7), HighTechIncome: fl(6e6), InnovationScore: fl(71), MajorViolation: bl(false)}}
	if g := ReadinessGaps(e, "2026-11-20"); len(g) != 0 {
		t.Errorf("all met at the bars, got %+v", g)
	}
}

func TestValidateReadiness(t *testing.T) {
	r := Readiness{StaffTotal: ip(10), StaffRD: ip(11), RD3Y: fl(1), RDInChina3Y: fl(2), Sales3Y: fl(-1),
		InnovationScore: fl(101), TotalIncome: fl(5), HighTechIncome: fl(6), RegisteredOn: "2026-02-30"}
	es := AsErrors(ValidateReadiness(r))
	for f, code := range map[string]string{"staff_rd": ErrCodeAtMost, "rd_in_china_3y": ErrCodeAtMost, "sales_3y": ErrCodeNumber,
		"innovation_score": ErrCodeRange, "high_tech_income": ErrCodeAtMost, "registered_on": ErrCodeDate} {
		if fe := es.For(f); len(fe) != 1 || fe[0].Code != code {
			t.Errorf("%s: %v, want %s", f, fe, code)
		}
	}
	if m := es.For("staff_rd")[0].Message(ZH); m != "科技人员数不能大于职工总数" {
		t.Errorf("message %q", m)
	}
	if err := ValidateReadiness(Readiness{}); err != nil {
		t.Errorf("empty readiness: %v", err)
	}
}
