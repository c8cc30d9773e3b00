package visits

import (
	"strings"
	"testing"
)

// The plan's obligations on the built-in 2026 calendar, every due date
// counted by hand (春节 2/15–2/23 off, 2/14 and 2/28 worked; 劳动节 5/1–5/5
// off, 5/9 worked; 中秋 9/25–9/27 and 国庆 10/1–10/7 off, 9/20 and 10/10
// worked). Routine obligations are left out.
func TestOwedPlan(t *testing.T) {
	ent := func(edit func(*Enterprise)) Enterprise {
		e := Enterprise{Meta: Meta{ID: "e1"}}
		edit(&e)
		return e
	}
	registered := func(d Date) Enterprise { return ent(func(e *Enterprise) { e.Readiness.RegisteredOn = d }) }
	q := func(kind string, issued Date) []Qualification { return []Qualification{{Kind: kind, Issued: issued}} }
	tests := []struct {
		name string
		in   ObligationInput
		on   Date
		want string
	}{
		// 新设立/新落户/新入库: 30 calendar days, a day off moves to the next working day.
		{"新设立 across 春节: 1/20 + 30 = 2/19 (off), so 2/24", ObligationInput{Enterprise: registered("2026-01-20")}, "2026-02-01",
			"new_entry 2026-02-24 new_registered 2026-01-20"},
		{"新设立 still owed when late", ObligationInput{Enterprise: registered("2026-01-20")}, "2026-03-10",
			"new_entry 2026-02-24 new_registered 2026-01-20"},
		{"新设立 settled by a new_entry visit after it", ObligationInput{Enterprise: registered("2026-01-20"),
			Visits: []VisitMark{{"2026-02-10", []string{OccRoutine, OccNewEntry}}}}, "2026-03-10", ""},
		{"a new_entry visit before the day does not settle it", ObligationInput{Enterprise: registered("2026-01-20"),
			Visits: []VisitMark{{"2026-01-10", []string{OccNewEntry}}}}, "2026-02-01",
			"new_entry 2026-02-24 new_registered 2026-01-20"},
		{"not yet registered on the day", ObligationInput{Enterprise: registered("2026-03-01")}, "2026-02-01", ""},
		{"新落户 across 国庆: 9/3 + 30 = 10/3 (off), so 10/8", ObligationInput{Enterprise: ent(func(e *Enterprise) { e.ArrivedOn = "2026-09-03" })}, "2026-09-10",
			"new_entry 2026-10-08 new_arrived 2026-09-03"},
		{"新入库: first tech-SME listing 4/10 + 30 = Sunday 5/10, so 5/11", ObligationInput{Enterprise: ent(func(e *Enterprise) {
			e.Qualifications = q(TierTSME, "2026-04-10")
		})}, "2026-04-15", "new_entry 2026-05-11 new_listed 2026-04-10"},
		{"a renewed listing is not new", ObligationInput{Enterprise: ent(func(e *Enterprise) {
			e.Qualifications = []Qualification{{Kind: TierTSME, Issued: "2025-05-20"}, {Kind: TierTSME, Issued: "2026-04-10"}}
		})}, "2026-04-15", ""},
		{"the earliest unsettled day is owed", ObligationInput{Enterprise: ent(func(e *Enterprise) {
			e.Readiness.RegisteredOn, e.ArrivedOn = "2026-01-20", "2026-03-02"
		}), Visits: []VisitMark{{"2026-02-10", []string{OccNewEntry}}}}, "2026-03-10",
			"new_entry 2026-04-01 new_arrived 2026-03-02"},
		{"late December counts in January", ObligationInput{Enterprise: registered("2025-12-20")}, "2026-01-05",
			"new_entry 2026-01-19 new_registered 2025-12-20"},
		{"late December settled in December", ObligationInput{Enterprise: registered("2025-12-20"),
			Visits: []VisitMark{{"2025-12-28", []string{OccNewEntry}}}}, "2026-01-05", ""},
		{"long registered: nothing", ObligationInput{Enterprise: registered("2025-11-01")}, "2026-01-05", ""},

		// 资质到期/复审: may run to the end of March.
		{"三清单 on 1/31: due 3/31, not late", ObligationInput{Enterprise: ent(func(e *Enterprise) {
			e.Qualifications = q(TierProv, "2024-09-01")
		}), Visits: []VisitMark{{"2026-01-10", []string{OccApplicationNode}}}}, "2026-01-31",
			"qualification_expiry 2026-03-31 prov_not_hnte prov_not_hnte"},

		// 高企年报: 20 working days before Sunday 5/31: 5/29 … 5/11 (15), Saturday 5/9 (16), 5/8 … 5/6 (19), 4/30 (20).
		{"HNTE annual report", ObligationInput{Enterprise: ent(func(e *Enterprise) { e.Qualifications = q(TierHNTE, "2024-11-20") })}, "2026-05-04",
			"application_node 2026-04-30 hnte_annual_report 2026-05-31"},
		{"HNTE annual report settled", ObligationInput{Enterprise: ent(func(e *Enterprise) { e.Qualifications = q(TierHNTE, "2024-11-20") }),
			Visits: []VisitMark{{"2026-04-20", []string{OccApplicationNode}}}}, "2026-05-04", ""},
		{"no report after 5/31", ObligationInput{Enterprise: ent(func(e *Enterprise) { e.Qualifications = q(TierHNTE, "2024-11-20") })}, "2026-06-01", ""},
		{"recognised this year: nothing to report yet", ObligationInput{Enterprise: ent(func(e *Enterprise) { e.Qualifications = q(TierHNTE, "2026-03-01") })}, "2026-05-04", ""},

		// 科小 window, default 3/1–9/30: 20 working days before 9/30 are 9/29, 9/28, 9/24 … 9/21, Sunday 9/20 (7), 9/18 … 9/2 (20).
		{"tech SME to renew, seen on 1/31", ObligationInput{Enterprise: ent(func(e *Enterprise) { e.Qualifications = q(TierTSME, "2025-05-20") })}, "2026-01-31",
			"application_node 2026-09-02 tsme_window 2026-03-01~2026-09-30"},
		{"listed for the year: nothing", ObligationInput{Enterprise: ent(func(e *Enterprise) {
			e.Qualifications = []Qualification{{Kind: TierTSME, Issued: "2025-05-20"}, {Kind: TierTSME, Issued: "2026-03-20"}}
		})}, "2026-04-15", ""},
		{"pipeline without a qualification", ObligationInput{Enterprise: ent(func(e *Enterprise) { e.Stage = StageCultivate })}, "2026-01-31",
			"application_node 2026-09-02 tsme_window 2026-03-01~2026-09-30"},
		{"pipeline with a provincial qualification: no window (三清单 only)", ObligationInput{Enterprise: ent(func(e *Enterprise) {
			e.Stage, e.Qualifications = StageCultivate, q(TierProv, "2026-01-05")
		})}, "2026-01-31", "qualification_expiry 2026-03-31 prov_not_hnte prov_not_hnte"},
		{"no stage, no listing: nothing", ObligationInput{Enterprise: ent(func(*Enterprise) {})}, "2026-01-31", ""},
		// The run-up starts 20 working days before 3/1 (Sunday): Saturday 2/28, 2/27 … 2/24 (5), 春节,
		// Saturday 2/14 (6), 2/13 … 1/27 (20).
		{"settled from 1/27", ObligationInput{Enterprise: ent(func(e *Enterprise) { e.Stage = StageGuide }),
			Visits: []VisitMark{{"2026-01-27", []string{OccApplicationNode}}}}, "2026-01-31", ""},
		{"not by a visit on 1/26", ObligationInput{Enterprise: ent(func(e *Enterprise) { e.Stage = StageGuide }),
			Visits: []VisitMark{{"2026-01-26", []string{OccApplicationNode}}}}, "2026-01-31",
			"application_node 2026-09-02 tsme_window 2026-03-01~2026-09-30"},
		// HQ's window 9/1–10/30: 10/30 … 10/12 (14), Saturday 10/10 (15), 10/9, 10/8 (17), 国庆, 9/30, 9/29, 9/28 (20).
		{"HQ's window across 国庆", ObligationInput{Enterprise: ent(func(e *Enterprise) { e.Stage = StageGuide }),
			TSMEWindow: TSMEWindow{Year: 2026, Opens: "2026-09-01", Closes: "2026-10-30"}}, "2026-01-31",
			"application_node 2026-09-28 tsme_window 2026-09-01~2026-10-30"},
		{"HQ's window of another year is not this year's", ObligationInput{Enterprise: ent(func(e *Enterprise) { e.Stage = StageGuide }),
			TSMEWindow: TSMEWindow{Year: 2025, Opens: "2025-09-01", Closes: "2025-10-30"}}, "2026-01-31",
			"application_node 2026-09-02 tsme_window 2026-03-01~2026-09-30"},
		{"window closed", ObligationInput{Enterprise: ent(func(e *Enterprise) { e.Stage = StageGuide })}, "2026-10-01", ""},
	}
	for _, tt := range tests {
		tt.in.LastVisit = tt.on // keep routine out of the way
		var got []Obligation
		for _, o := range Owed(tt.in, tt.on) {
			if o.Occasion != OccRoutine {
				got = append(got, o)
			}
			if !Valid(KindObligationReason, o.Reason) || Label(KindObligationReason, o.Reason, ZH) == o.Reason {
				t.Errorf("%s: reason %q has no label", tt.name, o.Reason)
			}
		}
		if s := show(got); s != tt.want {
			t.Errorf("%s:\ngot\n%s\nwant\n%s", tt.name, s, tt.want)
		}
	}
}

func TestTSMEWindowFor(t *testing.T) {
	w := TSMEWindow{Year: 2026, Closes: "2026-11-15"}
	if o, c := w.For(2026); o != "2026-03-01" || c != "2026-11-15" {
		t.Errorf("2026: %s~%s", o, c)
	}
	if o, c := w.For(2027); o != "2027-03-01" || c != "2027-09-30" {
		t.Errorf("2027: %s~%s", o, c)
	}
	if d := ObligationVisitsFrom("2026-01-31"); d != "2025-12-02" {
		t.Errorf("ObligationVisitsFrom = %s", d)
	}
	if !strings.Contains(Label(KindObligationReason, ReasonAnnualReport, ZH), "5月31日") {
		t.Error("annual report label names its deadline")
	}
}
