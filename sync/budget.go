package sync

import (
	"context"
	"runtime/debug"
	gosync "sync"
	"time"
)

// budget bounds the bytes of push bodies HQ holds at once (read,
// decompressed and decoded). A push reserves room before it reads its
// body and more as its buffer grows; a push that finds no room is
// answered 429 with Retry-After, so a hundred large pushes at once cost
// HQ the budget, not a hundred bodies.
//
// After a burst of large bodies, once nothing is held for trimAfter, the
// memory is handed back to the operating system (debug.FreeOSMemory):
// the Go runtime would otherwise keep it until its next collection, which
// an idle server does not make for minutes.
type budget struct {
	mu      gosync.Mutex
	cap     int64
	used    int64
	peak    int64 // the most ever held at once (tests)
	waiters []*budgetWaiter

	trimAfter time.Duration // <= 0: never trim
	trimBytes int64         // trim after this many bytes were reserved since the last trim
	since     int64
	trim      *time.Timer
	trims     int // trims done (tests)

	onWait   func() // called when a push starts waiting (tests)
	onChange func() // called, under the lock, when used changes (tests)
}

type budgetWaiter struct {
	n     int64
	ready chan struct{}
	done  bool
}

func newBudget(capBytes int64, trimAfter time.Duration) *budget {
	return &budget{cap: capBytes, trimAfter: trimAfter, trimBytes: capBytes}
}

// acquire reserves n bytes, waiting at most wait (in arrival order) for
// others to release them. It reports whether it did.
func (b *budget) acquire(ctx context.Context, n int64, wait time.Duration) bool {
	n = min(n, b.cap)
	b.mu.Lock()
	if len(b.waiters) == 0 && b.used+n <= b.cap {
		b.take(n)
		b.mu.Unlock()
		return true
	}
	if wait <= 0 {
		b.mu.Unlock()
		return false
	}
	w := &budgetWaiter{n: n, ready: make(chan struct{})}
	b.waiters = append(b.waiters, w)
	b.mu.Unlock()
	if b.onWait != nil {
		b.onWait()
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-w.ready:
		return true
	case <-t.C:
	case <-ctx.Done():
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if w.done { // granted while timing out
		return true
	}
	for i, x := range b.waiters {
		if x == w {
			b.waiters = append(b.waiters[:i], b.waiters[i+1:]...)
			break
		}
	}
	b.grant() // a large waiter that gave up may unblock smaller ones
	return false
}

// tryGrow reserves n more bytes for a push that already holds some,
// without waiting (waiting while holding could deadlock).
func (b *budget) tryGrow(n int64) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.used+n > b.cap {
		return false
	}
	b.take(n)
	return true
}

func (b *budget) take(n int64) {
	b.used += n
	b.since += n
	b.peak = max(b.peak, b.used)
	if b.trim != nil {
		b.trim.Stop()
	}
	if b.onChange != nil {
		b.onChange()
	}
}

// release gives n bytes back.
func (b *budget) release(n int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.used -= n
	if b.onChange != nil {
		b.onChange()
	}
	b.grant()
	if b.used == 0 && b.trimAfter > 0 && b.since >= b.trimBytes {
		if b.trim == nil {
			b.trim = time.AfterFunc(b.trimAfter, b.trimIdle)
		} else {
			b.trim.Reset(b.trimAfter)
		}
	}
}

// grant wakes the waiters that fit, first come first served.
func (b *budget) grant() {
	for len(b.waiters) > 0 && b.used+b.waiters[0].n <= b.cap {
		w := b.waiters[0]
		b.waiters = b.waiters[1:]
		b.take(w.n)
		w.done = true
		close(w.ready)
	}
}

func (b *budget) trimIdle() {
	b.mu.Lock()
	idle := b.used == 0
	if idle {
		b.since = 0
		b.trims++
	}
	b.mu.Unlock()
	if idle {
		debug.FreeOSMemory()
	}
}

// stats returns what is held now and the most held at once.
func (b *budget) stats() (used, peak int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.used, b.peak
}
