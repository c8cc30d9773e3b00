package sync

import (
	"math"
	"runtime/debug"
	"testing"
)

// gcNow reads GOGC and the soft memory limit without changing them.
func gcNow() (int, int64) {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p, debug.SetMemoryLimit(-1)
}

func setGC(t *testing.T, percent int, limit int64) {
	t.Helper()
	debug.SetGCPercent(percent)
	debug.SetMemoryLimit(limit)
}

// TestRelaxGC: a push raises the default GOGC and sets a soft limit, and
// puts both back; a setting someone else changed during the push (the
// TUI releasing its start-up hold, which had the collector off) stands,
// and is not overwritten by what the push saw when it began.
func TestRelaxGC(t *testing.T) {
	p0, l0 := gcNow()
	defer setGC(t, p0, l0)

	setGC(t, 100, math.MaxInt64)
	restore := relaxGC()
	if p, l := gcNow(); p != pushGCPercent || l != pushMemLimit {
		t.Fatalf("during a push: GOGC %d, limit %d; want %d, %d", p, l, pushGCPercent, pushMemLimit)
	}
	restore()
	if p, l := gcNow(); p != 100 || l != math.MaxInt64 {
		t.Fatalf("after it: GOGC %d, limit %d; want 100, none", p, l)
	}

	// The TUI's hold at start-up: collector off under a limit. A push
	// leaves it; the hold is released while the push runs.
	setGC(t, -1, 384<<20)
	restore = relaxGC()
	if p, l := gcNow(); p != -1 || l != 384<<20 {
		t.Fatalf("a push during the hold changed it: GOGC %d, limit %d", p, l)
	}
	setGC(t, 100, math.MaxInt64) // the hold released
	restore()
	if p, l := gcNow(); p != 100 || l != math.MaxInt64 {
		t.Fatalf("a push that began during the hold, ending after it: GOGC %d, limit %d; want 100, none (not the collector off)", p, l)
	}

	// A GOGC set during a push stands after it.
	setGC(t, 100, math.MaxInt64)
	restore = relaxGC()
	debug.SetGCPercent(150)
	restore()
	if p, l := gcNow(); p != 150 || l != math.MaxInt64 {
		t.Fatalf("GOGC set during a push: after it %d, limit %d; want 150 kept, none", p, l)
	}
}
