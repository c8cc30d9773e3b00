package tui

import (
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// needs lists needs, filtered by status, category, overdue and text, with
// the selected need's history below. Only the transitions the lifecycle
// allows are offered; a revisit asks for the satisfaction rating.
type needs struct {
	c         *common
	all       []visits.Need
	conflict  map[string]bool
	shown     []visits.Need
	sel       int
	tbl       table // the list: rows, columns and scrolling
	status    int   // 0: all, else openStatuses/all statuses index+1
	category  int   // 0: all, else category index+1
	unit      int   // 0: all, else lead unit index+1
	overdue   bool
	text      textinput.Model
	want      string // need to select once loaded
	events    []visits.NeedEvent
	eventsFor string
	prompt    needPrompt
	// The need's own view (needview.go): the need open, its follow-ups
	// and how far its text is scrolled.
	openID string
	fus    []visits.FollowUp
	fusFor string
	scroll int
}

type needsMsg struct {
	needs    []visits.Need
	conflict map[string]bool
	err      error
}

type eventsMsg struct {
	id     string
	events []visits.NeedEvent
}

type needChangedMsg struct {
	err  error
	note string // "": the status changed
}

// newNeeds lists the needs; with want, that need is selected and open.
func newNeeds(c *common, want string) *needs {
	s := &needs{c: c, want: want, openID: want, text: newInput("/ "), conflict: map[string]bool{}}
	dueW := displayWidth("2026-11-27 " + c.t("due.late"))
	s.tbl = table{c: c, cursor: true, head: true, cols: []column{
		{title: "", min: 1, max: 1}, // ! marks a conflict
		{title: c.t("needs.col.status"), min: 12, max: 12},
		{title: c.t("needs.col.due"), min: dueW, max: dueW},
		{title: c.t("needs.col.enterprise"), min: 12, max: 30, flex: 1},
		{title: c.t("needs.col.title"), min: 8, flex: 3},
	}}
	return s
}

// needCells are the cells of the i-th need shown.
func (s *needs) needCells(i int) []string {
	c, n := s.c, s.shown[i]
	flag := ""
	if s.conflict[n.ID] {
		flag = "!"
	}
	due := string(n.DueDate(nil))
	if n.Overdue(nil, c.now()) {
		due += " " + c.t("due.late")
	}
	return []string{flag, c.label(visits.KindStatus, n.Status), due, c.snap.entName(n.EnterpriseID), clean(n.Title)}
}

func (s *needs) Init() tea.Cmd {
	st := s.c.st
	return s.c.do(func() tea.Msg {
		var msg needsMsg
		msg.conflict = map[string]bool{}
		msg.err = st.View(func(r *store.Reader) (err error) {
			if msg.needs, err = r.NeedsWithStatus(visits.Codes(visits.KindStatus)...); err != nil {
				return err
			}
			cs, err := r.Conflicts()
			for _, cf := range cs {
				if cf.Type == visits.TypeNeed {
					msg.conflict[cf.ID] = true
				}
			}
			return err
		})
		return msg
	})
}

func (s *needs) Title() string   { return s.c.t("tab.needs") }
func (s *needs) Capturing() bool { return s.text.Focused() || s.prompt.step == 3 }
func (s *needs) WantsEsc() bool  { return s.prompt.step > 0 || s.openID != "" }

func (s *needs) Keys() []key.Binding {
	k := s.c.keys
	if s.prompt.step > 0 && s.prompt.step < 3 {
		return []key.Binding{k.PickMove, k.PickOK, k.PickCancel}
	}
	if s.openID != "" {
		return s.needViewKeys()
	}
	return []key.Binding{k.Up, k.Down, k.Status, k.AddNote, k.Extend, k.FilterStatus, k.FilterCategory, k.FilterUnit,
		k.FilterOverdue, k.Filter, k.Enter, k.Back}
}

func (s *needs) Hint(w int) string {
	k := s.c.keys
	switch {
	case s.prompt.step == 3:
		return s.prompt.reason.View()
	case s.prompt.step > 0:
		return footer(w, k.PickMove, k.PickOK, k.PickCancel)
	case s.openID != "":
		return footer(w, k.Help, k.Status, k.AddNote, k.Extend, k.OpenEnterprise, k.Back)
	case s.text.Focused() || s.text.Value() != "":
		return s.text.View()
	}
	return footer(w, k.Help, k.Status, k.AddNote, k.Extend, k.Enter, k.FilterStatus, k.FilterCategory, k.FilterUnit,
		k.FilterOverdue, k.Filter)
}

// selectNeed selects the need id and opens it.
func (s *needs) selectNeed(id string) tea.Cmd {
	s.want = id
	s.apply()
	return s.openNeed(id)
}

// cur is the need the actions act on: the open one, else the selected.
func (s *needs) cur() (visits.Need, bool) {
	if s.openID != "" {
		return s.opened()
	}
	if s.sel >= 0 && s.sel < len(s.shown) {
		return s.shown[s.sel], true
	}
	return visits.Need{}, false
}

// apply filters and sorts; the selection follows s.want if set.
func (s *needs) apply() {
	statuses := visits.Codes(visits.KindStatus)
	cats := visits.Codes(visits.KindCategory)
	units := visits.Codes(visits.KindUnit)
	q := strings.ToLower(strings.TrimSpace(s.text.Value()))
	now := s.c.now()
	s.tbl.changed()
	s.shown = s.shown[:0]
	for _, n := range s.all {
		switch {
		case s.status > 0 && n.Status != statuses[s.status-1]:
		case s.category > 0 && n.Category != cats[s.category-1]:
		case s.unit > 0 && n.LeadUnit != units[s.unit-1]:
		case s.overdue && !n.Overdue(nil, now):
		case q != "" && !strings.Contains(strings.ToLower(clean(n.Title)+" "+s.c.snap.entName(n.EnterpriseID)), q):
		default:
			s.shown = append(s.shown, n)
		}
	}
	if s.want != "" {
		for i, n := range s.shown {
			if n.ID == s.want {
				s.sel = i
				s.want = ""
			}
		}
	}
	s.sel = min(s.sel, max(0, len(s.shown)-1))
}

func (s *needs) loadEvents() tea.Cmd {
	n, ok := s.cur()
	if !ok || n.ID == s.eventsFor {
		return nil
	}
	s.eventsFor, s.events = n.ID, nil
	st, id := s.c.st, n.ID
	return s.c.do(func() tea.Msg {
		var evs []visits.NeedEvent
		_ = st.View(func(r *store.Reader) (err error) { evs, err = r.EventsOf(id); return err })
		return eventsMsg{id: id, events: evs}
	})
}

func (s *needs) Update(msg tea.Msg) (screen, tea.Cmd) {
	k := s.c.keys
	switch msg := msg.(type) {
	case needsMsg:
		if msg.err != nil {
			return s, func() tea.Msg { return s.c.errNote(msg.err) }
		}
		s.all, s.conflict = msg.needs, msg.conflict
		sort.SliceStable(s.all, func(i, j int) bool { return s.all[i].RegisteredAt.After(s.all[j].RegisteredAt) })
		s.apply()
		s.eventsFor, s.fusFor = "", ""
		return s, tea.Batch(s.loadEvents(), s.loadFollowUps())
	case eventsMsg:
		if msg.id == s.eventsFor {
			s.events = msg.events
		}
	case needFUsMsg:
		if msg.id == s.fusFor {
			s.fus = msg.fus
		}
	case changedMsg:
		return s, s.Init()
	case needChangedMsg:
		if msg.err != nil {
			return s, func() tea.Msg { return s.c.errNote(msg.err) }
		}
		note := msg.note
		if note == "" {
			note = s.c.t("needs.changed")
		}
		s.eventsFor = "" // reload the history
		return s, func() tea.Msg { return changedMsg{note: note} }
	case tea.KeyMsg:
		if s.prompt.step > 0 {
			return s, s.promptKey(msg)
		}
		if s.openID != "" {
			if cmd, done := s.viewKey(msg); done {
				return s, cmd
			}
		}
		if s.text.Focused() {
			switch msg.String() {
			case "enter", "esc":
				if msg.String() == "esc" {
					s.text.SetValue("")
				}
				s.text.Blur()
				s.apply()
				return s, s.loadEvents()
			}
			var cmd tea.Cmd
			s.text, cmd = s.text.Update(msg)
			s.apply()
			return s, tea.Batch(cmd, s.loadEvents())
		}
		switch {
		case key.Matches(msg, k.Up):
			s.sel = max(0, s.sel-1)
		case key.Matches(msg, k.Down):
			s.sel = max(0, min(len(s.shown)-1, s.sel+1)) // 0 on an empty list, never -1
		case key.Matches(msg, k.Filter):
			return s, s.text.Focus()
		case key.Matches(msg, k.FilterStatus):
			s.status = (s.status + 1) % (len(visits.Codes(visits.KindStatus)) + 1)
			s.apply()
		case key.Matches(msg, k.FilterCategory):
			s.category = (s.category + 1) % (len(visits.Codes(visits.KindCategory)) + 1)
			s.apply()
		case key.Matches(msg, k.FilterUnit):
			s.unit = (s.unit + 1) % (len(visits.Codes(visits.KindUnit)) + 1)
			s.apply()
		case key.Matches(msg, k.AddNote):
			return s, s.startText(actionNote)
		case key.Matches(msg, k.Extend):
			return s, s.startText(actionExtend)
		case key.Matches(msg, k.FilterOverdue):
			s.overdue = !s.overdue
			s.apply()
		case key.Matches(msg, k.Status):
			s.startPrompt()
		case key.Matches(msg, k.Enter):
			if n, ok := s.cur(); ok {
				return s, s.openNeed(n.ID)
			}
		}
		return s, s.loadEvents()
	}
	return s, nil
}

func (s *needs) View(w, h int) string {
	c := s.c
	if s.all == nil && c.snap == nil {
		return c.t("loading")
	}
	if _, ok := s.opened(); ok {
		return s.needView(w, h)
	}
	filter := c.t("needs.filter") + " "
	if s.status > 0 {
		filter += c.label(visits.KindStatus, visits.Codes(visits.KindStatus)[s.status-1]) + " "
	} else {
		filter += c.t("needs.all_statuses") + " "
	}
	if s.category > 0 {
		filter += c.label(visits.KindCategory, visits.Codes(visits.KindCategory)[s.category-1]) + " "
	}
	if s.unit > 0 {
		filter += c.label(visits.KindUnit, visits.Codes(visits.KindUnit)[s.unit-1]) + " "
	}
	if s.overdue {
		filter += c.t("needs.overdue_only")
	}
	lines := []string{c.styles.dim.Render(cut(c.tf("needs.count", len(s.shown), len(s.all))+"  "+filter, w))}
	histH := min(8, h/3)
	listH := h - 1 - histH
	if s.prompt.step > 0 {
		listH = h - 1 - len(s.prompt.options) - 2
	}
	if len(s.shown) > 0 {
		s.tbl.sel = s.sel
		s.tbl.set(len(s.shown), s.needCells)
		lines = append(lines, s.tbl.View(w, listH))
	}
	lines = block2(strings.Split(strings.Join(lines, "\n"), "\n"), listH+1)
	if s.prompt.step > 0 {
		return strings.Join(append(lines, s.promptView(w)...), "\n")
	}
	lines = append(lines, c.styles.heading.Render(c.t("needs.history")))
	for _, e := range s.events {
		lines = append(lines, cut(s.eventLine(e), w))
	}
	return strings.Join(lines, "\n")
}
