package visits

import "testing"

// The weekly report counts a replied need as overdue after its revisit
// date, counted from the reply in its history (not from its last change),
// and measures an answered complex need against its close date.
func TestWeeklyReportOverdueByDeadline(t *testing.T) {
	ds := Dataset{
		Needs: []Need{
			// Replied 05-13, unreached revisit 05-19 (its last change): revisit due 05-20.
			{Meta: Meta{ID: "r", UpdatedAt: at("2026-05-19")}, EnterpriseID: "e", Category: "policy", Severity: SeverityGeneral,
				Title: "r", RegisteredAt: at("2026-05-11"), ReplyDue: "2026-05-14", CloseDue: "2026-05-20", Status: StatusReplied},
			// Complex, in progress since 05-12: close due 06-01, though its reply date 05-14 has passed.
			{Meta: Meta{ID: "c", UpdatedAt: at("2026-05-12")}, EnterpriseID: "e", Category: "tech", Severity: SeverityComplex,
				Title: "c", RegisteredAt: at("2026-05-11"), ReplyDue: "2026-05-14", CloseDue: "2026-06-01", Status: StatusInProgress},
		},
		Events: []NeedEvent{
			{Meta: Meta{ID: "e1"}, NeedID: "r", From: StatusRegistered, To: StatusAccepted, At: at("2026-05-11")},
			{Meta: Meta{ID: "e2"}, NeedID: "r", From: StatusAccepted, To: StatusReplied, At: at("2026-05-13")},
			{Meta: Meta{ID: "e3"}, NeedID: "r", Action: "revisit", From: StatusReplied, To: StatusReplied, Satisfaction: SatUnreached, At: at("2026-05-19")},
			{Meta: Meta{ID: "e4"}, NeedID: "c", From: StatusRegistered, To: StatusInProgress, At: at("2026-05-12")},
		},
	}
	w, err := ParseWeek("2026-W21") // 05-18 to 05-24; last week ends 05-17
	if err != nil {
		t.Fatal(err)
	}
	r := WeeklyReport(ds, w, ReportOptions{})
	if got := r.Needs.Total.Overdue; got.Value != 1 || got.Prev != 0 {
		t.Errorf("overdue = %d (last week %d), want 1 (the revisit missed on 05-20), 0", got.Value, got.Prev)
	}
}
