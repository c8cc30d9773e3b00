package tui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// fieldLines draws a field's line of the form list with its error, if
// any. The error stands just after the field's value when it fits there
// whole (a long value giving up cells, down to three fifths of the
// width); a longer one wraps onto the lines under the field, from the
// value's column, by display width, so no part of it is cut.
func (f *form) fieldLines(line, e string, valueCol, w int) []string {
	if e == "" {
		return []string{cut(line, w)}
	}
	msg := "! " + e
	if lw := max(valueCol, displayWidth(strings.TrimRight(line, " "))+2); lw+displayWidth(msg) <= w {
		return []string{fit(line, lw) + f.c.styles.err.Render(msg)}
	}
	if left := w - 1 - displayWidth(msg); left >= w*3/5 {
		return []string{fit(line, left) + " " + f.c.styles.err.Render(msg)}
	}
	if w-valueCol < 20 { // too narrow beside the labels: use the whole width
		valueCol = 2
	}
	out := []string{cut(line, w)}
	pad := strings.Repeat(" ", valueCol)
	for i, l := range wrapWords(e, w-valueCol-2) {
		mark := "  "
		if i == 0 {
			mark = "! "
		}
		out = append(out, pad+f.c.styles.err.Render(mark+l))
	}
	return out
}

// wrapWords breaks s into lines of at most w cells, at spaces where it
// can (English) and anywhere else when it must (Chinese has no spaces).
func wrapWords(s string, w int) []string {
	w = max(2, w) // a Chinese character needs two cells
	lines := strings.Split(ansi.Wrap(s, w, ""), "\n")
	for i, l := range lines {
		lines[i] = cut(strings.TrimRight(l, " "), w)
	}
	return lines
}
