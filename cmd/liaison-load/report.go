package main

import (
	"fmt"
	"io"
	"time"
)

// Report is what a run measured and whether its checks held.
type Report struct {
	Laptops, Finished int
	Elapsed           time.Duration // start to the last laptop's end
	Window            time.Duration
	Inflight          int
	Instances         int
	Killed            int64
	Storm             bool
	LogChecked        bool
	CursorBack        int64
	Failures          []string
	FailCount         int
	st                *stats
	laps              []*laptop // for the tests
}

// OK reports whether every check held.
func (r *Report) OK() bool { return r.FailCount == 0 }

func (r *Report) write(w io.Writer) {
	s := r.st
	mode := "sync"
	if r.Storm {
		mode = "first-sync storm"
	}
	fmt.Fprintf(w, "%s: %d laptops (%d finished) over a %s window, %d in flight at most, %d HQ instance(s), %d killed\n",
		mode, r.Laptops, r.Finished, r.Window, r.Inflight, r.Instances, r.Killed)
	rate := 0.0
	if r.Elapsed > 0 {
		rate = float64(r.Finished) / r.Elapsed.Seconds()
	}
	fmt.Fprintf(w, "elapsed %s, %.1f syncs/s; %d ops pushed, %d changes pulled, %d requests\n",
		r.Elapsed.Round(time.Millisecond), rate, s.opsPushed.Load(), s.changes.Load(), s.requests.Load())
	for _, k := range []string{"hello", "push", "pull", "sync"} {
		l := s.latency(k)
		if l.N == 0 {
			continue
		}
		fmt.Fprintf(w, "  %-5s n=%-7d p50 %-9s p99 %-9s max %s\n", k, l.N, ms(l.P50), ms(l.P99), ms(l.Max))
	}
	fmt.Fprintf(w, "answers retried: 429 %d, 5xx %d, 408 %d, network %d; gave up %d; refused (4xx) %d; ops rejected %d\n",
		s.tooMany.Load(), s.serverErr.Load(), s.timeout408.Load(), s.network.Load(), s.giveUps.Load(), s.refused.Load(), s.rejected.Load())
	log := "op log exactly once: checked"
	switch {
	case r.Storm:
		log = "op log: nothing pushed"
	case !r.LogChecked:
		log = "op log: not read (HQ not spawned by the run; the state check read HQ as admin)"
	}
	fmt.Fprintf(w, "checks: %s; cursor moved back %d times; %d failures\n", log, r.CursorBack, r.FailCount)
	for _, f := range r.Failures {
		fmt.Fprintf(w, "  FAIL %s\n", f)
	}
	if r.OK() {
		fmt.Fprintln(w, "PASS")
	} else {
		fmt.Fprintln(w, "FAIL")
	}
}

func ms(d time.Duration) string {
	return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000)
}
