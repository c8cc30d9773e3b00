package visits

import (
	"strings"
	"testing"
)

func TestPlainText(t *testing.T) {
	cases := []struct{ in, want string }{
		{"\x1b]0;pwned\x07\x1b[2J华为", "华为"},
		{"企业反映“融资难”——需对接银行……", "企业反映“融资难”——需对接银行……"},
		{"a\x1b[31mred\x1b[0mb", "aredb"},
		{"x\x1bPdcs stuff\x1b\\y", "xy"},
		{"line1\nline2\ttab", "line1 line2 tab"},
		{"bell\x07del\x7f", "belldel"},
		{"c1\u009b31mcsi", "c1csi"},
		{"bidi\u202eevil", "bidievil"},
		{"trailing\x1b", "trailing"},
		{"\x1b[", ""},
		{"名\x1b]0;title", "名0;title"}, // unterminated: only the introducer goes, no text is swallowed
		{"a\r\nb\rc", "a bc"},
	}
	for _, c := range cases {
		if got := PlainText(c.in, false); got != c.want {
			t.Errorf("PlainText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := PlainText("a\r\nb\tc", true); got != "a\nb c" {
		t.Errorf("keepNewlines: %q", got)
	}
}

func FuzzPlainText(f *testing.F) {
	f.Add("\x1b]0;pwned\x07\x1b[2J华为")
	f.Add("\u009b2J")
	f.Fuzz(func(t *testing.T, s string) {
		out := PlainText(s, true)
		for _, r := range out {
			if (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r < 0xa0) {
				t.Fatalf("control %U survived in %q", r, out)
			}
		}
		if strings.ContainsRune(out, 0x1b) {
			t.Fatalf("ESC survived: %q", out)
		}
		if PlainText(out, true) != out {
			t.Fatalf("not idempotent: %q", out)
		}
	})
}
