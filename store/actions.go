package store

import (
	"errors"
	"fmt"

	"github.com/liaison-dev/liaison/visits"
)

// The actions below are what an officer does, each meant to run inside one
// Update: the command line and the terminal UI both call them, so the
// rules (validation, USCC policy, lifecycle, history) live in one place.

// ErrDuplicateUSCC refuses a second enterprise with the same USCC.
var ErrDuplicateUSCC = errors.New("an enterprise with this USCC already exists")

// AddEnterprise normalizes the USCC, validates (a wrong check character
// needs confirm), refuses duplicates and saves.
func (w *Writer) AddEnterprise(e *visits.Enterprise, confirm bool) error {
	if e.USCC != "" {
		if u, err := visits.ParseUSCC(e.USCC); err == nil {
			e.USCC = u.Code
			e.USCCConfirmed = !u.CheckOK && (confirm || e.USCCConfirmed)
		}
	}
	if err := visits.ValidateEnterprise(*e); err != nil {
		return err
	}
	if e.USCC != "" {
		r := Reader{tx: w.tx, s: w.s}
		if old, err := r.EnterpriseByUSCC(e.USCC); err == nil && old.ID != e.ID {
			return fmt.Errorf("%s: %w (%s)", e.USCC, ErrDuplicateUSCC, old.Name)
		}
	}
	return w.Save(e)
}

// AddVisit validates a visit against its enterprise and saves it.
func (w *Writer) AddVisit(v *visits.Visit) error {
	if err := w.exists(visits.TypeEnterprise, v.EnterpriseID, "enterprise"); err != nil {
		return err
	}
	if v.LeadOfficer == "" {
		v.LeadOfficer = w.Officer()
	}
	if err := visits.ValidateVisit(*v, w.s.Now()); err != nil {
		return err
	}
	return w.Save(v)
}

// AddNeed registers a need: status registered, due dates from its severity
// and the working-day calendar, and the first history event.
func (w *Writer) AddNeed(n *visits.Need) error {
	if err := w.exists(visits.TypeEnterprise, n.EnterpriseID, "enterprise"); err != nil {
		return err
	}
	now := w.s.Now().UTC()
	if n.Status == "" {
		n.Status = visits.StatusRegistered
	}
	if n.RegisteredAt.IsZero() {
		n.RegisteredAt = now
	}
	if n.FirstReceiver == "" {
		n.FirstReceiver = w.Officer()
	}
	if n.ReplyDue == "" && n.CloseDue == "" {
		n.ReplyDue, n.CloseDue = visits.NeedDue(w.calendar(), n.Severity, visits.DateOf(n.RegisteredAt), n.Extended)
	}
	if err := visits.ValidateNeed(*n); err != nil {
		return err
	}
	if err := w.Save(n); err != nil {
		return err
	}
	return w.Save(&visits.NeedEvent{NeedID: n.ID, Action: "register", To: n.Status, Actor: w.Officer(), At: now, Text: n.Title})
}

// ChangeNeedStatus moves a need to another status if the lifecycle allows
// it from the status the officer sees, and records the step in its history.
func (w *Writer) ChangeNeedStatus(id, to, note, satisfaction string) error {
	r := Reader{tx: w.tx, s: w.s}
	n, err := Get[visits.Need](&r, id)
	if err != nil {
		return err
	}
	if err := visits.CheckTransition(n.Status, to, note, satisfaction); err != nil {
		return err
	}
	from := n.Status
	if err := w.SetField(visits.TypeNeed, id, "status", to); err != nil {
		return err
	}
	if satisfaction != "" {
		if err := w.SetField(visits.TypeNeed, id, "satisfaction", satisfaction); err != nil {
			return err
		}
	}
	action := "status"
	if from == visits.StatusReplied {
		action = "revisit"
	}
	return w.Save(&visits.NeedEvent{NeedID: id, Action: action, From: from, To: to, Text: note,
		Satisfaction: satisfaction, Actor: w.Officer(), At: w.s.Now().UTC()})
}

// AddFollowUp validates and saves a promised action.
func (w *Writer) AddFollowUp(f *visits.FollowUp) error {
	if err := w.exists(visits.TypeEnterprise, f.EnterpriseID, "enterprise"); err != nil {
		return err
	}
	if f.NeedID != "" {
		if err := w.exists(visits.TypeNeed, f.NeedID, "need"); err != nil {
			return err
		}
	}
	if f.Status == "" {
		f.Status = visits.FollowUpOpen
	}
	if f.Assignee == "" {
		f.Assignee = w.Officer()
	}
	if err := visits.ValidateFollowUp(*f); err != nil {
		return err
	}
	return w.Save(f)
}

// CompleteFollowUp marks a follow-up done and, in the same transaction,
// schedules the next one if next is not nil ("done and schedule the next").
func (w *Writer) CompleteFollowUp(id, result string, next *visits.FollowUp) error {
	r := Reader{tx: w.tx, s: w.s}
	f, err := Get[visits.FollowUp](&r, id)
	if err != nil {
		return err
	}
	if f.Status != visits.FollowUpOpen {
		return fmt.Errorf("follow-up %s is %s, not open", id, f.Status)
	}
	f.Status, f.Result, f.DoneAt = visits.FollowUpDone, result, w.s.Now().UTC()
	if err := w.Save(&f); err != nil {
		return err
	}
	if next == nil {
		return nil
	}
	next.EnterpriseID, next.NeedID, next.VisitID = f.EnterpriseID, f.NeedID, f.VisitID
	return w.AddFollowUp(next)
}

func (w *Writer) exists(typ, id, field string) error {
	if id == "" || !recordsOf(w.tx, typ).Has([]byte(id)) {
		return visits.Errors{{Field: field, Code: visits.ErrCodeNotFound, Args: []any{id}}}
	}
	return nil
}
