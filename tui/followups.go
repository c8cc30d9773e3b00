package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// followUps is the agenda: overdue, today, this week, later. d marks the
// selected one done; D marks it done and schedules the next in one step.
type followUps struct {
	c   *common
	all []visits.FollowUp // open, earliest first
	sel int
	tbl table // the agenda: rows, columns and scrolling
	// The prompt: result, then (for D) the next action and its due day.
	step   int // 0 none, 1 result, 2 next action, 3 next due
	next   bool
	input  textinput.Model
	result string
	action string
	loaded bool
}

type followUpsMsg struct {
	fus []visits.FollowUp
	err error
}

type followUpDoneMsg struct{ err error }

func newFollowUps(c *common) *followUps {
	return &followUps{c: c, input: newInput("> "), tbl: table{c: c, cursor: true, head: true, cols: []column{
		{title: c.t("fu.col.when"), min: 8, max: 14},
		{title: c.t("fu.col.due"), min: 10, max: 10},
		{title: c.t("fu.col.enterprise"), min: 12, max: 30, flex: 1},
		{title: c.t("fu.col.action"), min: 8, flex: 3},
	}}}
}

func (s *followUps) Init() tea.Cmd {
	st := s.c.st
	return s.c.do(func() tea.Msg {
		var msg followUpsMsg
		msg.err = st.View(func(r *store.Reader) error {
			fus, err := r.FollowUpsDue("9999-12-31")
			for _, f := range fus {
				if f.Status == visits.FollowUpOpen {
					msg.fus = append(msg.fus, f)
				}
			}
			return err
		})
		return msg
	})
}

func (s *followUps) Title() string   { return s.c.t("tab.followups") }
func (s *followUps) Capturing() bool { return s.step > 0 }
func (s *followUps) WantsEsc() bool  { return s.step > 0 }

func (s *followUps) Keys() []key.Binding {
	k := s.c.keys
	return []key.Binding{k.Up, k.Down, k.Done, k.DoneNext, k.OpenEnterprise, k.NewVisit, k.Back}
}

func (s *followUps) Hint(w int) string {
	if s.step > 0 {
		label := []string{"", "fu.result", "fu.next_action", "fu.next_due"}[s.step]
		return s.c.t(label) + " " + s.input.View()
	}
	k := s.c.keys
	return footer(w, k.Help, k.Done, k.DoneNext, k.OpenEnterprise, k.NewVisit)
}

func (s *followUps) cur() (visits.FollowUp, bool) {
	if s.sel < len(s.all) {
		return s.all[s.sel], true
	}
	return visits.FollowUp{}, false
}

func (s *followUps) Update(msg tea.Msg) (screen, tea.Cmd) {
	k := s.c.keys
	switch msg := msg.(type) {
	case followUpsMsg:
		if msg.err != nil {
			return s, func() tea.Msg { return s.c.errNote(msg.err) }
		}
		s.all, s.loaded = msg.fus, true
		s.tbl.changed()
		s.sel = min(s.sel, max(0, len(s.all)-1))
	case changedMsg:
		return s, s.Init()
	case followUpDoneMsg:
		if msg.err != nil {
			return s, func() tea.Msg { return s.c.errNote(msg.err) }
		}
		note := s.c.t("fu.done_note")
		return s, func() tea.Msg { return changedMsg{note: note} }
	case tea.KeyMsg:
		if s.step > 0 {
			return s, s.promptKey(msg)
		}
		switch {
		case key.Matches(msg, k.Up):
			s.sel = max(0, s.sel-1)
		case key.Matches(msg, k.Down):
			s.sel = min(len(s.all)-1, s.sel+1)
		case key.Matches(msg, k.Done), key.Matches(msg, k.DoneNext):
			if _, ok := s.cur(); ok {
				s.step, s.next = 1, key.Matches(msg, k.DoneNext)
				s.input.SetValue("")
				return s, s.input.Focus()
			}
		case key.Matches(msg, k.Enter):
			if f, ok := s.cur(); ok {
				return s, nav(navMsg{to: scrDetail, ent: f.EnterpriseID})
			}
		case key.Matches(msg, k.NewVisit):
			f, _ := s.cur()
			return s, nav(navMsg{to: scrVisitForm, ent: f.EnterpriseID})
		}
	}
	return s, nil
}

func (s *followUps) promptKey(msg tea.KeyMsg) tea.Cmd {
	switch msg.String() {
	case "esc":
		s.step = 0
		s.input.Blur()
		return nil
	case "enter":
		v := strings.TrimSpace(s.input.Value())
		switch {
		case s.step == 1 && s.next:
			s.result, s.step = v, 2
			s.input.SetValue("")
			return nil
		case s.step == 2:
			if v == "" {
				return func() tea.Msg { return noteMsg{text: s.c.t("fu.action_required"), err: true} }
			}
			s.action, s.step = v, 3
			s.input.SetValue(string(s.c.today().AddDays(7)))
			return nil
		case s.step == 3:
			if _, err := visits.ParseDate(v); err != nil {
				return func() tea.Msg { return noteMsg{text: s.c.t("fu.bad_date"), err: true} }
			}
			return s.complete(s.result, &visits.FollowUp{Action: s.action, Due: visits.Date(v)})
		default:
			return s.complete(v, nil)
		}
	}
	var cmd tea.Cmd
	s.input, cmd = s.input.Update(msg)
	return cmd
}

func (s *followUps) complete(result string, next *visits.FollowUp) tea.Cmd {
	f, _ := s.cur()
	s.step = 0
	s.input.Blur()
	st := s.c.st
	return s.c.do(func() tea.Msg {
		err := st.Update(func(w *store.Writer) error {
			if next != nil {
				next.EnterpriseID, next.NeedID, next.VisitID = f.EnterpriseID, f.NeedID, f.VisitID
				next.Status, next.Assignee = visits.FollowUpOpen, w.Officer()
			}
			return w.CompleteFollowUp(f.ID, result, next)
		})
		return followUpDoneMsg{err: err}
	})
}

// bucket is the agenda section of a due day.
func (s *followUps) bucket(d visits.Date) int {
	td := s.c.today()
	switch {
	case d < td:
		return 0
	case d == td:
		return 1
	case d <= visits.WeekOf(td).End():
		return 2
	}
	return 3
}

func (s *followUps) View(w, h int) string {
	c := s.c
	if !s.loaded {
		return c.t("loading")
	}
	if len(s.all) == 0 {
		return c.t("fu.none")
	}
	// The agenda's section (overdue, today, this week, later) and its
	// count open its first row.
	names := []string{"fu.overdue", "fu.today", "fu.week", "fu.later"}
	counts := make([]int, 4)
	for _, f := range s.all {
		counts[s.bucket(f.Due)]++
	}
	s.tbl.sel = s.sel
	s.tbl.set(len(s.all), func(i int) []string {
		f := s.all[i]
		b, sec := s.bucket(f.Due), ""
		if i == 0 || s.bucket(s.all[i-1].Due) != b {
			sec = c.tf(names[b], counts[b])
		}
		return []string{sec, string(f.Due), c.snap.entName(f.EnterpriseID), clean(f.Action)}
	})
	return s.tbl.View(w, h)
}
