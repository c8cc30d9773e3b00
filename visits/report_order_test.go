package visits

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/liaison-dev/liaison/visits/visitstest/testseed"
)

// applyOrder gives what a copy in the order gives, for random permutations
// of every small size (cycles of every length, fixed points).
func TestApplyOrderMatchesCopy(t *testing.T) {
	seed := testseed.Seed(t)
	rng := rand.New(rand.NewPCG(seed, 4))
	for n := range 40 {
		for range 50 {
			xs := make([]int, n)
			for i := range xs {
				xs[i] = rng.IntN(1000)
			}
			order := rng.Perm(n)
			want := make([]int, n)
			for i, k := range order {
				want[i] = xs[k]
			}
			applyOrder(xs, slices.Clone(order))
			if !slices.Equal(xs, want) {
				t.Fatalf("order %v: got %v, want %v", order, xs, want)
			}
		}
	}
}
