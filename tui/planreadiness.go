package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/liaison-dev/liaison/visits"
)

// The enterprise detail's 高企准备度 tab: the flags the plan counts the
// enterprise by, then the eight items of the HNTE checklist, each with
// what is missing in words under it: the inputs still to fill in for an
// item that cannot be judged, what is short of the bar for one that falls
// short. i opens the form that fills them in (readinessform.go).

const tabReadiness = 4 // the readiness tab's index

// readinessInputs are the form's labels of the inputs each item needs,
// in the order the form asks for them.
var readinessInputs = map[string][]string{
	visits.ReadyRegistered:     {"plan.in.registered_on"},
	visits.ReadyIP:             {"plan.in.ip_class_i", "plan.in.ip_class_ii"},
	visits.ReadyDomain:         {"plan.in.domain"},
	visits.ReadyRDStaff:        {"plan.in.staff_rd", "plan.in.staff_total"},
	visits.ReadyRDSpend:        {"plan.in.sales_3y", "plan.in.sales_last_year", "plan.in.rd_3y", "plan.in.rd_in_china_3y"},
	visits.ReadyHighTechIncome: {"plan.in.high_tech_income", "plan.in.total_income"},
	visits.ReadyInnovation:     {"plan.in.innovation_score"},
	visits.ReadyNoViolation:    {"plan.in.major_violation"},
}

func (s *detail) readiness(w int) []string {
	c, e := s.c, s.data.ent
	out := []string{cut(c.t("plan.flags")+" "+flagsText(c, e), w), c.t("readiness.note")}
	for _, it := range visits.CheckReadiness(e, c.today()) {
		mark := map[string]string{visits.StateMet: "[+]", visits.StateNear: "[~]", visits.StateNotMet: "[-]",
			visits.StateUnknown: "[?]"}[it.State]
		out = append(out, cut(fmt.Sprintf("%s %d %s: %s  %s", mark, it.Item, c.label(visits.KindReadinessItem, it.Code),
			c.label(visits.KindReadinessState, it.State), s.readinessDetail(it)), w))
		if m := readinessMissing(c, e, it); m != "" {
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

// readinessMissing says what an item lacks: the inputs to fill in when it
// cannot be judged; nothing when it is met.
func readinessMissing(c *common, e visits.Enterprise, it visits.CheckItem) string {
	if it.State != visits.StateUnknown {
		return ""
	}
	var labels []string
	for _, k := range missingInputs(e.Readiness, e.Domain, it.Code) {
		labels = append(labels, noUnit(c.t(k)))
	}
	if len(labels) == 0 {
		return ""
	}
	return c.tf("plan.missing", strings.Join(labels, c.t("list_sep")))
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

// missingInputs are the catalogue keys of the inputs an item needs that
// are not known.
func missingInputs(r visits.Readiness, domain, code string) []string {
	known := map[string]bool{
		"plan.in.registered_on":    r.RegisteredOn != "",
		"plan.in.ip_class_i":       r.IPClassI != nil,
		"plan.in.ip_class_ii":      r.IPClassII != nil,
		"plan.in.domain":           domain != "",
		"plan.in.staff_rd":         r.StaffRD != nil,
		"plan.in.staff_total":      r.StaffTotal != nil && *r.StaffTotal > 0,
		"plan.in.sales_3y":         r.Sales3Y != nil && *r.Sales3Y > 0,
		"plan.in.sales_last_year":  r.SalesLastYear != nil,
		"plan.in.rd_3y":            r.RD3Y != nil,
		"plan.in.rd_in_china_3y":   r.RDInChina3Y != nil,
		"plan.in.high_tech_income": r.HighTechIncome != nil,
		"plan.in.total_income":     r.TotalIncome != nil && *r.TotalIncome > 0,
		"plan.in.innovation_score": r.InnovationScore != nil,
		"plan.in.major_violation":  r.MajorViolation != nil,
	}
	var out []string
	for _, k := range readinessInputs[code] {
		if !known[k] {
			out = append(out, k)
		}
	}
	return out
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

// detailTabs name the detail's tabs, in order.
var detailTabs = []string{"detail.profile", "detail.visits", "detail.needs", "detail.followups", "detail.readiness"}

// planKey handles the plan's keys on the detail screen (ok: handled).
func (s *detail) planKey(msg tea.KeyMsg) (tea.Cmd, bool) {
	if key.Matches(msg, s.c.keys.EditReadiness) {
		return nav(navMsg{to: scrReadinessForm, ent: s.id}), true
	}
	return nil, false
}

// planHint is the plan's keys in the detail's footer, on the tabs they
// belong to.
func (s *detail) planHint() []key.Binding {
	if s.tab == tabReadiness || s.tab == 0 {
		return []key.Binding{s.c.keys.EditReadiness}
	}
	return nil
}
