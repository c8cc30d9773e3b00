package visits

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

func TestParseMoney(t *testing.T) {
	for _, tt := range []struct {
		in   string
		unit float64
		want float64
		ok   bool
	}{
		{"86", WanYuan, 860000, true},
		{"86", Yuan, 86, true},
		{"86.3万", Yuan, 863000, true},
		{"86.3 万元", Yuan, 863000, true},
		{"1.2亿", WanYuan, 120000000, true},
		{"3,100,000元", WanYuan, 3100000, true},
		{"３１０．５", WanYuan, 3105000, true},
		{"0.015", Yuan, 0.02, true}, // to the fen
		{"0", WanYuan, 0, true},
		{"-5", Yuan, 0, false},
		{"+5", Yuan, 0, false},
		{"1e9", Yuan, 0, false},
		{"NaN", Yuan, 0, false},
		{"Inf", Yuan, 0, false},
		{"0x10", Yuan, 0, false},
		{"1.2.3", Yuan, 0, false},
		{".5", Yuan, 0, false},
		{"", Yuan, 0, false},
		{"万", Yuan, 0, false},
		{"20000000000", WanYuan, 0, false}, // 2e14 yuan > MaxMoney
	} {
		got, ok := ParseMoney(tt.in, tt.unit)
		if ok != tt.ok || got != tt.want {
			t.Errorf("ParseMoney(%q, %v) = %v, %v; want %v, %v", tt.in, tt.unit, got, ok, tt.want, tt.ok)
		}
	}
}

func TestParseCountScoreYesNo(t *testing.T) {
	for in, want := range map[string]int{"12": 12, "12人": 12, "１２": 12, "12.0": 12, "1,200": 1200, "3件": 3} {
		if got, ok := ParseCount(in); !ok || got != want {
			t.Errorf("ParseCount(%q) = %d, %v", in, got, ok)
		}
	}
	for _, in := range []string{"12.5", "-1", "", "十二", "99999999"} {
		if got, ok := ParseCount(in); ok {
			t.Errorf("ParseCount(%q) = %d, want refused", in, got)
		}
	}
	if s, ok := ParseScore("75.5分"); !ok || s != 75.5 {
		t.Errorf("score %v %v", s, ok)
	}
	if _, ok := ParseScore("101"); ok {
		t.Error("score 101 taken")
	}
	for in, want := range map[string]bool{"是": true, "否": false, "Y": true, "ｎｏ": false, "√": true, "×": false, "TRUE": true, "0": false, "无": false} {
		if got, ok := ParseYesNo(in); !ok || got != want {
			t.Errorf("ParseYesNo(%q) = %v, %v", in, got, ok)
		}
	}
	if _, ok := ParseYesNo("maybe"); ok {
		t.Error("maybe taken")
	}
}

// What ParseMoney takes is a finite amount 0..MaxMoney in whole fen, and
// a plain decimal it takes reads back as itself times the unit.
func FuzzParseMoney(f *testing.F) {
	for _, s := range []string{"86", "86.3万", "1.2亿元", "３１０．５", "1,000", "-1", "1e5", "0.015"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, ok := ParseMoney(s, WanYuan)
		if !ok {
			return
		}
		if math.IsNaN(v) || v < 0 || v > MaxMoney || math.Abs(v*100-math.Round(v*100)) > 1e-3*math.Max(1, v) {
			t.Fatalf("ParseMoney(%q) = %v", s, v)
		}
		n := normalizeFigure(s)
		if plainDecimal(n) {
			x, _ := strconv.ParseFloat(n, 64)
			if want := math.Round(x*WanYuan*100) / 100; want != v {
				t.Fatalf("ParseMoney(%q) = %v, want %v", s, v, want)
			}
		}
		if strings.ContainsAny(n, "-+eE") && !strings.ContainsAny(n, "万亿元") {
			t.Fatalf("ParseMoney(%q) took a sign or exponent", s)
		}
	})
}

func FuzzParseCount(f *testing.F) {
	for _, s := range []string{"12", "12人", "12.0", "1,200", "-3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if v, ok := ParseCount(s); ok && (v < 0 || v > MaxCount) {
			t.Fatalf("ParseCount(%q) = %d", s, v)
		}
		if v, ok := ParseScore(s); ok && (v < 0 || v > 100 || math.IsNaN(v)) {
			t.Fatalf("ParseScore(%q) = %v", s, v)
		}
	})
}
