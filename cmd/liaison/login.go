package main

import (
	"bufio"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"

	"github.com/charmbracelet/x/term"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/sync"
)

// exitUntrusted: HQ's identity could not be verified (docs/cli.md); nothing
// was sent.
const exitUntrusted = 6

// Help of login's flags (keys of the catalogue).
const (
	helpHQ       = "cli.login.hq_s_address_https"
	helpToken    = "cli.login.login_token_given_here"
	helpCA       = "cli.login.verify_hq_s_certificate"
	helpPin      = "cli.login.hq_s_key_pin"
	helpInsecure = "cli.login.allow_plain_http_to"
)

// loginTrust reads --ca / --pin / --insecure-http into what login trusts.
func loginTrust(hq, caFile, pin string, insecure bool) (store.Trust, error) {
	var t store.Trust
	if _, err := sync.CheckHQURL(hq, insecure); err != nil {
		if errors.Is(err, sync.ErrInsecureHTTP) {
			return t, usageKey("cli.login.hq_plain_http_is", hq)
		}
		return t, usageKey("cli.login.hq", err)
	}
	if caFile != "" && pin != "" {
		return t, usageKey("cli.login.give_ca_or_pin")
	}
	if (caFile != "" || pin != "") && !strings.HasPrefix(strings.ToLower(hq), "https://") {
		return t, usageKey("cli.login.ca_and_pin_verify")
	}
	if caFile != "" {
		raw, err := os.ReadFile(caFile)
		if err != nil {
			return t, usageKey("cli.login.ca", err)
		}
		if !x509.NewCertPool().AppendCertsFromPEM(raw) {
			return t, usageKey("cli.login.ca_holds_no_pem", caFile)
		}
		t.CAPEM = string(raw)
	}
	if pin != "" {
		p, err := sync.ParsePin(pin)
		if err != nil {
			return t, usageKey("cli.login.pin_must_be_sha256")
		}
		t.Pin = p
	}
	t.InsecureHTTP = insecure
	return t, nil
}

// loginToken finds the token: --token T, --token - (standard input),
// LIAISON_TOKEN, a prompt without echo on a terminal, or standard input.
func (e *env) loginToken(flagVal string) (string, error) {
	var tok string
	switch {
	case flagVal == "-":
		t, err := readToken(e.stdin)
		if err != nil {
			return "", err
		}
		tok = t
	case flagVal != "":
		tok = flagVal
	case os.Getenv("LIAISON_TOKEN") != "":
		tok = strings.TrimSpace(os.Getenv("LIAISON_TOKEN"))
	default:
		if f, ok := e.stdin.(*os.File); ok && term.IsTerminal(f.Fd()) {
			fmt.Fprint(e.errw, e.text("cli.login.token_not_shown_as"))
			b, err := term.ReadPassword(f.Fd())
			fmt.Fprintln(e.errw)
			if err != nil {
				return "", err
			}
			tok = strings.TrimSpace(string(b))
		} else {
			t, err := readToken(e.stdin)
			if err != nil {
				return "", err
			}
			tok = t
		}
	}
	if tok == "" {
		return "", usageKey("cli.login.no_token_give_it")
	}
	if sync.CheckToken(tok) != nil {
		return "", usageKey("cli.login.the_token_must_be")
	}
	return tok, nil
}

// readToken reads the first line of r (at most 4 KiB).
func readToken(r io.Reader) (string, error) {
	if r == nil {
		return "", nil
	}
	line, err := bufio.NewReader(io.LimitReader(r, 4096)).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", failKey("cli.login.read_token", err)
	}
	return strings.TrimSpace(line), nil
}

// untrustedExit is exit 6 with the reason, without the request's address
// wrapped around it.
func untrustedExit(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	if errors.Is(err, sync.ErrInsecureHTTP) {
		err = failKey("cli.err.insecure_http_relogin")
	}
	return &exitError{code: exitUntrusted, err: err}
}
