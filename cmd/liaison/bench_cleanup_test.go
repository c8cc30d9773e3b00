package main

import (
	"os"
	"testing"
)

// TestMain removes the whole-process benchmarks' folder (binaries and a
// copy of the seeded database, about 0.5 GB at 100k visits) after the run.
func TestMain(m *testing.M) {
	code := m.Run()
	if world.dir != "" {
		_ = os.RemoveAll(world.dir)
	}
	if pushWorld0.dir != "" {
		_ = os.RemoveAll(pushWorld0.dir)
	}
	os.Exit(code)
}
