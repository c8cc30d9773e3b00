package visits

import (
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Reading a sheet's headers and cells: header names to fields, dates,
// yes/no, codes by label, batches.

// headerField maps a normalized header text to its field.
func headerField(h string) string {
	key := normalizeHeader(h)
	if key == "" {
		return ""
	}
	for _, c := range importColumns {
		for _, v := range c.headers {
			if key == v {
				return c.field
			}
		}
	}
	if i := readinessColumn(key); i >= 0 { // sheet_readiness.go
		return readinessColumns[i].field
	}
	return ""
}

// normalizeHeader drops white space, asterisks, a leading "序号" style
// number and any parenthesised note, and lower-cases ASCII.
func normalizeHeader(h string) string {
	var b strings.Builder
	depth := 0
	for _, r := range foldWidth(h) {
		switch {
		case r == '(' || r == '（' || r == '[' || r == '【':
			depth++
		case r == ')' || r == '）' || r == ']' || r == '】':
			if depth > 0 {
				depth--
			}
		case depth > 0, unicode.IsSpace(r), r == '*', r == '＊', r == ':', r == '：':
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// foldWidth maps full-width ASCII forms (０-９, Ａ-Ｚ, punctuation) and the
// ideographic space to their ASCII equivalents.
func foldWidth(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			return r - 0xFF01 + '!'
		case r == 0x3000:
			return ' '
		}
		return r
	}, s)
}

// cleanCell trims white space of every kind, including the non-breaking
// and ideographic spaces spreadsheets carry.
func cleanCell(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\u00a0' || r == '\ufeff' })
}

// maxHeaderScan is how far down the header row is looked for: titles and
// notes, often merged across the columns, sit above it.
const maxHeaderScan = 30

// findHeader returns the index of the header row: the first row with at
// least two known headers, one of them the name or the USCC.
func findHeader(rows [][]string) (int, map[int]string) {
	for i := 0; i < len(rows) && i < maxHeaderScan; i++ {
		cols := map[int]string{}
		seen := map[string]bool{}
		for j, cell := range rows[i] {
			if f := headerField(cell); f != "" && !seen[f] {
				cols[j], seen[f] = f, true
			}
		}
		if len(cols) >= 2 && (seen[colName] || seen[colUSCC]) {
			return i, cols
		}
	}
	return -1, nil
}

// parseDate reads the dates spreadsheets hold: 2023-12-08, 2023/12/8,
// 2023.12.8, 2023年12月8日, 20231208, and Excel's day serial numbers.
func parseDate(s string) (Date, bool) {
	s = strings.TrimSpace(foldWidth(s))
	if s == "" {
		return "", true
	}
	if allDigits(strings.Replace(s, ".", "", 1)) && strings.Count(s, ".") <= 1 {
		if len(s) == 8 && !strings.Contains(s, ".") {
			t, err := time.ParseInLocation("20060102", s, Shanghai)
			return Date(t.Format(time.DateOnly)), err == nil
		}
		n, err := strconv.ParseFloat(s, 64)
		if err != nil || n < 3000 || n > 2958465 { // serials from 1908 to 9999
			return "", false
		}
		// Excel serial: days since 1899-12-30 (the 1900 leap-year bug is
		// absorbed by starting on the 30th).
		t := time.Date(1899, 12, 30, 0, 0, 0, 0, Shanghai).AddDate(0, 0, int(n))
		return Date(t.Format(time.DateOnly)), true
	}
	s = strings.NewReplacer("年", "-", "月", "-", "日", "", "/", "-", ".", "-").Replace(s)
	if i := strings.IndexAny(s, " T"); i > 0 { // drop a time of day
		s = s[:i]
	}
	parts := strings.Split(s, "-")
	if len(parts) != 3 {
		return "", false
	}
	y, e1 := strconv.Atoi(parts[0])
	m, e2 := strconv.Atoi(parts[1])
	d, e3 := strconv.Atoi(parts[2])
	if e1 != nil || e2 != nil || e3 != nil || y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31 {
		return "", false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, Shanghai)
	if t.Day() != d {
		return "", false
	}
	return Date(t.Format(time.DateOnly)), true
}

// parseYesNo reads 是/否 and its many spellings (ParseYesNo); in a flag
// column a dash or slash means 否.
func parseYesNo(s string) (bool, bool) {
	switch strings.TrimSpace(foldWidth(s)) {
	case "", "-", "/":
		return false, true
	}
	return ParseYesNo(s)
}

// matchTerm finds the code of kind whose code or label (Chinese or
// English) is s, or whose Chinese label s contains or is contained in.
func matchTerm(k Kind, s string) (string, bool) {
	key := normalizeHeader(s)
	if key == "" {
		return "", true
	}
	ts := Terms(k)
	for _, t := range ts {
		if key == t.Code || key == normalizeHeader(t.ZH) || key == strings.ToLower(t.EN) {
			return t.Code, true
		}
	}
	for _, t := range ts {
		zh := normalizeHeader(t.ZH)
		if strings.Contains(key, zh) || (len([]rune(key)) >= 2 && strings.Contains(zh, key)) {
			return t.Code, true
		}
	}
	return "", false
}

var chineseNumerals = map[string]int{"一": 1, "二": 2, "三": 3}

// parseBatch reads 1, 第1批, 第一批, 一批.
func parseBatch(s string) (int, bool) {
	t := strings.TrimSpace(foldWidth(s))
	if t == "" {
		return 0, true
	}
	t = strings.TrimSuffix(strings.TrimPrefix(t, "第"), "批")
	if n, ok := chineseNumerals[t]; ok {
		return n, true
	}
	if n, err := strconv.Atoi(t); err == nil && n >= 1 && n <= 3 {
		return n, true
	}
	return 0, false
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
