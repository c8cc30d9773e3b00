package tui

import (
	"regexp"
	"strings"
	"testing"

	"github.com/liaison-dev/liaison/visits"
)

// keyLines is the line of keys a state shows: the bottom line, or on a
// form the line above it (the bottom line is the focused field's editor).
func keyLines(m *Model, w, h int) string {
	lines := strings.Split(m.View(), "\n")
	if _, isForm := m.screen().(dirty); isForm {
		return strings.TrimSpace(lines[h-2])
	}
	return strings.TrimSpace(lines[h-1])
}

// checkFooterMatchesHelp asserts that every key the footer names is in
// the help with the same words.
func checkFooterMatchesHelp(t *testing.T, m *Model, where string, w, h int) {
	t.Helper()
	foot := keyLines(m, w, h)
	help := m.helpView(w, 200)
	if foot == "" {
		t.Errorf("%s: no keys shown", where)
	}
	for _, item := range strings.Split(foot, footerSep) {
		item = strings.TrimSpace(item)
		if item == "" || item == m.c.t("hint.type_filter") {
			continue
		}
		k, desc, _ := strings.Cut(item, " ")
		re := regexp.MustCompile(`(?m)^  ` + regexp.QuoteMeta(k) + ` +` + regexp.QuoteMeta(desc) + `\s*$`)
		if !re.MatchString(help) {
			t.Errorf("%s: the footer says %q, the help does not:\nfooter: %s\nhelp:\n%s", where, item, foot, help)
		}
	}
}

// Every screen's footer words each key as its help does (the 诉求 footer
// said t 状态变更 where the help said 变更状态).
func TestFootersWordKeysAsHelpDoes(t *testing.T) {
	s := fixture(t, 20, 100)
	for _, lang := range []visits.Lang{visits.ZH, visits.EN} {
		for _, st := range []struct {
			name string
			keys []string
		}{
			{"today", nil}, {"enterprises", []string{"2"}}, {"needs", []string{"3"}},
			{"need view", []string{"3", "enter"}}, {"need status pick", []string{"3", "t"}},
			{"followups", []string{"4"}}, {"report", []string{"6"}},
			{"detail", []string{"2", "enter"}}, {"detail visits", []string{"2", "enter", "l"}},
		} {
			m := newTest(t, s, lang, 120, 30)
			press(m, st.keys...)
			checkFooterMatchesHelp(t, m, string(lang)+" "+st.name, 120, 30)
		}
	}
}

// Every field of every form shows its keys, worded as the help words
// them; in a multi-line text (where up and down move the cursor) the line
// says tab leaves it, not that the arrows change field.
func TestEveryFormFieldShowsItsKeys(t *testing.T) {
	s := fixture(t, 20, 100)
	for _, lang := range []visits.Lang{visits.ZH, visits.EN} {
		for _, form := range []struct {
			name string
			keys []string
		}{
			{"visit", []string{"2", "n"}}, {"need", []string{"2", "enter", "r"}},
			{"followup", []string{"2", "enter", "f"}}, {"profile", []string{"2", "enter", "e"}},
			{"enterprise", []string{"2", "a"}},
		} {
			m := newTest(t, s, lang, 100, 40)
			press(m, form.keys...)
			f := formOf(t, m)
			k := m.c.keys
			for i := range f.fields {
				press(m, "tab")
				fl := f.cur()
				where := string(lang) + " " + form.name + " " + fl.label
				line := keyLines(m, 100, 40)
				for _, want := range []string{k.Save.Help().Key, "esc"} {
					if !strings.Contains(line, want) {
						t.Errorf("%s (field %d): no %q in %q", where, i, want, line)
					}
				}
				move, cursor := k.FieldMove.Help().Key, k.AreaCursor.Help().Desc
				if fl.kind == fArea {
					if strings.Contains(line, move) || !strings.Contains(line, cursor) {
						t.Errorf("%s: in multi-line text the keys read %q", where, line)
					}
				} else if !strings.Contains(line, move) {
					t.Errorf("%s: no %q in %q", where, move, line)
				}
				checkFooterMatchesHelp(t, m, where, 100, 40)
			}
		}
	}
}

// formOf is the form of the screen showing.
func formOf(t *testing.T, m *Model) *form {
	t.Helper()
	switch s := m.screen().(type) {
	case *visitForm:
		return &s.f
	case *enterpriseForm:
		return &s.f
	case *needForm:
		return &s.f
	case *followUpForm:
		return &s.f
	}
	t.Fatalf("no form showing: %T", m.screen())
	return nil
}
