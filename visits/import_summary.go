package visits

import (
	"fmt"
	"strings"
)

// An import summary lists what was refused, warned about or ignored, but
// never without end: a broken sheet can refuse a hundred thousand rows or
// carry a million columns.

// MaxListed is how many refused rows (and, separately, warnings) an import
// summary lists before MoreRows counts the rest.
const MaxListed = 100

// MaxListedColumns is how many ignored column names ListColumns shows.
const MaxListedColumns = 30

// maxShownValue is the most characters of a cell a message quotes.
const maxShownValue = 60

// MoreRows is the line after the first MaxListed: "…及另外 N 行".
func MoreRows(n int, lang Lang) string {
	return fmt.Sprintf(tr(lang, "…及另外 %d 行（--json 列出全部）", "… and %d more rows (--json lists them all)"), n)
}

// ListColumns joins the first max names (each shortened) with "、" or
// ", ", then says how many were left off.
func ListColumns(names []string, max int, lang Lang) string {
	shown := names
	if len(shown) > max {
		shown = shown[:max]
	}
	parts := make([]string, len(shown))
	for i, n := range shown {
		parts[i] = ShortValue(n)
	}
	out := strings.Join(parts, tr(lang, "、", ", "))
	if rest := len(names) - len(shown); rest > 0 {
		out += fmt.Sprintf(tr(lang, " …及另外 %d 列", " … and %d more columns"), rest)
	}
	return out
}

// ShortValue cuts s to maxShownValue characters, marking the cut with
// "…(N 字)" so that a message never repeats a huge cell.
func ShortValue(s string) string {
	n := 0
	for i := range s {
		if n == maxShownValue {
			return s[:i] + fmt.Sprintf("…(%d)", len([]rune(s)))
		}
		n++
	}
	return s
}
