package sync

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	gosync "sync"
	"testing"

	"github.com/liaison-dev/liaison/store"
)

// Plain http to "localhost" is allowed as loopback, so the client connects
// it only to loopback addresses: a resolver that maps localhost elsewhere
// gets nothing dialled (ErrInsecureHTTP); one that also gives a loopback
// address gets only that one dialled; 127.0.0.1 (liaison --demo) works.
func TestPlainHTTPLocalhostDialsOnlyLoopback(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	resolveTo := func(ips ...string) lookupIP {
		return func(_ context.Context, host string) ([]net.IPAddr, error) {
			if host != "localhost" {
				t.Errorf("resolved %q", host)
			}
			var out []net.IPAddr
			for _, s := range ips {
				out = append(out, net.IPAddr{IP: net.ParseIP(s)})
			}
			return out, nil
		}
	}
	var mu gosync.Mutex
	var dialled []string
	var d net.Dialer
	recordDial := func(ctx context.Context, network, addr string) (net.Conn, error) {
		mu.Lock()
		dialled = append(dialled, addr)
		mu.Unlock()
		return d.DialContext(ctx, network, addr)
	}
	failDial := func(_ context.Context, _, addr string) (net.Conn, error) {
		t.Errorf("dialled %s: localhost resolved off this machine", addr)
		return nil, errors.New("must not dial")
	}

	hc, err := newHTTPClient(store.Trust{}, failDial, resolveTo("192.0.2.1"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := hc.Get("http://localhost:" + port + "/v1/hello"); !errors.Is(err, ErrInsecureHTTP) || !permanent(err) {
		t.Errorf("localhost resolving to 192.0.2.1: %v, want ErrInsecureHTTP", err)
	}

	hc, _ = newHTTPClient(store.Trust{}, recordDial, resolveTo("192.0.2.1", "127.0.0.1"))
	resp, err := hc.Get("http://localhost:" + port + "/v1/hello")
	if err != nil {
		t.Fatalf("localhost resolving to 192.0.2.1 and 127.0.0.1: %v", err)
	}
	resp.Body.Close()
	mu.Lock()
	if len(dialled) != 1 || dialled[0] != "127.0.0.1:"+port {
		t.Errorf("dialled %v, want only 127.0.0.1:%s", dialled, port)
	}
	mu.Unlock()

	// The demo's address, with the real resolver and dialer.
	hc, err = NewHTTPClient(store.Trust{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if resp, err = hc.Get(srv.URL + "/v1/hello"); err != nil {
		t.Fatalf("%s: %v", srv.URL, err)
	}
	resp.Body.Close()
}
