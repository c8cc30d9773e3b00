package tui

import (
	"strings"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// followUpForm promises an action for one enterprise straight from its
// detail screen: what to do and by when (YYYY-MM-DD, a week from today
// unless changed). Writer.AddFollowUp assigns it to the officer.
type followUpForm struct {
	smallForm
	entID string

	action, due *field
}

func newFollowUpForm(c *common, entID string) *followUpForm {
	s := &followUpForm{entID: entID}
	s.smallForm = smallForm{c: c, f: form{c: c}, self: s, title: c.t("fu.form.title"), savedKey: "fu.form.saved",
		check: func() error { return visits.ValidateFollowUp(s.record()) },
		saveWith: func() func(*store.Writer) error {
			f := s.record()
			return func(w *store.Writer) error { return w.AddFollowUp(&f) }
		}}
	s.action = s.f.textField("action", c.t("fu.form.action"))
	s.due = s.f.textField("due", c.t("fu.form.due"))
	s.due.set(string(c.today().AddDays(7)))
	s.f.setFocus(0)
	s.validate()
	return s
}

func (s *followUpForm) record() visits.FollowUp {
	return visits.FollowUp{EnterpriseID: s.entID, Action: strings.TrimSpace(s.action.value()),
		Due: visits.Date(strings.TrimSpace(s.due.value())), Status: visits.FollowUpOpen}
}
