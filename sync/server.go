package sync

import (
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/liaison-dev/liaison/store"
)

// ServerOptions tune the handler. The zero value serves DefaultLimits on
// the wall clock.
type ServerOptions struct {
	Limits Limits
	// Now replaces the wall clock (tests).
	Now func() time.Time
	// MaxDecodeBytes bounds the bytes of push bodies read and decoded at
	// once, all pushes together (0: DefaultMaxDecodeBytes, at least one
	// max_body_bytes). A push beyond it waits up to QueueWait, then is
	// answered 429 with Retry-After.
	MaxDecodeBytes int64
	// QueueWait is how long a push waits for room (0: 2 s; negative: not
	// at all).
	QueueWait time.Duration
	// IdleTrim: after a burst of large bodies, memory goes back to the
	// system once no body has been held for this long (0: 5 s; negative:
	// never).
	IdleTrim time.Duration
	// MaxPushesPerOfficer bounds the pushes of one officer that hold or
	// wait for room in the decode budget at once (0: 2; negative: no
	// bound). One more is answered 429 with Retry-After at once, and only
	// that officer waits: one token cannot fill the budget for everyone.
	MaxPushesPerOfficer int
	// BodyTimeout is how long a push's body may take to arrive once it has
	// its room (0: DefaultBodyTimeout; negative: only the server's own
	// timeouts). A slower body is answered 408 and its room given back.
	BodyTimeout time.Duration
	// Logf logs what the handler cannot answer normally, a panic (nil:
	// the standard logger).
	Logf func(format string, args ...any)
}

// DefaultMaxDecodeBytes lets six bodies of the default max_body_bytes
// (4 MiB) be read at once: pushes on two cores are applied one at a
// time anyway, and a hundred at once then hold HQ under 128 MB
// (docs/performance.md).
const DefaultMaxDecodeBytes = 24 << 20

// DefaultBodyTimeout: a default-size body (4 MiB decompressed, about
// 1 MiB of gzip on the wire) arrives in 20 s at 400 kbit/s.
const DefaultBodyTimeout = 20 * time.Second

// DefaultMaxPushesPerOfficer: a laptop pushes one batch at a time; two
// leave room for an officer's second laptop.
const DefaultMaxPushesPerOfficer = 2

type server struct {
	b      Backend
	limits Limits
	now    func() time.Time
	budget *budget
	wait   time.Duration
	logf   func(format string, args ...any)

	slots       officerSlots
	bodyTimeout time.Duration
}

// NewHandler returns HQ's HTTP handler: /v1/hello, /v1/push, /v1/changes.
// Every request is authenticated; every answer, errors included, carries
// server_time_ms.
func NewHandler(b Backend, opt ServerOptions) http.Handler {
	s := &server{b: b, limits: opt.Limits, now: opt.Now, wait: opt.QueueWait, logf: opt.Logf}
	if s.limits == (Limits{}) {
		s.limits = DefaultLimits
	}
	s.limits = s.limits.opLimits()
	if s.now == nil {
		s.now = time.Now
	}
	if s.wait == 0 {
		s.wait = 2 * time.Second
	}
	if s.logf == nil {
		s.logf = log.Printf
	}
	s.slots.max = opt.MaxPushesPerOfficer
	if s.slots.max == 0 {
		s.slots.max = DefaultMaxPushesPerOfficer
	}
	s.bodyTimeout = opt.BodyTimeout
	if s.bodyTimeout == 0 {
		s.bodyTimeout = DefaultBodyTimeout
	}
	capBytes := opt.MaxDecodeBytes
	if capBytes <= 0 {
		capBytes = DefaultMaxDecodeBytes
	}
	trim := opt.IdleTrim
	if trim == 0 {
		trim = 5 * time.Second
	}
	s.budget = newBudget(max(capBytes, s.limits.MaxBodyBytes+1), trim)
	return s
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// A safety net: a bug must not leave the client with an empty reply
	// (or take HQ down); it is answered 500 and logged with its stack.
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.logf("liaison-hq: %s %s: panic: %v\n%s", r.Method, r.URL.Path, v, debug.Stack())
			s.fail(w, http.StatusInternalServerError, CodeInternal, "HQ failed on this request (logged); nothing of it was applied unless its answer says so")
		}
	}()
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
	switch {
	case errors.Is(err, store.ErrUnauthorized):
		s.fail(w, http.StatusUnauthorized, CodeUnauthorized, "unknown or revoked token")
		return
	case err != nil:
		// HQ could not read the token's officer (its storage failed or
		// is unreachable): a 401 would stop the laptop and ask for a new
		// login (sync-protocol.md); a 503 is retried.
		s.logf("liaison-hq: %s %s: checking the token: %v", r.Method, r.URL.Path, err)
		s.fail(w, http.StatusServiceUnavailable, CodeUnavailable, "HQ could not check the token just now: try again")
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

func (s *server) push(w http.ResponseWriter, r *http.Request, p store.Principal) {
	if r.ContentLength > s.limits.MaxBodyBytes {
		s.tooLarge(w)
		return
	}
	if !s.slots.enter(p.ID) {
		s.officerBusy(w)
		return
	}
	defer s.slots.leave(p.ID)
	res, ok := s.reserve(r)
	if !ok {
		s.busy(w)
		return
	}
	defer res.release()
	lift := s.setBodyDeadline(w)
	body, err := s.readBody(w, r, takeBodyBuffer(res), res) // bodypool.go
	lift()
	defer func() { putBodyBuffer(body) }()
	switch {
	case errors.Is(err, errTooLarge):
		s.tooLarge(w)
		return
	case errors.Is(err, errBusy):
		s.busy(w)
		return
	case errors.Is(err, errSlow):
		s.slow(w)
		return
	case err != nil:
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
				fmt.Sprintf("op %s is stamped %d ms ahead of HQ's clock (at most %d)", store.CutBytes(op.OpID, 64), wall-s.ms(), s.limits.MaxFutureMS))
			return
		}
	}
	results, err := s.pushOps(r, p, req.Ops)
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

func (s *server) tooLarge(w http.ResponseWriter) {
	s.fail(w, http.StatusRequestEntityTooLarge, CodePayloadTooLarge,
		fmt.Sprintf("the body, decompressed, may be at most %d bytes", s.limits.MaxBodyBytes))
}

// pushOps hands ops to the backend. An HQ whose op limits are tighter
// than store's refuses the ops beyond them here (bad_op, not logged, as
// the backend refuses ops that are not well-formed) and pushes the rest.
func (s *server) pushOps(r *http.Request, p store.Principal, ops []store.Op) ([]store.Result, error) {
	if !s.limits.tightened() {
		return s.b.Push(r.Context(), p, ops)
	}
	bounds := s.limits.bounds()
	results := make([]store.Result, len(ops))
	refused := make([]bool, len(ops))
	var pass []store.Op
	for i, op := range ops {
		if e := store.CheckOpBounds(op, bounds); e != nil {
			results[i] = store.Result{OpID: op.OpID, Status: store.StatusRejected, Error: e, Leaves: &[]store.Leaf{}}
			refused[i] = true
			continue
		}
		pass = append(pass, op)
	}
	rs, err := s.b.Push(r.Context(), p, pass)
	if err != nil {
		return nil, err
	}
	if len(rs) != len(pass) {
		return nil, fmt.Errorf("the backend answered %d results for %d ops", len(rs), len(pass))
	}
	j := 0
	for i := range results {
		if !refused[i] {
			results[i] = rs[j]
			j++
		}
	}
	return results, nil
}

// shorten cuts s to about n bytes for a message.

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
