package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/liaison-dev/liaison/sync"
)

// peerListener makes the connections it accepts look as if they came from
// *peer (when set): HQ's whole stack sees that address as the client.
type peerListener struct {
	net.Listener
	peer *atomic.Pointer[net.TCPAddr]
}

func (l peerListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	if p := l.peer.Load(); p != nil {
		return peerConn{Conn: c, remote: p}, nil
	}
	return c, nil
}

type peerConn struct {
	net.Conn
	remote net.Addr
}

func (c peerConn) RemoteAddr() net.Addr { return c.remote }

// --behind-proxy is refused without --trusted-proxy (exit 2, before the
// database is opened), and HQ behind a proxy answers only the proxy and
// this machine: a client reaching it directly is refused 403 forbidden
// before its token is looked at.
func TestBehindProxyAnswersOnlyTrustedProxies(t *testing.T) {
	db := filepath.Join(t.TempDir(), "hq.db")
	// Cancelled: a serve that wrongly starts stops at once.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, addr := range []string{"0.0.0.0:0", "127.0.0.1:0"} {
		err := run(ctx, []string{"serve", "--addr", addr, "--behind-proxy", "--db", db}, &bytes.Buffer{})
		if !errors.As(err, new(usageError)) || !strings.Contains(err.Error(), "--trusted-proxy") {
			t.Errorf("serve --addr %s --behind-proxy without --trusted-proxy: %v, want a usage error naming --trusted-proxy", addr, err)
		}
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Fatalf("a refused serve created the database: %v", err)
	}

	hq, tok, _ := openHQ(t)
	var proxies cidrList
	_ = proxies.Set("192.0.2.7")
	cfg, err := newServeConfig("127.0.0.1:0", "", "", true, proxies)
	if err != nil {
		t.Fatal(err)
	}
	var peer atomic.Pointer[net.TCPAddr]
	cfg.listen = func(ln net.Listener) net.Listener { return peerListener{Listener: ln, peer: &peer} }
	addr, lb := startServe(t, hq, cfg)
	hello := func(from *net.TCPAddr, token string) (int, sync.ErrorResponse) {
		t.Helper()
		peer.Store(from)
		req, _ := http.NewRequest("GET", "http://"+addr+"/v1/hello", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		hc := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var e sync.ErrorResponse
		_ = json.NewDecoder(resp.Body).Decode(&e)
		return resp.StatusCode, e
	}
	direct := &net.TCPAddr{IP: net.ParseIP("198.51.100.9"), Port: 40000}
	for _, token := range []string{tok, "not-a-token"} {
		status, e := hello(direct, token)
		if status != http.StatusForbidden || e.Error != sync.CodeForbidden || !strings.Contains(e.Reason, "https://") {
			t.Errorf("a direct client (token valid: %v): %d %+v, want 403 forbidden with a reason", token == tok, status, e)
		}
	}
	lb.wait(t, "client=198.51.100.9:40000")
	if strings.Contains(lb.String(), "officer=wang client=198.51.100.9") || strings.Contains(lb.String(), tok) {
		t.Errorf("a direct client's token was looked at or logged:\n%s", lb)
	}
	if status, e := hello(&net.TCPAddr{IP: net.ParseIP("192.0.2.7"), Port: 40001}, tok); status != http.StatusOK {
		t.Errorf("through the trusted proxy: %d %+v, want 200", status, e)
	}
	if status, e := hello(nil, tok); status != http.StatusOK {
		t.Errorf("from this machine: %d %+v, want 200", status, e)
	}
	if !strings.Contains(lb.String(), "anyone else 403") {
		t.Errorf("the start-up log does not say who is answered:\n%s", lb)
	}
}
