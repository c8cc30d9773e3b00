package tui

import (
	"testing"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// 落户日期 typed in the form (the field after 注册成立日期, with the day in
// full-width digits) is saved with the rest, where the visits owed read it.
func TestReadinessFormSavesArrivedOn(t *testing.T) {
	s := fixture(t, 40, 400)
	count := func() (n int) {
		t.Helper()
		if err := s.View(func(r *store.Reader) error {
			all, err := r.EnterpriseSummaries()
			for _, e := range all {
				if e.ArrivedOn == "2024-02-29" {
					n++
				}
			}
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := count()
	m := newTest(t, s, visits.ZH, 120, 40)
	keys := []string{"2", "enter", "i", "down", "down", "down", "down", "down"}
	for i := 0; i < 12; i++ {
		keys = append(keys, "backspace")
	}
	press(m, append(keys, "２０２４-０２-２９", "ctrl+o")...)
	if got := count(); got != before+1 {
		t.Fatalf("enterprises moved in on 2024-02-29: %d, want %d; the form says:\n%s", got, before+1, m.View())
	}
}
