package store

import "unicode/utf8"

// Text quoted in a message (a refused value, an id, HQ's reason) is cut,
// never printed whole: one of them could run to megabytes.

// Abbrev returns s cut to at most n characters, with "…" when cut.
func Abbrev(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for k := 0; k < n; k++ {
		_, w := utf8.DecodeRuneInString(s[i:])
		i += w
	}
	return s[:i] + "…"
}

// CutBytes returns s cut to at most n bytes at a character boundary, with
// "…" when cut.
func CutBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
