package store

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCutBytesAndAbbrev(t *testing.T) {
	s := strings.Repeat("融资难", 100) // 3 bytes a character
	for n := 0; n <= 12; n++ {
		c := CutBytes(s, n)
		body := strings.TrimSuffix(c, "…")
		if !utf8.ValidString(c) || len(body) > n || len(body) < n-2 || !strings.HasSuffix(c, "…") {
			t.Errorf("CutBytes(…, %d) = %q", n, c)
		}
	}
	if CutBytes("abc", 3) != "abc" || Abbrev("融资难", 3) != "融资难" || Abbrev("融资难", 2) != "融资…" {
		t.Error("short text changed, or Abbrev counts bytes")
	}
	if got := quoteShort(strings.Repeat("é", 30)); !strings.HasSuffix(got, `"…`) || !utf8.ValidString(got) {
		t.Errorf("quoteShort = %s", got)
	}
}
