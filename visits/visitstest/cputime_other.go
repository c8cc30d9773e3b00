//go:build !unix

package visitstest

import "time"

// CPUTime is not measured here: benchmarks report 0 cpu-ms/op.
func CPUTime() time.Duration { return 0 }
