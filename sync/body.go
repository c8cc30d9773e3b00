package sync

import (
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	gosync "sync"
	"time"
)

// gzipReaders are reused between requests (a reader holds about 40 KB),
// and so are the buffers push bodies are read into (decodePush copies
// what it keeps), but only small ones: a pool that kept every 4 MiB
// buffer a burst of pushes made would keep that memory for good.
var (
	gzipReaders gosync.Pool
	bodyBuffers gosync.Pool // *[]byte, cap at most maxPooledBuffer
)

const (
	maxPooledBuffer = 256 << 10
	// minReserve is what a push reserves before it reads: a pooled
	// buffer's size.
	minReserve = maxPooledBuffer
)

// errTooLarge: the body or its decompressed form is above max_body_bytes.
// errBusy: HQ holds as many bodies as it reads at once.
var (
	errTooLarge = errors.New("body too large")
	errBusy     = errors.New("HQ is reading as many pushes as it takes at once")
)

// reservation is the part of the decode budget one push holds.
type reservation struct {
	b    *budget
	held int64
}

func (v *reservation) growTo(n int64) bool {
	if n <= v.held {
		return true
	}
	if !v.b.tryGrow(n - v.held) {
		return false
	}
	v.held = n
	return true
}

func (v *reservation) release() {
	if v.held > 0 {
		v.b.release(v.held)
		v.held = 0
	}
}

// reserve takes room in the decode budget for a push's body before it is
// read: its length if it is sent as it is, otherwise a guess that grows
// while it is read.
func (s *server) reserve(r *http.Request) (*reservation, bool) {
	limit := s.limits.MaxBodyBytes
	n := int64(minReserve)
	if enc := r.Header.Get("Content-Encoding"); r.ContentLength > 0 && (enc == "" || enc == "identity") {
		n = r.ContentLength + 1
	} else if r.ContentLength > 0 {
		n = r.ContentLength * 8 // gzip from a laptop shrinks JSON about 4 times
	}
	n = min(max(n, minReserve), limit+1)
	if !s.budget.acquire(r.Context(), n, s.wait) {
		return nil, false
	}
	return &reservation{b: s.budget, held: n}, true
}

// readBody reads at most max_body_bytes, decompressed included, so neither
// a huge body nor a gzip bomb can make HQ allocate more; and only as much
// as res can grow to.
func (s *server) readBody(w http.ResponseWriter, r *http.Request, buf []byte, res *reservation) ([]byte, error) {
	limit := s.limits.MaxBodyBytes
	if r.ContentLength > limit {
		return buf, errTooLarge
	}
	var src io.Reader = http.MaxBytesReader(w, r.Body, limit)
	switch enc := r.Header.Get("Content-Encoding"); enc {
	case "", "identity":
	case "gzip":
		gz, _ := gzipReaders.Get().(*gzip.Reader)
		var err error
		if gz == nil {
			gz, err = gzip.NewReader(src)
		} else {
			err = gz.Reset(src)
		}
		if err != nil {
			return buf, s.bodyErr(err)
		}
		defer gzipReaders.Put(gz)
		src = gz
	default:
		return buf, fmt.Errorf("content encoding %q not supported", enc)
	}
	for {
		if len(buf) == cap(buf) {
			if int64(len(buf)) > limit {
				return buf, errTooLarge
			}
			n := min(limit+1, max(int64(2*cap(buf)), 32<<10))
			if !res.growTo(n) {
				return buf, errBusy
			}
			buf = append(make([]byte, 0, n), buf...)
		}
		k, err := src.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+k]
		if int64(len(buf)) > limit {
			return buf, errTooLarge
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, s.bodyErr(err)
		}
	}
}

func (s *server) bodyErr(err error) error {
	var mb *http.MaxBytesError
	if errors.As(err, &mb) {
		return errTooLarge
	}
	if errors.Is(err, os.ErrDeadlineExceeded) {
		return errSlow
	}
	return fmt.Errorf("read body: %w", err)
}

// busy answers 429: HQ reads as many bodies as it takes at once.
func (s *server) busy(w http.ResponseWriter) {
	w.Header().Set("Retry-After", "1")
	s.fail(w, http.StatusTooManyRequests, CodeTooManyRequests, "HQ is reading as many pushes as it takes at once; try again shortly")
}

// errSlow: the body did not arrive within the read deadline.
var errSlow = errors.New("body read deadline passed")

// officerSlots counts, per officer, the pushes that hold or wait for room
// in the decode budget, so that one officer (one token) cannot take the
// whole budget with bodies it sends slowly and lock everyone else out.
type officerSlots struct {
	mu  gosync.Mutex
	max int // <= 0: no limit
	n   map[string]int
}

// enter takes a slot for officer, or reports that they hold max already.
func (o *officerSlots) enter(officer string) bool {
	if o.max <= 0 {
		return true
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.n[officer] >= o.max {
		return false
	}
	if o.n == nil {
		o.n = map[string]int{}
	}
	o.n[officer]++
	return true
}

func (o *officerSlots) leave(officer string) {
	if o.max <= 0 {
		return
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.n[officer]--; o.n[officer] <= 0 {
		delete(o.n, officer)
	}
}

// held is how many slots officer holds (tests).
func (o *officerSlots) held(officer string) int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.n[officer]
}

// officerBusy answers 429 to an officer who already has as many pushes
// being read as one officer may: only that officer waits.
func (s *server) officerBusy(w http.ResponseWriter) {
	w.Header().Set("Retry-After", "2")
	s.fail(w, http.StatusTooManyRequests, CodeTooManyRequests,
		fmt.Sprintf("this officer already has %d pushes being read at HQ; try again once they are done", s.slots.max))
}

// setBodyDeadline bounds the time a push's body may take to arrive, so a
// body sent slowly (or not at all) fails and gives its room in the budget
// back. It returns the function that lifts the deadline once the body is
// read: the push may then take as long as applying it takes (a deadline
// left on the connection would cancel the request when it passes). A
// ResponseWriter that cannot set deadlines is served without.
func (s *server) setBodyDeadline(w http.ResponseWriter) (lift func()) {
	if s.bodyTimeout <= 0 {
		return func() {}
	}
	rc := http.NewResponseController(w)
	if err := rc.SetReadDeadline(time.Now().Add(s.bodyTimeout)); err != nil {
		return func() {}
	}
	return func() { _ = rc.SetReadDeadline(time.Time{}) }
}

// slow answers 408: the body did not arrive in time.
func (s *server) slow(w http.ResponseWriter) {
	w.Header().Set("Connection", "close")
	s.fail(w, http.StatusRequestTimeout, CodeBadRequest,
		fmt.Sprintf("the push body did not arrive within %s (slow link?); send it again, or in smaller batches", s.bodyTimeout))
}
