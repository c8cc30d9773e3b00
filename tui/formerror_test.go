package tui

import (
	"strings"
	"testing"
)

// wrapWords keeps every line within the width, Chinese counted two cells a
// character, and loses no text: only the spaces it breaks at.
func TestWrapWords(t *testing.T) {
	for _, tc := range []struct {
		s string
		w int
	}{
		{"统一社会信用代码第 3 位“I”不是有效字符（只用数字和除 I、O、S、V、Z 以外的大写字母）", 58},
		{"完成期限“2026-13-01”不是有效日期，应为 YYYY-MM-DD", 21},
		{`USCC: character "I" at position 3 is not allowed (digits and A-Z except I, O, S, V, Z)`, 30},
		{"兰州兰州兰州兰州兰州", 5},
		{"兰州兰州", 1},
	} {
		lines := wrapWords(tc.s, tc.w)
		for _, l := range lines {
			if displayWidth(l) > max(tc.w, 2) || strings.Contains(l, tail) {
				t.Errorf("wrapWords(%q, %d): line %q is %d cells or cut", tc.s, tc.w, l, displayWidth(l))
			}
		}
		nospace := func(s string) string { return strings.ReplaceAll(s, " ", "") }
		if got := nospace(strings.Join(lines, "")); got != nospace(tc.s) {
			t.Errorf("wrapWords(%q, %d) lost text: %q", tc.s, tc.w, lines)
		}
	}
}
