package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// detail is one enterprise with tabs: profile, visits, needs, follow-ups,
// HNTE readiness.
type detail struct {
	c      *common
	id     string
	tab    int
	scroll int
	vsel   int    // the selected visit (visits tab)
	vtbl   table  // the visits tab's list
	asel   int    // the selected application (planapps.go)
	atbl   table  // the applications tab's list
	want   string // an application to select once it is loaded (one just added)
	data   *detailData
	err    error
}

type detailData struct {
	ent     visits.Enterprise
	visits  []visits.Visit
	needs   []visits.Need
	fus     []visits.FollowUp
	assigns []visits.Assignment
	names   map[string]string // officer id -> name, for the assignments and steps
	apps    []visits.Application
}

type detailMsg struct {
	id   string
	data *detailData
	err  error
}

const detailVisits = 200 // newest visits shown

func newDetail(c *common, id string) *detail { return &detail{c: c, id: id} }

func (s *detail) Init() tea.Cmd {
	st, id := s.c.st, s.id
	return s.c.do(func() tea.Msg {
		d := &detailData{}
		err := st.View(func(r *store.Reader) (err error) {
			if d.ent, err = store.Get[visits.Enterprise](r, id); err != nil {
				return err
			}
			if d.visits, err = r.VisitsOf(id, detailVisits); err != nil {
				return err
			}
			if d.needs, err = r.NeedsOf(id); err != nil {
				return err
			}
			if d.fus, err = r.FollowUpsOf(id); err != nil {
				return err
			}
			if d.assigns, err = r.AssignmentsOf(id); err != nil {
				return err
			}
			d.names = officerNames(r, d.assigns)
			d.apps, err = loadApplications(r, id, d.names)
			return err
		})
		return detailMsg{id: id, data: d, err: err}
	})
}

func (s *detail) Title() string {
	if s.data != nil {
		return clean(s.data.ent.Name)
	}
	return s.c.t("detail.title")
}
func (s *detail) Capturing() bool { return false }

func (s *detail) Hint(w int) string {
	k := s.c.keys
	bs := []key.Binding{k.Help, k.DetailTabs, k.NewVisit}
	if s.tab == tabVisits {
		bs = append(bs, k.CorrectVisit)
	}
	bs = append(bs, s.planHint()...)
	return footer(w, append(bs, k.EditProfile, k.NewNeed, k.NewFollowUp, k.Back)...)
}

func (s *detail) Keys() []key.Binding {
	k := s.c.keys
	return []key.Binding{k.DetailTabs, k.Up, k.Down, k.NewVisit, k.CorrectVisit, k.EditProfile, k.NewNeed,
		k.NewFollowUp, k.EditReadiness, k.AddApplication, k.RecordStep, k.Back}
}

func (s *detail) Update(msg tea.Msg) (screen, tea.Cmd) {
	k := s.c.keys
	switch msg := msg.(type) {
	case detailMsg:
		if msg.id == s.id {
			sel, _ := s.selectedVisit()
			app, _ := s.selectedApp()
			s.data, s.err = msg.data, msg.err
			s.vtbl.changed()
			s.atbl.changed()
			if s.data != nil {
				s.keepVisit(sel.ID)
				s.keepApp(app.ID)
			}
		}
	case changedMsg:
		return s, s.Init()
	case selectAppMsg:
		s.selectApp(msg)
	case tea.KeyMsg:
		if cmd, ok := s.planKey(msg); ok {
			return s, cmd
		}
		switch {
		case key.Matches(msg, k.Left):
			s.tab, s.scroll = (s.tab+len(detailTabs)-1)%len(detailTabs), 0
		case key.Matches(msg, k.Right):
			s.tab, s.scroll = (s.tab+1)%len(detailTabs), 0
		case key.Matches(msg, k.Up) && s.tab == tabVisits:
			s.moveVisit(-1)
		case key.Matches(msg, k.Down) && s.tab == tabVisits:
			s.moveVisit(1)
		case key.Matches(msg, k.Up):
			s.scroll = max(0, s.scroll-1)
		case key.Matches(msg, k.Down):
			s.scroll++
		case key.Matches(msg, k.CorrectVisit):
			return s, s.correctVisit()
		case key.Matches(msg, k.NewVisit):
			return s, nav(navMsg{to: scrVisitForm, ent: s.id})
		case key.Matches(msg, k.EditProfile):
			return s, nav(navMsg{to: scrEnterpriseForm, ent: s.id})
		case key.Matches(msg, k.NewNeed):
			return s, nav(navMsg{to: scrNeedForm, ent: s.id})
		case key.Matches(msg, k.NewFollowUp):
			return s, nav(navMsg{to: scrFollowUpForm, ent: s.id})
		}
	}
	return s, nil
}

