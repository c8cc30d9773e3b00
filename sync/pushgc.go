package sync

import (
	"math"
	"runtime/debug"
	gosync "sync"
)

// A push of thousands of ops allocates a great deal that lives for one
// batch (bodies, decoded outbox entries, the ack transaction's pages)
// over a small live heap, so with Go's default GOGC=100 the collector
// runs almost all the time: about a sixth of the laptop's CPU in a push
// of 10,000 visits. While any push runs, the collector is let the heap
// grow to pushGCPercent % over the live heap, under a soft limit of
// pushMemLimit unless the process set one itself; both go back when the
// last push ends. A GOGC the user set lower than the default (or off) is
// left alone: only the default is raised.
const (
	pushGCPercent = 400
	pushMemLimit  = 256 << 20
)

var pushGC struct {
	mu       gosync.Mutex
	n        int   // pushes running
	percent  int   // GOGC before the first of them
	limit    int64 // the memory limit before it
	setLimit bool  // whether we set the limit
}

// relaxGC raises GOGC for a push; the function it returns puts it back.
func relaxGC() (restore func()) {
	pushGC.mu.Lock()
	defer pushGC.mu.Unlock()
	if pushGC.n == 0 {
		pushGC.percent = debug.SetGCPercent(pushGCPercent)
		if pushGC.percent < 0 || pushGC.percent >= pushGCPercent || pushGC.percent < 100 {
			debug.SetGCPercent(pushGC.percent) // off, already higher, or chosen lower: leave it
		}
		pushGC.limit = debug.SetMemoryLimit(-1)
		pushGC.setLimit = pushGC.limit == math.MaxInt64
		if pushGC.setLimit {
			debug.SetMemoryLimit(pushMemLimit)
		}
	}
	pushGC.n++
	return func() {
		pushGC.mu.Lock()
		defer pushGC.mu.Unlock()
		if pushGC.n--; pushGC.n > 0 {
			return
		}
		debug.SetGCPercent(pushGC.percent)
		if pushGC.setLimit {
			debug.SetMemoryLimit(pushGC.limit)
		}
	}
}
