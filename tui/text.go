package tui

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/liaison-dev/liaison/visits"
)

// Text helpers. Widths are terminal cells (a Chinese character takes two),
// measured with lipgloss/ansi, never with len().

// tail marks cut text. It is ASCII on purpose: an ellipsis is ambiguous
// width and some Chinese terminals draw it two cells wide.
const tail = "~"

// clean makes text from the database safe to show on one line: no escape
// sequences, no control characters, no newlines.
func clean(s string) string { return visits.PlainText(s, false) }

// cleanLines is clean that keeps newlines.
func cleanLines(s string) string { return visits.PlainText(s, true) }

// fit cuts s to w cells and pads it back to exactly w: cutting before a
// wide character can leave the line one cell short.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if lipgloss.Width(s) > w {
		s = ansi.Truncate(s, w, tail)
	}
	if n := lipgloss.Width(s); n < w {
		s += strings.Repeat(" ", w-n)
	}
	return s
}

// cut shortens s to at most w cells without padding.
func cut(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if lipgloss.Width(s) > w {
		return ansi.Truncate(s, w, tail)
	}
	return s
}

// block fits every line of s to w cells and the block to h lines.
func block(s string, w, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	for i, l := range lines {
		lines[i] = fit(l, w)
	}
	return strings.Join(lines, "\n")
}

// wrap breaks s into lines of at most w cells (Chinese has no spaces, so
// it breaks anywhere).
func wrap(s string, w int) []string {
	var out []string
	for _, para := range strings.Split(s, "\n") {
		if para == "" {
			out = append(out, "")
			continue
		}
		out = append(out, strings.Split(ansi.Hardwrap(para, w, true), "\n")...)
	}
	return out
}

// columns joins cells of the given widths with one space between them.
func columns(cells []string, widths []int) string {
	var b strings.Builder
	for i, c := range cells {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(fit(c, widths[i]))
	}
	return b.String()
}
