package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/liaison-dev/liaison/visits"
)

// form is a list of fields, one focused. Text is edited on the bottom
// line (a multi-line field at the bottom of the body) so that the input
// method's popup appears next to it; the list shows every value with its
// error beside it, or under it when too long (formerror.go).
type form struct {
	c       *common
	fields  []*field
	focus   int
	errs    visits.Errors // from the last validation
	showAll bool          // after a save attempt: show errors of untouched fields too
	esc     key.Binding   // what esc does on this form (zero: discards it)
	// msg words an error the form words itself (ok false: the domain's
	// wording); nil on most forms.
	msg func(visits.FieldError) (text string, ok bool)
}

type fieldKind int

const (
	fText fieldKind = iota
	fArea
	fChoice
	fMulti
)

type field struct {
	key     string // the JSON field its errors are reported under
	label   string
	kind    fieldKind
	input   textinput.Model
	area    textarea.Model
	terms   []visits.Term
	choice  int
	picked  []bool
	cursor  int
	touched bool
	extra   func() string // shown after the value (e.g. the matched enterprise)
}

func (f *form) textField(key, label string) *field {
	fl := &field{key: key, label: label, kind: fText, input: newInput("> ")}
	f.fields = append(f.fields, fl)
	return fl
}

func (f *form) areaField(key, label string) *field {
	a := textarea.New()
	a.Cursor.SetMode(cursor.CursorStatic)
	a.ShowLineNumbers = false
	a.Prompt = "| "
	a.CharLimit = 4000
	a.SetHeight(4)
	fl := &field{key: key, label: label, kind: fArea, area: a}
	f.fields = append(f.fields, fl)
	return fl
}

func (f *form) choiceField(key, label string, terms []visits.Term) *field {
	fl := &field{key: key, label: label, kind: fChoice, terms: terms}
	f.fields = append(f.fields, fl)
	return fl
}

func (f *form) multiField(key, label string, terms []visits.Term) *field {
	fl := &field{key: key, label: label, kind: fMulti, terms: terms, picked: make([]bool, len(terms))}
	f.fields = append(f.fields, fl)
	return fl
}

func (fl *field) value() string {
	switch fl.kind {
	case fArea:
		return fl.area.Value()
	case fChoice:
		if fl.choice < 0 || fl.choice >= len(fl.terms) {
			return ""
		}
		return fl.terms[fl.choice].Code
	}
	return fl.input.Value()
}

func (fl *field) set(v string) {
	switch fl.kind {
	case fArea:
		fl.area.SetValue(v)
	case fChoice:
		fl.choice = -1
		for i, t := range fl.terms {
			if t.Code == v {
				fl.choice = i
			}
		}
	default:
		fl.input.SetValue(v)
	}
}

func (fl *field) codes() []string {
	var out []string
	for i, p := range fl.picked {
		if p {
			out = append(out, fl.terms[i].Code)
		}
	}
	return out
}

func (fl *field) setCodes(cs []string) {
	for i, t := range fl.terms {
		fl.picked[i] = false
		for _, c := range cs {
			if c == t.Code {
				fl.picked[i] = true
			}
		}
	}
}

func (f *form) cur() *field { return f.fields[f.focus] }

// capturing: letters go to the focused text field.
func (f *form) capturing() bool { k := f.cur().kind; return k == fText || k == fArea }

// setFocus moves the focus and the cursor.
func (f *form) setFocus(i int) tea.Cmd {
	f.cur().input.Blur()
	f.cur().area.Blur()
	f.focus = (i + len(f.fields)) % len(f.fields)
	switch fl := f.cur(); fl.kind {
	case fText:
		return fl.input.Focus()
	case fArea:
		return fl.area.Focus()
	}
	return nil
}

// update handles a key; changed reports whether a value changed.
func (f *form) update(msg tea.KeyMsg) (cmd tea.Cmd, changed bool) {
	k := f.c.keys
	fl := f.cur()
	switch msg.String() {
	case "tab":
		return f.setFocus(f.focus + 1), false
	case "shift+tab":
		return f.setFocus(f.focus - 1), false
	case "enter":
		if fl.kind != fArea {
			return f.setFocus(f.focus + 1), false
		}
	case "down":
		if fl.kind != fArea {
			return f.setFocus(f.focus + 1), false
		}
	case "up":
		if fl.kind != fArea {
			return f.setFocus(f.focus - 1), false
		}
	}
	switch fl.kind {
	case fText:
		before := fl.input.Value()
		fl.input, cmd = fl.input.Update(msg)
		changed = fl.input.Value() != before
	case fArea:
		before := fl.area.Value()
		fl.area, cmd = fl.area.Update(msg)
		changed = fl.area.Value() != before
	case fChoice:
		switch {
		case key.Matches(msg, k.Left):
			fl.choice = (fl.choice - 1 + len(fl.terms)) % len(fl.terms)
			changed = true
		case key.Matches(msg, k.Right), key.Matches(msg, k.Toggle):
			fl.choice = (fl.choice + 1) % len(fl.terms)
			changed = true
		case key.Matches(msg, k.Up):
			return f.setFocus(f.focus - 1), false
		case key.Matches(msg, k.Down):
			return f.setFocus(f.focus + 1), false
		}
	case fMulti:
		switch {
		case key.Matches(msg, k.Left):
			fl.cursor = (fl.cursor - 1 + len(fl.terms)) % len(fl.terms)
		case key.Matches(msg, k.Right):
			fl.cursor = (fl.cursor + 1) % len(fl.terms)
		case key.Matches(msg, k.Toggle):
			fl.picked[fl.cursor] = !fl.picked[fl.cursor]
			changed = true
		case key.Matches(msg, k.Up):
			return f.setFocus(f.focus - 1), false
		case key.Matches(msg, k.Down):
			return f.setFocus(f.focus + 1), false
		}
	}
	if changed {
		fl.touched = true
	}
	return cmd, changed
}

