package sync

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"
)

// WaitOptions say how long SyncWait keeps trying and how it waits.
type WaitOptions struct {
	// Wait is how long to keep trying while HQ cannot be reached; 0: one
	// sync, as Sync.
	Wait time.Duration
	// Now and Sleep are the clock (tests); nil: the real ones.
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
	// Jitter gives values in [0, 1) for the waits (tests); nil: math/rand.
	Jitter func() float64
	// Retrying, if set, hears each failed attempt and the wait before the
	// next (the CLI prints it, so a cron log shows what happened).
	Retrying func(err error, next time.Duration)
}

// Waits between attempts of SyncWait: from waitBase, doubling, at most
// waitMax, half of each jittered.
const (
	waitBase = time.Second
	waitMax  = 15 * time.Second
)

// SyncWait runs Sync until HQ answers or Wait has passed: an attempt that
// ends in ErrUnreachable is tried again after a growing, jittered wait,
// never past the deadline, with one last attempt at it. Any other outcome
// (success, conflicts, a refused token, an untrusted certificate) ends at
// once. Once HQ answers, the sync runs to its end even past the deadline:
// time is only spent waiting for HQ, never cut out of a sync that has
// started. Ops carry their ids across attempts, so a retry never doubles
// an op at HQ.
func (c *Client) SyncWait(ctx context.Context, o WaitOptions) (Summary, error) {
	now, sleep := o.Now, o.Sleep
	if now == nil {
		now = time.Now
	}
	if sleep == nil {
		sleep = sleepCtx
	}
	jitter := o.Jitter
	if jitter == nil {
		jitter = rand.Float64
	}
	deadline := now().Add(o.Wait)
	for try := 0; ; try++ {
		sum, err := c.Sync(ctx)
		if !errors.Is(err, ErrUnreachable) {
			return sum, err
		}
		left := deadline.Sub(now())
		if left <= 0 || ctx.Err() != nil {
			return sum, err
		}
		d := min(WaitDelay(try, jitter()), left)
		if o.Retrying != nil {
			o.Retrying(err, d)
		}
		if serr := sleep(ctx, d); serr != nil {
			return sum, err
		}
	}
}

// WaitDelay is the wait after attempt try (0 for the first) of SyncWait,
// for a jitter value r in [0, 1): waitBase doubling up to waitMax, the
// second half of it scaled by r.
func WaitDelay(try int, r float64) time.Duration {
	d := waitBase << min(try, 10)
	if d > waitMax || d <= 0 {
		d = waitMax
	}
	return d/2 + time.Duration(float64(d/2)*r)
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
