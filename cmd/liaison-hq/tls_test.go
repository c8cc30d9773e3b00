package main

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	gosync "sync"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/sync"
	"github.com/liaison-dev/liaison/visits"
)

// logBuf is a request log the test can read while HQ writes it; wait
// blocks until a line holding s was written.
type logBuf struct {
	mu   gosync.Mutex
	b    bytes.Buffer
	grew chan struct{}
}

func newLogBuf() *logBuf { return &logBuf{grew: make(chan struct{}, 1)} }

func (l *logBuf) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	select {
	case l.grew <- struct{}{}:
	default:
	}
	return l.b.Write(p)
}

func (l *logBuf) String() string { l.mu.Lock(); defer l.mu.Unlock(); return l.b.String() }

func (l *logBuf) wait(t *testing.T, s string) {
	t.Helper()
	deadline := time.After(30 * time.Second)
	for !strings.Contains(l.String(), s) {
		select {
		case <-l.grew:
		case <-deadline:
			t.Fatalf("the log never said %q:\n%s", s, l.String())
		}
	}
}

// startServe runs the real serve function on 127.0.0.1:0 and returns its
// address once it listens; it stops with the test.
func startServe(t *testing.T, hq *store.HQ, cfg serveConfig) (string, *logBuf) {
	t.Helper()
	lb := newLogBuf()
	cfg.logger = log.New(lb, "", 0)
	ready := make(chan net.Addr, 1)
	cfg.ready = func(a net.Addr) { ready <- a }
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serve(ctx, hq, cfg) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
			t.Errorf("serve: %v", err)
		}
	})
	select {
	case a := <-ready:
		return a.String(), lb
	case err := <-done:
		t.Fatalf("serve: %v", err)
	}
	return "", nil
}

func openHQ(t *testing.T) (*store.HQ, string, visits.Enterprise) {
	t.Helper()
	hq, err := store.OpenHQ(filepath.Join(t.TempDir(), "hq.db"), store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { hq.Close() })
	ent := visits.Enterprise{Name: "兰州测试科技有限公司"}
	if err := hq.SaveRecords("hq", &ent); err != nil {
		t.Fatal(err)
	}
	tok, err := hq.AddOfficer("wang", "王建国", visits.RoleAdmin)
	if err != nil {
		t.Fatal(err)
	}
	return hq, tok, ent
}

func laptopStore(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "laptop.db"), store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func addVisit(t *testing.T, s *store.Store, ent string) {
	t.Helper()
	v := &visits.Visit{EnterpriseID: ent, At: time.Now().Add(-time.Hour), Occasion: visits.OccRoutine, Method: "on_site", Summary: "走访"}
	if err := s.Update(func(w *store.Writer) error { return w.AddVisit(v) }); err != nil {
		t.Fatal(err)
	}
}

// servedCert is the certificate a new TLS connection to addr gets.
func servedCert(t *testing.T, addr string) *x509.Certificate {
	t.Helper()
	c, err := tls.Dial("tcp", addr, &tls.Config{InsecureSkipVerify: true})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	return c.ConnectionState().PeerCertificates[0]
}