func (s *detail) View(w, h int) string {
	c := s.c
	if s.err != nil {
		return c.styles.err.Render(c.errNote(s.err).text)
	}
	if s.data == nil {
		return c.t("loading")
	}
	var tabs []string
	for i, name := range detailTabs {
		if i == s.tab {
			tabs = append(tabs, c.styles.tabOn.Render("["+c.t(name)+"]"))
		} else {
			tabs = append(tabs, " "+c.t(name)+" ")
		}
	}
	head := []string{c.styles.title.Render(cut(clean(s.data.ent.Name), w)), strings.Join(tabs, "")}
	if s.tab == tabVisits { // it keeps its selection in view itself
		return strings.Join(append(head, s.visitsTab(w, h-2)...), "\n")
	}
	var body []string
	switch s.tab {
	case 0:
		body = s.profile(w)
	case 2:
		body = s.needLines(w)
	case 3:
		body = s.followUpLines(w)
	case tabReadiness:
		body = s.readiness(w)
	case tabApplications: // it keeps its selection in view itself
		return strings.Join(append(head, s.applicationLines(w, h-2)...), "\n")
	}
	s.scroll = min(s.scroll, max(0, len(body)-(h-2)))
	if s.scroll < len(body) {
		body = body[s.scroll:]
	}
	return strings.Join(append(head, body...), "\n")
}

func (s *detail) profile(w int) []string {
	c, e := s.c, s.data.ent
	td := c.today()
	var lists []string
	for _, l := range visits.Lists(e, td) {
		lists = append(lists, c.label(visits.KindList, l))
	}
	kv := [][2]string{
		{c.t("profile.uscc"), clean(e.USCC)},
		{c.t("profile.short"), clean(e.ShortName)},
		{c.t("profile.tier"), c.label(visits.KindTier, visits.Tier(e, td))},
		{c.t("profile.lists"), strings.Join(lists, ", ")},
		{c.t("profile.domain"), c.label(visits.KindDomain, e.Domain)},
		{c.t("profile.street"), clean(e.Street)},
		{c.t("profile.address"), clean(e.Address)},
		{c.t("profile.legal_rep"), clean(e.LegalRep)},
		{c.t("profile.stage"), c.label(visits.KindStage, e.Stage)},
	}
	if e.Domain == "" {
		kv[4][1] = ""
	}
	if e.Stage == "" {
		kv[8][1] = ""
	}
	var out []string
	for _, p := range kv {
		out = append(out, cut(fit(p[0], 12)+" "+p[1], w))
	}
	out = append(out, "", c.styles.heading.Render(c.t("profile.contacts")))
	cts := &table{c: c, cols: []column{{min: 4, max: 12}, {min: 4, max: 16}, {min: 4, flex: 1}}}
	cts.set(len(e.Contacts), func(i int) []string {
		ct := e.Contacts[i]
		return []string{clean(ct.Name), clean(ct.Title), clean(ct.Phone)}
	})
	out = append(out, indent(cts.lines(w-2))...)
	out = append(out, "", c.styles.heading.Render(c.t("profile.assignments")))
	as := &table{c: c, cols: []column{{min: 4, max: 12}, {min: 4, max: 16}, {min: 4, flex: 1}}}
	as.set(len(s.data.assigns), func(i int) []string {
		a, cad := s.data.assigns[i], ""
		if a.CadenceDays > 0 {
			cad = c.tf("profile.cadence", a.CadenceDays)
		}
		return []string{c.label(visits.KindRole, a.Role), s.officerName(a.OfficerID), cad}
	})
	return append(out, indent(as.lines(w-2))...)
}

func (s *detail) needLines(w int) []string {
	c, ns := s.c, s.data.needs
	if len(ns) == 0 {
		return []string{c.t("today.none")}
	}
	t := &table{c: c, cols: []column{{min: 10, max: 10}, {min: 6, max: 12}, {min: 8, max: 16}, {min: 10, flex: 1}}}
	t.set(len(ns), func(i int) []string {
		n := ns[i]
		return []string{string(visits.DateOf(n.RegisteredAt)), c.label(visits.KindStatus, n.Status),
			c.label(visits.KindCategory, n.Category), clean(n.Title)}
	})
	return t.lines(w)
}

func (s *detail) followUpLines(w int) []string {
	c, fs := s.c, s.data.fus
	if len(fs) == 0 {
		return []string{c.t("today.none")}
	}
	t := &table{c: c, cols: []column{{min: 10, max: 10}, {min: 4, max: 10}, {min: 10, flex: 1}}}
	t.set(len(fs), func(i int) []string {
		f := fs[i]
		return []string{string(f.Due), c.label(visits.KindFollowUp, f.Status), clean(f.Action)}
	})
	return t.lines(w)
}

// officerNames looks up the officers of the assignments; one not on this
// laptop is left out (and shown by its id).
func officerNames(r *store.Reader, as []visits.Assignment) map[string]string {
	names := map[string]string{}
	for _, a := range as {
		if _, ok := names[a.OfficerID]; ok {
			continue
		}
		if o, err := store.Get[visits.Officer](r, a.OfficerID); err == nil && o.Name != "" {
			names[a.OfficerID] = o.Name
		}
	}
	return names
}

// officerName is the officer's name, or the id when the name is unknown.
func (s *detail) officerName(id string) string {
	if n, ok := s.data.names[id]; ok {
		return clean(n)
	}
	return clean(id)
}

// indent puts two spaces before each line.
func indent(lines []string) []string {
	for i, l := range lines {
		lines[i] = "  " + l
	}
	return lines
}
