package main

import (
	"time"
)

// progress prints, every 30 s while laptops play, how far the run got:
// arrived and finished laptops, requests in flight, retried answers, and
// the push and pull p99 so far. The returned function stops it.
func (r *runner) progress(start time.Time, n int) (stop func()) {
	done := make(chan struct{})
	ended := make(chan struct{})
	go func() {
		defer close(ended)
		t := time.NewTicker(30 * time.Second)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
			}
			st := r.st
			push, pull := st.latency("push"), st.latency("pull")
			r.logf("%s: %d of %d arrived, %d synced; %d in flight; 429 %d, 5xx %d, network %d, gave up %d; p99 push %s pull %s",
				time.Since(start).Round(time.Second), r.arrived.Load(), n, st.syncs.Load(), len(r.c.slots),
				st.tooMany.Load(), st.serverErr.Load(), st.network.Load(), st.giveUps.Load(), ms(push.P99), ms(pull.P99))
		}
	}()
	return func() { close(done); <-ended }
}
