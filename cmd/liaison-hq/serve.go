package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"strings"
	gosync "sync"
	"sync/atomic"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/sync"
	"github.com/liaison-dev/liaison/tui"
)

// serveConfig is how HQ serves: TLS with a certificate it can reload, or
// plain HTTP on loopback or behind a proxy that terminates TLS.
type serveConfig struct {
	addr              string
	certFile, keyFile string
	behindProxy       bool
	trusted           cidrList // proxies whose X-Forwarded-For the request log believes
	adminSock         string   // the admin socket to listen on (bbolt; adminsock.go), or none

	reload <-chan os.Signal                // each receive reloads the certificate (SIGHUP)
	listen func(net.Listener) net.Listener // wraps the listener (tests: peers that look remote)
	logger *log.Logger                     // nil: standard error
	ready  func(net.Addr)                  // called once listening (tests)
	wrap   func(http.Handler) http.Handler // wraps HQ's handler (tests)
}

// newServeConfig checks serve's flags: both TLS files or neither, plain
// HTTP only on a loopback address or with --behind-proxy, and
// --behind-proxy only with the proxies named (--trusted-proxy): HQ then
// answers no one else but this machine.
func newServeConfig(addr, certFile, keyFile string, behindProxy bool, trusted cidrList) (serveConfig, error) {
	cfg := serveConfig{addr: addr, certFile: certFile, keyFile: keyFile, behindProxy: behindProxy, trusted: trusted}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return cfg, usageKey("hq.serve.bad_addr", addr, err)
	}
	switch {
	case (certFile == "") != (keyFile == ""):
		return cfg, usageKey("hq.serve.tls_pair")
	case certFile == "" && !behindProxy && !sync.IsLoopback(host):
		return cfg, usageKey("hq.serve.plain_loopback", addr)
	case behindProxy && len(trusted) == 0:
		return cfg, usageKey("hq.serve.proxy_trusted")
	}
	return cfg, nil
}

