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
	raised   bool  // whether the first of them raised GOGC
	percent  int   // GOGC before it
	limit    int64 // the memory limit before it
	setLimit bool  // whether it set the limit
}

// relaxGC raises GOGC for a push; the function it returns puts it back.
// Each setting goes back only if it is still the push's own: one changed
// meanwhile by someone else (the TUI releasing its start-up hold, say)
// stands, rather than being overwritten by what was there before.
func relaxGC() (restore func()) {
	pushGC.mu.Lock()
	defer pushGC.mu.Unlock()
	if pushGC.n == 0 {
		pushGC.percent = debug.SetGCPercent(pushGCPercent)
		// Off, already higher, or chosen lower than the default: leave it.
		pushGC.raised = pushGC.percent >= 100 && pushGC.percent < pushGCPercent
		if !pushGC.raised {
			debug.SetGCPercent(pushGC.percent)
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
		if pushGC.raised {
			restoreGCPercent(pushGCPercent, pushGC.percent)
		}
		if pushGC.setLimit {
			restoreMemoryLimit(pushMemLimit, pushGC.limit)
		}
	}
}

// restoreGCPercent sets GOGC back to old if it is still ours; otherwise
// the value someone set since stands.
func restoreGCPercent(ours, old int) {
	if cur := debug.SetGCPercent(old); cur != ours {
		debug.SetGCPercent(cur)
	}
}

// restoreMemoryLimit is restoreGCPercent for the soft memory limit.
func restoreMemoryLimit(ours, old int64) {
	if cur := debug.SetMemoryLimit(old); cur != ours {
		debug.SetMemoryLimit(cur)
	}
}
