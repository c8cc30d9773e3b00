package sync

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/store"
)

// The sync benchmarks over TLS: the same benchmarks, with HQ serving TLS
// (ServerTLS, an ECDSA P-256 certificate from a test CA, HTTP/2 offered
// as liaison-hq serve does) and the laptops verifying it against the CA.
// Figures: docs/performance.md.
//
//	go test ./sync -run '^$' -bench 'TLS' -benchtime 3x

// benchTLS, when set, makes benchServer serve TLS; set only while a
// BenchmarkTLS sub-benchmark runs (benchmarks run one at a time).
var benchTLS *tlsCA

func benchServer(b *testing.B, h http.Handler) *httptest.Server {
	if benchTLS == nil {
		return httptest.NewServer(h)
	}
	nb, na := validNow()
	cert := tlsLeaf(b, benchTLS, nil, nb, na)
	srv := httptest.NewUnstartedServer(h)
	srv.EnableHTTP2 = true
	srv.TLS = ServerTLS(nil)
	srv.TLS.Certificates = append(srv.TLS.Certificates, cert)
	srv.Config.ReadHeaderTimeout = 10 * time.Second
	srv.StartTLS()
	return srv
}

func benchLogin(s *store.Store, url, tok string) (HelloResponse, error) {
	var trust store.Trust
	if benchTLS != nil {
		trust.CAPEM = benchTLS.pem
	}
	return LoginWith(context.Background(), s, LoginOptions{URL: url, Token: tok, Trust: trust})
}

func BenchmarkTLS(b *testing.B) {
	benchTLS = newTLSCA(b, "bench CA")
	defer func() { benchTLS = nil }()
	b.Run("Push10000Visits", BenchmarkPush10000Visits)
	b.Run("FirstFullSync", BenchmarkFirstFullSync)
	b.Run("Sync100Edited", BenchmarkSync100Edited)
	b.Run("SyncNothingToDo", BenchmarkSyncNothingToDo)
	b.Run("SyncNewConnection", BenchmarkSyncNewConnection)
}

// A sync with nothing to do on a new client each time, so every sync opens
// a new connection: what a laptop pays when connections are not reused
// (over TLS a full handshake: the session cache is new too).
func BenchmarkSyncNewConnection(b *testing.B) {
	_, srv, tok := benchHQ(b, 0, 0)
	c := benchLaptop(b, srv.URL, tok)
	mustSync(b, c)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		fresh := &Client{Store: c.Store}
		mustSync(b, fresh)
	}
}
