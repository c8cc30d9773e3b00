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
		// 2030 is covered by no calendar: Monday to Friday. 2030-05-06 is a Monday.
		{nil, SeverityConsult, "2030-05-06", false, "2030-05-07", ""},
		{nil, SeverityConsult, "2030-05-10", false, "2030-05-13", ""}, // Friday → Monday
		{nil, SeverityGeneral, "2030-05-06", false, "2030-05-09", "2030-05-15"},
		{nil, SeverityGeneral, "2030-05-11", false, "2030-05-15", "2030-05-21"}, // Saturday: count from Monday
		{nil, SeverityComplex, "2030-05-06", false, "2030-05-09", "2030-05-27"},
		{nil, SeverityComplex, "2030-05-06", true, "2030-05-09", "2030-06-17"},
		{nil, SeverityUrgent, "2030-05-06", false, "2030-05-06", "2030-05-15"},
		{nil, SeverityUrgent, "2030-05-11", false, "2030-05-11", "2030-05-21"},
		{nil, "unknown", "2030-05-06", false, "2030-05-09", "2030-05-15"},
		{nil, SeverityGeneral, "2030-05-06", true, "2030-05-09", "2030-05-15"}, // extension only for complex

		// 春节 on the built-in calendar: 2/14 (Sat) worked, 2/15–2/23 off, 2/28 (Sat) worked.
		{nil, SeverityGeneral, "2026-02-12", false, "2026-02-24", "2026-02-28"},
		{nil, SeverityConsult, "2026-02-13", false, "2026-02-14", ""},
		{nil, SeverityComplex, "2026-02-10", false, "2026-02-13", "2026-03-09"},
		{nil, SeverityComplex, "2026-02-10", true, "2026-02-13", "2026-03-30"},
		{nil, SeverityUrgent, "2026-02-15", false, "2026-02-15", "2026-03-03"}, // registered on a holiday
		// 中秋 and 国庆: 9/20 (Sun) worked, 9/25–9/27 and 10/1–10/7 off, 10/10 (Sat) worked.
		{nil, SeverityGeneral, "2026-09-24", false, "2026-09-30", "2026-10-12"},
		{nil, SeverityConsult, "2026-09-19", false, "2026-09-20", ""},
		{nil, SeverityGeneral, "2026-09-30", false, "2026-10-10", "2026-10-15"},
		{nil, SeverityComplex, "2026-09-18", false, "2026-09-22", "2026-10-15"},
		// 元旦 and 劳动节.
		{nil, SeverityConsult, "2025-12-31", false, "2026-01-04", ""},
		{nil, SeverityGeneral, "2026-04-30", false, "2026-05-08", "2026-05-13"},

		// An imported calendar covering 2026 replaces the built-in one.
		{cal, SeverityGeneral, "2026-09-30", false, "2026-10-10", "2026-10-15"},
		{cal, SeverityConsult, "2026-09-19", false, "2026-09-20", ""},
		{cal, SeverityGeneral, "2026-04-30", false, "2026-05-05", "2026-05-11"}, // its May is plain
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

