package tui

import (
	"strings"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// needForm registers a need for one enterprise straight from its detail
// screen: category, severity, title, description (several lines, edited
// like the visit's summary: enter starts a new line, tab leaves), nature,
// lead unit and the 急难愁盼 flag. Writer.AddNeed sets the status, the due
// dates and the first history event.
type needForm struct {
	smallForm
	entID string

	category, severity, title, desc, nature, unit, urgent *field
}

func newNeedForm(c *common, entID string) *needForm {
	s := &needForm{entID: entID}
	s.smallForm = smallForm{c: c, f: form{c: c}, self: s, title: c.t("need.form.title"), savedKey: "need.form.saved",
		check: func() error { return visits.ValidateNeed(s.record()) },
		saveWith: func() func(*store.Writer) error {
			n := s.record()
			return func(w *store.Writer) error { return w.AddNeed(&n) }
		}}
	s.category = s.f.optChoiceField("category", c.t("need.form.category"), visits.Terms(visits.KindCategory))
	s.severity = s.f.choiceField("severity", c.t("need.form.severity"), visits.Terms(visits.KindSeverity))
	s.title = s.f.textField("title", c.t("need.form.title_field"))
	s.desc = s.f.areaField("description", c.t("need.form.description"))
	s.nature = s.f.optChoiceField("nature", c.t("need.form.nature"), visits.Terms(visits.KindNature))
	s.unit = s.f.optChoiceField("lead_unit", c.t("need.form.lead_unit"), c.terms(visits.KindUnit))
	s.urgent = s.f.boolField("jinanchoupan", c.t("need.form.jinanchoupan"))
	s.category.choice, s.nature.choice, s.unit.choice = 0, 0, 0
	s.severity.set(visits.SeverityGeneral)
	s.f.setFocus(0)
	s.validate()
	return s
}

func (s *needForm) record() visits.Need {
	return visits.Need{EnterpriseID: s.entID, Category: s.category.value(), Severity: s.severity.value(),
		Title: strings.TrimSpace(s.title.value()), Description: strings.TrimSpace(s.desc.value()),
		Nature: s.nature.value(), LeadUnit: s.unit.value(), Jinanchoupan: s.urgent.value() != ""}
}
