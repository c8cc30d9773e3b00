package tui

import (
	"strings"
	"testing"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// The need's description is several lines: enter inside it starts a new
// line, tab and shift+tab leave it, the field list shows it on one line,
// a refused save flags the other fields in zh and en, and the saved need
// keeps the newline.
func TestNeedFormMultiLineDescription(t *testing.T) {
	for _, lang := range []visits.Lang{visits.ZH, visits.EN} {
		t.Run(string(lang), func(t *testing.T) {
			s := fixture(t, 5, 10)
			m := newTest(t, s, lang, 80, 24)
			press(m, "2", "enter")
			id := m.screens[scrDetail].(*detail).id
			press(m, "r", "tab", "tab", "tab")
			f := m.screens[scrNeedForm].(*needForm)
			if f.f.cur() != f.desc {
				t.Fatalf("focus on %q, want the description", f.f.cur().key)
			}
			press(m, "企业反映“融资难”", "enter", "需对接银行——尽快……")
			if f.f.cur() != f.desc {
				t.Fatalf("enter left the description for %q", f.f.cur().key)
			}
			if got := f.desc.value(); got != "企业反映“融资难”\n需对接银行——尽快……" {
				t.Fatalf("description %q, want two lines", got)
			}
			press(m, "tab")
			if f.f.cur() != f.nature {
				t.Fatalf("tab moved to %q, want nature", f.f.cur().key)
			}
			press(m, "shift+tab")
			if f.f.cur() != f.desc {
				t.Fatalf("shift+tab moved to %q, want the description", f.f.cur().key)
			}
			// The field list folds the lines; the editor at the bottom shows both.
			v := m.View()
			if !strings.Contains(v, "企业反映“融资难” 需对接银行") || !strings.Contains(v, "| 需对接银行——尽快……") {
				t.Fatalf("description not shown folded in the list and as lines in the editor:\n%s", v)
			}
			press(m, "ctrl+o")
			want := map[visits.Lang]string{visits.ZH: "! 诉求标题不能为空", visits.EN: "! title is required"}[lang]
			if m.cur != scrNeedForm || !strings.Contains(m.View(), want) {
				t.Fatalf("a need without a title is not flagged %q:\n%s", want, m.View())
			}
			press(m, "shift+tab", "shift+tab", "shift+tab", "right", "tab", "tab", "回访诉求", "ctrl+o")
			if m.cur != scrDetail {
				t.Fatalf("need not saved:\n%s", m.View())
			}
			var ns []visits.Need
			_ = s.View(func(r *store.Reader) (err error) { ns, err = r.NeedsOf(id); return err })
			for _, n := range ns {
				if n.Title == "回访诉求" {
					if n.Description != "企业反映“融资难”\n需对接银行——尽快……" {
						t.Fatalf("stored description %q", n.Description)
					}
					return
				}
			}
			t.Fatalf("need not stored: %+v", ns)
		})
	}
}
