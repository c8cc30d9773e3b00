package tui

import (
	"strings"
	"unicode/utf8"

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
func clean(s string) string {
	if plain(s) {
		return s
	}
	return noZeroWidth(visits.PlainText(s, false))
}

// cleanLines is clean that keeps newlines.
func cleanLines(s string) string {
	if plain(s) {
		return s
	}
	return noZeroWidth(visits.PlainText(s, true))
}

// noZeroWidth drops the zero-width characters (U+200B–U+200D, U+2060,
// U+FEFF): terminals disagree on their width (and on the width of the
// emoji a joiner makes), so the columns after them move. Without them
// lipgloss and the terminal count the same cells.
func noZeroWidth(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
			return -1
		}
		return r
	}, s)
}

// plain reports whether visits.PlainText leaves s as it is: valid UTF-8
// without control characters (C0, DEL, C1), line separators or
// bidirectional controls. Nearly all stored text is, and checking its
// bytes is much cheaper than rebuilding it (a start-up cleans 10,000
// enterprise names). It may say false for text PlainText would keep.
func plain(s string) bool {
	for i := 0; i < len(s); i++ {
		switch b := s[i]; {
		case b < 0x20 || b == 0x7f:
			return false
		case b == 0xc2: // U+0080–U+00BF; C1 controls are U+0080–U+009F
			if i+1 < len(s) && s[i+1] < 0xa0 {
				return false
			}
		case b == 0xe2: // U+2000–U+2FFF: U+2028–U+202E and U+2066–U+2069,
			// and the zero-width U+200B–U+200D and U+2060
			if i+2 < len(s) && (s[i+1] == 0x80 && (s[i+2] >= 0xa8 && s[i+2] <= 0xae || s[i+2] >= 0x8b && s[i+2] <= 0x8d) ||
				s[i+1] == 0x81 && (s[i+2] >= 0xa6 && s[i+2] <= 0xa9 || s[i+2] == 0xa0)) {
				return false
			}
		case b == 0xef: // U+FEFF, the zero-width no-break space
			if i+2 < len(s) && s[i+1] == 0xbb && s[i+2] == 0xbf {
				return false
			}
		}
	}
	return utf8.ValidString(s)
}

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
