package visits

import (
	"testing"
)

func ip(n int) *int         { return &n }
func fl(f float64) *float64 { return &f }
func bl(b bool) *bool       { return &b }
func states(items []CheckItem) map[string]string {
	m := map[string]string{}
	for _, it := range items {
		m[it.Code] = it.State
	}
	return m
}

func TestCheckReadinessShape(t *testing.T) {
	items := CheckReadiness(Enterprise{}, "2026-06-01")
	codes := Codes(KindReadinessItem)
	if len(items) != 8 || len(codes) != 8 {
		t.Fatalf("got %d items, %d codes", len(items), len(codes))
	}
	for i, it := range items {
		if it.Item != i+1 || it.Code != codes[i] {
			t.Errorf("item %d = %+v, want code %s", i+1, it, codes[i])
		}
		if it.State != StateUnknown {
			t.Errorf("empty inputs: item %s is %s, want unknown", it.Code, it.State)
		}
		if !Valid(KindReadinessState, it.State) {
			t.Errorf("state %q has no label", it.State)
		}
	}
	if Label(KindReadinessState, StateNear, ZH) != "接近" || Label(KindReadinessItem, ReadyRDStaff, EN) != "S&T staff at least 10%" || Label(KindReadinessItem, ReadyRDStaff, ZH) != "科技人员占比不低于10%" {
		t.Error("labels")
	}
}

