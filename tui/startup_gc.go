package tui

import (
	"os"
	"runtime/debug"
	"sync"
	"time"
)

// A start-up allocates its whole working set at once (the enterprise
// summaries, the occasion index, the visits owed: about 100 MB on 10,000
// enterprises and 100,000 visits) and frees little of it before the first
// frame, so the collections the default target starts on the way (at 4,
// 8, 16, 32, 64 MB) mark the same live data again and again: about a third
// of the CPU of a start-up that misses the home cache. Until the first
// snapshot is loaded (and gcHoldAfter more, while its frame is drawn), the
// collector runs only if the heap nears gcHoldLimit; then the usual target
// is restored. GOGC or GOMEMLIMIT set in the environment are left alone.

// gcHoldLimit is the heap at which the collector runs all the same while
// it is held; gcHoldAfter how long it stays held after the first snapshot.
const (
	gcHoldLimit = 384 << 20
	gcHoldAfter = 300 * time.Millisecond
)

// holdGC holds the collector until the returned function is called (at
// most once takes effect).
func holdGC() (release func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	percent := debug.SetGCPercent(-1)
	limit := debug.SetMemoryLimit(gcHoldLimit)
	var once sync.Once
	return func() {
		once.Do(func() {
			// Each goes back only if it is still the hold's own: one
			// changed meanwhile (a push relaxing the collector) stands.
			if cur := debug.SetMemoryLimit(limit); cur != gcHoldLimit {
				debug.SetMemoryLimit(cur)
			}
			if cur := debug.SetGCPercent(percent); cur != -1 {
				debug.SetGCPercent(cur)
			}
		})
	}
}

// loadedFirst is called with each snapshot loaded: the first one releases
// the collector held at start-up, gcHoldAfter later.
func (c *common) loadedFirst() {
	if c.releaseGC == nil {
		return
	}
	release := c.releaseGC
	c.releaseGC = nil
	time.AfterFunc(gcHoldAfter, release)
}
