package visits

import (
	"testing"
	"time"
)

func TestNeedDue(t *testing.T) {
	cal := mustCalendar(t, nationalDay2026)
	tests := []struct {
		cal         *Calendar
		severity    string
		reg         Date
		extended    bool
		reply, clos Date
	}{
		// 2026-05-04 is a Monday.
		{nil, SeverityConsult, "2026-05-04", false, "2026-05-05", ""},
		{nil, SeverityConsult, "2026-05-08", false, "2026-05-11", ""}, // Friday → Monday
		{nil, SeverityGeneral, "2026-05-04", false, "2026-05-07", "2026-05-13"},
		{nil, SeverityGeneral, "2026-05-09", false, "2026-05-13", "2026-05-19"}, // Saturday: count from Monday
		{nil, SeverityComplex, "2026-05-04", false, "2026-05-07", "2026-05-25"},
		{nil, SeverityComplex, "2026-05-04", true, "2026-05-07", "2026-06-15"},
		{nil, SeverityUrgent, "2026-05-04", false, "2026-05-04", "2026-05-13"},
		{nil, SeverityUrgent, "2026-05-09", false, "2026-05-09", "2026-05-19"},
		{nil, "unknown", "2026-05-04", false, "2026-05-07", "2026-05-13"},
		{nil, SeverityGeneral, "2026-05-04", true, "2026-05-07", "2026-05-13"}, // extension only for complex
		{cal, SeverityGeneral, "2026-09-30", false, "2026-10-12", "2026-10-16"},
		{cal, SeverityConsult, "2026-09-26", false, "2026-09-27", ""},
	}
	for _, tt := range tests {
		reply, clos := NeedDue(tt.cal, tt.severity, tt.reg, tt.extended)
		if reply != tt.reply || clos != tt.clos {
			t.Errorf("NeedDue(%s, %s, ext %v, cal %v) = %s, %s; want %s, %s",
				tt.severity, tt.reg, tt.extended, !tt.cal.Default(), reply, clos, tt.reply, tt.clos)
		}
	}
}

// at returns noon of day d in Asia/Shanghai.
func at(d Date) time.Time { return d.Time().Add(12 * time.Hour) }

func TestNeedOverdue(t *testing.T) {
	reg := at("2026-05-04") // Monday; general reply due Thursday 05-07
	tests := []struct {
		name string
		n    Need
		now  time.Time
		want bool
	}{
		{"on the due day", Need{Severity: SeverityGeneral, Status: StatusAccepted, RegisteredAt: reg}, at("2026-05-07"), false},
		{"late evening of the due day", Need{Severity: SeverityGeneral, Status: StatusAccepted, RegisteredAt: reg},
			time.Date(2026, 5, 7, 15, 59, 0, 0, time.UTC), false},
		{"day after (UTC still the due day)", Need{Severity: SeverityGeneral, Status: StatusAccepted, RegisteredAt: reg},
			time.Date(2026, 5, 7, 16, 30, 0, 0, time.UTC), true},
		{"day after", Need{Severity: SeverityGeneral, Status: StatusRegistered, RegisteredAt: reg}, at("2026-05-08"), true},
		{"in progress", Need{Severity: SeverityGeneral, Status: StatusInProgress, RegisteredAt: reg}, at("2026-05-08"), true},
		{"empty status counts as open", Need{Severity: SeverityGeneral, RegisteredAt: reg}, at("2026-05-08"), true},
		{"replied", Need{Severity: SeverityGeneral, Status: StatusReplied, RegisteredAt: reg}, at("2026-06-08"), false},
		{"closed", Need{Severity: SeverityGeneral, Status: StatusClosed, RegisteredAt: reg}, at("2026-06-08"), false},
		{"suspended", Need{Severity: SeverityGeneral, Status: StatusSuspended, RegisteredAt: reg}, at("2026-06-08"), false},
		{"rejected", Need{Severity: SeverityGeneral, Status: StatusRejected, RegisteredAt: reg}, at("2026-06-08"), false},
		{"withdrawn", Need{Severity: SeverityGeneral, Status: StatusWithdrawn, RegisteredAt: reg}, at("2026-06-08"), false},
		{"stored reply due wins", Need{Severity: SeverityGeneral, Status: StatusAssigned, RegisteredAt: reg, ReplyDue: "2026-05-20"},
			at("2026-05-20"), false},
		{"stored reply due passed", Need{Severity: SeverityGeneral, Status: StatusAssigned, RegisteredAt: reg, ReplyDue: "2026-05-20"},
			at("2026-05-21"), true},
		{"close due when no reply due", Need{Status: StatusAssigned, CloseDue: "2026-05-20"}, at("2026-05-21"), true},
		{"urgent same day", Need{Severity: SeverityUrgent, Status: StatusAccepted, RegisteredAt: reg}, at("2026-05-04"), false},
		{"urgent next day", Need{Severity: SeverityUrgent, Status: StatusAccepted, RegisteredAt: reg}, at("2026-05-05"), true},
		{"no dates at all", Need{Status: StatusAccepted}, at("2030-01-01"), false},
	}
	for _, tt := range tests {
		if got := tt.n.Overdue(nil, tt.now); got != tt.want {
			t.Errorf("%s: Overdue = %v, want %v (due %s)", tt.name, got, tt.want, tt.n.DueDate(nil))
		}
	}
}

func TestNeedOverdueWithCalendar(t *testing.T) {
	cal := mustCalendar(t, nationalDay2026)
	n := Need{Severity: SeverityConsult, Status: StatusAccepted, RegisteredAt: at("2026-09-30")}
	if n.Overdue(cal, at("2026-10-09")) {
		t.Error("overdue on 10-09, the first working day after the holiday")
	}
	if !n.Overdue(nil, at("2026-10-02")) {
		t.Error("without a calendar 10-01 is the due day: 10-02 is overdue")
	}
}

func TestFollowUpOverdue(t *testing.T) {
	tests := []struct {
		f    FollowUp
		now  time.Time
		want bool
	}{
		{FollowUp{Status: FollowUpOpen, Due: "2026-05-07"}, at("2026-05-07"), false},
		{FollowUp{Status: FollowUpOpen, Due: "2026-05-07"}, at("2026-05-08"), true},
		{FollowUp{Status: FollowUpDone, Due: "2026-05-07"}, at("2026-05-08"), false},
		{FollowUp{Status: FollowUpCancelled, Due: "2026-05-07"}, at("2026-05-08"), false},
		{FollowUp{Status: FollowUpOpen}, at("2026-05-08"), false},
	}
	for _, tt := range tests {
		if got := tt.f.Overdue(tt.now); got != tt.want {
			t.Errorf("%+v.Overdue(%v) = %v, want %v", tt.f, tt.now, got, tt.want)
		}
	}
}
