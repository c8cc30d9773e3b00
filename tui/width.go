package tui

import (
	"unicode/utf8"

	"github.com/charmbracelet/lipgloss"
)

// displayWidth is the width in cells, as lipgloss measures it. Text made
// only of printable ASCII and the common wide CJK characters (ideographs,
// CJK punctuation, fullwidth forms: nearly every enterprise name) is
// counted rune by rune without lipgloss's grapheme segmentation, which
// costs about 20 times more; anything else (escape sequences, combining
// marks, emoji, other scripts) is measured by lipgloss. TestDisplayWidth
// checks the two agree on every rune of those ranges.
func displayWidth(s string) int {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			n++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !wideRune(r) {
			return lipgloss.Width(s)
		}
		n += 2
		i += size
	}
	return n
}

// wideRune reports whether r is in a range displayWidth counts as two
// cells by itself.
func wideRune(r rune) bool {
	switch {
	case r >= 0x4e00 && r <= 0x9fff: // CJK unified ideographs
		return true
	case r >= 0x3400 && r <= 0x4dbf: // extension A
		return true
	case r >= 0x3000 && r <= 0x3029: // CJK punctuation: 、。《》「」【】 (U+302A–U+302F combine)
		return true
	case r >= 0xff01 && r <= 0xff60: // fullwidth forms: （）：，！
		return true
	}
	return false
}
