package visits

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/liaison-dev/liaison/visits/visitstest/testseed"
)

// A document PlainDocument passes is one SafeDocument leaves as it is, and
// one it refuses SafeDocument changes, or holds invalid UTF-8 (which the
// writer then hands to SafeDocument).
func TestPlainDocumentMeansUnchanged(t *testing.T) {
	seed := testseed.Seed(t)
	rng := rand.New(rand.NewPCG(seed, 2))
	pieces := []string{"a", "中文", "|", "\n", "\t", "\r", "\r\n", "\x1b[31m", "\x1b", "\x07", "\x7f", "\u0085",
		"\u009b", "\u202e", "\u2066", "\u2028", "\xff", "\xe4\xb8", "é", " "}
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(8) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		plain, same := PlainDocument([]byte(s)), SafeDocument(s) == s
		if plain && !same {
			t.Fatalf("%q: PlainDocument says plain, SafeDocument changes it", s)
		}
		if !plain && same && !strings.Contains(s, "\xff") && !strings.Contains(s, "\xe4\xb8") {
			t.Fatalf("%q: PlainDocument refuses what SafeDocument keeps", s)
		}
	}
}
