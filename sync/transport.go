package sync

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	gosync "sync"
	"syscall"
	"time"

	"github.com/liaison-dev/liaison/store"
)

// Retry bounds the retries of transient failures (429, 503, other 5xx,
// timeouts, cut-off bodies): Attempts tries in all, with exponential
// backoff from Base up to Max and full jitter. When HQ cannot be reached at
// all (connection refused, no route to the host or network, name not
// found: no answer will come from waiting) Down tries end the request,
// with short delays from DownBase, so an officer without a network hears
// it within about two seconds.
type Retry struct {
	Attempts int
	Base     time.Duration
	Max      time.Duration
	// Down: tries in all while every failure is "unreachable" (0: 3).
	Down int
	// DownBase is the first delay between those tries, doubling (0: Base).
	DownBase time.Duration
}

// DefaultRetry is what a laptop uses: about half a minute of trying while
// HQ answers badly or slowly, about two seconds when it cannot be reached.
var DefaultRetry = Retry{Attempts: 6, Base: 250 * time.Millisecond, Max: 8 * time.Second, Down: 3, DownBase: 700 * time.Millisecond}

func (r Retry) orDefault() Retry {
	if r.Attempts <= 0 {
		return DefaultRetry
	}
	if r.Down <= 0 {
		r.Down = 3
	}
	if r.DownBase <= 0 {
		r.DownBase = r.Base
	}
	return r
}

func (r Retry) delay(attempt int, retryAfter time.Duration) time.Duration {
	d := r.Base << min(attempt, 20)
	if d > r.Max || d <= 0 {
		d = r.Max
	}
	d = time.Duration(rand.Int64N(int64(d) + 1))
	return min(max(d, retryAfter), r.Max)
}

// downDelay is the wait before the next try after attempt tries that could
// not reach HQ: DownBase doubling, half of it jittered.
func (r Retry) downDelay(attempt int) time.Duration {
	d := r.DownBase << min(attempt, 20)
	if d > r.Max || d <= 0 {
		d = r.Max
	}
	return d/2 + time.Duration(rand.Int64N(int64(d/2)+1))
}

// unreachable reports whether err says HQ cannot be reached at all (as
// opposed to a slow or failing HQ): retrying soon will not help.
func unreachable(err error) bool {
	for _, e := range []error{syscall.ECONNREFUSED, syscall.EHOSTUNREACH, syscall.ENETUNREACH,
		syscall.EHOSTDOWN, syscall.ENETDOWN, syscall.EADDRNOTAVAIL} {
		if errors.Is(err, e) {
			return true
		}
	}
	var dns *net.DNSError
	return errors.As(err, &dns) && !dns.IsTimeout
}

// conn is one HQ endpoint with its token.
type conn struct {
	hc    *http.Client
	url   string
	token string
	retry Retry
}

// gzipAbove: request bodies larger than this are gzip-encoded.
const gzipAbove = 64 << 10

// maxReply bounds what the client reads of one answer.
const maxReply = 256 << 20

// payload is a request body as sent: gzip-encoded when large.
type payload struct {
	data []byte
	gz   bool
}

// gzipWriters are reused: a new compressor allocates about a megabyte,
// which at one per request would keep the garbage collector busy.
var gzipWriters = gosync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed)
	return w
}}

// encode prepares a request body for sending.
func encode(body []byte) payload {
	if len(body) <= gzipAbove {
		return payload{data: body}
	}
	var b bytes.Buffer
	b.Grow(len(body) / 3)
	w := gzipWriters.Get().(*gzip.Writer)
	w.Reset(&b)
	_, _ = w.Write(body)
	_ = w.Close()
	gzipWriters.Put(w)
	return payload{data: b.Bytes(), gz: true}
}

// do sends one request, retrying transient failures, and decodes a 200
// answer into out. An error answer is returned as *HQError; running out of
// retries wraps ErrUnreachable.
func (c *conn) do(ctx context.Context, method, path string, body []byte, out any) error {
	return c.send(ctx, method, path, encode(body), out)
}

