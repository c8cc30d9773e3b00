package sync

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// Certificates made in the test: a CA and the leaves it issues, and
// self-signed leaves, all ECDSA P-256 like `liaison-hq cert init`'s.

type tlsCA struct {
	cert *x509.Certificate
	key  *ecdsa.PrivateKey
	pem  string
}

func newTLSKey(t testing.TB) *ecdsa.PrivateKey {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func newTLSCA(t testing.TB, name string) *tlsCA {
	t.Helper()
	key := newTLSKey(t)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: name},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := x509.ParseCertificate(der)
	return &tlsCA{cert: c, key: key, pem: string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))}
}

// tlsLeaf makes a server certificate for 127.0.0.1 and localhost (or the
// given names), signed by ca, or self-signed when ca is nil; key nil: a
// new key.
func tlsLeaf(t testing.TB, ca *tlsCA, key *ecdsa.PrivateKey, notBefore, notAfter time.Time, names ...string) tls.Certificate {
	t.Helper()
	if key == nil {
		key = newTLSKey(t)
	}
	if names == nil {
		names = []string{"localhost"}
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: names[0]},
		NotBefore: notBefore, NotAfter: notAfter, DNSNames: names, IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true}
	if len(names) == 1 && names[0] == "other.example" {
		tmpl.IPAddresses = nil
	}
	parent, signer := tmpl, key
	if ca != nil {
		parent, signer = ca.cert, ca.key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, &key.PublicKey, signer)
	if err != nil {
		t.Fatal(err)
	}
	leaf, _ := x509.ParseCertificate(der)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}
}

func validNow() (time.Time, time.Time) {
	return time.Now().Add(-time.Hour), time.Now().Add(24 * time.Hour)
}

// tlsHQ is a real HQ behind a TLS listener whose certificate the test can
// swap, counting the requests that reach the handler.
type tlsHQ struct {
	hq      *store.HQ
	url     string
	token   string
	ent     visits.Enterprise
	cert    atomic.Pointer[tls.Certificate]
	reqs    atomic.Int64
	pushes  atomic.Int64
	handler http.Handler
}

func newTLSHQ(t testing.TB, cert tls.Certificate) *tlsHQ {
	t.Helper()
	h := &tlsHQ{}
	var err error
	h.hq, _ = openTestHQ(t, store.Options{NoSync: true})
	h.ent = visits.Enterprise{Name: "兰州测试科技有限公司"}
	if err := h.hq.SaveRecords("hq", &h.ent); err != nil {
		t.Fatal(err)
	}
	if h.token, err = h.hq.AddOfficer("wang", "王建国", visits.RoleAdmin); err != nil {
		t.Fatal(err)
	}
	h.cert.Store(&cert)
	inner := NewHandler(Bolt{h.hq}, ServerOptions{})
	h.handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.reqs.Add(1)
		if r.URL.Path == "/v1/push" {
			h.pushes.Add(1)
		}
		inner.ServeHTTP(w, r)
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := NewServer(ln.Addr().String(), h.handler)
	srv.TLSConfig = ServerTLS(func(*tls.ClientHelloInfo) (*tls.Certificate, error) { return h.cert.Load(), nil })
	srv.ErrorLog = log.New(io.Discard, "", 0) // the refused handshakes
	go func() { _ = srv.ServeTLS(ln, "", "") }()
	t.Cleanup(func() { srv.Close() }) // runs before openTestHQ closes HQ
	h.url = "https://" + ln.Addr().String()
	return h
}

func tlsLaptop(t testing.TB) *store.Store {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "laptop.db"), store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func tlsVisit(t testing.TB, s *store.Store, ent string) {
	t.Helper()
	v := &visits.Visit{EnterpriseID: ent, At: time.Now().Add(-time.Hour), Occasion: visits.OccRoutine, Method: "on_site", Summary: "了解融资需求"}
	if err := s.Update(func(w *store.Writer) error { return w.AddVisit(v) }); err != nil {
		t.Fatal(err)
	}
}

func pendingOps(s *store.Store) int {
	n := 0
	_ = s.View(func(r *store.Reader) error { n = r.PendingCount(); return nil })
	return n
}

