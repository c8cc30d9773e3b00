package tui

import (
	"math"
	"runtime/debug"
	"testing"
)

// The collector is held from holdGC until its release, then exactly as
// before; GOGC in the environment leaves it alone.
func TestHoldGCRestores(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	before := debug.SetGCPercent(150)
	defer debug.SetGCPercent(before)
	release := holdGC()
	if got := debug.SetGCPercent(-1); got != -1 {
		t.Fatalf("held: GC percent %d, want -1 (off)", got)
	}
	if got := debug.SetMemoryLimit(-1); got != gcHoldLimit {
		t.Fatalf("held: memory limit %d, want %d", got, gcHoldLimit)
	}
	release()
	release()
	if got := debug.SetGCPercent(150); got != 150 {
		t.Fatalf("released: GC percent %d, want 150", got)
	}
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Fatalf("released: memory limit %d, want none", got)
	}
	t.Setenv("GOGC", "100")
	holdGC()()
	if got := debug.SetGCPercent(150); got != 150 {
		t.Fatalf("GOGC set: GC percent changed to %d", got)
	}
}

// TestHoldGCLeavesLaterSettings: a setting changed while the collector is
// held (a push relaxing it) stands when the hold is released.
func TestHoldGCLeavesLaterSettings(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	release := holdGC()
	debug.SetGCPercent(400)
	debug.SetMemoryLimit(256 << 20)
	release()
	if got := debug.SetGCPercent(100); got != 400 {
		t.Errorf("released: GC percent %d, want the 400 set meanwhile", got)
	}
	if got := debug.SetMemoryLimit(math.MaxInt64); got != 256<<20 {
		t.Errorf("released: memory limit %d, want the one set meanwhile", got)
	}
}
