package sync

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/liaison-dev/liaison/store"
)

// How a laptop knows it talks to its HQ (docs/sync.md, "TLS"): over https
// it verifies HQ's certificate against the system's roots, a district CA
// (store.Trust.CAPEM) or a pin of HQ's public key (store.Trust.Pin); plain
// http only to loopback, or elsewhere on explicit request. Verification is
// part of the TLS handshake, so a certificate that does not match stops the
// connection before any request (token or ops) is written.

var (
	// ErrUntrusted: HQ's identity could not be verified. Nothing was sent.
	ErrUntrusted = errors.New("无法核实总部的身份，未发送任何数据（HQ's identity could not be verified; nothing was sent）")
	// ErrInsecureHTTP: plain http:// to a host that is not loopback,
	// without InsecureHTTP.
	ErrInsecureHTTP = errors.New("不加密的 http:// 只能连接本机；请用 https://，或明确加上 --insecure-http（plain http:// is only for loopback: use https://, or say --insecure-http）")
)

// PinPrefix starts every pin.
const PinPrefix = "sha256:"

// Pin is the pin of a certificate: "sha256:" and the lowercase hex SHA-256
// of its DER-encoded SubjectPublicKeyInfo. It names the key, not the
// certificate, so a certificate renewed with the same key keeps its pin.
// The same as `openssl x509 -pubkey -noout -in hq.crt | openssl pkey
// -pubin -outform der | openssl dgst -sha256`.
func Pin(cert *x509.Certificate) string {
	sum := sha256.Sum256(cert.RawSubjectPublicKeyInfo)
	return PinPrefix + hex.EncodeToString(sum[:])
}

// ParsePin checks a pin as an officer types it and returns it in the form
// Pin prints. Hex may be upper case and separated by colons.
func ParsePin(s string) (string, error) {
	h, ok := strings.CutPrefix(strings.TrimSpace(s), PinPrefix)
	if !ok {
		return "", fmt.Errorf("pin %q: must start with %q", s, PinPrefix)
	}
	h = strings.ToLower(strings.ReplaceAll(h, ":", ""))
	if b, err := hex.DecodeString(h); err != nil || len(b) != sha256.Size {
		return "", fmt.Errorf("pin %q: %q must be followed by 64 hex digits (a SHA-256)", s, PinPrefix)
	}
	return PinPrefix + h, nil
}

// IsLoopback reports whether host (a URL's hostname) is this machine:
// "localhost" or an address in 127.0.0.0/8 or ::1. No name is resolved
// here; a laptop's client connects "localhost" only to the loopback
// addresses it resolves to (loopbackOnly), never elsewhere.
func IsLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// CheckHQURL checks HQ's address before anything is dialled: http or https,
// a host, no user or password in it (a token never travels in a URL), and
// plain http only to loopback unless insecure is set (ErrInsecureHTTP).
func CheckHQURL(raw string, insecure bool) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("HQ address: %w", err)
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, fmt.Errorf("HQ address %q: must start with https:// (or http:// for this machine)", raw)
	case u.Hostname() == "":
		return nil, fmt.Errorf("HQ address %q: names no host", raw)
	case u.User != nil:
		return nil, fmt.Errorf("HQ address: must not hold a user name or password (the token is given apart)")
	case u.RawQuery != "" || u.Fragment != "":
		return nil, fmt.Errorf("HQ address: must not hold a query or fragment")
	case u.Scheme == "http" && !insecure && !IsLoopback(u.Hostname()):
		return nil, fmt.Errorf("%w: %s", ErrInsecureHTTP, u.Redacted())
	}
	return u, nil
}

