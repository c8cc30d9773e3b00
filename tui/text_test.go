package tui

import (
	"testing"

	"github.com/liaison-dev/liaison/visits"
	"pgregory.net/rapid"
)

// clean's shortcut for plain text gives what visits.PlainText gives
// (without the zero-width characters), for any bytes: escapes, controls,
// C1, separators, bidi overrides, zero-width characters, invalid UTF-8 and
// ordinary Chinese text mixed.
func TestCleanIsPlainText(t *testing.T) {
	pieces := []string{"兰州", "华信", "科技有限公司", "abc", " ", "\x1b[31m", "\x1b]0;t\x07", "\x1b", "\n", "\t", "\r",
		"\x7f", "\u0085", "\u009b", "\u00a0", "é", "\u2027", "\u2028", "\u2029", "\u202a", "\u202e", "\u202f",
		"\u2065", "\u2066", "\u2069", "\u206a", "\xc2", "\xe2\x80", "\xe2", "\xff", "\xed\xa0\x80", "…", "——",
		"\u200a", "\u200b", "\u200c", "\u200d", "\u200e", "\u205f", "\u2060", "\u2061", "\ufeff", "\ufefe", "\xef\xbb"}
	rapid.Check(t, func(t *rapid.T) {
		var s string
		for _, p := range rapid.SliceOf(rapid.SampledFrom(pieces)).Draw(t, "pieces") {
			s += p
		}
		s += rapid.String().Draw(t, "tail")
		if got, want := clean(s), noZeroWidth(visits.PlainText(s, false)); got != want {
			t.Fatalf("clean(%q) = %q, PlainText gives %q", s, got, want)
		}
		if got, want := cleanLines(s), noZeroWidth(visits.PlainText(s, true)); got != want {
			t.Fatalf("cleanLines(%q) = %q, PlainText gives %q", s, got, want)
		}
	})
}
