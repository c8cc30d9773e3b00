package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/sync"
	"github.com/liaison-dev/liaison/visits"
)

// witness is a real laptop: a bbolt store synced by sync.Client, the code
// an officer's laptop runs. Its data must end equal to HQ's for its scope.
type witness struct {
	off    Officer
	dir    string
	s      *store.Store
	c      *sync.Client
	url    int    // which HQ it logged in to
	cursor uint64 // after its last sync
}

// startWitnesses logs each witness in, pulls its enterprises, records a
// visit and a need and syncs them, all before the laptops arrive.
func (r *runner) startWitnesses(ctx context.Context) ([]*witness, error) {
	n := min(r.opt.Witnesses, len(r.roster.Witnesses))
	var ws []*witness
	for i := range n {
		dir, err := os.MkdirTemp("", "liaison-load-witness-")
		if err != nil {
			return ws, err
		}
		s, err := store.Open(filepath.Join(dir, "laptop.db"), store.Options{})
		if err != nil {
			os.RemoveAll(dir)
			return ws, err
		}
		w := &witness{off: r.roster.Witnesses[i], dir: dir, s: s, url: i % len(r.opt.URLs)}
		w.c = &sync.Client{Store: s, Warn: func(string) {}}
		ws = append(ws, w)
		if _, err := sync.Login(ctx, s, nil, r.opt.URLs[w.url], w.off.Token); err != nil {
			return ws, fmt.Errorf("witness %s: login: %w", w.off.ID, err)
		}
		if err := r.witnessSync(ctx, w); err != nil {
			return ws, err
		}
		if err := w.edit(); err != nil {
			return ws, err
		}
		if err := r.witnessSync(ctx, w); err != nil {
			return ws, err
		}
	}
	return ws, nil
}

// edit records, through the laptop's own store, a visit and a need on one
// of the witness's enterprises.
func (w *witness) edit() error {
	ent := w.off.Enterprises[int(time.Now().UnixNano()%int64(len(w.off.Enterprises)))]
	return w.s.Update(func(wr *store.Writer) error {
		now := w.s.Now()
		v := &visits.Visit{EnterpriseID: ent, At: now.Add(-time.Hour), Occasion: visits.OccRoutine, Method: "on_site",
			Summary: "见证人走访：了解企业经营情况。"}
		if err := wr.AddVisit(v); err != nil {
			return fmt.Errorf("witness %s: visit: %w", w.off.ID, err)
		}
		n := &visits.Need{EnterpriseID: ent, Category: "finance", Severity: visits.SeverityConsult, Title: "见证人诉求"}
		if err := wr.AddNeed(n); err != nil {
			return fmt.Errorf("witness %s: need: %w", w.off.ID, err)
		}
		return nil
	})
}

// witnessSync runs one sync; on failure (its HQ instance died) it logs in
// to the next instance and tries again, a bounded number of times. Its
// cursor must never move back.
func (r *runner) witnessSync(ctx context.Context, w *witness) error {
	var err error
	for try := 0; try <= 4*len(r.opt.URLs); try++ {
		if try > 0 {
			// Its instance died or is swamped: a few seconds, then the
			// next one (a laptop behind a load balancer would not choose).
			if !sleepCtx(ctx, 2*time.Second) {
				return ctx.Err()
			}
			w.url = (w.url + 1) % len(r.opt.URLs)
			if _, err = sync.Login(ctx, w.s, nil, r.opt.URLs[w.url], w.off.Token); err != nil {
				continue
			}
		}
		if _, err = w.c.Sync(ctx); err == nil {
			break
		}
	}
	if err != nil {
		return fmt.Errorf("witness %s: sync: %w", w.off.ID, err)
	}
	var st store.SyncState
	_ = w.s.View(func(rd *store.Reader) error { st = rd.SyncState(); return nil })
	if st.Cursor < w.cursor {
		r.cursorBack.Add(1)
		r.failf("witness %s: cursor moved back from %d to %d", w.off.ID, w.cursor, st.Cursor)
	}
	w.cursor = st.Cursor
	return nil
}

// witnessesMidRun has every witness record and sync once more halfway
// through the arrival window, while the laptops load HQ.
func (r *runner) witnessesMidRun(ctx context.Context, ws []*witness, start time.Time) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		if !sleepCtx(ctx, r.opt.Window/2-time.Since(start)) {
			return
		}
		for _, w := range ws {
			if err := w.edit(); err != nil {
				r.failf("%v", err)
				continue
			}
			if err := r.witnessSync(ctx, w); err != nil {
				r.failf("mid-run: %v", err)
			}
		}
	}()
	return done
}

// finishWitnesses syncs every witness once the laptops are done and
// checks that its data equals what HQ holds for its scope.
func (r *runner) finishWitnesses(ctx context.Context, ws []*witness) {
	for _, w := range ws {
		if err := r.witnessSync(ctx, w); err != nil {
			r.failf("final: %v", err)
			continue
		}
		r.converged(ctx, w)
	}
}

func closeWitnesses(ws []*witness) {
	for _, w := range ws {
		w.s.Close()
		os.RemoveAll(w.dir)
	}
}