// ClientTLS returns the TLS configuration a laptop uses for HQ under t.
func ClientTLS(t store.Trust) (*tls.Config, error) {
	cfg := &tls.Config{MinVersion: tls.VersionTLS12, CipherSuites: cipherSuites,
		ClientSessionCache: tls.NewLRUClientSessionCache(8)}
	switch {
	case t.CAPEM != "" && t.Pin != "":
		return nil, errors.New("trust either a CA or a pin, not both")
	case t.CAPEM != "":
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM([]byte(t.CAPEM)) {
			return nil, errors.New("the CA file holds no PEM certificate")
		}
		cfg.RootCAs = pool
	case t.Pin != "":
		pin, err := ParsePin(t.Pin)
		if err != nil {
			return nil, err
		}
		// The pin replaces the chain and the name: the key is the identity.
		// Validity dates are still checked. VerifyConnection runs on
		// resumed sessions too.
		cfg.InsecureSkipVerify = true
		cfg.VerifyConnection = func(cs tls.ConnectionState) error {
			if len(cs.PeerCertificates) == 0 {
				return &untrustedError{reason: "HQ sent no certificate"}
			}
			leaf := cs.PeerCertificates[0]
			if got := Pin(leaf); subtle.ConstantTimeCompare([]byte(got), []byte(pin)) != 1 {
				return &untrustedError{reason: fmt.Sprintf("HQ's key is %s, the pin is %s", got, pin)}
			}
			if now := time.Now(); now.Before(leaf.NotBefore) || now.After(leaf.NotAfter) {
				return &untrustedError{reason: fmt.Sprintf("HQ's certificate is valid from %s to %s, not now",
					leaf.NotBefore.UTC().Format(time.RFC3339), leaf.NotAfter.UTC().Format(time.RFC3339))}
			}
			return nil
		}
	}
	return cfg, nil
}

// cipherSuites are TLS 1.2's modern suites (forward secret, AEAD); TLS 1.3
// chooses among its own, all modern.
var cipherSuites = []uint16{
	tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
	tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, tls.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
	tls.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, tls.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
}

// ServerTLS returns HQ's TLS configuration: TLS 1.2 and 1.3 only, modern
// suites, the certificate from getCert (called at every handshake, so a
// certificate swapped in is served to the next connection while open ones
// keep theirs).
func ServerTLS(getCert func(*tls.ClientHelloInfo) (*tls.Certificate, error)) *tls.Config {
	return &tls.Config{MinVersion: tls.VersionTLS12, CipherSuites: cipherSuites, GetCertificate: getCert}
}

// untrustedError is a certificate that did not verify; it is ErrUntrusted.
type untrustedError struct {
	reason string
	err    error
}

func (e *untrustedError) Error() string {
	if e.err != nil {
		return ErrUntrusted.Error() + ": " + e.err.Error()
	}
	return ErrUntrusted.Error() + ": " + e.reason
}
func (e *untrustedError) Unwrap() error        { return e.err }
func (e *untrustedError) Is(target error) bool { return target == ErrUntrusted }

// asUntrusted turns a failed certificate verification into ErrUntrusted
// (nil if err is something else).
func asUntrusted(err error) error {
	var u *untrustedError
	if errors.As(err, &u) {
		return u
	}
	var (
		cv   *tls.CertificateVerificationError
		ua   x509.UnknownAuthorityError
		host x509.HostnameError
		inv  x509.CertificateInvalidError
	)
	if errors.As(err, &cv) || errors.As(err, &ua) || errors.As(err, &host) || errors.As(err, &inv) {
		return &untrustedError{err: unwrapURL(err)}
	}
	return nil
}

// unwrapURL drops url.Error's "Get URL:" prefix: the message says what
// failed, the address is known.
func unwrapURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// permanent reports whether a request failed in a way no retry mends:
// HQ's identity could not be verified, or plain http was refused.
func permanent(err error) bool {
	return errors.Is(err, ErrUntrusted) || errors.Is(err, ErrInsecureHTTP)
}

// trustTransport reports certificate failures as ErrUntrusted and refuses,
// without dialling, a plain-http address the trust does not allow.
type trustTransport struct {
	base     http.RoundTripper
	insecure bool
}

