package tui

import (
	"strings"
	"testing"

	"github.com/liaison-dev/liaison/visits"
)

// 包抓联 names the officers, and the readiness tab shows the domain by its
// label, not its code.
func TestDetailShowsNamesAndLabels(t *testing.T) {
	s := fixture(t, 10, 50)
	for _, lang := range []visits.Lang{visits.ZH, visits.EN} {
		m := newTest(t, s, lang, 100, 30)
		press(m, "2", "enter")
		v := m.View()
		if !strings.Contains(v, "王建国") || !strings.Contains(v, "李明") || strings.Contains(v, "  wang") {
			t.Errorf("%s: 包抓联 does not name the officers:\n%s", lang, v)
		}
		press(m, "l", "l", "l", "l")
		v = m.View()
		if strings.Contains(v, "bio_medicine") || !strings.Contains(v, visits.Label(visits.KindDomain, "bio_medicine", lang)) {
			t.Errorf("%s: the readiness tab shows the domain's code:\n%s", lang, v)
		}
		if strings.Contains(v, "→") {
			t.Errorf("%s: the readiness tab has an ambiguous-width arrow:\n%s", lang, v)
		}
	}
}
