package sync

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"
)

// Fault is a failure injected around HQ's handler (tests, demos of
// resilience). Every fault of sync-protocol.md that happens at HQ's door
// is here; a restarted HQ and a replaced database are done by reopening
// the backend.
type Fault int

const (
	NoFault        Fault = iota
	Fault503             // answers 503 before doing anything
	Fault429             // answers 429 before doing anything
	FaultDropReply       // handles the request (commits), then closes the connection without a reply
	FaultHalfBody        // handles the request, then sends half of the reply and closes
	FaultTwice           // handles the request twice and replies with the second answer
	FaultLate            // handles the request, replies only after Faults.Delay (past the client's timeout)
	Fault408             // answers 408 before doing anything (HQ's or a proxy's body deadline)
)

// AllFaults lists every fault.
var AllFaults = []Fault{Fault503, Fault429, FaultDropReply, FaultHalfBody, FaultTwice, FaultLate, Fault408}

func (f Fault) String() string {
	return [...]string{"none", "503", "429", "drop-reply", "half-body", "twice", "late", "408"}[f]
}

// Faults wraps a handler and injects the fault Next picks for each request.
type Faults struct {
	Next  func(r *http.Request) Fault
	Delay time.Duration // for FaultLate
}

// Wrap returns h with faults injected.
func (f Faults) Wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fault := NoFault
		if f.Next != nil {
			fault = f.Next(r)
		}
		switch fault {
		case NoFault:
			h.ServeHTTP(w, r)
		case Fault503, Fault429, Fault408:
			code := map[Fault]int{Fault503: http.StatusServiceUnavailable, Fault429: http.StatusTooManyRequests,
				Fault408: http.StatusRequestTimeout}[fault]
			w.Header().Set("Retry-After", "0")
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(code)
			fmt.Fprintf(w, `{"error":%q,"reason":"injected","server_time_ms":%d}`,
				map[int]string{503: CodeUnavailable, 429: CodeTooManyRequests, 408: CodeBadRequest}[code], time.Now().UnixMilli())
		case FaultTwice:
			body, _ := io.ReadAll(r.Body)
			r.Body = io.NopCloser(bytes.NewReader(body))
			h.ServeHTTP(&recorder{header: http.Header{}}, r)
			r2 := r.Clone(r.Context())
			r2.Body = io.NopCloser(bytes.NewReader(body))
			h.ServeHTTP(w, r2)
		default:
			rec := &recorder{header: http.Header{}, code: http.StatusOK}
			h.ServeHTTP(rec, r)
			switch fault {
			case FaultLate:
				select {
				case <-time.After(f.Delay):
				case <-r.Context().Done():
				}
				rec.copyTo(w)
			case FaultDropReply:
				hijack(w, nil)
			case FaultHalfBody:
				hijack(w, rec)
			}
		}
	})
}

// hijack takes the connection and writes rec's head and half its body
// (nothing if rec is nil) before closing it.
func hijack(w http.ResponseWriter, rec *recorder) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic("sync.Faults needs an HTTP/1 server")
	}
	c, buf, err := hj.Hijack()
	if err != nil {
		return
	}
	defer c.Close()
	if rec != nil {
		writeHalf(buf, rec)
	}
}

func writeHalf(buf *bufio.ReadWriter, rec *recorder) {
	body := rec.body.Bytes()
	fmt.Fprintf(buf, "HTTP/1.1 %d %s\r\nContent-Type: application/json\r\nContent-Length: %s\r\nConnection: close\r\n\r\n",
		rec.code, http.StatusText(rec.code), strconv.Itoa(len(body)))
	_, _ = buf.Write(body[:len(body)/2])
	_ = buf.Flush()
}

// recorder keeps an answer in memory.
type recorder struct {
	header http.Header
	code   int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }
func (r *recorder) WriteHeader(code int) {
	r.code = code
}
func (r *recorder) Write(b []byte) (int, error) { return r.body.Write(b) }

func (r *recorder) copyTo(w http.ResponseWriter) {
	for k, v := range r.header {
		w.Header()[k] = v
	}
	w.WriteHeader(r.code)
	_, _ = w.Write(r.body.Bytes())
}
