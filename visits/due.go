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
// due day itself is on time; the need is overdue (逾期) from the next day.
// An unknown severity is treated as general so that every need gets a
// date. The urgent "plan in 1 working day" is not a separate date.
//
// Which date a need is measured against depends on where it is:
//
//	registered (or no status)       reply deadline: nobody has answered it yet
//	accepted, assigned, in_progress close deadline: it was answered (受理 is
//	                                the first answer; a reopened need was
//	                                answered before), the extension moves it;
//	                                a need without one (a consultation) stays
//	                                on its reply deadline until replied
//	replied (已答复待回访)           revisit deadline: RevisitWorkdays after
//	                                the latest reply
//	closed, suspended, rejected,    none: never overdue
//	withdrawn
//
// A need leaves registered once and never comes back to it, so "answered
// at least once" is read from the status alone.

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

// RevisitWorkdays is how many working days after its reply a need in
// replied (已答复待回访) must be revisited.
const RevisitWorkdays = 5

// Deadline kinds: which date a need is measured against (Need.Deadline).
const (
	DeadlineNone    = ""        // closed, suspended, rejected, withdrawn, or no date known
	DeadlineReply   = "reply"   // not answered yet
	DeadlineClose   = "close"   // answered, not replied
	DeadlineRevisit = "revisit" // replied, waiting for the revisit
)

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

// ReplyDeadline returns the day by which the need must first be answered:
// the stored ReplyDue (HQ may have set it), else the date NeedDue computes
// from RegisteredAt, else zero.
func (n Need) ReplyDeadline(cal *Calendar) Date {
	switch {
	case n.ReplyDue != "":
		return n.ReplyDue
	case n.RegisteredAt.IsZero():
		return ""
	}
	reply, _ := NeedDue(cal, n.Severity, DateOf(n.RegisteredAt), n.Extended)
	return reply
}

// CloseDeadline returns the day by which the need must be closed: the
// stored CloseDue, else the date NeedDue computes from RegisteredAt. An
// extended need is never due before its extended date, even if the stored
// CloseDue was not moved. Zero for a consultation without a stored date.
func (n Need) CloseDeadline(cal *Calendar) Date {
	due := n.CloseDue
	if n.RegisteredAt.IsZero() {
		return due
	}
	if due == "" || n.Extended {
		_, computed := NeedDue(cal, n.Severity, DateOf(n.RegisteredAt), n.Extended)
		if computed > due {
			due = computed
		}
	}
	return due
}

// RevisitDeadline returns the day by which a need replied on the given
// day must be revisited: RevisitWorkdays working days later.
func RevisitDeadline(cal *Calendar, replied Date) Date {
	if replied == "" {
		return ""
	}
	return cal.AddWorkdays(replied, RevisitWorkdays)
}

// RepliedOn returns the day (Asia/Shanghai) of the need's latest reply in
// its history: the last event moving it into replied from another status
// (an unreached revisit, replied → replied, does not restart the count).
// Zero when there is none.
func RepliedOn(events []NeedEvent) Date {
	var last time.Time
	for _, e := range events {
		if e.To == StatusReplied && e.From != StatusReplied && !e.At.Before(last) {
			last = e.At
		}
	}
	if last.IsZero() {
		return ""
	}
	return DateOf(last)
}

// repliedBy is RepliedOn among the events of days up to and including by
// (the report replays a past week).
func repliedBy(events []*NeedEvent, by Date) Date {
	var last Date
	for _, e := range events {
		if d := DateOf(e.At); e.To == StatusReplied && e.From != StatusReplied && d <= by && d > last {
			last = d
		}
	}
	return last
}

// repliedFallback is the reply day when the history is not at hand: the
// day the need last changed (its move into replied, or a later edit).
func (n Need) repliedFallback() Date {
	if n.UpdatedAt.IsZero() {
		return ""
	}
	return DateOf(n.UpdatedAt)
}

// Deadline returns which date the need is measured against in its status
// (DeadlineReply, DeadlineClose, DeadlineRevisit or DeadlineNone) and the
// date. replied is the day of its latest reply (RepliedOn its events); when
// zero, a replied need's last change (UpdatedAt) stands in for it.
func (n Need) Deadline(cal *Calendar, replied Date) (kind string, due Date) {
	switch n.Status {
	case StatusClosed, StatusSuspended, StatusRejected, StatusWithdrawn:
		return DeadlineNone, ""
	case StatusReplied:
		if replied == "" {
			replied = n.repliedFallback()
		}
		if due = RevisitDeadline(cal, replied); due == "" {
			return DeadlineNone, ""
		}
		return DeadlineRevisit, due
	case StatusAccepted, StatusAssigned, StatusInProgress:
		if due = n.CloseDeadline(cal); due != "" {
			return DeadlineClose, due
		}
	}
	if due = n.ReplyDeadline(cal); due == "" {
		return DeadlineNone, ""
	}
	return DeadlineReply, due
}

// DueDate returns the date the need is measured against in its status
// (see Deadline; a replied need's reply day is its last change). For a
// need that cannot be overdue (closed, suspended, rejected, withdrawn) it
// is the close date, else the reply date, shown for reference. Zero when
// none is known.
func (n Need) DueDate(cal *Calendar) Date {
	if kind, due := n.Deadline(cal, ""); kind != DeadlineNone {
		return due
	}
	if due := n.CloseDeadline(cal); due != "" {
		return due
	}
	return n.ReplyDeadline(cal)
}

// Overdue reports whether the need is past the date it is measured
// against (Deadline) on the day of now in Asia/Shanghai. A replied need's
// reply day is taken as its last change; OverdueAfterReply takes it from
// the history. Overdue is computed, never stored.
func (n Need) Overdue(cal *Calendar, now time.Time) bool {
	return n.overdueOn(cal, DateOf(now))
}

// OverdueAfterReply is Overdue with the day of the need's latest reply
// known (RepliedOn its events).
func (n Need) OverdueAfterReply(cal *Calendar, replied Date, now time.Time) bool {
	return n.lateOn(cal, replied, DateOf(now))
}

func (n Need) overdueOn(cal *Calendar, today Date) bool {
	return n.lateOn(cal, "", today)
}

func (n Need) lateOn(cal *Calendar, replied, today Date) bool {
	kind, due := n.Deadline(cal, replied)
	return kind != DeadlineNone && today > due
}

// needActive reports whether a need in status is still waiting to be
// answered or handled (not replied, closed, suspended, rejected or
// withdrawn): an urgent one asks for a visit.
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
