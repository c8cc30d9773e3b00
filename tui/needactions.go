package tui

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// Need actions that keep the status: a note in the history, and the
// extension of a complex need's close date (15 to 30 working days). Each
// is one Update: the need (for an extension) and its history event are
// written together.

const (
	actionNote   = "note"
	actionExtend = "extend"
)

// startText asks for the text of a note or an extension's reason on the
// bottom line.
func (s *needs) startText(action string) tea.Cmd {
	n, ok := s.cur()
	if !ok {
		return nil
	}
	if action == actionExtend {
		if why := cannotExtend(s.c, n); why != "" {
			return func() tea.Msg { return noteMsg{text: why, err: true} }
		}
	}
	p := needPrompt{step: 3, action: action, reason: newInput("> ")}
	p.reason.Placeholder = s.c.t("needs.note_text")
	if action == actionExtend {
		p.reason.Placeholder = s.c.t("needs.extend_reason")
	}
	s.prompt = p
	return s.prompt.reason.Focus()
}

// cannotExtend says why n cannot be extended, or "".
func cannotExtend(c *common, n visits.Need) string {
	switch {
	case n.Extended:
		return c.t("needs.already_extended")
	case n.Severity != visits.SeverityComplex:
		return c.t("needs.extend_complex_only")
	case visits.Terminal(n.Status) || n.Status == visits.StatusClosed || n.Status == visits.StatusReplied:
		return c.tf("needs.extend_not_now", c.label(visits.KindStatus, n.Status))
	}
	return ""
}

// addNote appends a note to the need's history.
func (s *needs) addNote(id, text string) tea.Cmd {
	st, now := s.c.st, s.c.now().UTC()
	note := s.c.t("needs.noted")
	return s.c.do(func() tea.Msg {
		err := st.Update(func(w *store.Writer) error {
			if _, err := store.Get[visits.Need](w.Reader(), id); err != nil {
				return err
			}
			return w.Save(&visits.NeedEvent{NeedID: id, Action: actionNote, Text: text, Actor: w.Officer(), At: now})
		})
		return needChangedMsg{err: err, note: note}
	})
}

// extend sets Extended, recomputes the close date with the working-day
// calendar and records an "extend" event.
func (s *needs) extend(id, reason string) tea.Cmd {
	st, now, c := s.c.st, s.c.now().UTC(), s.c
	return s.c.do(func() tea.Msg {
		var closeDue visits.Date
		err := st.Update(func(w *store.Writer) error {
			r := w.Reader()
			n, err := store.Get[visits.Need](r, id)
			if err != nil {
				return err
			}
			if why := cannotExtend(c, n); why != "" {
				return fmt.Errorf("%s", why)
			}
			n.Extended = true
			_, n.CloseDue = visits.NeedDue(r.Calendar(), n.Severity, visits.DateOf(n.RegisteredAt), true)
			closeDue = n.CloseDue
			if err := w.Save(&n); err != nil {
				return err
			}
			return w.Save(&visits.NeedEvent{NeedID: id, Action: actionExtend, From: n.Status, To: n.Status,
				Text: reason, Actor: w.Officer(), At: now})
		})
		return needChangedMsg{err: err, note: c.tf("needs.extended", closeDue)}
	})
}