// tlsSyncRoundTrip logs in with trust, makes a visit and syncs it to HQ:
// the visit's ops reach HQ and the login's trust is stored.
func tlsSyncRoundTrip(t *testing.T, h *tlsHQ, trust store.Trust) {
	t.Helper()
	s := tlsLaptop(t)
	hello, err := LoginWith(context.Background(), s, LoginOptions{URL: h.url, Token: h.token, Trust: trust})
	if err != nil {
		t.Fatalf("login over TLS: %v", err)
	}
	if hello.Officer != "wang" {
		t.Fatalf("hello: officer %q", hello.Officer)
	}
	var id store.Identity
	_ = s.View(func(r *store.Reader) error { id = r.Identity(); return nil })
	if id.Trust != trust {
		t.Fatalf("stored trust %+v, want %+v", id.Trust, trust)
	}
	if _, err := (&Client{Store: s}).Sync(context.Background()); err != nil {
		t.Fatalf("first sync over TLS: %v", err)
	}
	tlsVisit(t, s, h.ent.ID)
	sum, err := (&Client{Store: s}).Sync(context.Background())
	if err != nil {
		t.Fatalf("sync over TLS: %v", err)
	}
	if sum.Pushed == 0 || sum.Applied != sum.Pushed || pendingOps(s) != 0 || h.pushes.Load() == 0 {
		t.Fatalf("sync over TLS: %+v, pending %d, pushes at HQ %d", sum, pendingOps(s), h.pushes.Load())
	}
}

func TestTLSSyncWithCA(t *testing.T) {
	ca := newTLSCA(t, "district CA")
	nb, na := validNow()
	h := newTLSHQ(t, tlsLeaf(t, ca, nil, nb, na))
	tlsSyncRoundTrip(t, h, store.Trust{CAPEM: ca.pem})
}

func TestTLSSyncWithPin(t *testing.T) {
	key := newTLSKey(t)
	nb, na := validNow()
	cert := tlsLeaf(t, nil, key, nb, na, "hq.internal") // the name does not matter with a pin
	h := newTLSHQ(t, cert)
	pin := Pin(cert.Leaf)
	sum := sha256.Sum256(cert.Leaf.RawSubjectPublicKeyInfo)
	if pin != "sha256:"+hex.EncodeToString(sum[:]) {
		t.Fatalf("Pin = %s, want the SHA-256 of the SPKI", pin)
	}
	tlsSyncRoundTrip(t, h, store.Trust{Pin: pin})

	// A certificate renewed with the same key keeps its pin.
	renewed := tlsLeaf(t, nil, key, nb, na.Add(time.Hour), "hq.internal")
	h.cert.Store(&renewed)
	tlsSyncRoundTrip(t, h, store.Trust{Pin: pin})
}

// The certificate is trusted through the system's roots, which
// SSL_CERT_FILE replaces on Linux; it is read once per process, so the
// laptop runs in a child process (this test binary again).
func TestTLSSyncWithSystemRoots(t *testing.T) {
	if url := os.Getenv("LIAISON_TLS_CHILD_URL"); url != "" {
		h := &tlsHQ{url: url, token: os.Getenv("LIAISON_TLS_CHILD_TOKEN"), ent: visits.Enterprise{Meta: visits.Meta{ID: os.Getenv("LIAISON_TLS_CHILD_ENT")}}}
		h.pushes.Store(1) // counted by the parent
		tlsSyncRoundTrip(t, h, store.Trust{})
		return
	}
	ca := newTLSCA(t, "system CA")
	nb, na := validNow()
	h := newTLSHQ(t, tlsLeaf(t, ca, nil, nb, na))
	roots := filepath.Join(t.TempDir(), "roots.pem")
	if err := os.WriteFile(roots, []byte(ca.pem), 0o600); err != nil {
		t.Fatal(err)
	}
	// Without the override the system does not know this CA.
	if _, err := LoginWith(context.Background(), tlsLaptop(t), LoginOptions{URL: h.url, Token: h.token}); !errors.Is(err, ErrUntrusted) {
		t.Fatalf("login against the system's own roots: %v, want ErrUntrusted", err)
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run", "^TestTLSSyncWithSystemRoots$", "-test.count", "1")
	cmd.Env = append(os.Environ(), "SSL_CERT_FILE="+roots, "SSL_CERT_DIR="+t.TempDir(),
		"LIAISON_TLS_CHILD_URL="+h.url, "LIAISON_TLS_CHILD_TOKEN="+h.token, "LIAISON_TLS_CHILD_ENT="+h.ent.ID)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("laptop with SSL_CERT_FILE: %v\n%s", err, out)
	}
	if h.pushes.Load() == 0 {
		t.Fatalf("the child's sync pushed nothing to HQ\n%s", out)
	}
}

