package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	gosync "sync"
	"sync/atomic"
	"time"

	"github.com/liaison-dev/liaison/store"
)

// runOptions: what a run plays and against what.
type runOptions struct {
	Roster    string
	URLs      []string      // HQ base URLs; empty: the spawned instances'
	SpawnHQ   int           // start this many `liaison-hq serve` (0: use URLs)
	HQBin     string        // the liaison-hq binary to spawn
	DB        string        // their --db (a bbolt file or postgres://…)
	LogDir    string        // where spawned instances log ("" : a temporary folder)
	Laptops   int           // simulated laptops (0: every one in the roster)
	Ops       int           // ops per laptop (about: records are whole)
	Window    time.Duration // all laptops arrive within it, uniformly at random
	Inflight  int           // requests out at once, at most
	Attempts  int           // tries of one request before giving up on it
	Syncs     int           // syncs a laptop tries before it counts as unfinished
	Witnesses int           // real laptop stores syncing with sync.Client
	KillAfter time.Duration // SIGKILL spawned instance 0 this long after the start (0: never)
	Deadline  time.Duration // laptops not done this long after the start stop and count as unfinished (0: none)
	Random    bool          // pick an HQ at random per request (else round robin)
	Seed      uint64
	Storm     int // first-sync storm: this many empty laptops pulling from 0 at once
	Out       io.Writer
}

// runner holds a run's shared state.
type runner struct {
	opt    runOptions
	roster *Roster
	c      *caller
	st     *stats
	fleet  *fleet

	cursorBack atomic.Int64
	arrived    atomic.Int64
	failMu     gosync.Mutex
	failures   []string
	failCount  int
}

// failf records a failed check (the first few with their detail).
func (r *runner) failf(format string, args ...any) {
	r.failMu.Lock()
	defer r.failMu.Unlock()
	r.failCount++
	if len(r.failures) < 20 {
		r.failures = append(r.failures, fmt.Sprintf(format, args...))
	}
}

func (r *runner) logf(format string, args ...any) {
	fmt.Fprintf(r.opt.Out, "liaison-load: "+format+"\n", args...)
}

// run plays the roster's laptops against HQ and checks the outcome.
func run(ctx context.Context, opt runOptions) (*Report, error) {
	roster, err := readRoster(opt.Roster)
	if err != nil {
		return nil, err
	}
	r := &runner{opt: opt, roster: roster, st: newStats()}
	if opt.SpawnHQ > 0 {
		r.fleet = &fleet{bin: opt.HQBin, db: opt.DB, logDir: opt.LogDir}
		if err := r.fleet.start(ctx, opt.SpawnHQ); err != nil {
			r.fleet.stop()
			return nil, err
		}
		defer r.fleet.stop()
		opt.URLs = r.fleet.urls()
		r.opt.URLs = opt.URLs
		r.logf("spawned %d liaison-hq serve on %v (logs in %s)", opt.SpawnHQ, opt.URLs, r.fleet.logDir)
	}
	tr := &http.Transport{MaxIdleConns: opt.Inflight * 2, MaxIdleConnsPerHost: opt.Inflight, IdleConnTimeout: time.Minute}
	defer tr.CloseIdleConnections()
	r.c = &caller{hc: &http.Client{Transport: tr, Timeout: time.Minute}, urls: opt.URLs, random: opt.Random,
		slots: make(chan struct{}, opt.Inflight), attempts: opt.Attempts, base: 250 * time.Millisecond,
		maxWait: 8 * time.Second, st: r.st, downTill: make([]atomic.Int64, len(opt.URLs))}

	laps, err := r.laptops()
	if err != nil {
		return nil, err
	}
	wits, err := r.startWitnesses(ctx)
	if err != nil {
		return nil, err
	}
	defer closeWitnesses(wits)

	start := time.Now()
	lctx := ctx // the laptops' context: ends at the deadline
	if opt.Deadline > 0 {
		var cancel context.CancelFunc
		lctx, cancel = context.WithTimeout(ctx, opt.Deadline)
		defer cancel()
	}
	stopProgress := r.progress(start, len(laps))
	var killTimer *time.Timer
	killed := make(chan struct{}) // closed once the kill (and any restart) is over
	if opt.KillAfter > 0 && r.fleet != nil {
		killTimer = time.AfterFunc(opt.KillAfter, func() {
			defer close(killed)
			if err := r.fleet.kill(ctx, 0); err != nil {
				r.failf("kill: %v", err)
			}
		})
	}
	var wg gosync.WaitGroup
	var finished atomic.Int64
	var last atomic.Int64 // ns after start the last laptop finished
	for _, l := range laps {
		at := time.Duration(0)
		if opt.Window > 0 {
			at = time.Duration(l.rng.Int64N(int64(opt.Window)))
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			if !sleepCtx(lctx, at-time.Since(start)) {
				return
			}
			r.arrived.Add(1)
			r.play(lctx, l)
			if !l.synced {
				return
			}
			finished.Add(1)
			for {
				old, now := last.Load(), int64(time.Since(start))
				if now <= old || last.CompareAndSwap(old, now) {
					break
				}
			}
		}()
	}
	midWitness := r.witnessesMidRun(ctx, wits, start)
	wg.Wait()
	<-midWitness
	stopProgress()
	if killTimer != nil && !killTimer.Stop() {
		<-killed // a restarted instance must be in the fleet before it is stopped
	}
	elapsed := time.Duration(last.Load())
	rep := &Report{Laptops: len(laps), Finished: int(finished.Load()), Elapsed: elapsed, st: r.st,
		Window: opt.Window, Inflight: opt.Inflight, Instances: len(opt.URLs), Storm: opt.Storm > 0, laps: laps}
	if r.fleet != nil {
		rep.Killed = r.fleet.killed.Load()
	}
	if rep.Finished != rep.Laptops {
		r.failf("%d of %d laptops did not finish a sync (in %d tries, within the deadline %s)", rep.Laptops-rep.Finished, rep.Laptops, opt.Syncs, opt.Deadline)
	}
	if ctx.Err() != nil {
		// Interrupted: say what was measured, check nothing more.
		rep.Failures, rep.FailCount, rep.CursorBack = r.failures, r.failCount+1, r.cursorBack.Load()
		rep.Failures = append(rep.Failures, "interrupted: checks not made")
		return rep, nil
	}
	r.finishWitnesses(ctx, wits)
	if opt.Storm == 0 {
		r.checkState(ctx, laps)
	}
	if r.fleet != nil {
		r.fleet.stop()
		if opt.Storm == 0 && (isBoltFile(opt.DB) || isPostgres(opt.DB)) {
			r.checkOpLog(ctx, opt.DB, laps)
			rep.LogChecked = true
		}
	}
	rep.Failures, rep.FailCount, rep.CursorBack = r.failures, r.failCount, r.cursorBack.Load()
	return rep, nil
}

