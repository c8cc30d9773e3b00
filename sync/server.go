package sync

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	gosync "sync"
	"time"

	"github.com/liaison-dev/liaison/store"
)

// ServerOptions tune the handler. The zero value serves DefaultLimits on
// the wall clock.
type ServerOptions struct {
	Limits Limits
	// Now replaces the wall clock (tests).
	Now func() time.Time
}

type server struct {
	b      Backend
	limits Limits
	now    func() time.Time
}

// NewHandler returns HQ's HTTP handler: /v1/hello, /v1/push, /v1/changes.
// Every request is authenticated; every answer, errors included, carries
// server_time_ms.
func NewHandler(b Backend, opt ServerOptions) http.Handler {
	s := &server{b: b, limits: opt.Limits, now: opt.Now}
	if s.limits == (Limits{}) {
		s.limits = DefaultLimits
	}
	if s.now == nil {
		s.now = time.Now
	}
	return s
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var h func(http.ResponseWriter, *http.Request, store.Principal)
	switch {
	case r.URL.Path == "/v1/hello" && r.Method == http.MethodGet:
		h = s.hello
	case r.URL.Path == "/v1/push" && r.Method == http.MethodPost:
		h = s.push
	case r.URL.Path == "/v1/changes" && r.Method == http.MethodGet:
		h = s.changes
	default:
		s.fail(w, http.StatusNotFound, CodeNotFound, r.Method+" "+r.URL.Path+" is not part of protocol 1")
		return
	}
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || token == "" {
		s.fail(w, http.StatusUnauthorized, CodeUnauthorized, "missing bearer token")
		return
	}
	p, err := s.b.Authenticate(r.Context(), token)
	if err != nil {
		s.fail(w, http.StatusUnauthorized, CodeUnauthorized, "unknown or revoked token")
		return
	}
	h(w, r, p)
}

func (s *server) ms() int64 { return s.now().UnixMilli() }

func (s *server) reply(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		s.fail(w, http.StatusInternalServerError, CodeInternal, err.Error())
		return
	}
	s.write(w, status, b)
}

// write sends a JSON answer.
func (s *server) write(w http.ResponseWriter, status int, b []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

func (s *server) fail(w http.ResponseWriter, status int, code, reason string) {
	s.reply(w, status, ErrorResponse{Error: code, Reason: reason, ServerTimeMS: s.ms()})
}

func (s *server) hello(w http.ResponseWriter, r *http.Request, p store.Principal) {
	s.reply(w, http.StatusOK, HelloResponse{Protocol: Protocol, ServerTimeMS: s.ms(), Epoch: s.b.Epoch(),
		Officer: p.ID, Role: p.Role, Name: p.Name, Seq: s.b.Seq(r.Context()), Limits: s.limits})
}

// gzipReaders are reused between requests (a reader holds about 40 KB),
// and so are the buffers push bodies are read into (decodePush copies
// what it keeps).
var (
	gzipReaders gosync.Pool
	bodyBuffers = gosync.Pool{New: func() any { return new(bytes.Buffer) }}
)

// errTooLarge: the body or its decompressed form is above max_body_bytes.
var errTooLarge = errors.New("body too large")

// readBody reads at most max_body_bytes, decompressed included, so neither
// a huge body nor a gzip bomb can make HQ allocate more.
func (s *server) readBody(w http.ResponseWriter, r *http.Request, buf *bytes.Buffer) ([]byte, error) {
	max := s.limits.MaxBodyBytes
	if r.ContentLength > max {
		return nil, errTooLarge
	}
	var src io.Reader = http.MaxBytesReader(w, r.Body, max)
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
			return nil, s.bodyErr(err)
		}
		defer gzipReaders.Put(gz)
		src = gz
	default:
		return nil, fmt.Errorf("content encoding %q not supported", enc)
	}
	n, err := buf.ReadFrom(io.LimitReader(src, max+1))
	if err != nil {
		return nil, s.bodyErr(err)
	}
	if n > max {
		return nil, errTooLarge
	}
	return buf.Bytes(), nil
}

func (s *server) bodyErr(err error) error {
	var mb *http.MaxBytesError
	if errors.As(err, &mb) {
		return errTooLarge
	}
	return fmt.Errorf("read body: %w", err)
}

