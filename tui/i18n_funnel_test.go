package tui

import (
	"testing"

	"github.com/liaison-dev/liaison/visits"
)

// The funnel's keys are their own: merging them overrides none of the
// other files' (which would change a text elsewhere unseen).
func TestFunnelKeysApart(t *testing.T) {
	for _, c := range []struct{ ui, cli, funnel catalog }{{merge(catalogZH(), planZH()), cliZH(), funnelZH()}, {merge(catalogEN(), planEN()), cliEN(), funnelEN()}} {
		for k := range c.funnel {
			if _, ok := c.ui[k]; ok {
				t.Errorf("%q is also a UI key", k)
			}
			if _, ok := c.cli[k]; ok {
				t.Errorf("%q is also a command-line key", k)
			}
		}
	}
}

func TestGapText(t *testing.T) {
	g := visits.Gap{Item: 5, Code: visits.ReadyRDSpend, Part: visits.GapRDShare, State: visits.StateNotMet,
		Have: 3.1, Need: 4, Measure: visits.GapPercent, Short: 860000, Unit: visits.GapYuan, Basis: 6e7}
	if got := GapText(visits.ZH, g); got != "研发费用占比 3.1%，按上年销售额应不低于 4%，还差研发投入 86 万元" {
		t.Errorf("zh %q", got)
	}
	if got := GapText(visits.EN, g); got != "R&D spend 3.1% of sales, needs at least 4% for last year's sales: 86 (10k yuan) of R&D short" {
		t.Errorf("en %q", got)
	}
	u := visits.Gap{Code: visits.ReadyRDStaff, Part: visits.ReadyRDStaff, State: visits.StateUnknown, Missing: []string{"staff_rd", "staff_total"}}
	if got := GapText(visits.ZH, u); got != "科技人员占比不低于10%：待填：科技人员数、职工总数" {
		t.Errorf("unknown %q", got)
	}
	for yuan, want := range map[float64]string{900000: "90", 863001: "86.31", 863000: "86.3", 1: "0.01", 0: "0"} {
		if got := Wan(yuan); got != want {
			t.Errorf("Wan(%v) = %q, want %q", yuan, got, want)
		}
	}
}