func readCert(t *testing.T, path string) *x509.Certificate {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := pem.Decode(raw)
	if b == nil {
		t.Fatalf("%s: no PEM", path)
	}
	c, err := x509.ParseCertificate(b.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// `cert init` makes a P-256 self-signed pair for the names and addresses
// given, the key 0600, and prints first the pin --pin takes: the SHA-256
// of the key (SPKI), which a renewal with --key keeps.
func TestCertInit(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "tls")
	var out bytes.Buffer
	if err := run(context.Background(), []string{"cert", "init", "--name", "hq.district.gov.cn,localhost", "--ip", "127.0.0.1", "--out", dir}, &out); err != nil {
		t.Fatal(err)
	}
	pin := strings.SplitN(out.String(), "\n", 2)[0]
	cert := readCert(t, filepath.Join(dir, "hq.crt"))
	sum := sha256.Sum256(cert.RawSubjectPublicKeyInfo)
	if pin != "sha256:"+hex.EncodeToString(sum[:]) {
		t.Fatalf("first line %q, want sha256:<hex of the SPKI's SHA-256>", pin)
	}
	if p, err := sync.ParsePin(pin); err != nil || p != pin {
		t.Fatalf("the printed pin is not what --pin takes: %v", err)
	}
	if k, ok := cert.PublicKey.(*ecdsa.PublicKey); !ok || k.Curve != elliptic.P256() {
		t.Fatalf("key %T, want ECDSA P-256", cert.PublicKey)
	}
	if strings.Join(cert.DNSNames, ",") != "hq.district.gov.cn,localhost" || len(cert.IPAddresses) != 1 || !cert.IPAddresses[0].Equal(net.IPv4(127, 0, 0, 1)) {
		t.Fatalf("names %v, addresses %v", cert.DNSNames, cert.IPAddresses)
	}
	if err := cert.VerifyHostname("hq.district.gov.cn"); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(filepath.Join(dir, "hq.key")); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v, mode %v; want 0600", err, fi.Mode())
	}
	if _, err := tls.LoadX509KeyPair(filepath.Join(dir, "hq.crt"), filepath.Join(dir, "hq.key")); err != nil {
		t.Fatal(err)
	}
	if err := run(context.Background(), []string{"cert", "init", "--name", "x", "--out", dir}, &out); err == nil {
		t.Fatal("cert init replaced an existing certificate without --force")
	}
	out.Reset()
	if err := run(context.Background(), []string{"cert", "init", "--name", "hq.district.gov.cn", "--out", dir, "--key", filepath.Join(dir, "hq.key"), "--force", "--days", "30"}, &out); err != nil {
		t.Fatal(err)
	}
	if got := strings.SplitN(out.String(), "\n", 2)[0]; got != pin {
		t.Fatalf("renewed with the same key: pin %s, want %s", got, pin)
	}
	if renewed := readCert(t, filepath.Join(dir, "hq.crt")); renewed.SerialNumber.Cmp(cert.SerialNumber) == 0 {
		t.Fatal("the renewal did not write a new certificate")
	}
	out.Reset()
	if err := run(context.Background(), []string{"cert", "pin", filepath.Join(dir, "hq.crt")}, &out); err != nil || strings.TrimSpace(out.String()) != pin {
		t.Fatalf("cert pin: %q, %v; want %s", out.String(), err, pin)
	}
	for _, bad := range [][]string{{"cert", "init", "--out", dir}, {"cert", "init", "--name", "a b", "--out", dir}, {"cert", "init", "--ip", "nope", "--out", dir}, {"cert", "init", "--name", "x"}} {
		if err := run(context.Background(), bad, &out); !errors.As(err, new(usageError)) {
			t.Errorf("%v: %v, want a usage error", bad, err)
		}
	}
}

