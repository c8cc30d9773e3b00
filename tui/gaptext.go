package tui

import (
	"math"
	"strconv"
	"strings"

	"github.com/liaison-dev/liaison/visits"
)

// GapText words one readiness gap (visits.ReadinessGaps) in lang, in the
// same words as the enterprise screen (the plan.gap.* keys of
// i18n_plan.go): "研发费用占比 3.1%，按上年销售额应不低于 4%，还差研发投入 90
// 万元". Money is said in 万元, rounded up to 0.01 万元 (a shortfall is never
// understated); shares to 0.1%. An unknown item names the inputs to fill
// in. The command line uses it; the screen's gapText says the same.
func GapText(lang visits.Lang, g visits.Gap) string {
	if g.State == visits.StateUnknown {
		names := make([]string, 0, len(g.Missing))
		for _, f := range g.Missing {
			names = append(names, visits.FieldLabel(f, lang))
		}
		return Text(lang, "gap.unknown", visits.Label(visits.KindReadinessItem, g.Code, lang),
			Text(lang, "plan.missing", strings.Join(names, Text(lang, "list_sep"))))
	}
	pct := func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) + "%" }
	bar := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) + "%" }
	switch g.Part {
	case visits.ReadyRegistered:
		return Text(lang, "plan.gap.registered", int(g.Have), int(g.Short))
	case visits.ReadyIP:
		return Text(lang, "plan.gap.ip")
	case visits.ReadyDomain:
		return Text(lang, "plan.gap.domain")
	case visits.ReadyRDStaff:
		return Text(lang, "plan.gap.rd_staff", pct(g.Have), bar(g.Need), int(g.Short))
	case visits.GapRDShare:
		return Text(lang, "plan.gap.rd_share", pct(g.Have), bar(g.Need), Wan(g.Short))
	case visits.GapRDInChina:
		return Text(lang, "plan.gap.rd_in_china", pct(g.Have), bar(g.Need), Wan(g.Short))
	case visits.ReadyHighTechIncome:
		return Text(lang, "plan.gap.high_tech_income", pct(g.Have), bar(g.Need), Wan(g.Short))
	case visits.ReadyInnovation:
		return Text(lang, "plan.gap.innovation", strconv.FormatFloat(g.Have, 'f', -1, 64), strconv.FormatFloat(g.Short, 'f', -1, 64))
	case visits.ReadyNoViolation:
		return Text(lang, "plan.gap.violation")
	}
	return visits.Label(visits.KindReadinessItem, g.Code, lang)
}

// Wan says an amount of yuan in 万元, rounded up to 0.01 万元, without
// trailing zeros: 900000 → "90", 863001 → "86.31".
func Wan(yuan float64) string {
	w := math.Ceil(yuan/100-1e-6) / 100
	if w <= 0 {
		return "0"
	}
	return strconv.FormatFloat(w, 'f', -1, 64)
}
