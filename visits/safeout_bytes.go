package visits

import "unicode/utf8"

// PlainDocument reports whether SafeDocument would return b unchanged, without
// making a string of it: a document with no control, escape, bidi override or
// line separator (line feeds, tabs and CR LF pairs allowed; a CR alone is
// not, as SafeDocument keeps a CR only before LF) can be written as it is.
func PlainDocument(b []byte) bool {
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if c == '\r' && i+1 < len(b) && b[i+1] == '\n' {
				i += 2
				continue
			}
			if (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return false // SafeDocument's []rune turns it into U+FFFD: let it
		}
		if isUnsafeRune(r) {
			return false
		}
		i += n
	}
	return true
}