// send is do with a body already encoded.
func (c *conn) send(ctx context.Context, method, path string, body payload, out any) error {
	var last error
	down := 0   // consecutive tries that could not reach HQ
	unread := 0 // answers that could not be read
	for attempt := 0; attempt < c.retry.Attempts; attempt++ {
		if attempt > 0 {
			var wait time.Duration
			var hq *hqTransient
			switch {
			case down > 0:
				wait = c.retry.downDelay(down - 1)
			case errors.As(last, &hq):
				wait = c.retry.delay(attempt-1, hq.retryAfter)
			default:
				wait = c.retry.delay(attempt-1, 0)
			}
			t := time.NewTimer(wait)
			select {
			case <-ctx.Done():
				t.Stop()
				return ctx.Err()
			case <-t.C:
			}
		}
		err := c.once(ctx, method, path, body.data, body.gz, out)
		if err == nil {
			return nil
		}
		var hqErr *HQError
		if errors.As(err, &hqErr) || permanent(err) || ctx.Err() != nil {
			return err
		}
		last = err
		var bad *unreadableAnswer
		if errors.As(err, &bad) {
			// A whole answer that does not decode will not decode the
			// next time either: one more try (a proxy may have cut it),
			// then it is said as it is, not as "unreachable".
			if unread++; unread >= 2 {
				break
			}
		}
		if !unreachable(err) {
			down = 0
			continue
		}
		if down++; down >= c.retry.Down {
			break
		}
	}
	var bad *unreadableAnswer
	if errors.As(last, &bad) {
		return fmt.Errorf("%s %s: %w (%v)", method, path, ErrUnreadable, last)
	}
	return fmt.Errorf("%s %s: %w (%v)", method, path, ErrUnreachable, last)
}

// ErrUnreadable: HQ answered, but its answer could not be read (it is not
// the network: exit 4 is only for that). A page's single changes that do
// not decode are set aside instead (pullpage.go).
var ErrUnreadable = errors.New("HQ's answer could not be read; nothing was lost (HQ may run another version)")

// unreadableAnswer is a 200 answer that did not decode.
type unreadableAnswer struct{ err error }

func (e *unreadableAnswer) Error() string { return "decode answer: " + e.err.Error() }
func (e *unreadableAnswer) Unwrap() error { return e.err }

// hqTransient is an answer worth retrying (429, 5xx, and 408: HQ or a
// proxy gave up waiting for the body, which a retry sends again).
type hqTransient struct {
	status     int
	retryAfter time.Duration
}

func (e *hqTransient) Error() string { return "HQ answered " + strconv.Itoa(e.status) }

func (c *conn) once(ctx context.Context, method, path string, body []byte, gz bool, out any) error {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, strings.TrimRight(c.url, "/")+path, rd)
	if err != nil {
		return &HQError{Code: CodeBadRequest, Reason: err.Error()}
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
		if gz {
			req.Header.Set("Content-Encoding", "gzip")
		}
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxReply))
	if err != nil {
		return fmt.Errorf("read answer: %w", err) // cut-off body: retry
	}
	switch {
	case resp.StatusCode == http.StatusOK:
		var err error
		switch out := out.(type) {
		case *PushResponse:
			*out, err = decodePushResponse(data)
		case *ChangesResponse:
			*out, err = decodeChangesResponse(data)
		case *pulledPage:
			*out, err = decodePage(data)
		default:
			err = json.Unmarshal(data, out)
		}
		if err != nil {
			return &unreadableAnswer{err: errors.New(store.Abbrev(err.Error(), store.MaxReasonRunes))}
		}
		return nil
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusRequestTimeout || resp.StatusCode >= 500:
		t := &hqTransient{status: resp.StatusCode}
		if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil {
			t.retryAfter = time.Duration(s) * time.Second
		}
		return t
	}
	var e ErrorResponse
	if err := json.Unmarshal(data, &e); err != nil || e.Error == "" {
		if resp.StatusCode == http.StatusRequestEntityTooLarge {
			// A proxy before HQ refusing the body's size (nginx answers
			// in HTML): the laptop sends smaller bodies.
			return &HQError{Status: resp.StatusCode, Code: CodePayloadTooLarge, Reason: store.CutBytes(string(data), 200)}
		}
		return fmt.Errorf("HQ answered %d with %q", resp.StatusCode, store.CutBytes(string(data), 200)) // not HQ: retry
	}
	return &HQError{Status: resp.StatusCode, Code: e.Error, Reason: store.Abbrev(e.Reason, store.MaxReasonRunes), ServerTimeMS: e.ServerTimeMS}
}