func TestCheckReadinessItems(t *testing.T) {
	tests := []struct {
		name   string
		e      Enterprise
		code   string
		want   string
		detail string
	}{
		{"registered long ago", Enterprise{Readiness: Readiness{RegisteredOn: "2020-01-01"}}, ReadyRegistered, StateMet, "2020-01-01 → 2021-01-01"},
		{"registered exactly a year", Enterprise{Readiness: Readiness{RegisteredOn: "2025-06-01"}}, ReadyRegistered, StateMet, ""},
		{"a day short", Enterprise{Readiness: Readiness{RegisteredOn: "2025-06-02"}}, ReadyRegistered, StateNear, ""},
		{"a month short", Enterprise{Readiness: Readiness{RegisteredOn: "2025-07-01"}}, ReadyRegistered, StateNear, ""},
		{"half a year", Enterprise{Readiness: Readiness{RegisteredOn: "2025-12-01"}}, ReadyRegistered, StateNotMet, ""},
		{"bad registration date", Enterprise{Readiness: Readiness{RegisteredOn: "soon"}}, ReadyRegistered, StateUnknown, ""},

		{"class I", Enterprise{Readiness: Readiness{IPClassI: ip(1)}}, ReadyIP, StateMet, "I 1, II ?"},
		{"class II only", Enterprise{Readiness: Readiness{IPClassI: ip(0), IPClassII: ip(6)}}, ReadyIP, StateMet, "I 0, II 6"},
		{"no IP", Enterprise{Readiness: Readiness{IPClassI: ip(0), IPClassII: ip(0)}}, ReadyIP, StateNotMet, "I 0, II 0"},
		{"no class I, II unknown", Enterprise{Readiness: Readiness{IPClassI: ip(0)}}, ReadyIP, StateUnknown, "I 0, II ?"},

		{"domain", Enterprise{Domain: "bio_medicine"}, ReadyDomain, StateMet, "bio_medicine"},
		{"outside the domains", Enterprise{Domain: "real_estate"}, ReadyDomain, StateNotMet, "real_estate"},

		{"rd staff", Enterprise{Readiness: Readiness{StaffRD: ip(12), StaffTotal: ip(100)}}, ReadyRDStaff, StateMet, "12.0% / 10%"},
		{"rd staff exactly", Enterprise{Readiness: Readiness{StaffRD: ip(10), StaffTotal: ip(100)}}, ReadyRDStaff, StateMet, ""},
		{"rd staff near", Enterprise{Readiness: Readiness{StaffRD: ip(9), StaffTotal: ip(100)}}, ReadyRDStaff, StateNear, "9.0% / 10%"},
		{"rd staff low", Enterprise{Readiness: Readiness{StaffRD: ip(8), StaffTotal: ip(100)}}, ReadyRDStaff, StateNotMet, ""},
		{"rd staff, no total", Enterprise{Readiness: Readiness{StaffRD: ip(8)}}, ReadyRDStaff, StateUnknown, ""},
		{"rd staff, zero total", Enterprise{Readiness: Readiness{StaffRD: ip(0), StaffTotal: ip(0)}}, ReadyRDStaff, StateUnknown, ""},

		{"rd spend small firm", Enterprise{Readiness: Readiness{SalesLastYear: fl(30e6), Sales3Y: fl(80e6), RD3Y: fl(4.2e6), RDInChina3Y: fl(4.2e6)}},
			ReadyRDSpend, StateMet, "5.2% / 5%; 100.0% / 60%"},
		{"rd spend small firm near", Enterprise{Readiness: Readiness{SalesLastYear: fl(30e6), Sales3Y: fl(80e6), RD3Y: fl(3.8e6), RDInChina3Y: fl(3.8e6)}},
			ReadyRDSpend, StateNear, ""},
		{"rd spend mid firm", Enterprise{Readiness: Readiness{SalesLastYear: fl(150e6), Sales3Y: fl(400e6), RD3Y: fl(16e6), RDInChina3Y: fl(10e6)}},
			ReadyRDSpend, StateMet, "4.0% / 4%; 62.5% / 60%"},
		{"rd spend big firm", Enterprise{Readiness: Readiness{SalesLastYear: fl(300e6), Sales3Y: fl(900e6), RD3Y: fl(27e6), RDInChina3Y: fl(27e6)}},
			ReadyRDSpend, StateMet, ""},
		{"rd spend big firm low", Enterprise{Readiness: Readiness{SalesLastYear: fl(300e6), Sales3Y: fl(900e6), RD3Y: fl(18e6), RDInChina3Y: fl(18e6)}},
			ReadyRDSpend, StateNotMet, ""},
		{"rd mostly abroad", Enterprise{Readiness: Readiness{SalesLastYear: fl(30e6), Sales3Y: fl(80e6), RD3Y: fl(5e6), RDInChina3Y: fl(2e6)}},
			ReadyRDSpend, StateNotMet, ""},
		{"rd in China unknown", Enterprise{Readiness: Readiness{SalesLastYear: fl(30e6), Sales3Y: fl(80e6), RD3Y: fl(5e6)}},
			ReadyRDSpend, StateUnknown, "6.2% / 5%"},
		{"rd low, China unknown: fails", Enterprise{Readiness: Readiness{SalesLastYear: fl(30e6), Sales3Y: fl(80e6), RD3Y: fl(1e6)}},
			ReadyRDSpend, StateNotMet, ""},
		{"no sales last year", Enterprise{Readiness: Readiness{Sales3Y: fl(80e6), RD3Y: fl(5e6), RDInChina3Y: fl(5e6)}},
			ReadyRDSpend, StateUnknown, "100.0% / 60%"},

		{"high-tech income", Enterprise{Readiness: Readiness{HighTechIncome: fl(70), TotalIncome: fl(100)}}, ReadyHighTechIncome, StateMet, "70.0% / 60%"},
		{"high-tech income near", Enterprise{Readiness: Readiness{HighTechIncome: fl(55), TotalIncome: fl(100)}}, ReadyHighTechIncome, StateNear, ""},
		{"high-tech income low", Enterprise{Readiness: Readiness{HighTechIncome: fl(50), TotalIncome: fl(100)}}, ReadyHighTechIncome, StateNotMet, ""},

		{"score 71", Enterprise{Readiness: Readiness{InnovationScore: fl(71)}}, ReadyInnovation, StateMet, "71 / >70"},
		{"score 70 is not enough", Enterprise{Readiness: Readiness{InnovationScore: fl(70)}}, ReadyInnovation, StateNear, ""},
		{"score 63", Enterprise{Readiness: Readiness{InnovationScore: fl(63)}}, ReadyInnovation, StateNear, ""},
		{"score 62", Enterprise{Readiness: Readiness{InnovationScore: fl(62)}}, ReadyInnovation, StateNotMet, ""},

		{"no violation", Enterprise{Readiness: Readiness{MajorViolation: bl(false)}}, ReadyNoViolation, StateMet, ""},
		{"violation", Enterprise{Readiness: Readiness{MajorViolation: bl(true)}}, ReadyNoViolation, StateNotMet, ""},
	}
	for _, tt := range tests {
		var got CheckItem
		for _, it := range CheckReadiness(tt.e, "2026-06-01") {
			if it.Code == tt.code {
				got = it
			}
		}
		if got.State != tt.want || (tt.detail != "" && got.Detail != tt.detail) {
			t.Errorf("%s: %s = %s %q, want %s %q", tt.name, tt.code, got.State, got.Detail, tt.want, tt.detail)
		}
	}
}

func TestCheckReadinessAllMet(t *testing.T) {
	e := Enterprise{Domain: "electronic_info", Readiness: Readiness{
		RegisteredOn: "2018-03-01", IPClassI: ip(2), IPClassII: ip(10), StaffTotal: ip(80), StaffRD: ip(20),
		Sales3Y: fl(90e6), SalesLastYear: fl(40e6), RD3Y: fl(6e6), RDInChina3Y: fl(6e6),
		HighTechIncome: fl(35e6), TotalIncome: fl(42e6), InnovationScore: fl(78), MajorViolation: bl(false),
	}}
	for code, s := range states(CheckReadiness(e, "2026-06-01")) {
		if s != StateMet {
			t.Errorf("%s = %s, want met", code, s)
		}
	}
}

func TestRDSpendBar(t *testing.T) {
	for sales, want := range map[float64]float64{0: 0.05, 50e6: 0.05, 50e6 + 1: 0.04, 200e6: 0.04, 200e6 + 1: 0.03} {
		if got := RDSpendBar(sales); got != want {
			t.Errorf("RDSpendBar(%g) = %g, want %g", sales, got, want)
		}
	}
}
