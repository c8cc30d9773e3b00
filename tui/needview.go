package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// The need's own view, over the needs list (enter opens it, esc closes
// it): its facts, the full description, the history and its follow-ups,
// with the list's actions (t status, a note, e extend) acting on it and
// enter opening its enterprise. Today's overdue needs open here too.

// needFUsMsg carries the follow-ups of one need.
type needFUsMsg struct {
	id  string
	fus []visits.FollowUp
}

func (needFUsMsg) owner() screenID { return scrNeeds }

// openNeed shows the need id and loads its history and follow-ups.
func (s *needs) openNeed(id string) tea.Cmd {
	s.openID, s.scroll, s.fus, s.fusFor = id, 0, nil, ""
	return tea.Batch(s.loadEvents(), s.loadFollowUps())
}

// opened is the need on view, as last loaded.
func (s *needs) opened() (visits.Need, bool) {
	for _, n := range s.all {
		if n.ID == s.openID {
			return n, true
		}
	}
	return visits.Need{}, false
}

func (s *needs) loadFollowUps() tea.Cmd {
	n, ok := s.opened()
	if !ok || s.fusFor == n.ID {
		return nil
	}
	s.fusFor = n.ID
	st, id, ent := s.c.st, n.ID, n.EnterpriseID
	return s.c.do(func() tea.Msg {
		var all []visits.FollowUp
		_ = st.View(func(r *store.Reader) (err error) { all, err = r.FollowUpsOf(ent); return err })
		msg := needFUsMsg{id: id}
		for _, f := range all {
			if f.NeedID == id {
				msg.fus = append(msg.fus, f)
			}
		}
		return msg
	})
}

// viewKey handles the keys of the open view that the list does not
// share; false passes the key on to the list's handling (t, a, e).
func (s *needs) viewKey(msg tea.KeyMsg) (tea.Cmd, bool) {
	k := s.c.keys
	switch {
	case msg.String() == "esc":
		s.openID = ""
		return s.loadEvents(), true
	case key.Matches(msg, k.Up):
		s.scroll = max(0, s.scroll-1)
		return nil, true
	case key.Matches(msg, k.Down):
		s.scroll++
		return nil, true
	case key.Matches(msg, k.PageUp):
		s.scroll = max(0, s.scroll-10)
		return nil, true
	case key.Matches(msg, k.PageDown):
		s.scroll += 10
		return nil, true
	case key.Matches(msg, k.Enter):
		if n, ok := s.opened(); ok {
			return nav(navMsg{to: scrDetail, ent: n.EnterpriseID}), true
		}
		return nil, true
	case key.Matches(msg, k.Status), key.Matches(msg, k.AddNote), key.Matches(msg, k.Extend):
		return nil, false
	}
	return nil, true // the list's other keys do nothing here
}

// needViewKeys are the view's keys for the help overlay.
func (s *needs) needViewKeys() []key.Binding {
	k := s.c.keys
	return []key.Binding{k.Up, k.Down, k.Status, k.AddNote, k.Extend, k.OpenEnterprise, k.Back}
}

// needView draws the open need in w×h: the prompt of an action, when
// one is asked, takes the last lines.
func (s *needs) needView(w, h int) string {
	c := s.c
	n, ok := s.opened()
	if !ok {
		return c.t("loading")
	}
	var prompt []string
	if s.prompt.step > 0 {
		prompt = s.promptView(w)
	}
	var body []string
	add := func(lines ...string) { body = append(body, lines...) }
	flag := ""
	if s.conflict[n.ID] {
		flag = "! "
	}
	add(c.styles.heading.Render(cut(flag+clean(n.Title), w)))
	fact := func(label, value string) {
		if value != "" {
			add(wrap(label+"  "+value, w)...)
		}
	}
	now := c.now()
	due := string(n.DueDate(nil))
	if n.Overdue(nil, now) {
		due += " " + c.t("due.late")
	}
	fact(c.t("needview.enterprise"), c.snap.entName(n.EnterpriseID))
	fact(c.t("needview.status"), c.label(visits.KindStatus, n.Status)+"  "+c.t("needview.due")+" "+due)
	cat := c.label(visits.KindCategory, n.Category) + " · " + c.label(visits.KindSeverity, n.Severity)
	if n.Nature != "" {
		cat += " · " + c.label(visits.KindNature, n.Nature)
	}
	if n.Jinanchoupan {
		cat += " · " + c.t("need.form.jinanchoupan")
	}
	fact(c.t("needview.kind"), cat)
	if n.LeadUnit != "" {
		fact(c.t("need.form.lead_unit"), c.label(visits.KindUnit, n.LeadUnit))
	}
	fact(c.t("needview.registered"), n.RegisteredAt.In(visits.Shanghai).Format("2006-01-02 15:04"))
	if n.Satisfaction != "" {
		fact(c.t("needview.satisfaction"), c.label(visits.KindSatisfaction, n.Satisfaction))
	}
	add("", c.styles.heading.Render(c.t("need.form.description")))
	if d := strings.TrimSpace(cleanLines(n.Description)); d != "" {
		for _, l := range wrap(d, max(10, w-2)) {
			add("  " + l)
		}
	} else {
		add("  " + c.styles.dim.Render(c.t("today.none")))
	}
	add("", c.styles.heading.Render(c.t("needs.history")))
	for _, e := range s.events {
		add(cut(s.eventLine(e), w))
	}
	add("", c.styles.heading.Render(c.t("needview.followups")))
	if len(s.fus) == 0 {
		add("  " + c.styles.dim.Render(c.t("today.none")))
	}
	for _, f := range s.fus {
		state := c.label(visits.KindFollowUp, f.Status)
		add(cut("  "+string(f.Due)+"  "+state+"  "+clean(f.Action), w))
	}
	bodyH := h - len(prompt)
	s.scroll = max(0, min(s.scroll, len(body)-bodyH))
	body = block2(body[min(s.scroll, len(body)):], bodyH)
	return strings.Join(append(body, prompt...), "\n")
}

// eventLine is one step of a need's history.
func (s *needs) eventLine(e visits.NeedEvent) string {
	c := s.c
	text := c.label(visits.KindStatus, e.To)
	switch e.Action {
	case actionNote:
		text = c.t("needs.action_note")
	case actionExtend:
		text = c.t("needs.action_extend")
	}
	if e.From != "" && e.Action != actionExtend {
		text = c.label(visits.KindStatus, e.From) + " -> " + text
	}
	if e.Satisfaction != "" {
		text += " (" + c.label(visits.KindSatisfaction, e.Satisfaction) + ")"
	}
	return "  " + e.At.In(visits.Shanghai).Format("2006-01-02 15:04") + "  " + clean(e.Actor) + "  " + text + "  " + clean(e.Text)
}