// A laptop logged in to HQ meets a certificate it must not trust (an
// impostor, or HQ's certificate gone bad): the sync fails as ErrUntrusted
// in the handshake, on the first connection and without retrying, before
// any request reaches HQ; the outbox is kept. A login meets the same
// refusal and stores nothing.
func TestTLSRefusedBeforeAnyOp(t *testing.T) {
	ca, other := newTLSCA(t, "district CA"), newTLSCA(t, "impostor CA")
	key := newTLSKey(t)
	nb, na := validNow()
	expiredFrom, expiredTo := time.Now().Add(-48*time.Hour), time.Now().Add(-24*time.Hour)
	for _, tc := range []struct {
		name  string
		good  tls.Certificate
		bad   tls.Certificate
		trust func(good tls.Certificate) store.Trust
	}{
		{"wrong CA", tlsLeaf(t, ca, nil, nb, na), tlsLeaf(t, other, nil, nb, na),
			func(tls.Certificate) store.Trust { return store.Trust{CAPEM: ca.pem} }},
		{"wrong name", tlsLeaf(t, ca, nil, nb, na), tlsLeaf(t, ca, nil, nb, na, "other.example"),
			func(tls.Certificate) store.Trust { return store.Trust{CAPEM: ca.pem} }},
		{"expired under CA", tlsLeaf(t, ca, nil, nb, na), tlsLeaf(t, ca, nil, expiredFrom, expiredTo),
			func(tls.Certificate) store.Trust { return store.Trust{CAPEM: ca.pem} }},
		{"wrong pin", tlsLeaf(t, nil, key, nb, na), tlsLeaf(t, nil, nil, nb, na),
			func(g tls.Certificate) store.Trust { return store.Trust{Pin: Pin(g.Leaf)} }},
		{"expired under pin", tlsLeaf(t, nil, key, nb, na), tlsLeaf(t, nil, key, expiredFrom, expiredTo),
			func(g tls.Certificate) store.Trust { return store.Trust{Pin: Pin(g.Leaf)} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newTLSHQ(t, tc.good)
			trust := tc.trust(tc.good)
			s := tlsLaptop(t)
			if _, err := LoginWith(context.Background(), s, LoginOptions{URL: h.url, Token: h.token, Trust: trust}); err != nil {
				t.Fatal(err)
			}
			if _, err := (&Client{Store: s}).Sync(context.Background()); err != nil {
				t.Fatal(err)
			}
			tlsVisit(t, s, h.ent.ID)
			pending := pendingOps(s)

			h.cert.Store(&tc.bad)
			before := h.reqs.Load()
			var dials atomic.Int64
			dial := func(ctx context.Context, network, addr string) (net.Conn, error) {
				dials.Add(1)
				return (&net.Dialer{}).DialContext(ctx, network, addr)
			}
			_, err := (&Client{Store: s, Dial: dial}).Sync(context.Background())
			if !errors.Is(err, ErrUntrusted) {
				t.Fatalf("sync against %s: %v, want ErrUntrusted", tc.name, err)
			}
			if strings.Contains(err.Error(), h.token) {
				t.Fatalf("the error holds the token: %v", err)
			}
			if n := h.reqs.Load() - before; n != 0 || h.pushes.Load() != 0 {
				t.Fatalf("%d requests reached HQ (%d pushes), want none", n, h.pushes.Load())
			}
			if dials.Load() != 1 {
				t.Fatalf("%d connections, want 1: an untrusted HQ is not retried", dials.Load())
			}
			if pendingOps(s) != pending {
				t.Fatalf("pending ops %d, were %d", pendingOps(s), pending)
			}

			fresh := tlsLaptop(t)
			if _, err := LoginWith(context.Background(), fresh, LoginOptions{URL: h.url, Token: h.token, Trust: trust}); !errors.Is(err, ErrUntrusted) {
				t.Fatalf("login against %s: %v, want ErrUntrusted", tc.name, err)
			}
			var id store.Identity
			_ = fresh.View(func(r *store.Reader) error { id = r.Identity(); return nil })
			if id.HQURL != "" || id.Token != "" || h.reqs.Load() != before {
				t.Fatalf("a refused login stored %+v / reached HQ", id)
			}
		})
	}
}

// failDial fails the test if anything is dialled.
func failDial(t *testing.T) Dialer {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		t.Errorf("dialled %s although the address was refused", addr)
		return nil, errors.New("no")
	}
}