func (s *server) push(w http.ResponseWriter, r *http.Request, p store.Principal) {
	buf := bodyBuffers.Get().(*bytes.Buffer)
	buf.Reset()
	defer bodyBuffers.Put(buf)
	body, err := s.readBody(w, r, buf)
	if errors.Is(err, errTooLarge) {
		s.fail(w, http.StatusRequestEntityTooLarge, CodePayloadTooLarge,
			fmt.Sprintf("the body, decompressed, may be at most %d bytes", s.limits.MaxBodyBytes))
		return
	}
	if err != nil {
		s.fail(w, http.StatusBadRequest, CodeBadRequest, err.Error())
		return
	}
	req, err := decodePush(body)
	if err != nil {
		s.fail(w, http.StatusBadRequest, CodeBadRequest, "push body: "+err.Error())
		return
	}
	if req.Protocol != Protocol {
		s.fail(w, http.StatusBadRequest, CodeUnsupportedProtocol, fmt.Sprintf("protocol %d; this HQ speaks %d", req.Protocol, Protocol))
		return
	}
	if req.Epoch != "" && req.Epoch != s.b.Epoch() {
		s.fail(w, http.StatusGone, CodeResetRequired, "HQ's database was replaced: push pending ops, then pull from since=0")
		return
	}
	if len(req.Ops) > s.limits.MaxOpsPerPush {
		s.fail(w, http.StatusRequestEntityTooLarge, CodePayloadTooLarge,
			fmt.Sprintf("%d ops; at most %d per push", len(req.Ops), s.limits.MaxOpsPerPush))
		return
	}
	limit := s.ms() + s.limits.MaxFutureMS
	for _, op := range req.Ops {
		if wall, _, _, err := store.ParseStamp(op.Stamp); err == nil && wall > limit {
			s.fail(w, http.StatusBadRequest, CodeClockAhead,
				fmt.Sprintf("op %s is stamped %d ms ahead of HQ's clock (at most %d)", op.OpID, wall-s.ms(), s.limits.MaxFutureMS))
			return
		}
	}
	results, err := s.b.Push(r.Context(), p, req.Ops)
	if err != nil {
		s.fail(w, http.StatusInternalServerError, CodeInternal, err.Error())
		return
	}
	resp := PushResponse{Results: results, ServerTimeMS: s.ms()}
	b, err := resp.appendJSON(make([]byte, 0, 96*len(results)+64))
	if err != nil {
		s.fail(w, http.StatusInternalServerError, CodeInternal, err.Error())
		return
	}
	s.write(w, http.StatusOK, b)
}

func (s *server) changes(w http.ResponseWriter, r *http.Request, p store.Principal) {
	q := r.URL.Query()
	if e := q.Get("epoch"); e != "" && e != s.b.Epoch() {
		s.fail(w, http.StatusGone, CodeResetRequired, "HQ's database was replaced: pull from since=0")
		return
	}
	since, err := strconv.ParseUint(q.Get("since"), 10, 64)
	if err != nil && q.Get("since") != "" {
		s.fail(w, http.StatusBadRequest, CodeBadRequest, "since must be a seq")
		return
	}
	limit := s.limits.MaxPage
	if l := q.Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n <= 0 {
			s.fail(w, http.StatusBadRequest, CodeBadRequest, "limit must be a positive number")
			return
		}
		limit = min(n, limit)
	}
	skip, err := parseSkip(q.Get("skip"))
	if err != nil {
		s.fail(w, http.StatusBadRequest, CodeBadRequest, err.Error())
		return
	}
	page, err := s.b.Changes(r.Context(), p, since, limit, skip)
	if err != nil {
		s.fail(w, http.StatusInternalServerError, CodeInternal, err.Error())
		return
	}
	resp := ChangesResponse{Changes: page.Changes, Count: len(page.Changes), Next: page.Next,
		HasMore: page.HasMore, ServerTimeMS: s.ms()}
	b, err := resp.appendJSON(make([]byte, 0, 256*len(page.Changes)+96))
	if err != nil {
		s.fail(w, http.StatusInternalServerError, CodeInternal, err.Error())
		return
	}
	s.write(w, http.StatusOK, b)
}