func (t trustTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.URL.Scheme == "http" && !t.insecure && !IsLoopback(r.URL.Hostname()) {
		return nil, fmt.Errorf("%w: %s", ErrInsecureHTTP, r.URL.Host)
	}
	resp, err := t.base.RoundTrip(r)
	if err != nil {
		if u := asUntrusted(err); u != nil {
			return nil, u
		}
	}
	return resp, err
}

// Dialer opens connections (tests replace it; nil: net.Dialer's).
type Dialer func(ctx context.Context, network, addr string) (net.Conn, error)

// NewHTTPClient returns the client a laptop reaches HQ with under t:
// connections are kept and reused across requests (one TLS handshake per
// connection, resumed sessions after that), certificate failures end the
// request as ErrUntrusted, and plain http is refused without dialling
// unless t allows it.
func NewHTTPClient(t store.Trust, dial Dialer) (*http.Client, error) {
	return newHTTPClient(t, dial, net.DefaultResolver.LookupIPAddr)
}

// lookupIP resolves a host name (tests replace it).
type lookupIP func(ctx context.Context, host string) ([]net.IPAddr, error)

func newHTTPClient(t store.Trust, dial Dialer, lookup lookupIP) (*http.Client, error) {
	cfg, err := ClientTLS(t)
	if err != nil {
		return nil, err
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSClientConfig = cfg
	tr.ForceAttemptHTTP2 = true
	// A push body (about 60 KB gzipped for 1,000 ops) goes out in one
	// write with its header, not the header's 4 KB buffer and then the
	// rest: between the two writes the sending goroutine can wait a
	// millisecond or more for a CPU while the next batch is being built,
	// and HQ waits for the whole body (HTTP/1.1; HTTP/2 frames its own).
	tr.WriteBufferSize = 256 << 10
	if dial != nil {
		tr.DialContext = dial
	}
	tr.DialContext = loopbackOnly(tr.DialContext, lookup)
	return &http.Client{Timeout: 30 * time.Second, Transport: trustTransport{base: tr, insecure: t.InsecureHTTP}}, nil
}

// loopbackOnly dials "localhost" only at the loopback addresses it
// resolves to: plain http to "localhost" is allowed as loopback
// (IsLoopback), and a resolver (or hosts file) that maps it elsewhere must
// not carry the token off this machine in clear. If none is loopback,
// nothing is dialled (ErrInsecureHTTP). Other hosts are dialled as given.
func loopbackOnly(dial Dialer, lookup lookupIP) Dialer {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, port, err := net.SplitHostPort(addr)
		if err != nil || !strings.EqualFold(host, "localhost") {
			return dial(ctx, network, addr)
		}
		ips, err := lookup(ctx, host)
		if err != nil {
			return nil, err
		}
		var last error
		for _, ip := range ips {
			if !ip.IP.IsLoopback() {
				continue
			}
			c, err := dial(ctx, network, net.JoinHostPort(ip.String(), port))
			if err == nil {
				return c, nil
			}
			last = err
		}
		if last == nil {
			return nil, fmt.Errorf("%w: localhost resolves to %v, not to this machine", ErrInsecureHTTP, ips)
		}
		return nil, last
	}
}

// refuseTransport fails every request with err, dialling nothing.
type refuseTransport struct{ err error }

func (t refuseTransport) RoundTrip(*http.Request) (*http.Response, error) { return nil, t.err }

// ErrBadToken: a token that cannot be one HQ issued. The message never
// repeats the token.
var ErrBadToken = errors.New("令牌格式不对：应为一行可见字符，不含空格（the token must be one line of visible characters without spaces）")

// CheckToken refuses a token that could not have been issued (empty, too
// long, spaces or control characters), before it goes into a header.
func CheckToken(tok string) error {
	if tok == "" || len(tok) > 1024 {
		return ErrBadToken
	}
	for i := 0; i < len(tok); i++ {
		if tok[i] <= ' ' || tok[i] >= 0x7f {
			return ErrBadToken
		}
	}
	return nil
}
