package visits

import (
	"math"
	"strconv"
	"strings"
)

// Tolerant reading of the figures people type or paste from a statistics
// sheet: full-width digits and punctuation, thousands separators, a unit
// word (元, 万, 万元, 亿, 亿元; 人, 件, 个; 分), 是/否. What is read is
// exact or refused: never a guess.

// Money units, as multipliers to yuan.
const (
	Yuan    = 1.0
	WanYuan = 1e4 // 万元: the unit of statistics sheets
	YiYuan  = 1e8
)

// normalizeFigure folds full-width forms to ASCII and drops spaces and
// thousands separators.
func normalizeFigure(s string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		switch {
		case r >= '０' && r <= '９':
			b.WriteRune('0' + r - '０')
		case r == '．' || r == '。':
			b.WriteByte('.')
		case r == ',' || r == '，' || r == '_' || r == ' ' || r == '\u3000' || r == '\u00a0' || r == '\'':
		case r >= 'Ａ' && r <= 'Ｚ':
			b.WriteRune(r - 'Ａ' + 'A')
		case r >= 'ａ' && r <= 'ｚ':
			b.WriteRune(r - 'ａ' + 'a')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// plainDecimal reports whether s is digits with at most one decimal point
// between digits: no sign, exponent, hex, Inf or NaN.
func plainDecimal(s string) bool {
	if s == "" {
		return false
	}
	dot := false
	for i, c := range s {
		switch {
		case c >= '0' && c <= '9':
		case c == '.' && !dot && i > 0 && i < len(s)-1:
			dot = true
		default:
			return false
		}
	}
	return true
}

// cutUnit removes one of the suffixes and returns its multiplier.
func cutUnit(s string, units []struct {
	word string
	mul  float64
}) (string, float64, bool) {
	for _, u := range units {
		if rest, ok := strings.CutSuffix(s, u.word); ok {
			return strings.TrimSpace(rest), u.mul, true
		}
	}
	return s, 0, false
}

var moneyUnits = []struct {
	word string
	mul  float64
}{{"亿元", YiYuan}, {"万元", WanYuan}, {"亿", YiYuan}, {"万", WanYuan}, {"元", Yuan}}

// ParseMoney reads an amount of money and returns it in yuan, to the fen.
// A unit word in s wins; without one the amount is in unit (Yuan on the
// command line, WanYuan in the import sheet). It refuses negatives,
// signs, exponents and anything above MaxMoney.
func ParseMoney(s string, unit float64) (float64, bool) {
	n, mul, ok := cutUnit(normalizeFigure(s), moneyUnits)
	if !ok {
		mul = unit
	}
	if !plainDecimal(n) {
		return 0, false
	}
	v, err := strconv.ParseFloat(n, 64)
	if err != nil {
		return 0, false
	}
	v = math.Round(v*mul*100) / 100
	if v > MaxMoney || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}

var countUnits = []struct {
	word string
	mul  float64
}{{"人", 1}, {"件", 1}, {"个", 1}, {"项", 1}, {"名", 1}}

// ParseCount reads a whole count (people, IP), 0..MaxCount; "12人" and
// "12.0" are 12, "12.5" is refused.
func ParseCount(s string) (int, bool) {
	n, _, _ := cutUnit(normalizeFigure(s), countUnits)
	if !plainDecimal(n) {
		return 0, false
	}
	v, err := strconv.ParseFloat(n, 64)
	if err != nil || v != math.Trunc(v) || v > MaxCount {
		return 0, false
	}
	return int(v), true
}

// ParseScore reads an innovation score, 0..100 ("75", "75分", "75.5").
func ParseScore(s string) (float64, bool) {
	n := strings.TrimSpace(strings.TrimSuffix(normalizeFigure(s), "分"))
	if !plainDecimal(n) {
		return 0, false
	}
	v, err := strconv.ParseFloat(n, 64)
	if err != nil || v > 100 {
		return 0, false
	}
	return v, true
}

// ParseYesNo reads a yes/no cell or flag value: 是 否, 有 无, Y N, yes
// no, true false, 1 0, √ ×, ✓ ✗ (any case, full width too).
func ParseYesNo(s string) (bool, bool) {
	switch strings.ToLower(normalizeFigure(s)) {
	case "是", "有", "y", "yes", "true", "t", "1", "√", "✓", "✔", "对":
		return true, true
	case "否", "无", "没有", "n", "no", "false", "f", "0", "×", "✗", "✘", "不是":
		return false, true
	}
	return false, false
}
