package sync

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	gosync "sync"
	"time"

	"github.com/liaison-dev/liaison/store"
)

// Client syncs one laptop's store with HQ.
type Client struct {
	Store *store.Store
	// HTTP sends the requests; nil: a client with a 30 s timeout.
	HTTP *http.Client
	// Retry bounds retries of transient failures; zero: DefaultRetry.
	Retry Retry
	// Progress, if set, hears how far a sync got (the TUI's progress bar).
	// It is called on the syncing goroutine.
	Progress func(Progress)
	// MaxBatch caps ops per push below HQ's max_ops_per_push (0: HQ's).
	MaxBatch int
	// Dial opens connections to HQ (tests); nil: the system's dialer.
	// Used when HTTP is nil.
	Dial Dialer
	// Warn hears warnings meant for the officer, such as "this sync is not
	// encrypted" (--insecure-http); nil: they go to standard error.
	Warn func(string)

	hc    *http.Client // the client built for hcKey, kept so connections are reused
	hcKey string

	mu gosync.Mutex
}

// Progress is a step of a running sync.
type Progress struct {
	Phase string // "hello", "push", "pull", "done"
	Done  int    // ops pushed, or HQ's seqs pulled past, so far
	Total int    // ops to push, or seqs to pull past (estimate; 0 if unknown)
}

// Summary says what a sync did.
type Summary struct {
	Officer    string        `json:"officer"`
	Pushed     int           `json:"pushed"`
	Applied    int           `json:"applied"`
	Duplicates int           `json:"duplicates"`
	Conflicts  int           `json:"conflicts"`
	Rejected   int           `json:"rejected"`
	Pulled     int           `json:"pulled"`
	Duration   time.Duration `json:"duration_ns"`
	// After the sync: fields in conflict, ops HQ ever refused, ops still
	// queued, and the clock offset.
	OpenConflicts int   `json:"open_conflicts"`
	RejectedTotal int   `json:"rejected_total"`
	Pending       int   `json:"pending"`
	OffsetMS      int64 `json:"clock_offset_ms"`
}

// NeedsPerson reports whether conflicts or refused ops wait for the
// officer.
func (s Summary) NeedsPerson() bool { return s.OpenConflicts > 0 || s.Rejected > 0 }

// errReset: HQ answered 410 reset_required.
var errReset = errors.New("HQ requires a reset")

// Sync says hello, pushes the outbox oldest first in batches, then pulls
// pages until HQ has no more. On 410 reset_required it pushes what is
// pending and pulls everything from seq 0; local work is never dropped.
func (c *Client) Sync(ctx context.Context) (Summary, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	start := time.Now()
	var sum Summary
	var id store.Identity
	_ = c.Store.View(func(r *store.Reader) error { id = r.Identity(); return nil })
	if id.HQURL == "" || id.Token == "" {
		return sum, ErrNotLoggedIn
	}
	conn := &conn{hc: c.httpClient(), url: id.HQURL, token: id.Token, retry: c.Retry.orDefault()}
	var err error
	for resets := 0; ; resets++ {
		err = c.run(ctx, conn, &sum)
		if !errors.Is(err, errReset) || resets == 2 {
			break
		}
	}
	sum.Duration = time.Since(start)
	c.finish(&sum)
	return sum, err
}

func (c *Client) run(ctx context.Context, conn *conn, sum *Summary) error {
	c.progress(Progress{Phase: "hello"})
	hello, err := c.hello(ctx, conn)
	if err != nil {
		return err
	}
	sum.Officer = hello.Officer
	var st store.SyncState
	_ = c.Store.View(func(r *store.Reader) error { st = r.SyncState(); return nil })
	if st.Epoch != hello.Epoch {
		// A first sync, or HQ's database was replaced: start the cursor
		// over; the outbox stays and is pushed first.
		if err := c.Store.ResetSync(hello.Epoch); err != nil {
			return err
		}
	}
	held, err := c.push(ctx, conn, hello, sum)
	if err != nil {
		return err
	}
	return c.pull(ctx, conn, hello, sum, seqRanges(held))
}

// hello checks the protocol and learns the clock offset.
func (c *Client) hello(ctx context.Context, conn *conn) (HelloResponse, error) {
	var h HelloResponse
	t0 := c.localMS()
	if err := conn.do(ctx, http.MethodGet, "/v1/hello", nil, &h); err != nil {
		return h, err
	}
	t1 := c.localMS()
	if h.Protocol != Protocol {
		return h, fmt.Errorf("hello: protocol %d: %w", h.Protocol, ErrUnsupportedProtocol)
	}
	if h.Limits.MaxOpsPerPush <= 0 || h.Limits.MaxPage <= 0 || h.Limits.MaxBodyBytes <= 0 {
		return h, fmt.Errorf("hello: limits %+v: %w", h.Limits, ErrBadRequest)
	}
	off := h.ServerTimeMS - (t0+t1)/2
	if d := off - c.Store.Clock().Offset(); d > 500 || d < -500 {
		if err := c.Store.SetClockOffset(off); err != nil {
			return h, err
		}
	}
	return h, nil
}

