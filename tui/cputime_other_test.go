//go:build !unix

package tui

import "time"

// cpuTime is not measured here: BenchmarkStartup reports 0 cpu-ms/op.
func cpuTime() time.Duration { return 0 }
