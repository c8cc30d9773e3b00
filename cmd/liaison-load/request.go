package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/liaison-dev/liaison/sync"
)

// caller sends the simulated laptops' requests: to one of the HQ base URLs
// per attempt (round robin or random, so a retry after an instance died
// goes to another), at most inflight at once, retrying what the protocol
// says to retry (429 honouring Retry-After, 408, 5xx, no answer) with
// exponential backoff and full jitter, and giving up after attempts tries.
type caller struct {
	hc       *http.Client
	urls     []string
	random   bool
	next     atomic.Uint64
	downTill []atomic.Int64 // per URL: unix ns until which it is skipped (refused a connection)
	slots    chan struct{}
	attempts int
	base     time.Duration
	maxWait  time.Duration
	st       *stats
}

// errGaveUp: the last attempt failed too; the laptop tries its sync again
// later.
var errGaveUp = errors.New("gave up after the last attempt")

// refusedError is an error answer the protocol does not retry.
type refusedError struct {
	status int
	body   sync.ErrorResponse
}

func (e *refusedError) Error() string {
	return fmt.Sprintf("HQ answered %d %s: %s", e.status, e.body.Error, e.body.Reason)
}

// pick chooses the instance for one attempt, skipping for 5 s one that
// refused a connection (a load balancer's passive health check), unless
// every one did.
func (c *caller) pick(rng *rand.Rand) int {
	now := time.Now().UnixNano()
	first := -1
	for range c.urls {
		var i int
		if c.random {
			i = rng.IntN(len(c.urls))
		} else {
			i = int((c.next.Add(1) - 1) % uint64(len(c.urls)))
		}
		if first < 0 {
			first = i
		}
		if c.downTill == nil || c.downTill[i].Load() < now {
			return i
		}
	}
	return first
}

func (c *caller) markDown(i int, err error) {
	if c.downTill != nil && errors.Is(err, syscall.ECONNREFUSED) {
		c.downTill[i].Store(time.Now().Add(5 * time.Second).UnixNano())
	}
}

// call sends one request until it is answered 200 and decodes the answer
// with decode; kind names the latency series ("hello", "push", "pull").
func (c *caller) call(ctx context.Context, rng *rand.Rand, kind, method, path, token string, body []byte, decode func([]byte) error) error {
	for attempt := 0; ; attempt++ {
		retryAfter, err := c.once(ctx, rng, kind, method, path, token, body, decode)
		if err == nil {
			return nil
		}
		var refused *refusedError
		if errors.As(err, &refused) || ctx.Err() != nil {
			return err
		}
		if attempt+1 >= c.attempts {
			c.st.giveUps.Add(1)
			return fmt.Errorf("%s %s: %w (%v)", method, path, errGaveUp, err)
		}
		d := c.base << min(attempt, 16)
		if d > c.maxWait || d <= 0 {
			d = c.maxWait
		}
		d = time.Duration(rng.Int64N(int64(d) + 1))
		d = max(d, retryAfter+time.Duration(rng.Int64N(int64(retryAfter)/2+1))) // Retry-After, jittered up
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
}

// retryable is an answer or a failure worth another attempt.
type retryable struct{ why string }

func (e *retryable) Error() string { return e.why }

// once is one attempt, holding an in-flight slot while it is out. It
// returns the Retry-After HQ asked for with a retryable error.
func (c *caller) once(ctx context.Context, rng *rand.Rand, kind, method, path, token string, body []byte, decode func([]byte) error) (time.Duration, error) {
	select {
	case c.slots <- struct{}{}:
	case <-ctx.Done():
		return 0, ctx.Err()
	}
	defer func() { <-c.slots }()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	target := c.pick(rng)
	req, err := http.NewRequestWithContext(ctx, method, strings.TrimRight(c.urls[target], "/")+path, rd)
	if err != nil {
		return 0, &refusedError{body: sync.ErrorResponse{Error: sync.CodeBadRequest, Reason: err.Error()}}
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	c.st.requests.Add(1)
	t0 := time.Now()
	resp, err := c.hc.Do(req)
	if err != nil {
		c.st.network.Add(1)
		c.markDown(target, err)
		return 0, &retryable{"no answer: " + err.Error()}
	}
	data, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		c.st.network.Add(1) // a cut-off body
		return 0, &retryable{"answer cut off: " + err.Error()}
	}
	switch s := resp.StatusCode; {
	case s == http.StatusOK:
		if err := decode(data); err != nil {
			// Not HQ's answer, or a cut one that still said 200.
			c.st.network.Add(1)
			return 0, &retryable{"unreadable answer: " + err.Error()}
		}
		c.st.add(kind, time.Since(t0))
		return 0, nil
	case s == http.StatusTooManyRequests, s == http.StatusRequestTimeout, s >= 500:
		switch {
		case s == http.StatusTooManyRequests:
			c.st.tooMany.Add(1)
		case s == http.StatusRequestTimeout:
			c.st.timeout408.Add(1)
		default:
			c.st.serverErr.Add(1)
		}
		var after time.Duration
		if n, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && n > 0 {
			after = time.Duration(n) * time.Second
		}
		return after, &retryable{"HQ answered " + strconv.Itoa(s)}
	}
	c.st.refused.Add(1)
	e := &refusedError{status: resp.StatusCode}
	if json.Unmarshal(data, &e.body) != nil {
		e.body.Reason = string(data[:min(len(data), 200)])
	}
	return 0, e
}
