package visits

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// show renders obligations as "occasion due reason detail" lines.
func show(obs []Obligation) string {
	var lines []string
	for _, o := range obs {
		lines = append(lines, strings.TrimSpace(fmt.Sprintf("%s %s %s %s %s", o.Occasion, o.Due, o.Reason, o.Detail, o.NeedID)))
	}
	return strings.Join(lines, "\n")
}

func TestBatches(t *testing.T) {
	var zero Batches
	if d := zero.Deadline(2026, 2); d != "2026-08-15" {
		t.Errorf("default batch 2 = %s", d)
	}
	b := Batches{Year: 2026, Deadlines: [3]Date{"2026-06-20", "", "2026-09-25"}}
	for _, tt := range []struct {
		year, batch int
		want        Date
	}{
		{2026, 1, "2026-06-20"}, {2026, 2, "2026-08-15"}, {2026, 3, "2026-09-25"},
		{2027, 1, "2027-06-30"}, {2026, 0, ""}, {2026, 4, ""},
	} {
		if got := b.Deadline(tt.year, tt.batch); got != tt.want {
			t.Errorf("Deadline(%d, %d) = %s, want %s", tt.year, tt.batch, got, tt.want)
		}
	}
}

func TestOwed(t *testing.T) {
	created := time.Date(2026, 1, 10, 2, 0, 0, 0, time.UTC)
	base := Enterprise{Meta: Meta{ID: "e1", CreatedAt: created}}
	hnte2023 := []Qualification{{Kind: TierHNTE, Issued: "2023-11-20"}}
	tests := []struct {
		name string
		in   ObligationInput
		on   Date
		want string
	}{
		{"never visited", ObligationInput{Enterprise: base}, "2026-05-04",
			"routine 2026-04-10 never_visited"},
		{"never visited, key", ObligationInput{Enterprise: with(base, func(e *Enterprise) { e.Key = true })}, "2026-05-04",
			"routine 2026-02-09 never_visited"},
		{"never visited, no creation date", ObligationInput{}, "2026-05-04",
			"routine 2026-05-04 never_visited"},
		{"cadence from last visit", ObligationInput{Enterprise: base, LastVisit: "2026-03-01"}, "2026-05-04",
			"routine 2026-05-30 cadence 2026-03-01"},
		{"assignment cadence", ObligationInput{Enterprise: base, LastVisit: "2026-03-01", CadenceDays: 14}, "2026-05-04",
			"routine 2026-03-15 cadence 2026-03-01"},
		{"later visit in Visits wins", ObligationInput{Enterprise: base, LastVisit: "2026-03-01",
			Visits: []VisitMark{{"2026-04-20", []string{OccDifficulty}}, {"2026-06-01", []string{OccRoutine}}}}, "2026-05-04",
			"routine 2026-07-19 cadence 2026-04-20"},
		{"三清单 member", ObligationInput{Enterprise: with(base, func(e *Enterprise) { e.Qualifications = hnte2023 }), LastVisit: "2026-03-01"}, "2026-05-04",
			// The annual report: 20 working days before Sunday 5/31, over 劳动节 (5/1–5/5 off, Saturday 5/9 worked).
			"qualification_expiry 2026-03-31 hnte_expiring hnte_expiring\napplication_node 2026-04-30 hnte_annual_report 2026-05-31\nroutine 2026-05-30 cadence 2026-03-01"},
		{"三清单 member visited for it", ObligationInput{Enterprise: with(base, func(e *Enterprise) { e.Qualifications = hnte2023 }), LastVisit: "2026-03-01",
			Visits: []VisitMark{{"2026-03-01", []string{OccRoutine, OccQualificationExpiry}}}}, "2026-05-04",
			"application_node 2026-04-30 hnte_annual_report 2026-05-31\nroutine 2026-05-30 cadence 2026-03-01"},
		{"三清单 member visited last year", ObligationInput{Enterprise: with(base, func(e *Enterprise) {
			e.Qualifications = []Qualification{{Kind: TierProv, Issued: "2024-01-01"}}
		}), LastVisit: "2025-12-01", Visits: []VisitMark{{"2025-12-01", []string{OccQualificationExpiry}}}}, "2026-05-04",
			"qualification_expiry 2026-03-31 prov_not_hnte prov_not_hnte\nroutine 2026-03-01 cadence 2025-12-01"},
		{"mature: next batch", ObligationInput{Enterprise: with(base, func(e *Enterprise) { e.Stage = StageMature }), LastVisit: "2026-05-01"}, "2026-05-04",
			// 20 working days back, over 端午 (6/19); no qualification, so the tech-SME window too (see TestOwedPlan).
			"routine 2026-07-30 cadence 2026-05-01\napplication_node 2026-06-01 batch_deadline #1 2026-06-30\napplication_node 2026-09-02 tsme_window 2026-03-01~2026-09-30"},
		{"apply: planned batch 3", ObligationInput{Enterprise: with(base, func(e *Enterprise) { e.Stage, e.Batch = StageApply, 3 }), LastVisit: "2026-05-01"}, "2026-05-04",
			"routine 2026-07-30 cadence 2026-05-01\napplication_node 2026-09-02 tsme_window 2026-03-01~2026-09-30\napplication_node 2026-09-02 batch_deadline #3 2026-09-30"},
		{"batch 1 visited, so batch 2", ObligationInput{Enterprise: with(base, func(e *Enterprise) { e.Stage = StageMature }), LastVisit: "2026-05-01",
			Visits: []VisitMark{{"2026-05-01", []string{OccApplicationNode}}}}, "2026-05-04",
			"routine 2026-07-30 cadence 2026-05-01\napplication_node 2026-07-20 batch_deadline #2 2026-08-15"},
		{"HQ deadlines", ObligationInput{Enterprise: with(base, func(e *Enterprise) { e.Stage = StageMature }), LastVisit: "2026-07-01",
			Batches: Batches{Year: 2026, Deadlines: [3]Date{"", "2026-08-31", ""}}}, "2026-07-04",
			"application_node 2026-08-03 batch_deadline #2 2026-08-31\napplication_node 2026-09-02 tsme_window 2026-03-01~2026-09-30\nroutine 2026-09-29 cadence 2026-07-01"},
		{"after the last deadline", ObligationInput{Enterprise: with(base, func(e *Enterprise) { e.Stage = StageMature }), LastVisit: "2026-10-01"}, "2026-10-08",
			"routine 2026-12-30 cadence 2026-10-01"},
		{"guide stage owes no batch visit, only the tech-SME window's", ObligationInput{Enterprise: with(base, func(e *Enterprise) { e.Stage = StageGuide }), LastVisit: "2026-05-01"}, "2026-05-04",
			"routine 2026-07-30 cadence 2026-05-01\napplication_node 2026-09-02 tsme_window 2026-03-01~2026-09-30"},
		{"urgent and overdue needs", ObligationInput{Enterprise: base, LastVisit: "2026-05-01", Needs: []Need{
			{Meta: Meta{ID: "n1"}, Title: "停产", Severity: SeverityUrgent, Status: StatusAccepted, RegisteredAt: at("2026-04-30")},
			{Meta: Meta{ID: "n2"}, Title: "用电", Severity: SeverityGeneral, Status: StatusRegistered, RegisteredAt: at("2026-04-27")},  // reply due 04-30
			{Meta: Meta{ID: "n5"}, Title: "办理中", Severity: SeverityGeneral, Status: StatusInProgress, RegisteredAt: at("2026-04-27")}, // answered: close due 05-09
			{Meta: Meta{ID: "n3"}, Title: "答复了", Severity: SeverityUrgent, Status: StatusReplied, RegisteredAt: at("2026-04-30")},
			{Meta: Meta{ID: "n4"}, Title: "未逾期", Severity: SeverityGeneral, Status: StatusAccepted, RegisteredAt: at("2026-05-01")},
		}}, "2026-05-04",
			"difficulty 2026-05-08 urgent_need 停产 n1\ndifficulty 2026-05-08 overdue_need 用电 n2\nroutine 2026-07-30 cadence 2026-05-01"}, // 劳动节 5/1–5/5
		{"difficulty visit made", ObligationInput{Enterprise: base, LastVisit: "2026-05-02",
			Visits: []VisitMark{{"2026-05-02", []string{OccDifficulty}}}, Needs: []Need{
				{Meta: Meta{ID: "n1"}, Title: "停产", Severity: SeverityUrgent, Status: StatusAccepted, RegisteredAt: at("2026-04-30")},
			}}, "2026-05-04",
			"routine 2026-07-31 cadence 2026-05-02"},
	}
	for _, tt := range tests {
		got := Owed(tt.in, tt.on)
		// Owed sorts by due date; sort the expected lines the same way.
		if s := show(got); s != sortLines(tt.want) {
			t.Errorf("%s:\ngot\n%s\nwant\n%s", tt.name, s, sortLines(tt.want))
		}
		for _, o := range got {
			if o.EnterpriseID != tt.in.Enterprise.ID || !Valid(KindOccasion, o.Occasion) || !Valid(KindObligationReason, o.Reason) {
				t.Errorf("%s: bad obligation %+v", tt.name, o)
			}
		}
	}
}