// HQ over TLS reloads its certificate on SIGHUP: a sync whose push is at
// HQ during the reload completes, the next connection gets the renewed
// certificate, laptops that pinned the key go on syncing, and a reload
// from broken files keeps the certificate being served.
func TestServeTLSReloadOnSIGHUP(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	if err := certInit([]string{"--ip", "127.0.0.1", "--out", dir}, &out); err != nil {
		t.Fatal(err)
	}
	pin := strings.SplitN(out.String(), "\n", 2)[0]
	crt, key := filepath.Join(dir, "hq.crt"), filepath.Join(dir, "hq.key")
	first := readCert(t, crt)

	hq, tok, ent := openHQ(t)
	hup := make(chan os.Signal, 1)
	atHQ, release := make(chan struct{}), make(chan struct{})
	var held gosync.Once
	cfg, err := newServeConfig("127.0.0.1:0", crt, key, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	cfg.reload = hup
	cfg.wrap = func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/v1/push" {
				held.Do(func() { close(atHQ); <-release })
			}
			h.ServeHTTP(w, r)
		})
	}
	addr, lb := startServe(t, hq, cfg)
	if !strings.Contains(lb.String(), "https://"+addr) || !strings.Contains(lb.String(), pin) {
		t.Fatalf("start-up log does not say TLS and the pin:\n%s", lb)
	}

	s := laptopStore(t)
	if _, err := sync.LoginWith(context.Background(), s, sync.LoginOptions{URL: "https://" + addr, Token: tok, Trust: store.Trust{Pin: pin}}); err != nil {
		t.Fatal(err)
	}
	if _, err := (&sync.Client{Store: s}).Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	addVisit(t, s, ent.ID)
	c := &sync.Client{Store: s}
	type result struct {
		sum sync.Summary
		err error
	}
	done := make(chan result, 1)
	go func() { sum, err := c.Sync(context.Background()); done <- result{sum, err} }()
	select {
	case <-atHQ:
	case r := <-done:
		t.Fatalf("sync ended before its push reached HQ: %+v %v", r.sum, r.err)
	}

	// Renewed with the same key, while the push is at HQ.
	out.Reset()
	if err := certInit([]string{"--ip", "127.0.0.1", "--out", dir, "--key", key, "--force", "--days", "90"}, &out); err != nil {
		t.Fatal(err)
	}
	hup <- os.Interrupt // any signal value: the channel is what SIGHUP is wired to
	lb.wait(t, "certificate reloaded")
	if got := servedCert(t, addr); got.SerialNumber.Cmp(first.SerialNumber) == 0 {
		t.Fatal("a new connection still gets the old certificate after the reload")
	}
	close(release)
	r := <-done
	if r.err != nil || r.sum.Pushed == 0 || r.sum.Applied != r.sum.Pushed {
		t.Fatalf("the sync in flight during the reload: %+v, %v", r.sum, r.err)
	}
	addVisit(t, s, ent.ID)
	if _, err := (&sync.Client{Store: s}).Sync(context.Background()); err != nil {
		t.Fatalf("a new sync with the renewed certificate (same key, same pin): %v", err)
	}

	// Broken files: the reload fails and the renewed certificate stays.
	renewed := servedCert(t, addr)
	if err := os.WriteFile(crt, []byte("not a certificate"), 0o644); err != nil {
		t.Fatal(err)
	}
	hup <- os.Interrupt
	lb.wait(t, "certificate reload failed")
	if got := servedCert(t, addr); got.SerialNumber.Cmp(renewed.SerialNumber) != 0 {
		t.Fatal("a failed reload changed the certificate served")
	}
	if strings.Contains(lb.String(), tok) {
		t.Fatal("HQ's log holds a token")
	}
	if !strings.Contains(lb.String(), "/v1/push 200") || !strings.Contains(lb.String(), "officer=wang") {
		t.Fatalf("the request log does not name the officer of the push:\n%s", lb)
	}
}

