package tui

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
)

// TestDisplayWidth: the fast count agrees with lipgloss on every rune it
// counts itself, and on random strings mixing them with runes it leaves
// to lipgloss (combining marks, emoji and variation selectors, escapes).
func TestDisplayWidth(t *testing.T) {
	for r := rune(0x20); r < 0x10000; r++ {
		if (r >= 0x20 && r < 0x7f) || wideRune(r) {
			s := string(r)
			if got, want := displayWidth(s), lipgloss.Width(s); got != want {
				t.Fatalf("%U: %d, lipgloss %d", r, got, want)
			}
		}
	}
	seed := testSeed(t)
	rng := rand.New(rand.NewPCG(seed, 1))
	pool := []rune("兰州白塔环保有限责任公司（3）、。《》「」abc XYZ 0~\u3000\uff01\u4e00\u9fff\u3400\u302a\u0301\ufe0f\u200d😀é\x1b")
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(12) {
			r := pool[rng.IntN(len(pool))]
			if r == 0x1b {
				b.WriteString("\x1b[1m")
				continue
			}
			b.WriteRune(r)
		}
		s := b.String()
		if got, want := displayWidth(s), lipgloss.Width(s); got != want {
			t.Fatalf("%q: %d, lipgloss %d", s, got, want)
		}
	}
}