func with(e Enterprise, edit func(*Enterprise)) Enterprise {
	edit(&e)
	return e
}

// sortLines orders "occasion due ..." lines by due date, stably.
func sortLines(s string) string {
	lines := strings.Split(s, "\n")
	for i := 1; i < len(lines); i++ {
		for j := i; j > 0 && strings.Fields(lines[j])[1] < strings.Fields(lines[j-1])[1]; j-- {
			lines[j], lines[j-1] = lines[j-1], lines[j]
		}
	}
	return strings.Join(lines, "\n")
}

func TestMarkVisit(t *testing.T) {
	v := Visit{At: time.Date(2026, 5, 3, 17, 0, 0, 0, time.UTC), Occasion: OccRoutine, ExtraOccasions: []string{OccDifficulty}}
	m := MarkVisit(v)
	if m.Date != "2026-05-04" || strings.Join(m.Occasions, ",") != "routine,difficulty" {
		t.Errorf("MarkVisit = %+v", m)
	}
}

// syntheticInputs makes n enterprises resembling a district: a third on
// lists, a fifth mature, some with needs.
func syntheticInputs(n int) []ObligationInput {
	cal, err := ParseCalendar([]byte(nationalDay2026))
	if err != nil {
		panic(err)
	}
	ins := make([]ObligationInput, n)
	for i := range ins {
		e := Enterprise{Meta: Meta{ID: fmt.Sprintf("e%05d", i), CreatedAt: time.Date(2024, 1, 1+i%300, 0, 0, 0, 0, time.UTC)}, Key: i%7 == 0}
		switch i % 3 {
		case 0:
			e.Qualifications = []Qualification{{Kind: TierHNTE, Issued: Date(fmt.Sprintf("%d-11-20", 2021+i%5))}}
		case 1:
			e.Qualifications = []Qualification{{Kind: TierProv, Issued: "2024-05-01"}, {Kind: TierTSME, Issued: "2026-03-01", Expires: "2026-12-31"}}
		}
		if i%5 == 0 {
			e.Stage = StageMature
		}
		in := ObligationInput{Enterprise: e, Calendar: cal, LastVisit: Date(fmt.Sprintf("2026-%02d-%02d", 1+i%4, 1+i%28))}
		in.Visits = []VisitMark{{in.LastVisit, []string{OccRoutine}}, {"2026-01-15", []string{OccNewEntry}}}
		if i%4 == 0 {
			in.Needs = []Need{
				{Meta: Meta{ID: "n"}, Title: "t", Severity: SeverityGeneral, Status: StatusInProgress, RegisteredAt: at("2026-04-01")},
				{Meta: Meta{ID: "m"}, Title: "u", Severity: SeverityUrgent, Status: StatusAccepted, RegisteredAt: at("2026-05-01")},
			}
		}
		ins[i] = in
	}
	return ins
}

// BenchmarkOwed runs Owed over 10,000 synthetic enterprises per iteration,
// as the TUI does at start-up.
func BenchmarkOwed(b *testing.B) {
	ins := syntheticInputs(10000)
	b.ReportAllocs()
	b.ResetTimer()
	total := 0
	for b.Loop() {
		d := NewOwedDay("2026-05-04") // once per start-up, as the TUI does
		for i := range ins {
			total += len(d.Owed(ins[i]))
		}
	}
	if total == 0 {
		b.Fatal("no obligations")
	}
}
