package sync

import (
	"errors"
	"fmt"

	"github.com/liaison-dev/liaison/store"
)

// Protocol is the version of the wire contract this package speaks.
const Protocol = 1

// Limits are HQ's bounds, announced by hello. The last five (additions)
// are the limits of a well-formed op (store.CheckOp): an HQ may announce
// tighter ones and refuses an op beyond them with bad_op; a client keeps
// to them, and to store's own when HQ announces none.
type Limits struct {
	MaxOpsPerPush int   `json:"max_ops_per_push"`
	MaxBodyBytes  int64 `json:"max_body_bytes"`
	MaxPage       int   `json:"max_page"`
	MaxFutureMS   int64 `json:"max_future_ms"`
	MaxValueBytes int   `json:"max_value_bytes,omitempty"` // an op's value (and from), as JSON
	MaxDepth      int   `json:"max_depth,omitempty"`       // nesting of arrays and objects in a value
	MaxIDBytes    int   `json:"max_id_bytes,omitempty"`    // op_id, id, a stamp's device, ids a value names
	MaxFieldBytes int   `json:"max_field_bytes,omitempty"` // a field name
	MaxResolves   int   `json:"max_resolves,omitempty"`    // stamps in an op's resolves
}

// DefaultLimits are the reference HQ's limits. A page of 5,000 changes
// (about 1 MB) makes a first sync a few dozen requests and transactions.
// A push of 2,000 ops (about 500 KB of JSON, 120 KB gzipped) makes a
// quarter of the round trips and commits of the protocol's example
// value, 500: on a mobile link each round trip costs a tenth of a second
// or more, and each commit costs HQ about as much CPU as merging 200 ops
// (store.BenchmarkHQPushOfficer1000 against batches of 250 and 2,000:
// 7.5, 4.9 and 4.5 ms per 1,000 ops; docs/performance.md).
var DefaultLimits = Limits{MaxOpsPerPush: 2000, MaxBodyBytes: 4 << 20, MaxPage: 5000, MaxFutureMS: 86_400_000,
	MaxValueBytes: store.MaxValueBytes, MaxDepth: store.MaxDepth, MaxIDBytes: store.MaxIDBytes,
	MaxFieldBytes: store.MaxFieldBytes, MaxResolves: store.MaxResolves}

// opLimits fills the op limits HQ leaves at zero with store's, and holds
// the rest to store's (a looser limit would let through values that
// break laptops).
func (l Limits) opLimits() Limits {
	l.MaxValueBytes = tighter(l.MaxValueBytes, store.MaxValueBytes)
	l.MaxDepth = tighter(l.MaxDepth, store.MaxDepth)
	l.MaxIDBytes = tighter(l.MaxIDBytes, store.MaxIDBytes)
	l.MaxFieldBytes = tighter(l.MaxFieldBytes, store.MaxFieldBytes)
	l.MaxResolves = tighter(l.MaxResolves, store.MaxResolves)
	return l
}

func tighter(n, max int) int {
	if n <= 0 || n > max {
		return max
	}
	return n
}

// bounds are the op limits as store.CheckOpBounds takes them.
func (l Limits) bounds() store.Bounds {
	return store.Bounds{IDBytes: l.MaxIDBytes, FieldBytes: l.MaxFieldBytes, ValueBytes: l.MaxValueBytes,
		Depth: l.MaxDepth, Resolves: l.MaxResolves}
}

// tightened reports whether l holds ops to tighter limits than store's.
func (l Limits) tightened() bool {
	return l.bounds() != store.DefaultBounds
}

// HelloResponse answers GET /v1/hello. Name and Seq are additions to the
// contract (the officer's display name, HQ's last seq for progress).
type HelloResponse struct {
	Protocol     int    `json:"protocol"`
	ServerTimeMS int64  `json:"server_time_ms"`
	Epoch        string `json:"epoch"`
	Officer      string `json:"officer"`
	Role         string `json:"role"`
	Name         string `json:"name,omitempty"`
	Seq          uint64 `json:"seq"`
	Limits       Limits `json:"limits"`
}

// PushRequest is the body of POST /v1/push.
type PushRequest struct {
	Protocol int        `json:"protocol"`
	Epoch    string     `json:"epoch"`
	DeviceID string     `json:"device_id"`
	Ops      []store.Op `json:"ops"`
}

// PushResponse answers a push: one result per op, in order.
type PushResponse struct {
	Results      []store.Result `json:"results"`
	ServerTimeMS int64          `json:"server_time_ms"`
}

// ChangesResponse answers GET /v1/changes.
type ChangesResponse struct {
	Changes      []store.Change `json:"changes"`
	Count        int            `json:"count"`
	Next         uint64         `json:"next"`
	HasMore      bool           `json:"has_more"`
	ServerTimeMS int64          `json:"server_time_ms"`
}

// ErrorResponse is the shape of every error HQ returns.
type ErrorResponse struct {
	Error        string `json:"error"`
	Reason       string `json:"reason"`
	ServerTimeMS int64  `json:"server_time_ms"`
}

// Error codes of sync-protocol.md.
const (
	CodeBadRequest          = "bad_request"
	CodeClockAhead          = "clock_ahead"
	CodeUnsupportedProtocol = "unsupported_protocol"
	CodeUnauthorized        = "unauthorized"
	CodeForbidden           = "forbidden"
	CodeResetRequired       = "reset_required"
	CodePayloadTooLarge     = "payload_too_large"
	CodeNotFound            = "not_found"
	CodeInternal            = "internal"
	CodeUnavailable         = "unavailable"
	CodeTooManyRequests     = "too_many_requests"
)

// Errors a caller of Sync branches on (the command line maps them to exit
// codes). The error returned wraps one of them.
var (
	ErrUnauthorized        = errors.New("not authorised by HQ: log in again")
	ErrForbidden           = errors.New("HQ refused this officer")
	ErrUnreachable         = errors.New("HQ unreachable; nothing was lost, try again later")
	ErrUnsupportedProtocol = errors.New("HQ speaks another protocol version: upgrade liaison")
	ErrBadRequest          = errors.New("HQ refused a request as malformed")
	ErrNotLoggedIn         = errors.New("not logged in: run liaison login --hq URL --token T")
)

// HQError is an error answer from HQ.
type HQError struct {
	Status       int
	Code         string
	Reason       string
	ServerTimeMS int64
}

func (e *HQError) Error() string {
	return fmt.Sprintf("HQ answered %d %s: %s", e.Status, e.Code, e.Reason)
}

// Is maps HQ's codes onto the package's sentinel errors.
func (e *HQError) Is(target error) bool {
	switch target {
	case ErrUnauthorized:
		return e.Status == 401
	case ErrForbidden:
		return e.Status == 403
	case ErrUnsupportedProtocol:
		return e.Code == CodeUnsupportedProtocol
	case ErrBadRequest:
		return e.Status == 400 && e.Code != CodeUnsupportedProtocol && e.Code != CodeClockAhead
	}
	return false
}
