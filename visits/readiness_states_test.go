package visits

import (
	"math/rand/v2"
	"testing"

	"github.com/liaison-dev/liaison/visits/visitstest/testseed"
)

// The report's states-only checklist has the items, codes and states of
// CheckReadiness, on random inputs (missing, zero, negative, near the bars),
// seed logged.
func TestReadinessStatesMatchCheckReadiness(t *testing.T) {
	seed := testseed.Seed(t)
	rng := rand.New(rand.NewPCG(seed, 5))
	pInt := func() *int {
		if rng.IntN(4) == 0 {
			return nil
		}
		v := rng.IntN(200) - 5
		return &v
	}
	pF := func() *float64 {
		if rng.IntN(4) == 0 {
			return nil
		}
		v := rng.Float64()*3e8 - 1e6
		if rng.IntN(3) == 0 {
			v = float64(rng.IntN(100))
		}
		return &v
	}
	days := []Date{"", "2019-02-28", "2020-02-29", "2025-12-03", "2026-12-02", "2026-12-03", "bad"}
	for range 20000 {
		b := rng.IntN(2) == 0
		e := Enterprise{Domain: []string{"", "electronics", "nonsense"}[rng.IntN(3)], Readiness: Readiness{
			RegisteredOn: days[rng.IntN(len(days))], IPClassI: pInt(), IPClassII: pInt(), StaffTotal: pInt(),
			StaffRD: pInt(), Sales3Y: pF(), SalesLastYear: pF(), RD3Y: pF(), RDInChina3Y: pF(),
			HighTechIncome: pF(), TotalIncome: pF(), InnovationScore: pF(), MajorViolation: &b,
		}}
		on := Date("2026-12-03")
		want, got := CheckReadiness(e, on), checkReadiness(&e, on, false)
		if len(want) != len(got) {
			t.Fatalf("%+v: %d items, want %d", e.Readiness, len(got), len(want))
		}
		for i := range want {
			if w, g := want[i], got[i]; w.Item != g.Item || w.Code != g.Code || w.State != g.State || g.Detail != "" && g.Code != ReadyDomain {
				t.Fatalf("%+v item %d: got %+v, want %+v", e.Readiness, i, g, w)
			}
		}
	}
}