// serve runs HQ until ctx ends (SIGINT/SIGTERM). Shutdown waits for
// requests in flight, whose replies are sent only after their transaction
// committed, then returns (the caller closes the database): no
// acknowledged op is lost. With TLS, every receive on cfg.reload loads the
// certificate files again; the next handshake gets the new certificate
// while open connections, and the syncs on them, go on undisturbed.
func serve(ctx context.Context, hq *store.HQ, cfg serveConfig) error {
	logger := cfg.logger
	if logger == nil {
		logger = log.New(os.Stderr, "", log.LstdFlags|log.LUTC)
	}
	var h http.Handler = sync.NewHandler(officerBackend{sync.Bolt{HQ: hq}}, sync.ServerOptions{})
	if cfg.wrap != nil {
		h = cfg.wrap(h)
	}
	if cfg.behindProxy {
		h = onlyFromProxy(cfg.trusted, h)
	}
	srv := sync.NewServer(cfg.addr, logRequests(logger, cfg.trusted, h))
	srv.ErrorLog = logger
	var certs *certReloader
	if cfg.certFile != "" {
		certs = &certReloader{certFile: cfg.certFile, keyFile: cfg.keyFile}
		if _, err := certs.load(); err != nil {
			return err
		}
		srv.TLSConfig = sync.ServerTLS(certs.get)
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	if certs == nil && !cfg.behindProxy && !loopbackAddr(ln.Addr()) {
		// "localhost" (allowed as loopback) resolved elsewhere.
		ln.Close()
		return tui.Msg("hq.serve.not_loopback", cfg.addr, ln.Addr().String())
	}
	if cfg.listen != nil {
		ln = cfg.listen(ln)
	}
	errc := make(chan error, 1)
	var wg gosync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		if certs != nil {
			errc <- srv.ServeTLS(ln, "", "")
		} else {
			errc <- srv.Serve(ln)
		}
	}()
	at := ln.Addr().String()
	switch {
	case certs != nil:
		logger.Printf("serving protocol %d on https://%s (epoch %s): TLS 1.2 and 1.3; %s; SIGHUP reloads the certificate",
			sync.Protocol, at, hq.Epoch(), describeCert(certs.cur.Load()))
	case cfg.behindProxy:
		logger.Printf("serving protocol %d on http://%s (epoch %s): PLAIN HTTP, for a proxy in front that terminates TLS (--behind-proxy); "+
			"answering only the trusted proxies %s and loopback, anyone else 403",
			sync.Protocol, at, hq.Epoch(), orNone(cfg.trusted.String()))
	default:
		logger.Printf("serving protocol %d on http://%s (epoch %s): PLAIN HTTP on loopback only; other machines need --tls-cert and --tls-key",
			sync.Protocol, at, hq.Epoch())
	}
	if len(cfg.adminSock) > maxSockPath {
		logger.Printf("NO ADMIN SOCKET: its path %s is longer than a Unix socket's %d bytes; admin commands need serve stopped "+
			"(give --db a shorter path)", cfg.adminSock, maxSockPath)
	} else if cfg.adminSock != "" {
		// The admin commands reach the database this serve holds through
		// it (adminsock.go); stopped before the caller closes the database.
		aln, err := listenAdmin(cfg.adminSock)
		if err != nil {
			srv.Close()
			wg.Wait()
			return err
		}
		admin := &adminServer{hq: hq, ln: aln, logger: logger}
		go admin.run()
		defer admin.stop()
		logger.Printf("admin commands while serving: through %s (mode 0600, this user only)", cfg.adminSock)
	}
	if cfg.ready != nil {
		cfg.ready(ln.Addr())
	}
	for {
		select {
		case err := <-errc:
			return err
		case <-cfg.reload:
			if certs == nil {
				logger.Print("SIGHUP: no certificate to reload (plain HTTP)")
				continue
			}
			if c, err := certs.load(); err != nil {
				logger.Printf("certificate reload failed, still serving the previous one: %v", err)
			} else {
				logger.Printf("certificate reloaded: %s", describeCert(c))
			}
			continue
		case <-ctx.Done():
		}
		break
	}
	logger.Print("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err = srv.Shutdown(sctx)
	wg.Wait()
	groups, pushes, split := hq.GroupStats() // store/hq_group.go
	logger.Printf("pushes applied in groups: %d groups holding %d pushes; %d groups split after a failure", groups, pushes, split)
	return err
}

// loopbackAddr reports whether a listener's address is a loopback one.
func loopbackAddr(a net.Addr) bool {
	t, ok := a.(*net.TCPAddr)
	return ok && t.IP.IsLoopback()
}

// onlyFromProxy answers 403 forbidden to a request whose peer is neither
// a trusted proxy nor this machine, before h authenticates it: behind a
// proxy HQ speaks plain HTTP, and a client reaching it directly would
// send its token in clear. The token is not looked at (nor logged).
func onlyFromProxy(trusted cidrList, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, _, err := net.SplitHostPort(r.RemoteAddr)
		peer := net.ParseIP(host)
		if err != nil || peer == nil || !(peer.IsLoopback() || trusted.contains(peer)) {
			b, _ := json.Marshal(sync.ErrorResponse{Error: sync.CodeForbidden,
				Reason: "此地址只为受信任的 TLS 代理提供明文 HTTP，请经代理用 https:// 连接（HQ serves plain HTTP here only to its TLS proxy: " +
					"connect through the proxy with https://; the token sent here travelled in clear, ask for a new one if the network is not trusted）",
				ServerTimeMS: time.Now().UnixMilli()})
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Connection", "close")
			w.WriteHeader(http.StatusForbidden)
			_, _ = w.Write(b)
			return
		}
		h.ServeHTTP(w, r)
	})
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// certReloader holds HQ's certificate; load swaps in a new one atomically.
type certReloader struct {
	certFile, keyFile string
	cur               atomic.Pointer[tls.Certificate]
}

// load reads the key pair and makes it the one served, or leaves the old
// one if the files do not make a usable pair.
func (c *certReloader) load() (*tls.Certificate, error) {
	pair, err := tls.LoadX509KeyPair(c.certFile, c.keyFile)
	if err != nil {
		return nil, fmt.Errorf("TLS certificate %s, key %s: %w", c.certFile, c.keyFile, err)
	}
	if pair.Leaf == nil {
		if pair.Leaf, err = x509.ParseCertificate(pair.Certificate[0]); err != nil {
			return nil, fmt.Errorf("TLS certificate %s: %w", c.certFile, err)
		}
	}
	c.cur.Store(&pair)
	return &pair, nil
}

func (c *certReloader) get(*tls.ClientHelloInfo) (*tls.Certificate, error) {
	if p := c.cur.Load(); p != nil {
		return p, nil
	}
	return nil, errors.New("no certificate loaded")
}

// describeCert says what a certificate is for and until when, and its pin.
func describeCert(c *tls.Certificate) string {
	l := c.Leaf
	var names []string
	names = append(names, l.DNSNames...)
	for _, ip := range l.IPAddresses {
		names = append(names, ip.String())
	}
	s := fmt.Sprintf("certificate for %s, valid until %s, pin %s", strings.Join(names, ", "),
		l.NotAfter.UTC().Format("2006-01-02"), sync.Pin(l))
	switch left := time.Until(l.NotAfter); {
	case left <= 0:
		s += " — EXPIRED: laptops will refuse it"
	case left < 30*24*time.Hour:
		s += fmt.Sprintf(" — expires in %d days: renew it and send SIGHUP", int(left.Hours()/24))
	}
	return s
}
