package tui

import (
	"math"
	"strconv"
	"strings"

	"github.com/liaison-dev/liaison/visits"
)

// GapText words one readiness gap (visits.ReadinessGaps) in lang: "研发费用
// 占比 3.1%，按上年销售额应≥4%，还差研发投入 90 万元". Money is said in 万元,
// rounded up to 0.01 万元 (the shortfall is never understated); shares to
// 0.1%.
func GapText(lang visits.Lang, g visits.Gap) string {
	if g.State == visits.StateUnknown {
		names := make([]string, 0, len(g.Missing))
		for _, f := range g.Missing {
			names = append(names, visits.FieldLabel(f, lang))
		}
		return Text(lang, "gap.unknown", visits.Label(visits.KindReadinessItem, g.Code, lang), strings.Join(names, Text(lang, "list_sep")))
	}
	pct := func(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }
	switch g.Part {
	case visits.ReadyRegistered:
		return Text(lang, "gap.registered", int(g.Have), int(g.Short))
	case visits.ReadyIP:
		return Text(lang, "gap.ip", int(g.Short))
	case visits.ReadyDomain:
		return Text(lang, "gap.domain")
	case visits.ReadyRDStaff:
		return Text(lang, "gap.rd_staff", pct(g.Have), pct(g.Need), int(g.Short))
	case visits.GapRDShare:
		return Text(lang, "gap.rd_share", pct(g.Have), pct(g.Need), Wan(g.Short))
	case visits.GapRDInChina:
		return Text(lang, "gap.rd_in_china", pct(g.Have), pct(g.Need), Wan(g.Short))
	case visits.ReadyHighTechIncome:
		return Text(lang, "gap.high_tech_income", pct(g.Have), pct(g.Need), Wan(g.Short))
	case visits.ReadyInnovation:
		return Text(lang, "gap.innovation_score", pct(g.Have), pct(g.Need), pct(g.Short))
	case visits.ReadyNoViolation:
		return Text(lang, "gap.no_violation")
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
