package visits

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestSafeDocument(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"plain", "# 周报\n| 甲 | 1 |\n", "# 周报\n| 甲 | 1 |\n"},
		{"CRLF kept, lone CR dropped", "a,b\r\nc\rd\r\n", "a,b\r\ncd\r\n"},
		{"tab kept", "a\tb", "a\tb"},
		{"OSC 52 BEL", "甲\x1b]52;c;ZXZpbA==\x07公司", "甲公司"},
		{"OSC 0 ST", "乙\x1b]0;pwned\x1b\\公司", "乙公司"},
		{"CSI", "丙\x1b[2J\x1b[1;31m公司", "丙公司"},
		{"C1 CSI", "丁\u009b2J公司", "丁公司"},
		{"C1 OSC with C1 ST", "戊\u009d0;t\u009c公司", "戊公司"},
		{"DCS", "x\x1bPq#0\x1b\\y", "xy"},
		{"two-byte ESC", "a\x1bcb\x1b(Bc", "abc"},
		{"bidi and separators", "a\u202eb\u2066c\u2069d\u2028e\u2029f", "abcdef"},
		{"C0 and DEL", "a\x00b\x08c\x7fd", "abcd"},
		{"unterminated OSC loses only its introducer", "| \x1b]0;name | 3 |\n| next | 4 |\n", "| 0;name | 3 |\n| next | 4 |\n"},
		{"broken CSI", "a\x1b[12甲", "a甲"},
	}
	for _, c := range cases {
		if got := SafeDocument(c.in); got != c.want {
			t.Errorf("%s: SafeDocument(%q) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
}

func TestEscapeJSONControls(t *testing.T) {
	in := map[string]string{"name": "甲\u009d0;t\u009c\u202e\u2066\u2028乙\x1b]52;c;x\x07"}
	raw, _ := json.Marshal(in)
	got := EscapeJSONControls(raw)
	for _, r := range string(got) {
		if (r >= 0x80 && r < 0xa0) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x2028 || r < 0x20 {
			t.Fatalf("U+%04X left raw in %s", r, got)
		}
	}
	if !strings.Contains(string(got), `\u009d`) || !strings.Contains(string(got), `\u202e`) {
		t.Errorf("not escaped as \\uXXXX: %s", got)
	}
	var back map[string]string
	if err := json.Unmarshal(got, &back); err != nil || back["name"] != in["name"] {
		t.Errorf("escaped JSON decodes to %q (%v), want %q", back["name"], err, in["name"])
	}
}