// On the built-in 2026 calendar, from Monday 2026-05-11: reply (3 working
// days) 05-14; general close (7) 05-20; complex close (15) 06-01, extended
// (30) 06-23 (06-19 is 端午); revisit 5 working days after a reply on 05-13:
// 05-20.
func TestNeedOverdue(t *testing.T) {
	reg := at("2026-05-11")
	complexNeed := func(status string) Need {
		return Need{Severity: SeverityComplex, Status: status, RegisteredAt: reg}
	}
	general := func(status string) Need {
		return Need{Severity: SeverityGeneral, Status: status, RegisteredAt: reg}
	}
	replied := func(sev string, updated Date) Need {
		return Need{Meta: Meta{UpdatedAt: at(updated)}, Severity: sev, Status: StatusReplied, RegisteredAt: reg}
	}
	extended := complexNeed(StatusInProgress)
	extended.ReplyDue, extended.CloseDue, extended.Extended = "2026-05-14", "2026-06-01", true // close not moved when stored
	tests := []struct {
		name string
		n    Need
		day  Date
		want bool
	}{
		{"registered, on the reply day", complexNeed(StatusRegistered), "2026-05-14", false},
		{"registered, day 4: not answered", complexNeed(StatusRegistered), "2026-05-15", true},
		{"no status counts as registered", complexNeed(""), "2026-05-15", true},
		{"complex accepted, day 4: answered, close 06-01", complexNeed(StatusAccepted), "2026-05-15", false},
		{"complex assigned, day 4", complexNeed(StatusAssigned), "2026-05-15", false},
		{"complex in progress on its close day", complexNeed(StatusInProgress), "2026-06-01", false},
		{"complex in progress after its close day", complexNeed(StatusInProgress), "2026-06-02", true},
		{"extended: the close day moved", extended, "2026-06-02", false},
		{"extended: on the extended day", extended, "2026-06-23", false},
		{"extended: after it", extended, "2026-06-24", true},
		{"general in progress before close", general(StatusInProgress), "2026-05-20", false},
		{"general in progress after close", general(StatusInProgress), "2026-05-21", true},
		{"replied 05-13, revisit day", replied(SeverityGeneral, "2026-05-13"), "2026-05-20", false},
		{"replied 05-13, revisit missed", replied(SeverityGeneral, "2026-05-13"), "2026-05-21", true},
		{"replied complex, revisit missed though close is far", replied(SeverityComplex, "2026-05-13"), "2026-05-21", true},
		{"replied, nothing known of when", Need{Severity: SeverityGeneral, Status: StatusReplied}, "2030-01-01", false},
		{"closed", general(StatusClosed), "2026-12-01", false},
		{"suspended", general(StatusSuspended), "2026-12-01", false},
		{"rejected", general(StatusRejected), "2026-12-01", false},
		{"withdrawn", general(StatusWithdrawn), "2026-12-01", false},
		{"consult accepted stays on its reply day", Need{Severity: SeverityConsult, Status: StatusAccepted, RegisteredAt: reg}, "2026-05-13", true},
		{"consult accepted, on its reply day", Need{Severity: SeverityConsult, Status: StatusAccepted, RegisteredAt: reg}, "2026-05-12", false},
		{"stored reply due (HQ) kept", Need{Severity: SeverityGeneral, Status: StatusRegistered, RegisteredAt: reg, ReplyDue: "2026-05-20"}, "2026-05-20", false},
		{"stored reply due passed", Need{Severity: SeverityGeneral, Status: StatusRegistered, RegisteredAt: reg, ReplyDue: "2026-05-20"}, "2026-05-21", true},
		{"stored close due (HQ) kept", Need{Severity: SeverityGeneral, Status: StatusAssigned, RegisteredAt: reg, ReplyDue: "2026-05-14", CloseDue: "2026-05-29"}, "2026-05-29", false},
		{"only a close due", Need{Status: StatusAssigned, CloseDue: "2026-05-20"}, "2026-05-21", true},
		{"urgent same day", Need{Severity: SeverityUrgent, Status: StatusRegistered, RegisteredAt: reg}, "2026-05-11", false},
		{"urgent not answered next day", Need{Severity: SeverityUrgent, Status: StatusRegistered, RegisteredAt: reg}, "2026-05-12", true},
		{"urgent accepted next day", Need{Severity: SeverityUrgent, Status: StatusAccepted, RegisteredAt: reg}, "2026-05-12", false},
		{"urgent accepted after close", Need{Severity: SeverityUrgent, Status: StatusAccepted, RegisteredAt: reg}, "2026-05-21", true},
		{"no dates at all", Need{Status: StatusAccepted}, "2030-01-01", false},
		// Across holidays: registered Thursday 2026-02-12 (春节), 2026-09-30 (国庆).
		{"春节: reply due 02-24", Need{Severity: SeverityGeneral, Status: StatusRegistered, RegisteredAt: at("2026-02-12")}, "2026-02-24", false},
		{"春节: late on 02-25", Need{Severity: SeverityGeneral, Status: StatusRegistered, RegisteredAt: at("2026-02-12")}, "2026-02-25", true},
		{"春节: closed by the worked Saturday", Need{Severity: SeverityGeneral, Status: StatusInProgress, RegisteredAt: at("2026-02-12")}, "2026-02-28", false},
		{"春节: late the Sunday after", Need{Severity: SeverityGeneral, Status: StatusInProgress, RegisteredAt: at("2026-02-12")}, "2026-03-01", true},
		{"国庆: not late through the holiday", Need{Severity: SeverityConsult, Status: StatusRegistered, RegisteredAt: at("2026-09-30")}, "2026-10-08", false},
		{"国庆: late after 10-08", Need{Severity: SeverityConsult, Status: StatusRegistered, RegisteredAt: at("2026-09-30")}, "2026-10-09", true},
		{"国庆: reply due on the worked Saturday", Need{Severity: SeverityGeneral, Status: StatusRegistered, RegisteredAt: at("2026-09-30")}, "2026-10-10", false},
		{"国庆: late the day after", Need{Severity: SeverityGeneral, Status: StatusRegistered, RegisteredAt: at("2026-09-30")}, "2026-10-11", true},
	}
	for _, tt := range tests {
		if got := tt.n.Overdue(nil, at(tt.day)); got != tt.want {
			t.Errorf("%s: Overdue on %s = %v, want %v (due %s)", tt.name, tt.day, got, tt.want, tt.n.DueDate(nil))
		}
	}
}

// The day changes at midnight in Asia/Shanghai, not in UTC.
func TestNeedOverdueTimeZone(t *testing.T) {
	n := Need{Severity: SeverityGeneral, Status: StatusRegistered, RegisteredAt: at("2026-05-11")} // reply due 05-14
	if n.Overdue(nil, time.Date(2026, 5, 14, 15, 59, 0, 0, time.UTC)) {
		t.Error("overdue at 23:59 of the due day")
	}
	if !n.Overdue(nil, time.Date(2026, 5, 14, 16, 30, 0, 0, time.UTC)) {
		t.Error("not overdue at 00:30 the day after (UTC still the due day)")
	}
}