// errorFor is the message of a field's first error, if it is to be shown.
func (f *form) errorFor(fl *field) string {
	if !fl.touched && !f.showAll {
		return ""
	}
	for _, e := range f.errs {
		if e.Field == fl.key || strings.HasPrefix(e.Field, fl.key+"[") {
			return f.message(e)
		}
	}
	return ""
}

// message is an error's text in the chosen language: the form's own codes
// from the catalogue, the domain's from visits.
func (f *form) message(e visits.FieldError) string {
	if e.Code == errCodeUnchanged {
		return f.c.t("form.unchanged")
	}
	if f.msg != nil {
		if t, ok := f.msg(e); ok {
			return t
		}
	}
	return e.Message(f.c.lang)
}

// view lists the fields; the focused text field's editor is drawn by
// editor below.
func (f *form) view(w, h int, title string) string {
	c := f.c
	lines := []string{c.styles.heading.Render(title)}
	labelW, focusFrom, focusTo := 0, 0, 0
	for _, fl := range f.fields {
		labelW = max(labelW, displayWidth(fl.label))
	}
	for i, fl := range f.fields {
		mark := "  "
		if i == f.focus {
			mark = "> "
		}
		val := ""
		switch fl.kind {
		case fChoice:
			if fl.choice >= 0 {
				val = "< " + fl.terms[fl.choice].Label(c.lang) + " >"
			}
		case fMulti:
			var picked []string
			for j, t := range fl.terms {
				if fl.picked[j] {
					picked = append(picked, t.Label(c.lang))
				}
			}
			val = strings.Join(picked, ", ")
			if i == f.focus {
				box := "[ ]"
				if fl.picked[fl.cursor] {
					box = "[x]"
				}
				val = "< " + box + " " + fl.terms[fl.cursor].Label(c.lang) + " >  " + val
			}
		default:
			val = clean(fl.value())
		}
		if fl.extra != nil {
			val += "  " + fl.extra()
		}
		line := mark + fit(fl.label, labelW) + "  " + val
		if i == f.focus {
			focusFrom = len(lines)
		}
		lines = append(lines, f.fieldLines(line, f.errorFor(fl), 2+labelW+2, w)...)
		if i == f.focus {
			focusTo = len(lines)
		}
	}
	// A long form whose errors push the focused field below the body
	// scrolls under its title to keep that field (and its error) in view.
	if room := h - 1; f.cur().kind != fArea && len(lines) > room && focusTo > room {
		drop := min(focusTo-room, focusFrom-1)
		lines = append(lines[:1], lines[1+drop:]...)
	}
	// The last line of the body is the focused field's keys; a
	// multi-line editor stands just above it.
	if fl := f.cur(); fl.kind == fArea {
		fl.area.SetWidth(max(10, w-2))
		rest := h - len(lines) - 2
		if rest >= 3 {
			fl.area.SetHeight(min(6, rest))
			lines = block2(lines, h-1-min(6, rest))
			lines = append(lines, strings.Split(fl.area.View(), "\n")...)
		}
	}
	lines = block2(lines, h-1)
	lines = append(lines, c.styles.dim.Render(f.fieldHint(w)))
	return strings.Join(lines, "\n")
}

// escKey is what esc does on the form.
func (f *form) escKey() key.Binding {
	if f.esc.Help().Key == "" {
		return f.c.keys.EscDiscard
	}
	return f.esc
}

// fieldHint is the keys of the focused field, worded as the help words
// them: every field of every form has its line. In a multi-line text the
// arrows and enter edit the text, so tab leaves it.
func (f *form) fieldHint(w int) string {
	k := f.c.keys
	bs := []key.Binding{k.Save, f.escKey(), k.FieldMove}
	switch f.cur().kind {
	case fChoice:
		bs = append(bs, k.Choose)
	case fMulti:
		bs = append(bs, k.Choose, k.Toggle)
	case fArea:
		bs = []key.Binding{k.Save, f.escKey(), k.AreaLeave, k.AreaCursor, k.AreaNewline}
	}
	return footer(w, bs...)
}

// keys lists the form's keys for the help: those of every kind of field
// it has.
func (f *form) keys() []key.Binding {
	k := f.c.keys
	has := map[fieldKind]bool{}
	for _, fl := range f.fields {
		has[fl.kind] = true
	}
	bs := []key.Binding{k.Save, k.FieldMove}
	if has[fChoice] || has[fMulti] {
		bs = append(bs, k.Choose)
	}
	if has[fMulti] {
		bs = append(bs, k.Toggle)
	}
	if has[fArea] {
		bs = append(bs, k.AreaLeave, k.AreaCursor, k.AreaNewline)
	}
	return append(bs, f.escKey())
}

// editor is the bottom line: the focused one-line input, or the focused
// field's name and value (its keys are on the line above).
func (f *form) editor(w int) string {
	fl := f.cur()
	switch fl.kind {
	case fText:
		fl.input.Width = max(10, w-displayWidth(fl.label)-4)
		return fl.label + " " + fl.input.View()
	case fChoice:
		if fl.choice >= 0 {
			return fl.label + "  < " + fl.terms[fl.choice].Label(f.c.lang) + " >"
		}
	case fMulti:
		box := "[ ]"
		if fl.picked[fl.cursor] {
			box = "[x]"
		}
		return fl.label + "  < " + box + " " + fl.terms[fl.cursor].Label(f.c.lang) + " >"
	}
	return fl.label
}
