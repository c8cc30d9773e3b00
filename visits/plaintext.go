package visits

import "strings"

// PlainText returns s with terminal escape sequences (CSI, OSC, DCS, APC,
// PM, SOS and two-byte ESC sequences, in both their 7-bit and C1 forms)
// and control characters removed. Newlines and tabs become spaces unless
// keepNewlines is set, in which case newlines stay. Text that came from the
// database, possibly from another officer through sync, passes through
// here before it reaches a terminal: stored text must never drive it.
func PlainText(s string, keepNewlines bool) string {
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == 0x1b: // ESC
			i = skipEscape(rs, i)
		case r == 0x9b: // C1 CSI
			i = skipCSI(rs, i+1)
		case r == 0x9d || r == 0x90 || r == 0x9e || r == 0x9f || r == 0x98: // C1 OSC, DCS, PM, APC, SOS
			i = skipString(rs, i+1)
		case r == '\n' && keepNewlines:
			b.WriteRune(r)
		case r == '\n' || r == '\t':
			b.WriteRune(' ')
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			// other control characters: dropped
		case r == 0x2028 || r == 0x2029 || r == 0x202e || r == 0x202d || r == 0x2066 || r == 0x2067 || r == 0x2068 || r == 0x2069 || r == 0x202a || r == 0x202b || r == 0x202c:
			// line separators and bidirectional overrides: dropped
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// skipEscape returns the index of the last rune of the escape sequence
// that starts at rs[i] == ESC.
func skipEscape(rs []rune, i int) int {
	if i+1 >= len(rs) {
		return i
	}
	switch rs[i+1] {
	case '[':
		return skipCSI(rs, i+2)
	case ']', 'P', '^', '_', 'X':
		return skipString(rs, i+2)
	}
	// ESC followed by intermediates (0x20–0x2f) and one final byte.
	j := i + 1
	for j < len(rs) && rs[j] >= 0x20 && rs[j] <= 0x2f {
		j++
	}
	if j < len(rs) {
		return j
	}
	return len(rs) - 1
}

// skipCSI skips parameters and intermediates up to the final byte.
func skipCSI(rs []rune, j int) int {
	for ; j < len(rs); j++ {
		if rs[j] >= 0x40 && rs[j] <= 0x7e {
			return j
		}
		if rs[j] < 0x20 || rs[j] > 0x3f && rs[j] < 0x40 {
			return j
		}
	}
	return len(rs) - 1
}

// skipString skips an OSC/DCS-style string up to BEL, ST (ESC \) or C1 ST.
func skipString(rs []rune, j int) int {
	for ; j < len(rs); j++ {
		switch {
		case rs[j] == 0x07 || rs[j] == 0x9c:
			return j
		case rs[j] == 0x1b && j+1 < len(rs) && rs[j+1] == '\\':
			return j + 1
		}
	}
	return len(rs) - 1
}