func TestNeedDeadline(t *testing.T) {
	reg := at("2026-05-11")
	tests := []struct {
		name    string
		n       Need
		replied Date
		kind    string
		due     Date
	}{
		{"registered", Need{Severity: SeverityComplex, Status: StatusRegistered, RegisteredAt: reg}, "", DeadlineReply, "2026-05-14"},
		{"in progress", Need{Severity: SeverityComplex, Status: StatusInProgress, RegisteredAt: reg}, "", DeadlineClose, "2026-06-01"},
		{"in progress, extended", Need{Severity: SeverityComplex, Status: StatusInProgress, RegisteredAt: reg, Extended: true}, "", DeadlineClose, "2026-06-23"},
		{"consult accepted", Need{Severity: SeverityConsult, Status: StatusAccepted, RegisteredAt: reg}, "", DeadlineReply, "2026-05-12"},
		{"replied (history)", Need{Meta: Meta{UpdatedAt: at("2026-05-19")}, Severity: SeverityGeneral, Status: StatusReplied, RegisteredAt: reg}, "2026-05-13", DeadlineRevisit, "2026-05-20"},
		{"replied (last change)", Need{Meta: Meta{UpdatedAt: at("2026-05-19")}, Severity: SeverityGeneral, Status: StatusReplied, RegisteredAt: reg}, "", DeadlineRevisit, "2026-05-26"},
		{"replied before 国庆", Need{Severity: SeverityGeneral, Status: StatusReplied}, "2026-09-29", DeadlineRevisit, "2026-10-12"}, // 9/30, 10/8, 10/9, 10/10 (worked), 10/12,
		{"closed", Need{Severity: SeverityGeneral, Status: StatusClosed, RegisteredAt: reg}, "", DeadlineNone, ""},
	}
	for _, tt := range tests {
		kind, due := tt.n.Deadline(nil, tt.replied)
		if kind != tt.kind || due != tt.due {
			t.Errorf("%s: Deadline = %q %s, want %q %s", tt.name, kind, due, tt.kind, tt.due)
		}
	}
	// DueDate shows the date the need is measured against; for a closed
	// need, its close date.
	if got := (Need{Severity: SeverityComplex, Status: StatusAssigned, RegisteredAt: reg}).DueDate(nil); got != "2026-06-01" {
		t.Errorf("DueDate of an assigned complex need = %s, want its close date 2026-06-01", got)
	}
	if got := (Need{Severity: SeverityGeneral, Status: StatusClosed, RegisteredAt: reg}).DueDate(nil); got != "2026-05-20" {
		t.Errorf("DueDate of a closed need = %s, want 2026-05-20", got)
	}
}

// The revisit date counts from the latest reply found in the history, and
// an unreached revisit does not restart it.
func TestOverdueAfterReply(t *testing.T) {
	ev := func(from, to string, day Date) NeedEvent { return NeedEvent{From: from, To: to, At: at(day)} }
	tests := []struct {
		name   string
		events []NeedEvent
		want   Date
	}{
		{"none", nil, ""},
		{"notes only", []NeedEvent{{Action: "note", At: at("2026-05-12")}}, ""},
		{"one reply", []NeedEvent{ev("", StatusRegistered, "2026-05-11"), ev(StatusInProgress, StatusReplied, "2026-05-13")}, "2026-05-13"},
		{"unreached revisit does not restart", []NeedEvent{ev(StatusInProgress, StatusReplied, "2026-05-13"), ev(StatusReplied, StatusReplied, "2026-05-19")}, "2026-05-13"},
		{"reopened and replied again", []NeedEvent{ev(StatusInProgress, StatusReplied, "2026-05-13"), ev(StatusReplied, StatusInProgress, "2026-05-15"),
			ev(StatusInProgress, StatusReplied, "2026-05-25")}, "2026-05-25"},
		{"out of order", []NeedEvent{ev(StatusInProgress, StatusReplied, "2026-05-25"), ev(StatusAccepted, StatusReplied, "2026-05-13")}, "2026-05-25"},
	}
	for _, tt := range tests {
		if got := RepliedOn(tt.events); got != tt.want {
			t.Errorf("%s: RepliedOn = %q, want %q", tt.name, got, tt.want)
		}
	}
	// Replied on 05-13 and then edited on 05-19: the history says 05-20.
	n := Need{Meta: Meta{UpdatedAt: at("2026-05-19")}, Severity: SeverityGeneral, Status: StatusReplied, RegisteredAt: at("2026-05-11")}
	hist := RepliedOn([]NeedEvent{ev(StatusInProgress, StatusReplied, "2026-05-13"), ev(StatusReplied, StatusReplied, "2026-05-19")})
	if !n.OverdueAfterReply(nil, hist, at("2026-05-21")) {
		t.Error("replied 05-13, not revisited by 05-20: not overdue on 05-21")
	}
	if n.Overdue(nil, at("2026-05-21")) {
		t.Error("without the history, the last change (05-19) stands in: overdue on 05-21")
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