// localMS is this laptop's own clock, without the learned offset.
func (c *Client) localMS() int64 {
	return c.Store.Now().UnixMilli() - c.Store.Clock().Offset()
}

// httpClient is HTTP if set; otherwise a client that verifies HQ the way
// login did (store.Trust, docs/sync.md "TLS"), kept between syncs so its
// connections and TLS sessions are reused. A sync in plain http to a host
// that is not loopback warns the officer every time.
func (c *Client) httpClient() *http.Client {
	if c.HTTP != nil {
		return c.HTTP
	}
	var id store.Identity
	_ = c.Store.View(func(r *store.Reader) error { id = r.Identity(); return nil })
	if u, err := url.Parse(id.HQURL); err == nil && u.Scheme == "http" && !IsLoopback(u.Hostname()) && id.Trust.InsecureHTTP {
		c.warn(WarnInsecureHTTP)
	}
	key := fmt.Sprintf("%s\x00%s\x00%s\x00%t", id.HQURL, id.Trust.CAPEM, id.Trust.Pin, id.Trust.InsecureHTTP)
	if c.hc != nil && c.hcKey == key {
		return c.hc
	}
	hc, err := NewHTTPClient(id.Trust, c.Dial)
	if err != nil {
		// A stored trust that cannot be used: nothing is dialled.
		hc = &http.Client{Transport: refuseTransport{&untrustedError{err: err}}}
	}
	c.hc, c.hcKey = hc, key
	return hc
}

// WarnInsecureHTTP is said on every sync that goes out unencrypted.
const WarnInsecureHTTP = "警告：与总部的连接未加密（--insecure-http），令牌和数据可被途经网络的人读取（warning: this sync is not encrypted (--insecure-http); anyone on the network path can read the token and the data）"

func (c *Client) warn(msg string) {
	if c.Warn != nil {
		c.Warn(msg)
		return
	}
	fmt.Fprintln(os.Stderr, "liaison:", msg)
}

func (c *Client) progress(p Progress) {
	if c.Progress != nil {
		c.Progress(p)
	}
}

func (c *Client) finish(sum *Summary) {
	_ = c.Store.View(func(r *store.Reader) error {
		st := r.Status()
		sum.OpenConflicts, sum.RejectedTotal, sum.Pending, sum.OffsetMS = st.Conflicts, st.Rejected, st.Pending, st.OffsetMS
		return nil
	})
	c.progress(Progress{Phase: "done", Done: sum.Pushed + sum.Pulled})
}

// Login checks a token against HQ's hello and stores the identity (URL,
// token, officer, role) in the laptop's store. hc nil: verify HQ against
// the system's roots. See LoginWith.
func Login(ctx context.Context, s *store.Store, hc *http.Client, url, token string) (HelloResponse, error) {
	return LoginWith(ctx, s, LoginOptions{URL: url, Token: token, HTTP: hc})
}

// LoginOptions are what an officer logs in with.
type LoginOptions struct {
	URL   string
	Token string
	// Trust: how HQ's certificate is verified (zero: the system's roots).
	// It is stored with the login and used on every sync.
	Trust store.Trust
	// HTTP replaces the client built from Trust (tests); Dial replaces its
	// dialer.
	HTTP *http.Client
	Dial Dialer
}

// LoginWith checks the address (plain http only to loopback unless
// Trust.InsecureHTTP; refused before anything is dialled), checks the
// token against HQ's hello over a connection verified by Trust, and stores
// the identity with Trust. A certificate that does not verify is
// ErrUntrusted and nothing is sent.
func LoginWith(ctx context.Context, s *store.Store, o LoginOptions) (HelloResponse, error) {
	u, err := CheckHQURL(o.URL, o.Trust.InsecureHTTP)
	if err != nil {
		return HelloResponse{}, err
	}
	if u.Scheme == "http" && (o.Trust.CAPEM != "" || o.Trust.Pin != "") {
		return HelloResponse{}, errors.New("a CA or a pin verifies HQ's certificate, so the address must start with https://")
	}
	if o.Trust.Pin != "" {
		if o.Trust.Pin, err = ParsePin(o.Trust.Pin); err != nil {
			return HelloResponse{}, err
		}
	}
	if err := CheckToken(o.Token); err != nil {
		return HelloResponse{}, err
	}
	hc := o.HTTP
	if hc == nil {
		if hc, err = NewHTTPClient(o.Trust, o.Dial); err != nil {
			return HelloResponse{}, err
		}
	}
	conn := &conn{hc: hc, url: o.URL, token: o.Token, retry: Retry{Attempts: 2, Base: 200 * time.Millisecond, Max: time.Second}.orDefault()}
	c := &Client{Store: s}
	h, err := c.hello(ctx, conn)
	if err != nil {
		return h, err
	}
	err = s.Update(func(w *store.Writer) error {
		return w.SetIdentity(store.Identity{Officer: h.Officer, Role: h.Role, HQURL: o.URL, Token: o.Token, Trust: o.Trust})
	})
	return h, err
}
