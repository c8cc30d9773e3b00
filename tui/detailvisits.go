package tui

import (
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/liaison-dev/liaison/visits"
)

// The enterprise detail's visits tab: the visits, newest first, one of
// them selected (j/k). A corrected visit is marked, and the selected
// visit's corrections (when, who, field, why, from -> to) are listed
// under the list, newest first. g corrects the selected visit.

const tabVisits = 1 // the visits tab's index

// selectedVisit is the visit under the selection, if there is one.
func (s *detail) selectedVisit() (visits.Visit, bool) {
	if s.data == nil || s.vsel < 0 || s.vsel >= len(s.data.visits) {
		return visits.Visit{}, false
	}
	return s.data.visits[s.vsel], true
}

func (s *detail) moveVisit(by int) {
	if s.data == nil {
		return
	}
	s.vsel = max(0, min(len(s.data.visits)-1, s.vsel+by))
}

// keepVisit selects the same visit after a reload (a corrected date can
// move it), or stays at the same row if it is gone.
func (s *detail) keepVisit(id string) {
	for i, v := range s.data.visits {
		if v.ID == id {
			s.vsel = i
			return
		}
	}
	s.vsel = max(0, min(len(s.data.visits)-1, s.vsel))
}

// correctVisit opens the correction form on the selected visit; off the
// visits tab it says where to pick one.
func (s *detail) correctVisit() tea.Cmd {
	v, ok := s.selectedVisit()
	if s.tab != tabVisits || !ok {
		note := s.c.t("detail.pick_visit")
		return func() tea.Msg { return noteMsg{text: note} }
	}
	return nav(navMsg{to: scrVisitCorrect, ent: s.id, visit: v.ID})
}

// visitsTab is the tab's h lines: the count, the visible rows of the list
// and, if the selected visit was corrected, its history (at most half).
func (s *detail) visitsTab(w, h int) []string {
	c := s.c
	vs := s.data.visits
	out := []string{c.tf("detail.visit_count", len(vs))}
	if len(vs) == 0 {
		return out
	}
	var pane []string
	if v, ok := s.selectedVisit(); ok && len(v.Corrections) > 0 {
		pane = append([]string{"", c.styles.heading.Render(cut(c.tf("detail.corrections", len(v.Corrections)), w))},
			s.correctionLines(v, w)...)
		pane = pane[:min(len(pane), max(0, (h-1)/2))]
	}
	rows := max(1, h-1-len(pane))
	mark := c.t("detail.corrected")
	t := &s.vtbl
	if t.cols == nil {
		markW := displayWidth(mark)
		*t = table{c: c, cursor: true, cols: []column{{min: 10, max: 10}, {min: 8, max: 24}, {min: 6, max: 12},
			{min: markW, max: markW}, {min: 10, flex: 1}}}
	}
	t.sel = s.vsel
	t.set(len(vs), func(i int) []string {
		v := vs[i]
		m := ""
		if len(v.Corrections) > 0 {
			m = mark
		}
		return []string{string(v.Date()), clean(c.label(visits.KindOccasion, v.Occasion)),
			clean(c.label(visits.KindMethod, v.Method)), m, clean(v.Summary)}
	})
	out = append(out, strings.Split(t.View(w, rows), "\n")...)
	return append(out, pane...)
}

// correctionLines lists a visit's corrections, newest first: when, who,
// which field and why, then from -> to (on two lines when one is too
// narrow). Every stored text is cleaned.
func (s *detail) correctionLines(v visits.Visit, w int) []string {
	c := s.c
	var out []string
	for i := len(v.Corrections) - 1; i >= 0; i-- {
		cr := v.Corrections[i]
		head := "  " + cr.At.In(visits.Shanghai).Format("2006-01-02 15:04") + "  " + clean(cr.By) + "  " +
			s.fieldName(cr.Field) + "  " + c.tf("detail.correction_reason", clean(cr.Reason))
		from, to := s.correctionValue(cr.Field, cr.From), s.correctionValue(cr.Field, cr.To)
		out = append(out, cut(head, w))
		if change := "    " + from + " -> " + to; displayWidth(change) <= w {
			out = append(out, change)
		} else {
			out = append(out, cut("    "+from, w), cut("    -> "+to, w))
		}
	}
	return out
}

// fieldName names a corrected field in the chosen language; a field this
// version does not know is shown as stored (cleaned).
func (s *detail) fieldName(field string) string {
	if name, ok := s.c.text["detail.field."+field]; ok {
		return name
	}
	return clean(field)
}

// correctionValue shows a stored from/to value: codes by their labels, the
// visit time in Shanghai, text cleaned, empty as (未填).
func (s *detail) correctionValue(field, value string) string {
	c := s.c
	if value == "" {
		return c.t("form.none")
	}
	labels := func(k visits.Kind) string {
		var out []string
		for _, code := range strings.Split(value, ",") {
			out = append(out, c.label(k, code))
		}
		return clean(strings.Join(out, ", "))
	}
	switch field {
	case "at":
		if t, err := time.Parse(time.RFC3339, value); err == nil {
			return t.In(visits.Shanghai).Format("2006-01-02 15:04")
		}
	case "occasion", "extra_occasions":
		return labels(visits.KindOccasion)
	case "method":
		return labels(visits.KindMethod)
	case "purposes":
		return labels(visits.KindPurpose)
	}
	return clean(value)
}
