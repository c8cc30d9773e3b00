package sync

import (
	"context"
	"errors"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// downSwitch makes a laptop's HQ unreachable (connection refused, as for
// a stopped HQ) while down is set; each refused dial is counted.
type downSwitch struct {
	down    atomic.Bool
	refused atomic.Int32
}

func (d *downSwitch) client() *http.Client {
	var dialer net.Dialer
	return &http.Client{Timeout: laptopTimeout, Transport: &http.Transport{
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			if d.down.Load() {
				d.refused.Add(1)
				return nil, &net.OpError{Op: "dial", Net: network, Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}
			}
			return dialer.DialContext(ctx, network, addr)
		}}}
}

// fakeWait is SyncWait's clock: sleeping moves it on at once.
type fakeWait struct {
	rng    *rand.Rand
	now    time.Time
	slept  []time.Duration
	onWake func(n int) // after the n-th sleep (1-based)
}

func (f *fakeWait) opts(wait time.Duration) WaitOptions {
	return WaitOptions{Wait: wait, Now: func() time.Time { return f.now }, Jitter: f.rng.Float64,
		Sleep: func(ctx context.Context, d time.Duration) error {
			f.now = f.now.Add(d)
			f.slept = append(f.slept, d)
			if f.onWake != nil {
				f.onWake(len(f.slept))
			}
			return nil
		}}
}

// HQ down for two attempts, then up: SyncWait keeps trying and the visits
// reach HQ, each op exactly once in its log.
func TestSyncWaitUntilHQAnswers(t *testing.T) {
	hq := newTestHQ(t, false)
	ents := hq.enterprises(2)
	hq.officer("wang", "liaison", nil)
	l := hq.laptop("wang", 0)
	var sw downSwitch
	l.c.HTTP = sw.client()
	for i := range 3 {
		l.visit(ents[i%2].ID, "走访")
	}
	want := l.pending()
	sw.down.Store(true)
	f := &fakeWait{now: time.Unix(1_800_000_000, 0), rng: seeded(t)}
	f.onWake = func(n int) {
		if n == 2 {
			sw.down.Store(false) // HQ is back
		}
	}
	var heard int
	o := f.opts(30 * time.Second)
	o.Retrying = func(err error, next time.Duration) {
		heard++
		if !errors.Is(err, ErrUnreachable) || next <= 0 {
			t.Errorf("retrying after %v in %v", err, next)
		}
	}
	sum, err := l.c.SyncWait(context.Background(), o)
	if err != nil {
		t.Fatalf("SyncWait: %v (slept %v)", err, f.slept)
	}
	if sum.Pushed != want || l.pending() != 0 || heard != 2 || sw.refused.Load() == 0 {
		t.Fatalf("pushed %d of %d, %d pending, heard %d retries, %d refused dials", sum.Pushed, want, l.pending(), heard, sw.refused.Load())
	}
	for id, n := range logCounts(t, hq.cur()) {
		if n != 1 {
			t.Errorf("op %s is %d times in HQ's log", id, n)
		}
	}
}

// HQ down throughout: SyncWait gives up with ErrUnreachable once the wait
// is over, having waited all of it in growing, jittered steps, none past
// the deadline.
func TestSyncWaitGivesUp(t *testing.T) {
	hq := newTestHQ(t, false)
	hq.officer("wang", "liaison", nil)
	l := hq.laptop("wang", 0)
	var sw downSwitch
	l.c.HTTP = sw.client()
	sw.down.Store(true)
	f := &fakeWait{now: time.Unix(1_800_000_000, 0), rng: seeded(t)}
	start := f.now
	_, err := l.c.SyncWait(context.Background(), f.opts(30*time.Second))
	if !errors.Is(err, ErrUnreachable) {
		t.Fatalf("err = %v, want ErrUnreachable", err)
	}
	if got := f.now.Sub(start); got != 30*time.Second {
		t.Fatalf("waited %v in all (%v), want 30s", got, f.slept)
	}
	for i, d := range f.slept[:len(f.slept)-1] { // the last is cut at the deadline
		full := min(waitBase<<i, waitMax)
		if d < full/2 || d > full {
			t.Errorf("wait %d is %v, want %v to %v", i, d, full/2, full)
		}
	}
	if len(f.slept) < 4 {
		t.Errorf("only %d retries in 30 s: %v", len(f.slept), f.slept)
	}
	// A zero wait is one sync, as Sync.
	f = &fakeWait{now: start, rng: seeded(t)}
	if _, err := l.c.SyncWait(context.Background(), f.opts(0)); !errors.Is(err, ErrUnreachable) || len(f.slept) != 0 {
		t.Fatalf("no wait: %v after %v", err, f.slept)
	}
}

// seeded is the jitter's source, its seed logged.
func seeded(t *testing.T) *rand.Rand {
	seed := uint64(time.Now().UnixNano())
	t.Logf("jitter seed %d", seed)
	return rand.New(rand.NewPCG(seed, 0))
}

func TestWaitDelayGrowsAndIsCapped(t *testing.T) {
	prev := time.Duration(0)
	for try := range 40 {
		lo, hi := WaitDelay(try, 0), WaitDelay(try, 0.999999)
		if lo < prev/2 || hi > waitMax || lo > hi || lo <= 0 {
			t.Fatalf("try %d: %v to %v", try, lo, hi)
		}
		prev = hi
	}
	if WaitDelay(40, 0) != waitMax/2 {
		t.Fatalf("cap: %v", WaitDelay(40, 0))
	}
}
