package tui

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/liaison-dev/liaison/visits"
)

// The enterprise detail's 高企准备度 tab: the flags the plan counts the
// enterprise by, then the eight items of the HNTE checklist, each with
// what is missing in words under it (visits.ReadinessGaps): the inputs
// still to fill in for an item that cannot be judged, how far one falls
// short of its bar. i opens the form that fills them in
// (readinessform.go).

const tabReadiness = 4 // the readiness tab's index

func (s *detail) readiness(w int) []string {
	c, e := s.c, s.data.ent
	on := c.today()
	gaps := map[int][]visits.Gap{}
	for _, g := range visits.ReadinessGaps(e, on) {
		gaps[g.Item] = append(gaps[g.Item], g)
	}
	out := []string{cut(c.t("plan.flags")+" "+flagsText(c, e), w), c.t("readiness.note")}
	for _, it := range visits.CheckReadiness(e, on) {
		mark := map[string]string{visits.StateMet: "[+]", visits.StateNear: "[~]", visits.StateNotMet: "[-]",
			visits.StateUnknown: "[?]"}[it.State]
		out = append(out, cut(fmt.Sprintf("%s %d %s: %s  %s", mark, it.Item, c.label(visits.KindReadinessItem, it.Code),
			c.label(visits.KindReadinessState, it.State), s.readinessDetail(it)), w))
		for _, m := range gapTexts(c, gaps[it.Item]) {
			for _, l := range wrapWords(m, w-6) {
				out = append(out, "      "+l)
			}
		}
	}
	return out
}

// flagsText lists the plan's flags the enterprise has, or says none is
// set.
func flagsText(c *common, e visits.Enterprise) string {
	var on []string
	for _, f := range []struct {
		set bool
		key string
	}{{e.AboveSize, "plan.flag.short.above_size"}, {e.Private, "plan.flag.short.private"},
		{e.Specialized, "plan.flag.short.specialized"}, {e.LittleGiant, "plan.flag.short.little_giant"}} {
		if f.set {
			on = append(on, c.t(f.key))
		}
	}
	if len(on) == 0 {
		return c.t("plan.flags.none")
	}
	return strings.Join(on, c.t("list_sep"))
}

// gapTexts words an item's gaps: the inputs still to fill in, once for
// the item (its parts may lack the same input), then each shortfall.
func gapTexts(c *common, gs []visits.Gap) []string {
	var labels, out []string
	seen := map[string]bool{}
	for _, g := range gs {
		for _, m := range g.Missing {
			if !seen[m] {
				seen[m] = true
				labels = append(labels, noUnit(c.t("plan.in."+m)))
			}
		}
		if g.State != visits.StateUnknown {
			if t := gapText(c, g); t != "" {
				out = append(out, t)
			}
		}
	}
	if len(labels) > 0 {
		out = append(out, c.tf("plan.missing", strings.Join(labels, c.t("list_sep"))))
	}
	return out
}

// gapText words a shortfall: where the enterprise stands, the bar, and
// what is short ("研发费用占比 3.1%，按上年销售额应不低于 4%，还差研发投入
// 86 万元").
func gapText(c *common, g visits.Gap) string {
	pct := func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) + "%" }
	bar := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) + "%" }
	switch g.Part {
	case visits.ReadyRegistered:
		return c.tf("plan.gap.registered", int(g.Have), int(g.Short))
	case visits.ReadyIP:
		return c.t("plan.gap.ip")
	case visits.ReadyDomain:
		return c.t("plan.gap.domain")
	case visits.ReadyRDStaff:
		return c.tf("plan.gap.rd_staff", pct(g.Have), bar(g.Need), int(g.Short))
	case visits.GapRDShare:
		return c.tf("plan.gap.rd_share", pct(g.Have), bar(g.Need), wan(g.Short))
	case visits.GapRDInChina:
		return c.tf("plan.gap.rd_in_china", pct(g.Have), bar(g.Need), wan(g.Short))
	case visits.ReadyHighTechIncome:
		return c.tf("plan.gap.high_tech_income", pct(g.Have), bar(g.Need), wan(g.Short))
	case visits.ReadyInnovation:
		return c.tf("plan.gap.innovation", strconv.FormatFloat(g.Have, 'f', -1, 64), strconv.FormatFloat(g.Short, 'f', -1, 64))
	case visits.ReadyNoViolation:
		return c.t("plan.gap.violation")
	}
	return ""
}

// wan shows yuan as 万元, rounded up to the hundred yuan (a shortfall is
// never shown smaller than it is).
func wan(yuan float64) string {
	return strconv.FormatFloat(math.Ceil(yuan/100-1e-9)/100, 'f', -1, 64)
}

// noUnit drops a label's unit: the last bracketed part, when it ends the
// label ("近三年研发费用（万元）" is 近三年研发费用).
func noUnit(label string) string {
	for _, b := range [][2]string{{"（", "）"}, {" (", ")"}} {
		if i := strings.LastIndex(label, b[0]); i > 0 && strings.HasSuffix(label, b[1]) {
			return label[:i]
		}
	}
	return label
}

// readinessDetail shows an item's figures with codes by their labels
// (the domain item holds the domain's code) and an ASCII arrow (→ is
// ambiguous width).
func (s *detail) readinessDetail(it visits.CheckItem) string {
	if it.Code == visits.ReadyDomain && it.Detail != "" {
		return clean(s.c.label(visits.KindDomain, it.Detail))
	}
	return strings.ReplaceAll(clean(it.Detail), "→", "->")
}
