package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// The needs screen's prompt: moving the selected need on to a status its
// lifecycle allows, the satisfaction of a revisit, and a typed reason,
// note or new reply date.

// needPrompt is the status change being asked for.
type needPrompt struct {
	step    int    // 0 none, 1 pick target, 2 pick satisfaction, 3 type reason
	action  string // "": a status change; actionNote, actionExtend: step 3 only
	options []string
	sel     int
	to, sat string
	reason  textinput.Model
}

// startPrompt offers the legal next statuses (or, from replied, the
// satisfaction of the revisit).
func (s *needs) startPrompt() {
	n, ok := s.cur()
	if !ok {
		return
	}
	p := needPrompt{reason: newInput("> ")}
	if n.Status == visits.StatusReplied {
		p.step, p.options = 2, visits.Codes(visits.KindSatisfaction)
	} else {
		p.step, p.options = 1, visits.AllowedTransitions(n.Status)
	}
	if len(p.options) == 0 {
		return
	}
	s.prompt = p
}

func (s *needs) promptKey(msg tea.KeyMsg) tea.Cmd {
	k, p := s.c.keys, &s.prompt
	n, _ := s.cur()
	if msg.String() == "esc" {
		s.prompt = needPrompt{}
		return nil
	}
	if p.step == 3 {
		if msg.String() == "enter" {
			text := strings.TrimSpace(p.reason.Value())
			switch p.action {
			case actionNote:
				if text == "" {
					return func() tea.Msg { return noteMsg{text: s.c.t("needs.note_required"), err: true} }
				}
				s.prompt = needPrompt{}
				return s.addNote(n.ID, text)
			case actionExtend:
				s.prompt = needPrompt{}
				return s.extend(n.ID, text)
			}
			if strings.TrimSpace(p.reason.Value()) == "" && visits.NeedsReason(n.Status, p.to) {
				return func() tea.Msg { return noteMsg{text: s.c.t("needs.reason_required"), err: true} }
			}
			return s.change(n)
		}
		var cmd tea.Cmd
		p.reason, cmd = p.reason.Update(msg)
		return cmd
	}
	switch {
	case key.Matches(msg, k.Up):
		p.sel = max(0, p.sel-1)
	case key.Matches(msg, k.Down):
		p.sel = min(len(p.options)-1, p.sel+1)
	case key.Matches(msg, k.Enter):
		if p.step == 2 {
			p.sat, p.to = p.options[p.sel], visits.RevisitTarget(p.options[p.sel])
		} else {
			p.to = p.options[p.sel]
		}
		p.step = 3
		p.reason.Placeholder = s.c.t("needs.note_optional")
		if visits.NeedsReason(n.Status, p.to) {
			p.reason.Placeholder = s.c.t("needs.reason")
		}
		return p.reason.Focus()
	}
	return nil
}

func (s *needs) change(n visits.Need) tea.Cmd {
	p := s.prompt
	s.prompt = needPrompt{}
	st, note := s.c.st, strings.TrimSpace(p.reason.Value())
	return s.c.do(func() tea.Msg {
		err := st.Update(func(w *store.Writer) error { return w.ChangeNeedStatus(n.ID, p.to, note, p.sat) })
		return needChangedMsg{err: err}
	})
}

func (s *needs) promptView(w int) []string {
	c, p := s.c, s.prompt
	n, _ := s.cur()
	switch p.action {
	case actionNote:
		return []string{c.styles.heading.Render(cut(c.t("needs.note_title"), w))}
	case actionExtend:
		return []string{c.styles.heading.Render(cut(c.tf("needs.extend_title", n.CloseDue), w))}
	}
	title := c.tf("needs.move", c.label(visits.KindStatus, n.Status))
	kind := visits.KindStatus
	if p.step == 2 || p.sat != "" {
		title, kind = c.t("needs.revisit"), visits.KindSatisfaction
	}
	out := []string{c.styles.heading.Render(cut(title, w))}
	for i, o := range p.options {
		mark := "  "
		if i == p.sel {
			mark = "> "
		}
		out = append(out, mark+c.label(kind, o))
	}
	return out
}
