package visits

import "time"

// Due dates of needs, by severity, in working days of a Calendar:
//
//	consult  reply 1                 (no close date: the reply ends it)
//	general  reply 3,  close 7
//	complex  reply 3,  close 15, or 30 with an extension
//	urgent   reply 0 (respond the same day), close 7
//
// Counting starts from the next working day (see Calendar.AddWorkdays): a
// general need registered on Friday must be replied to by Wednesday. The
// due day itself is on time; the need is overdue from the next day. An
// unknown severity is treated as general so that every need gets a date.
// The urgent "plan in 1 working day" is not a separate date.

type dueRule struct{ reply, close, closeExtended int }

func dueRuleOf(severity string) dueRule {
	switch severity {
	case SeverityConsult:
		return dueRule{1, -1, -1}
	case SeverityComplex:
		return dueRule{3, 15, 30}
	case SeverityUrgent:
		return dueRule{0, 7, 7}
	}
	return dueRule{3, 7, 7}
}

// NeedDue returns the reply and close due dates of a need of severity
// registered on the given day; close is zero for a consultation.
func NeedDue(cal *Calendar, severity string, registered Date, extended bool) (reply, close Date) {
	r := dueRuleOf(severity)
	reply = cal.AddWorkdays(registered, r.reply)
	c := r.close
	if extended {
		c = r.closeExtended
	}
	if c >= 0 {
		close = cal.AddWorkdays(registered, c)
	}
	return reply, close
}

// DueDate returns the day by which the need must be replied to: the stored
// ReplyDue (HQ may have set it), else the stored CloseDue, else the date
// NeedDue computes from RegisteredAt. It is zero when none is known.
func (n Need) DueDate(cal *Calendar) Date {
	switch {
	case n.ReplyDue != "":
		return n.ReplyDue
	case n.CloseDue != "":
		return n.CloseDue
	case n.RegisteredAt.IsZero():
		return ""
	}
	reply, _ := NeedDue(cal, n.Severity, DateOf(n.RegisteredAt), n.Extended)
	return reply
}

// Overdue reports whether the need is past its due date (DueDate) on the
// day of now in Asia/Shanghai, and not replied, closed, suspended,
// rejected or withdrawn. Overdue is computed, never stored.
func (n Need) Overdue(cal *Calendar, now time.Time) bool {
	return n.overdueOn(cal, DateOf(now))
}

func (n Need) overdueOn(cal *Calendar, today Date) bool {
	if !needActive(n.Status) {
		return false
	}
	due := n.DueDate(cal)
	return due != "" && today > due
}

// needActive reports whether a need in status can become overdue.
func needActive(status string) bool {
	switch status {
	case StatusReplied, StatusClosed, StatusSuspended, StatusRejected, StatusWithdrawn:
		return false
	}
	return true
}

// Overdue reports whether the follow-up is open and its due date is before
// the day of now in Asia/Shanghai.
func (f FollowUp) Overdue(now time.Time) bool {
	return f.Status == FollowUpOpen && f.Due != "" && f.Due < DateOf(now)
}