// Plain HTTP is served on loopback, or anywhere with --behind-proxy, and
// the start-up log says which; otherwise serve refuses to start (before
// opening the database).
func TestServePlainHTTPOnlyLoopbackOrBehindProxy(t *testing.T) {
	db := filepath.Join(t.TempDir(), "hq.db")
	for _, addr := range []string{"0.0.0.0:0", ":8080", "192.0.2.1:8080"} {
		err := run(context.Background(), []string{"serve", "--addr", addr, "--db", db}, &bytes.Buffer{})
		if !errors.As(err, new(usageError)) || !strings.Contains(err.Error(), "--tls-cert") {
			t.Errorf("serve --addr %s without TLS: %v, want a usage error naming --tls-cert", addr, err)
		}
	}
	if err := run(context.Background(), []string{"serve", "--tls-cert", "x.crt", "--db", db}, &bytes.Buffer{}); !errors.As(err, new(usageError)) {
		t.Errorf("--tls-cert without --tls-key: %v", err)
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Fatalf("a refused serve created the database: %v", err)
	}

	hq, _, _ := openHQ(t)
	cfg, err := newServeConfig("127.0.0.1:0", "", "", false, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, lb := startServe(t, hq, cfg)
	if !strings.Contains(lb.String(), "PLAIN HTTP on loopback only") {
		t.Fatalf("start-up log: %s", lb)
	}
	hq2, _, _ := openHQ(t)
	var proxies cidrList
	_ = proxies.Set("10.0.0.0/8,192.0.2.7")
	if cfg, err = newServeConfig("0.0.0.0:0", "", "", true, proxies); err != nil {
		t.Fatal(err)
	}
	_, lb = startServe(t, hq2, cfg)
	if !strings.Contains(lb.String(), "--behind-proxy") || !strings.Contains(lb.String(), "10.0.0.0/8,192.0.2.7/32") {
		t.Fatalf("start-up log behind a proxy: %s", lb)
	}
}

// The request log names the officer, never the token, and believes
// X-Forwarded-For only from a trusted proxy.
func TestRequestLogOfficerAndTrustedProxy(t *testing.T) {
	hq, tok, _ := openHQ(t)
	var proxies cidrList
	_ = proxies.Set("127.0.0.1")
	cfg, _ := newServeConfig("127.0.0.1:0", "", "", false, proxies)
	addr, lb := startServe(t, hq, cfg)
	get := func(token, xff string) {
		req, _ := http.NewRequest("GET", "http://"+addr+"/v1/hello", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		if xff != "" {
			req.Header.Set("X-Forwarded-For", xff)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	get(tok, "198.51.100.4, 203.0.113.9")
	lb.wait(t, "officer=wang client=203.0.113.9 via 127.0.0.1:")
	get(tok+"x", "")
	lb.wait(t, "/v1/hello 401")
	if !strings.Contains(lb.String(), "officer=- client=127.0.0.1:") || strings.Contains(lb.String(), tok) {
		t.Fatalf("log:\n%s", lb)
	}

	// The rule itself: only a trusted peer's header counts, read from the
	// right past trusted hops; garbage ends the walk.
	var trusted cidrList
	_ = trusted.Set("10.0.0.0/8")
	for _, c := range []struct{ peer, xff, want string }{
		{"10.1.1.1:5000", "203.0.113.9", "203.0.113.9 via 10.1.1.1:5000"},
		{"10.1.1.1:5000", "1.2.3.4, 203.0.113.9, 10.2.2.2", "203.0.113.9 via 10.1.1.1:5000"},
		{"198.51.100.1:5000", "203.0.113.9", "198.51.100.1:5000"},
		{"10.1.1.1:5000", "bogus\x1b[31m", "10.1.1.1:5000"},
		{"10.1.1.1:5000", "", "10.1.1.1:5000"},
	} {
		r, _ := http.NewRequest("GET", "/", nil)
		r.RemoteAddr = c.peer
		if c.xff != "" {
			r.Header.Set("X-Forwarded-For", c.xff)
		}
		if got := clientAddr(r, trusted); got != c.want {
			t.Errorf("peer %s, X-Forwarded-For %q: %q, want %q", c.peer, c.xff, got, c.want)
		}
	}
}

// Global flags work before or after the command (spec/cli.md), in every
// form the laptop's program takes.
func TestGlobalFlagsBeforeOrAfter(t *testing.T) {
	t.Setenv("LIAISON_HQ_DB", "")
	t.Setenv("LIAISON_LANG", "")
	t.Chdir(t.TempDir())
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	var out bytes.Buffer
	if err := run(context.Background(), []string{"--db", a, "officer", "add", "--id", "wang", "--name", "王", "--role", "liaison"}, &out); err != nil {
		t.Fatalf("liaison-hq --db A officer add …: %v", err)
	}
	if err := run(context.Background(), []string{"--db=" + b, "--lang", "en", "officer", "add", "--id", "li", "--name", "李", "--role", "liaison"}, &out); err != nil {
		t.Fatalf("liaison-hq --db=B --lang en officer add …: %v", err)
	}
	if err := run(context.Background(), []string{"officer", "revoke", "wang", "--db", a}, &out); err != nil {
		t.Fatalf("officer revoke wang --db A (after): %v", err)
	}
	if err := run(context.Background(), []string{"officer", "--db", b, "revoke", "li"}, &out); err != nil {
		t.Fatalf("officer --db B revoke li (between): %v", err)
	}
	for _, p := range []string{a, b} {
		if _, err := os.Stat(p); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := os.Stat("hq.db"); !os.IsNotExist(err) {
		t.Fatal("a global --db before the command was ignored: hq.db was created in the working folder")
	}
	out.Reset()
	if err := run(context.Background(), []string{"--lang", "en", "--db", a, "report", "weekly", "--week", "2026-W48"}, &out); err != nil || !strings.Contains(out.String(), "Weekly") {
		t.Fatalf("report in English: %v\n%.200s", err, out.String())
	}
	for _, bad := range [][]string{{"--lang", "fr", "officer", "revoke", "x", "--db", a}, {"officer", "revoke", "x", "--db"}} {
		if err := run(context.Background(), bad, &out); !errors.As(err, new(usageError)) {
			t.Errorf("%v: %v, want a usage error", bad, err)
		}
	}
	out.Reset()
	if err := run(context.Background(), []string{"serve", "--help"}, &out); err != nil || !strings.Contains(out.String(), "--tls-cert") {
		t.Fatalf("serve --help: %v %q", err, out.String())
	}
}
