package tui

import (
	"fmt"
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
			if t := GapText(c.lang, g); t != "" {
				out = append(out, t)
			}
		}
	}
	if len(labels) > 0 {
		out = append(out, c.tf("plan.missing", strings.Join(labels, c.t("list_sep"))))
	}
	return out
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
