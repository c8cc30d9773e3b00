package visits

import (
	"errors"
	"strings"
	"testing"
)

func TestNormalizeUSCC(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"  91350100M000100Y43 ", "91350100M000100Y43"},
		{"9135-0100-m000-100y-43", "91350100M000100Y43"},
		{"9135\u30000100 M000100Y43", "91350100M000100Y43"},
		{"９１３５０１００Ｍ０００１００Ｙ４３", "91350100M000100Y43"},
		{"９１３５０１００ｍ０００１００ｙ４３", "91350100M000100Y43"},
		{"91350100M000100Y4－3", "91350100M000100Y43"},
		{"\t913501\n00M000100Y43", "91350100M000100Y43"},
		{"9135统一", "9135统一"},
	}
	for _, tt := range tests {
		if got := NormalizeUSCC(tt.in); got != tt.want {
			t.Errorf("NormalizeUSCC(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseUSCC(t *testing.T) {
	tests := []struct {
		in       string
		code     string
		checkOK  bool
		expected byte
		legacy   bool
		shape    bool // want ErrUSCCShape
		pos      int
	}{
		{in: "91350100M000100Y43", code: "91350100M000100Y43", checkOK: true, expected: '3'},
		{in: "91310110666007217T", code: "91310110666007217T", checkOK: true, expected: 'T'},
		{in: "9144030071526726XG", code: "9144030071526726XG", checkOK: true, expected: 'G'},
		{in: "9144 0300 7152 6726 xg", code: "9144030071526726XG", checkOK: true, expected: 'G'},
		{in: "91350100M000100Y4Z", shape: true, pos: 18}, // Z is outside the set
		{in: "91350100M000100Y44", code: "91350100M000100Y44", checkOK: false, expected: '3'},
		{in: "91350100M000100Y4A", code: "91350100M000100Y4A", checkOK: false, expected: '3'},
		{in: "440301123456789", code: "440301123456789", checkOK: true, legacy: true},
		{in: "44030112345678A", shape: true, pos: 15},
		{in: "", shape: true},
		{in: "91350100M000100Y4", shape: true},
		{in: "91350100M000100Y433", shape: true},
		{in: "91350100O000100Y43", shape: true, pos: 9},
		{in: "91350100I000100Y43", shape: true, pos: 9},
		{in: "9135010统0000100Y43", shape: true, pos: 8},
	}
	for _, tt := range tests {
		got, err := ParseUSCC(tt.in)
		if tt.shape {
			var se *USCCShapeError
			if !errors.Is(err, ErrUSCCShape) || !errors.As(err, &se) {
				t.Errorf("ParseUSCC(%q) err = %v, want ErrUSCCShape", tt.in, err)
				continue
			}
			if se.Pos != tt.pos {
				t.Errorf("ParseUSCC(%q) position = %d, want %d (%v)", tt.in, se.Pos, tt.pos, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseUSCC(%q): %v", tt.in, err)
			continue
		}
		if got.Code != tt.code || got.CheckOK != tt.checkOK || got.Expected != tt.expected || got.Legacy != tt.legacy {
			t.Errorf("ParseUSCC(%q) = %+v, want code %s checkOK %v expected %q legacy %v",
				tt.in, got, tt.code, tt.checkOK, tt.expected, tt.legacy)
		}
	}
}

func TestParseUSCCParts(t *testing.T) {
	u, err := ParseUSCC("91350100M000100Y43")
	if err != nil {
		t.Fatal(err)
	}
	if u.Dept != '9' || u.OrgType != '1' || u.Area != "350100" || u.OrgCode != "M000100Y4" || u.Check != '3' {
		t.Errorf("parts = %+v", u)
	}
}

func TestUSCCShapeErrorMessage(t *testing.T) {
	_, err := ParseUSCC("91350100O000100Y43")
	if msg := err.Error(); !strings.Contains(msg, "position 9") || !strings.Contains(msg, "'O'") {
		t.Errorf("message %q should name position 9 and 'O'", msg)
	}
	_, err = ParseUSCC("1234")
	if msg := err.Error(); !strings.Contains(msg, "4 characters") {
		t.Errorf("message %q should give the length", msg)
	}
}

func TestUSCCCheckChar(t *testing.T) {
	for _, code := range []string{"91350100M000100Y43", "91310110666007217T", "9144030071526726XG"} {
		c, err := USCCCheckChar(code[:17])
		if err != nil || c != code[17] {
			t.Errorf("USCCCheckChar(%s) = %q, %v; want %q", code[:17], c, err, code[17])
		}
	}
	for _, bad := range []string{"", "9135", "91350100M000100YZ", "91350100M000100Y43"} {
		if _, err := USCCCheckChar(bad); !errors.Is(err, ErrUSCCShape) {
			t.Errorf("USCCCheckChar(%q) err = %v, want ErrUSCCShape", bad, err)
		}
	}
}

func TestMakeUSCC(t *testing.T) {
	if got := MakeUSCC("91350100M000100Y4"); got != "91350100M000100Y43" {
		t.Errorf("MakeUSCC = %s", got)
	}
	for _, p := range []string{"91620102000000000", "91620102ABCDEFGHJ", "9162010200000000Y"} {
		u, err := ParseUSCC(MakeUSCC(p))
		if err != nil || !u.CheckOK {
			t.Errorf("MakeUSCC(%s) does not parse clean: %+v %v", p, u, err)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("MakeUSCC of a bad prefix did not panic")
		}
	}()
	MakeUSCC("short")
}

func FuzzParseUSCC(f *testing.F) {
	for _, s := range []string{
		"91350100M000100Y43", "91310110666007217T", "9144030071526726XG", "91350100M000100Y4Z",
		"440301123456789", "９１３５０１００Ｍ０００１００Ｙ４３", "9135-0100 M000100Y43", "", "\xff\xfe",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := NormalizeUSCC(s)
		if NormalizeUSCC(n) != n {
			t.Fatalf("NormalizeUSCC not idempotent: %q -> %q -> %q", s, n, NormalizeUSCC(n))
		}
		u, err := ParseUSCC(s)
		if err != nil {
			if !errors.Is(err, ErrUSCCShape) {
				t.Fatalf("ParseUSCC(%q) error %v does not match ErrUSCCShape", s, err)
			}
			return
		}
		if u.Code != n {
			t.Fatalf("ParseUSCC(%q).Code = %q, want normalized %q", s, u.Code, n)
		}
		if u.Legacy {
			if len(u.Code) != 15 {
				t.Fatalf("legacy code %q is not 15 long", u.Code)
			}
			return
		}
		c, err := USCCCheckChar(u.Code[:17])
		if err != nil {
			t.Fatalf("USCCCheckChar(%q): %v", u.Code[:17], err)
		}
		if u.CheckOK != (c == u.Code[17]) || u.Expected != c {
			t.Fatalf("ParseUSCC(%q): CheckOK %v Expected %q, recomputed %q", s, u.CheckOK, u.Expected, c)
		}
		if MakeUSCC(u.Code[:17]) != u.Code[:17]+string(c) {
			t.Fatalf("MakeUSCC disagrees for %q", u.Code)
		}
	})
}