// laptops makes the simulated laptops, each with its day's ops.
func (r *runner) laptops() ([]*laptop, error) {
	n := r.opt.Laptops
	if r.opt.Storm > 0 {
		n = r.opt.Storm
	}
	if n <= 0 || n > len(r.roster.Laptops) {
		if r.opt.Laptops > len(r.roster.Laptops) || r.opt.Storm > len(r.roster.Laptops) {
			return nil, fmt.Errorf("the roster holds %d laptops, %d asked for", len(r.roster.Laptops), max(r.opt.Laptops, r.opt.Storm))
		}
		n = len(r.roster.Laptops)
	}
	now := time.Now()
	laps := make([]*laptop, n)
	for i := range n {
		off := r.roster.Laptops[i]
		l := &laptop{off: off, rng: rand.New(rand.NewPCG(r.opt.Seed, uint64(i))), epoch: r.roster.Epoch, cursor: r.roster.Seq}
		l.clock = store.NewClock(fmt.Sprintf("ld%06x", i), nil)
		if r.opt.Storm > 0 {
			l.cursor = 0 // an empty laptop: its first sync pulls everything it may see
		} else {
			ops, err := dayOps(l.rng, l.clock, off.ID, off.Enterprises, r.opt.Ops, now)
			if err != nil {
				return nil, err
			}
			l.ops, l.res = ops, make([]store.Result, len(ops))
		}
		laps[i] = l
	}
	return laps, nil
}

// play runs a laptop's syncs until one finishes whole or it has tried
// opt.Syncs times, waiting a few seconds between tries.
func (r *runner) play(ctx context.Context, l *laptop) {
	t0 := time.Now()
	for try := 0; try < r.opt.Syncs && ctx.Err() == nil; try++ {
		if try > 0 && !sleepCtx(ctx, time.Second+time.Duration(l.rng.Int64N(int64(3*time.Second)))) {
			return
		}
		l.err = l.syncOnce(ctx, r)
		if l.err == nil {
			l.synced = true
			r.st.syncs.Add(1)
			r.st.add("sync", time.Since(t0))
			return
		}
		if !errors.Is(l.err, errGaveUp) && ctx.Err() == nil {
			r.failf("laptop %s: %v", l.off.ID, l.err)
			return
		}
	}
}

// sleepCtx waits d (nothing if d <= 0); false if ctx ended first.
func sleepCtx(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

func isBoltFile(db string) bool {
	if db == "" || isPostgres(db) {
		return false
	}
	_, err := os.Stat(db)
	return err == nil
}
