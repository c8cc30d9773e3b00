package tui

import "github.com/liaison-dev/liaison/visits"

// A new visit started on a visit owed (今日, n) is that visit: it takes
// the obligation's occasion and enterprise, the occasion field says which
// obligation it fulfils, and saving it with that occasion settles it (the
// obligation is computed from the visits of its occasion, visits.Owed).

// fulfil makes the form the visit owed by o.
func (s *visitForm) fulfil(o visits.Obligation) {
	s.owed = &o
	if o.EnterpriseID != "" && o.EnterpriseID != s.entID {
		s.entID = o.EnterpriseID
		if row, ok := s.c.snap.ent(o.EnterpriseID); ok {
			s.ent.set(row.name)
		}
	}
	s.occ.set(o.Occasion)
	s.occ.extra = s.owedText
	s.validate()
}

// fulfilling reports whether saving now settles the obligation: the
// occasion and the enterprise are still the owed visit's.
func (s *visitForm) fulfilling() bool {
	return s.owed != nil && s.occ.value() == s.owed.Occasion && s.entID == s.owed.EnterpriseID
}

// owedText stands after the occasion: which obligation the visit fulfils,
// or that it no longer does.
func (s *visitForm) owedText() string {
	if s.owed == nil {
		return ""
	}
	o := s.owed
	if !s.fulfilling() {
		return s.c.t("form.owed_changed")
	}
	what := dueText(s.c, o.Due, s.c.today())
	if o.Reason != "" {
		what += " " + s.c.label(visits.KindObligationReason, o.Reason)
	}
	return s.c.tf("form.owed", what)
}