// Plain http to a host that is not this machine is refused before any
// connection attempt, at login and at sync (a login stored by an older
// version); --insecure-http allows it and every sync then warns.
func TestTLSPlainHTTPRefusedWithoutDial(t *testing.T) {
	for _, url := range []string{"http://10.1.2.3:8080", "http://hq.example.gov.cn", "HTTP://192.168.1.5", "http://[fe80::1]:80"} {
		_, err := LoginWith(context.Background(), tlsLaptop(t), LoginOptions{URL: url, Token: "wang.secret", Dial: failDial(t)})
		if !errors.Is(err, ErrInsecureHTTP) {
			t.Errorf("login to %s: %v, want ErrInsecureHTTP", url, err)
		}
	}
	s := tlsLaptop(t)
	if err := s.Update(func(w *store.Writer) error {
		return w.SetIdentity(store.Identity{Officer: "wang", HQURL: "http://10.1.2.3:8080", Token: "wang.secret"})
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := (&Client{Store: s, Dial: failDial(t)}).Sync(context.Background()); !errors.Is(err, ErrInsecureHTTP) || strings.Contains(err.Error(), "secret") {
		t.Fatalf("sync to a stored plain-http login: %v, want ErrInsecureHTTP without the token", err)
	}

	// With --insecure-http: a plain HQ, reached at a "remote" name through
	// a dialler that leads to loopback.
	hq, _ := openTestHQ(t, store.Options{NoSync: true})
	ent := visits.Enterprise{Name: "企业"}
	if err := hq.SaveRecords("hq", &ent); err != nil {
		t.Fatal(err)
	}
	tok, _ := hq.AddOfficer("wang", "王建国", visits.RoleAdmin)
	srv := httptest.NewServer(NewHandler(Bolt{hq}, ServerOptions{}))
	defer srv.Close()
	var dials atomic.Int64
	toLoopback := func(ctx context.Context, network, _ string) (net.Conn, error) {
		dials.Add(1)
		return (&net.Dialer{}).DialContext(ctx, network, srv.Listener.Addr().String())
	}
	l := tlsLaptop(t)
	if _, err := LoginWith(context.Background(), l, LoginOptions{URL: "http://hq.example.gov.cn", Token: tok,
		Trust: store.Trust{InsecureHTTP: true}, Dial: toLoopback}); err != nil {
		t.Fatalf("login with --insecure-http: %v", err)
	}
	var warnings []string
	c := &Client{Store: l, Dial: toLoopback, Warn: func(s string) { warnings = append(warnings, s) }}
	for i := range 2 {
		if i > 0 {
			tlsVisit(t, l, ent.ID)
		}
		if _, err := c.Sync(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if len(warnings) != 2 || warnings[0] != WarnInsecureHTTP || dials.Load() == 0 {
		t.Fatalf("warnings %q (want one per sync), dials %d", warnings, dials.Load())
	}
}

func TestTLSCheckHQURLAndToken(t *testing.T) {
	for url, ok := range map[string]bool{
		"https://hq.example.gov.cn": true, "https://10.0.0.1:8443/": true, "http://127.0.0.1:8080": true,
		"http://localhost:8080": true, "http://[::1]:8080": true, "http://127.9.9.9": true,
		"http://10.0.0.1": false, "ftp://hq": false, "https://": false, "hq.example": false,
		"https://wang:tok@hq.example": false, "https://hq.example/?token=x": false,
	} {
		if _, err := CheckHQURL(url, false); (err == nil) != ok {
			t.Errorf("CheckHQURL(%q) = %v, want ok=%v", url, err, ok)
		}
	}
	for tok, ok := range map[string]bool{"wang.abc-_DEF": true, "": false, "a b": false, "a\nb": false, "密钥": false} {
		if err := CheckToken(tok); (err == nil) != ok {
			t.Errorf("CheckToken(%q) = %v", tok, err)
		}
		if err := CheckToken(tok); err != nil && tok != "" && strings.Contains(err.Error(), tok) {
			t.Errorf("CheckToken repeats the token: %v", err)
		}
	}
}

func TestPinFormat(t *testing.T) {
	hexs := strings.Repeat("ab", 32)
	for in, want := range map[string]string{
		"sha256:" + hexs:                        "sha256:" + hexs,
		"sha256:" + strings.ToUpper(hexs):       "sha256:" + hexs,
		"sha256:AB" + strings.Repeat(":AB", 31): "sha256:" + hexs,
		" sha256:" + hexs + "\n":                "sha256:" + hexs,
		"sha1:" + hexs:                          "",
		"sha256:" + hexs[:62]:                   "",
		hexs:                                    "",
		"sha256:" + strings.Repeat("zz", 32):    "",
	} {
		got, err := ParsePin(in)
		if (err != nil) != (want == "") || got != want {
			t.Errorf("ParsePin(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}
