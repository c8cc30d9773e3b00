package tui

import (
	"fmt"
	"strings"
)

// Charts drawn with block characters. Each bar's value is also printed,
// so nothing depends on reading the heights exactly.

var levels = []rune(" ▁▂▃▄▅▆▇█")

// eighths are the left-eighth blocks that end a horizontal bar.
var eighths = []rune(" ▏▎▍▌▋▊▉█")

// columnChart draws values as vertical bars, one cell per value, rows
// high; the top row first.
func columnChart(values []int, rows int) []string {
	top := 1
	for _, v := range values {
		top = max(top, v)
	}
	out := make([]string, rows)
	for r := 0; r < rows; r++ {
		var b strings.Builder
		floor := (rows - 1 - r) * 8 // eighths below this row
		for _, v := range values {
			e := v * rows * 8 / top // height in eighths
			if v > 0 && e == 0 {
				e = 1
			}
			n := min(max(e-floor, 0), 8)
			b.WriteRune(levels[n])
			b.WriteRune(levels[n])
		}
		out[r] = b.String()
	}
	return out
}

// barChart draws one horizontal bar per label, width cells at most for
// the longest, with the value after it.
func barChart(labels []string, values []int, labelW, width int) []string {
	top := 1
	for _, v := range values {
		top = max(top, v)
	}
	out := make([]string, len(labels))
	for i, l := range labels {
		out[i] = fit(l, labelW) + " " + hbar(values[i], top, width) + " " + fmt.Sprint(values[i])
	}
	return out
}

// hbar is v of top as a bar at most width cells long, ending in a
// left-eighth block; a value above zero shows at least an eighth.
func hbar(v, top, width int) string {
	n := v * width * 8 / max(1, top)
	if v > 0 && n == 0 {
		n = 1
	}
	bar := strings.Repeat("█", n/8)
	if n%8 > 0 {
		bar += string(eighths[n%8])
	}
	return bar
}
