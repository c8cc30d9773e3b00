package main

import (
	"context"
	"log"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/sync"
)

// officerKey holds, in a request's context, where the authenticated
// officer's id is written for the request log.
type officerKey struct{}

// officerBackend notes who a token belongs to, for the request log; the
// log never sees the token.
type officerBackend struct{ sync.Backend }

func (b officerBackend) Authenticate(ctx context.Context, token string) (store.Principal, error) {
	p, err := b.Backend.Authenticate(ctx, token)
	if slot, ok := ctx.Value(officerKey{}).(*string); ok && err == nil {
		*slot = p.ID
	}
	return p, err
}

// logRequests writes one line per request: method, path, status, bytes,
// duration, officer ("-" before authentication) and client. The client is
// the peer, or, when the peer is a trusted proxy, the address it forwarded
// (X-Forwarded-For) followed by "via" and the proxy.
func logRequests(l *log.Logger, trusted cidrList, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		officer := "-"
		r = r.WithContext(context.WithValue(r.Context(), officerKey{}, &officer))
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		h.ServeHTTP(sw, r)
		l.Printf("%s %s %d %dB %s officer=%s client=%s", logSafe(r.Method), logSafe(r.URL.Path), sw.status, sw.n,
			time.Since(start).Round(time.Microsecond), logSafe(officer), clientAddr(r, trusted))
	})
}

// clientAddr is the request's client for the log. X-Forwarded-For is read
// from the right, past the trusted proxies, and only when the peer itself
// is one: anyone else could write anything there.
func clientAddr(r *http.Request, trusted cidrList) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	peer := net.ParseIP(host)
	if err != nil || peer == nil || !trusted.contains(peer) {
		return logSafe(r.RemoteAddr)
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		ip := net.ParseIP(strings.TrimSpace(hops[i]))
		if ip == nil {
			break
		}
		if !trusted.contains(ip) || i == 0 {
			return ip.String() + " via " + r.RemoteAddr
		}
	}
	return logSafe(r.RemoteAddr)
}

// logSafe keeps a log line one line of visible text.
func logSafe(s string) string {
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return '?'
		}
		return r
	}, s)
}

type statusWriter struct {
	http.ResponseWriter
	status int
	n      int
}

func (w *statusWriter) WriteHeader(c int) { w.status = c; w.ResponseWriter.WriteHeader(c) }
func (w *statusWriter) Write(b []byte) (int, error) {
	n, err := w.ResponseWriter.Write(b)
	w.n += n
	return n, err
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
