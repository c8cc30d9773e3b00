package visits

import (
	"fmt"
	"unicode/utf8"
)

// The funnel's rules on a value as it is stored and synced (whatever wrote
// it): the laptop's store refuses to write, and HQ refuses to take, an
// application's steps or an enterprise's qualifications that break them.
// They hold for every value ApplyStep and WithQualification make.

// MaxStepNoteRunes bounds a step's note (a form's longest text).
const MaxStepNoteRunes = 4000

// MaxQualifications bounds an enterprise's qualifications (a few tiers,
// renewed every few years).
const MaxQualifications = 64

// CheckSteps returns why steps cannot be an application's steps, or nil:
// each a known step, strictly later in FunnelSteps order than the one
// before (so nothing follows approved or denied, and there are at most
// len(FunnelSteps)-1), each dated, dates never going back, by an
// officer id or "" and a note of at most MaxStepNoteRunes.
func CheckSteps(steps []ApplicationStep, idOK func(string) bool) error {
	if n := len(FunnelSteps) - 1; len(steps) > n {
		return fmt.Errorf("steps holds %d steps; at most %d", len(steps), n)
	}
	for i, s := range steps {
		switch {
		case !Valid(KindFunnelStep, s.Step):
			return fmt.Errorf("steps[%d] %q is not a funnel step", i, cut(s.Step))
		case i > 0 && stepRank(s.Step) <= stepRank(steps[i-1].Step):
			return fmt.Errorf("steps[%d] %s cannot follow %s (steps only move forward; nothing follows %s or %s)",
				i, s.Step, steps[i-1].Step, StepApproved, StepDenied)
		case s.Date == "":
			return fmt.Errorf("steps[%d] has no date", i)
		}
		if _, ok := dayNum(s.Date); !ok {
			return fmt.Errorf("steps[%d] date %q is not a day (YYYY-MM-DD)", i, cut(string(s.Date)))
		}
		if i > 0 && s.Date < steps[i-1].Date {
			return fmt.Errorf("steps[%d] date %s is before the previous step's %s", i, s.Date, steps[i-1].Date)
		}
		if s.By != "" && !idOK(s.By) {
			return fmt.Errorf("steps[%d] by %q is not an officer id", i, cut(s.By))
		}
		if n := utf8.RuneCountInString(s.Note); n > MaxStepNoteRunes {
			return fmt.Errorf("steps[%d] note is %d characters; at most %d", i, n, MaxStepNoteRunes)
		}
	}
	return nil
}

// CheckQualifications returns why qs cannot be an enterprise's
// qualifications, or nil: at most MaxQualifications, each of a tier
// (tsme, prov, hnte), its dates days, expiry not before issue, and its
// certificate number passing certOK.
func CheckQualifications(qs []Qualification, certOK func(string) string) error {
	if len(qs) > MaxQualifications {
		return fmt.Errorf("qualifications holds %d; at most %d", len(qs), MaxQualifications)
	}
	for i, q := range qs {
		if q.Kind == TierNone || !Valid(KindTier, q.Kind) {
			return fmt.Errorf("qualifications[%d] kind %q is not tsme, prov or hnte", i, cut(q.Kind))
		}
		for _, d := range []Date{q.Issued, q.Expires} {
			if _, ok := dayNum(d); d != "" && !ok {
				return fmt.Errorf("qualifications[%d] date %q is not a day (YYYY-MM-DD)", i, cut(string(d)))
			}
		}
		if q.Issued != "" && q.Expires != "" && q.Expires < q.Issued {
			return fmt.Errorf("qualifications[%d] expires %s before it was issued %s", i, q.Expires, q.Issued)
		}
		if r := certOK(q.Certificate); r != "" {
			return fmt.Errorf("qualifications[%d] certificate %s", i, r)
		}
	}
	return nil
}

// cut shortens s for a message.
func cut(s string) string {
	if len(s) <= 40 {
		return s
	}
	i := 40
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}
