package sync

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/store"
)

// closedPort returns a loopback URL nothing listens on.
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + l.Addr().String()
	l.Close()
	return url
}

// countingRT counts the requests that go out.
type countingRT struct{ n *atomic.Int32 }

func (c countingRT) RoundTrip(r *http.Request) (*http.Response, error) {
	c.n.Add(1)
	return http.DefaultTransport.RoundTrip(r)
}

func loggedInStore(t *testing.T, url string) *store.Store {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "l.db"), store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	err = s.Update(func(w *store.Writer) error {
		return w.SetIdentity(store.Identity{Officer: "wang", Role: "liaison", HQURL: url, Token: "wang.x"})
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// With HQ down (connection refused) a sync with the laptop's default
// retries gives up in a couple of seconds, not half a minute, and says
// nothing was lost.
func TestSyncHQDownAnswersQuickly(t *testing.T) {
	url := closedPort(t)
	s := loggedInStore(t, url)
	var n atomic.Int32
	c := &Client{Store: s, HTTP: &http.Client{Transport: countingRT{&n}, Timeout: 30 * time.Second}}
	start := time.Now()
	_, err := c.Sync(context.Background())
	took := time.Since(start)
	if !errors.Is(err, ErrUnreachable) {
		t.Fatalf("sync with HQ down: %v", err)
	}
	if took > 8*time.Second {
		t.Errorf("sync with HQ down took %s", took)
	}
	if got := n.Load(); got != int32(DefaultRetry.Down) {
		t.Errorf("%d tries, want %d", got, DefaultRetry.Down)
	}
	t.Logf("gave up after %s, %d tries", took.Round(time.Millisecond), n.Load())
}

// A busy or failing HQ (503) still gets every attempt with backoff; only
// an unreachable one gets the short budget.
func TestBusyHQGetsAllAttempts(t *testing.T) {
	var seen atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen.Add(1)
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	r := Retry{Attempts: 6, Base: time.Millisecond, Max: 2 * time.Millisecond}
	c := &Client{Store: loggedInStore(t, srv.URL), Retry: r}
	if _, err := c.Sync(context.Background()); !errors.Is(err, ErrUnreachable) {
		t.Fatalf("sync against 503: %v", err)
	}
	if seen.Load() != 6 {
		t.Errorf("503: %d tries, want 6", seen.Load())
	}
	var n atomic.Int32
	c = &Client{Store: loggedInStore(t, closedPort(t)), Retry: r, HTTP: &http.Client{Transport: countingRT{&n}}}
	if _, err := c.Sync(context.Background()); !errors.Is(err, ErrUnreachable) {
		t.Fatalf("sync against nothing: %v", err)
	}
	if n.Load() != 3 {
		t.Errorf("refused: %d tries, want 3", n.Load())
	}
}

func TestUnreachableClassifies(t *testing.T) {
	for _, c := range []struct {
		err  error
		want bool
	}{
		{&net.OpError{Op: "dial", Err: &net.DNSError{Err: "no such host", Name: "hq", IsNotFound: true}}, true},
		{&net.DNSError{Err: "i/o timeout", Name: "hq", IsTimeout: true}, false},
		{context.DeadlineExceeded, false},
		{errors.New("read answer: unexpected EOF"), false},
		{&hqTransient{status: 503}, false},
	} {
		if got := unreachable(c.err); got != c.want {
			t.Errorf("%v: %v, want %v", c.err, got, c.want)
		}
	}
}
