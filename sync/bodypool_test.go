package sync

import (
	"context"
	"math/rand/v2"
	"testing"
)

// A push reads its body into a buffer its reservation covers: whatever
// the pools hold and however full the decode budget is, the buffer
// takeBodyBuffer hands out is no larger than what the push holds of the
// budget, and the budget counts exactly what the pushes hold.
func TestBodyBufferWithinReservation(t *testing.T) {
	seed := testSeed(t)
	rng := rand.New(rand.NewPCG(seed, 1))
	b := newBudget(3<<20, 0)
	sizes := []int{16 << 10, 32 << 10, maxPooledBuffer, maxPooledBuffer + 1, 600 << 10, maxPooledLarge, maxPooledLarge + 1, 4 << 20}
	var held []*reservation
	for range 2000 {
		if rng.IntN(3) == 0 {
			putBodyBuffer(make([]byte, rng.IntN(100), sizes[rng.IntN(len(sizes))]))
		}
		if len(held) > 0 && rng.IntN(2) == 0 {
			i := rng.IntN(len(held))
			held[i].release()
			held = append(held[:i], held[i+1:]...)
			continue
		}
		n := max(int64(rng.IntN(2<<20)), minReserve)
		if !b.acquire(context.Background(), n, 0) {
			continue
		}
		res := &reservation{b: b, held: min(n, b.cap)}
		buf := takeBodyBuffer(res)
		if len(buf) != 0 || int64(cap(buf)) > res.held {
			t.Fatalf("a buffer of len %d, cap %d for a push holding %d bytes", len(buf), cap(buf), res.held)
		}
		held = append(held, res)
		var sum int64
		for _, r := range held {
			sum += r.held
		}
		if used, _ := b.stats(); used != sum {
			t.Fatalf("the budget counts %d bytes; the pushes hold %d", used, sum)
		}
	}
	for i := 0; i < 64; i++ {
		if p, ok := largeBodyBuffers.Get().(*[]byte); ok && (cap(*p) <= maxPooledBuffer || cap(*p) > maxPooledLarge) {
			t.Fatalf("the large pool kept a buffer of %d bytes", cap(*p))
		}
	}
}
