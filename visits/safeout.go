package visits

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// SafeDocument returns a rendered text document (a Markdown or CSV
// report, an export) with every terminal control that database text may
// carry removed: escape sequences (CSI, OSC, DCS, APC, PM, SOS and
// two-byte ESC sequences, 7-bit and C1 forms), other control characters,
// bidirectional overrides and isolates, and the Unicode line and
// paragraph separators. The document's own structure stays: line feeds,
// CR LF pairs and tabs. An escape string (OSC, DCS, …) ends at its
// terminator or at the end of its line; an unterminated one loses only
// its introducer, so the rest of the document is not swallowed.
func SafeDocument(s string) string {
	if isPlainDocument(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == 0x1b && i+1 < len(rs) && rs[i+1] == '[':
			i = endOfCSI(rs, i+2)
		case r == 0x9b:
			i = endOfCSI(rs, i+1)
		case r == 0x1b && i+1 < len(rs) && strings.ContainsRune("]P^_X", rs[i+1]):
			i = endOfString(rs, i+2, i+1)
		case r == 0x9d || r == 0x90 || r == 0x9e || r == 0x9f || r == 0x98:
			i = endOfString(rs, i+1, i)
		case r == 0x1b:
			// ESC, intermediates (0x20–0x2f), one final byte (0x30–0x7e).
			j := i + 1
			for j < len(rs) && rs[j] >= 0x20 && rs[j] <= 0x2f {
				j++
			}
			if j < len(rs) && rs[j] >= 0x30 && rs[j] <= 0x7e {
				i = j
			} else {
				i = j - 1
			}
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r == '\r':
			if i+1 < len(rs) && rs[i+1] == '\n' {
				b.WriteRune(r)
			}
		case isUnsafeRune(r):
			// dropped
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isUnsafeRune reports the characters that must not reach a terminal
// raw: C0 and C1 controls, DEL, bidirectional overrides and isolates
// (U+202A–U+202E, U+2066–U+2069) and U+2028/U+2029.
func isUnsafeRune(r rune) bool {
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) ||
		(r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x2028 || r == 0x2029
}

func isPlainDocument(s string) bool {
	for _, r := range s {
		if r == '\r' || (isUnsafeRune(r) && r != '\n' && r != '\t') {
			return false // a CR stays only before LF: look closer
		}
	}
	return true
}

// endOfCSI returns the index of the last rune of a CSI sequence whose
// parameters start at j: parameters and intermediates (0x20–0x3f), then a
// final byte (0x40–0x7e). A broken sequence ends before the rune that
// broke it.
func endOfCSI(rs []rune, j int) int {
	for ; j < len(rs); j++ {
		switch r := rs[j]; {
		case r >= 0x40 && r <= 0x7e:
			return j
		case r < 0x20 || r > 0x3f:
			return j - 1
		}
	}
	return len(rs) - 1
}

// endOfString returns the index of the last rune of an OSC/DCS-style
// string whose payload starts at j: its terminator (BEL, ESC \ or C1 ST).
// Without a terminator on the same line it returns intro, so only the
// introducer is dropped.
func endOfString(rs []rune, j, intro int) int {
	for ; j < len(rs); j++ {
		switch {
		case rs[j] == 0x07 || rs[j] == 0x9c:
			return j
		case rs[j] == 0x1b && j+1 < len(rs) && rs[j+1] == '\\':
			return j + 1
		case rs[j] == '\n':
			return intro
		}
	}
	return intro
}

// EscapeJSONControls makes encoded JSON safe to show in a terminal: the
// C1 controls (U+0080–U+009F), bidirectional overrides and isolates and
// U+2028/U+2029, which encoding/json writes raw, become \uXXXX escapes.
// They can stand only inside strings, so the JSON means the same. (C0
// controls, ESC included, encoding/json escapes already.)
func EscapeJSONControls(b []byte) []byte {
	i := 0
	for i < len(b) && b[i] < utf8.RuneSelf {
		i++
	}
	if i == len(b) {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r != utf8.RuneError && (isUnsafeRune(r) && r >= 0x80) {
			out = fmt.Appendf(out, `\u%04x`, r)
		} else {
			out = append(out, b[:n]...)
		}
		b = b[n:]
	}
	return out
}
