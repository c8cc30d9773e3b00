package tui

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// The enterprise detail's 申报 tab: the enterprise's tier, its
// applications (高企, 省级, 科小), newest year first, one selected (j/k),
// and the selected one's funnel as recorded (each step's date and who
// recorded it) with its certificate once approved. a adds an application
// (appform.go), t records its next step (stepform.go).

const tabApplications = 5 // the applications tab's index

// detailTabs name the detail's tabs, in order.
var detailTabs = []string{"detail.profile", "detail.visits", "detail.needs", "detail.followups", "detail.readiness",
	"detail.applications"}

// loadApplications reads the enterprise's applications, newest year
// first, and adds the names of the officers who recorded their steps.
func loadApplications(r *store.Reader, id string, names map[string]string) ([]visits.Application, error) {
	apps, err := r.ApplicationsOf(id)
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(apps, func(a, b visits.Application) int {
		if c := cmp.Compare(b.Year, a.Year); c != 0 {
			return c
		}
		return b.CreatedAt.Compare(a.CreatedAt)
	})
	for _, a := range apps {
		for _, st := range a.Steps {
			if _, ok := names[st.By]; ok || st.By == "" {
				continue
			}
			if o, err := store.Get[visits.Officer](r, st.By); err == nil && o.Name != "" {
				names[st.By] = o.Name
			}
		}
	}
	return apps, nil
}

// planKey handles the plan's keys on the detail screen (ok: handled).
func (s *detail) planKey(msg tea.KeyMsg) (tea.Cmd, bool) {
	k := s.c.keys
	switch {
	case key.Matches(msg, k.EditReadiness):
		return nav(navMsg{to: scrReadinessForm, ent: s.id}), true
	case key.Matches(msg, k.AddApplication):
		return nav(navMsg{to: scrApplicationForm, ent: s.id}), true
	case key.Matches(msg, k.RecordStep):
		return s.recordStep(), true
	case s.tab == tabApplications && key.Matches(msg, k.Up):
		s.asel = max(0, s.asel-1)
		return nil, true
	case s.tab == tabApplications && key.Matches(msg, k.Down):
		if s.data != nil {
			s.asel = max(0, min(len(s.data.apps)-1, s.asel+1))
		}
		return nil, true
	}
	return nil, false
}

// planHint is the plan's keys in the detail's footer, on the tabs they
// belong to.
func (s *detail) planHint() []key.Binding {
	k := s.c.keys
	switch s.tab {
	case 0, tabReadiness:
		return []key.Binding{k.EditReadiness}
	case tabApplications:
		return []key.Binding{k.AddApplication, k.RecordStep}
	}
	return nil
}

// selectedApp is the application under the selection, if there is one.
func (s *detail) selectedApp() (visits.Application, bool) {
	if s.data == nil || s.asel < 0 || s.asel >= len(s.data.apps) {
		return visits.Application{}, false
	}
	return s.data.apps[s.asel], true
}

// selectAppMsg selects an application on the detail of its enterprise
// (the one just added), now or once it is loaded.
type selectAppMsg struct{ ent, id string }

func (s *detail) selectApp(msg selectAppMsg) {
	if msg.ent != s.id {
		return
	}
	s.want = msg.id
	if s.data != nil {
		sel, _ := s.selectedApp()
		s.keepApp(sel.ID)
	}
}

// keepApp selects the application wanted, or else the same one after a
// reload.
func (s *detail) keepApp(id string) {
	if s.want != "" {
		for i, a := range s.data.apps {
			if a.ID == s.want {
				s.asel, s.want = i, ""
				return
			}
		}
	}
	for i, a := range s.data.apps {
		if a.ID == id {
			s.asel = i
			return
		}
	}
	s.asel = max(0, min(len(s.data.apps)-1, s.asel))
}

// recordStep opens the step form on the selected application; off the
// tab, or on one that has ended, it says why not.
func (s *detail) recordStep() tea.Cmd {
	a, ok := s.selectedApp()
	note := ""
	switch {
	case s.tab != tabApplications || !ok:
		note = s.c.t("app.pick")
	case a.Ended():
		note = s.c.tf("app.ended", s.c.label(visits.KindFunnelStep, a.Current()))
	}
	if note != "" {
		return func() tea.Msg { return noteMsg{text: note} }
	}
	return nav(navMsg{to: scrStepForm, ent: s.id, app: a.ID})
}

// applicationLines is the tab's h lines.
func (s *detail) applicationLines(w, h int) []string {
	c := s.c
	apps := s.data.apps
	tier := c.label(visits.KindTier, visits.Tier(s.data.ent, c.today()))
	out := []string{cut(c.tf("app.tier", tier)+"  "+c.tf("app.count", len(apps)), w)}
	if len(apps) == 0 {
		return append(out, c.t("app.none"))
	}
	var pane []string
	if a, ok := s.selectedApp(); ok {
		pane = s.stepLines(a, w)
		pane = pane[:min(len(pane), max(0, (h-1)/2))]
	}
	t := &s.atbl
	if t.cols == nil {
		*t = table{c: c, cursor: true, head: true, cols: []column{
			{title: c.t("app.col.year"), min: 4, max: 4}, {title: c.t("app.col.kind"), min: 8, max: 32},
			{title: c.t("app.col.batch"), min: 4, max: 10}, {title: c.t("app.col.step"), min: 6, max: 28},
			{title: c.t("app.col.date"), min: 10, max: 10, flex: 1}}}
	}
	t.sel = s.asel
	t.set(len(apps), func(i int) []string {
		a := apps[i]
		batch, step, date := "", c.t("app.not_started"), ""
		if a.Batch > 0 {
			batch = c.tf("ent.form.batch_n", strconv.Itoa(a.Batch))
		}
		if n := len(a.Steps); n > 0 {
			step, date = c.label(visits.KindFunnelStep, a.Current()), string(a.Steps[n-1].Date)
		}
		return []string{strconv.Itoa(a.Year), c.label(visits.KindAppKind, a.Kind), batch, step, clean(date)}
	})
	rows := max(2, min(len(apps)+1, h-1-len(pane))) // the title and the rows; the steps just under them
	out = append(out, strings.Split(t.View(w, rows), "\n")...)
	return append(out, pane...)
}

// stepLines is an application's funnel as recorded, oldest first, and
// its certificate once approved.
func (s *detail) stepLines(a visits.Application, w int) []string {
	c := s.c
	out := []string{"", c.styles.heading.Render(cut(c.tf("app.steps", c.label(visits.KindAppKind, a.Kind), a.Year), w))}
	if len(a.Steps) == 0 {
		out = append(out, "  "+c.t("app.no_steps"))
	}
	stepW := 0
	for _, st := range a.Steps {
		stepW = max(stepW, displayWidth(c.label(visits.KindFunnelStep, st.Step)))
	}
	for _, st := range a.Steps {
		l := "  " + clean(string(st.Date)) + "  " + fit(c.label(visits.KindFunnelStep, st.Step), stepW) + "  " +
			s.officerName(st.By)
		if st.Note != "" {
			l += "  " + clean(st.Note)
		}
		out = append(out, cut(l, w))
	}
	if a.Certificate != "" {
		out = append(out, cut("  "+c.tf("app.cert", clean(a.Certificate), clean(string(a.Issued)),
			clean(string(a.Expires))), w))
	}
	return out
}
