package main

import (
	"os"
	"runtime/debug"
)

// tuneGC sets serve's garbage collector, unless GOGC or GOMEMLIMIT is set
// in the environment. HQ's live heap is small (a few MB at rest, tens of
// MB while it reads many pushes at once) and a push allocates a few KB
// per op that die with it, so at the default GOGC=100 the collector ran
// every few MB of allocation and took about a quarter of HQ's CPU in a
// push of 10,000 visits (docs/performance.md, "Push, whole process").
// GOGC=400 lets the heap grow to five times what is live before a
// collection; the soft limit keeps the whole Go heap near 100 MiB,
// where the collector then runs as often as it must, so a burst of large
// pushes stays within the bound docs/performance.md gives for HQ memory.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(100 << 20)
	}
}
