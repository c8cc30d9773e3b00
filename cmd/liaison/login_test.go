package main

import (
	"bytes"
	"context"
	"encoding/pem"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/sync"
	"github.com/liaison-dev/liaison/visits"
)

// cliIn is cli with standard input.
func cliIn(t *testing.T, db, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errw bytes.Buffer
	code := run(context.Background(), append([]string{"--db", db}, args...), strings.NewReader(stdin), &out, &errw)
	return out.String(), errw.String(), code
}

func loggedInAs(t *testing.T, db string) store.Identity {
	t.Helper()
	s, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var id store.Identity
	_ = s.View(func(r *store.Reader) error { id = r.Identity(); return nil })
	return id
}

// The token comes from standard input or LIAISON_TOKEN, so it need not
// stand in the process list or the shell history; it never appears in a
// message.
func TestLoginTokenFromStdinOrEnv(t *testing.T) {
	url, wang, _, _ := startHQ(t)
	t.Setenv("LIAISON_TOKEN", "")
	for name, c := range map[string]struct {
		stdin string
		env   string
		args  []string
	}{
		"piped stdin":   {stdin: wang + "\n"},
		"--token -":     {stdin: "  " + wang + "\r\nignored\n", args: []string{"--token", "-"}},
		"LIAISON_TOKEN": {env: wang},
		"--token T":     {args: []string{"--token", wang}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Setenv("LIAISON_TOKEN", c.env)
			db := tempDB(t)
			t.Setenv("LIAISON_TOKEN", c.env)
			if _, errs, code := cliIn(t, db, c.stdin, append([]string{"login", "--hq", url}, c.args...)...); code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			if id := loggedInAs(t, db); id.Officer != "wang" || id.Token != wang {
				t.Fatalf("stored %q / token ok=%v", id.Officer, id.Token == wang)
			}
		})
	}
	db := tempDB(t)
	_, errs, code := cliIn(t, db, "", "login", "--hq", url)
	if code != exitUsage || !strings.Contains(errs, "LIAISON_TOKEN") {
		t.Fatalf("no token anywhere: exit %d, %q; want 2 saying where a token goes", code, errs)
	}
	_, errs, code = cliIn(t, db, wang+"x\n", "login", "--hq", url)
	if code != exitUnauthed || strings.Contains(errs, wang) {
		t.Fatalf("wrong token: exit %d, %q; want 5 without the token", code, errs)
	}
	_, errs, code = cliIn(t, db, "", "login", "--hq", url, wang)
	if code != exitUsage || strings.Contains(errs, wang) {
		t.Fatalf("token as an argument: exit %d, %q; want 2 without repeating it", code, errs)
	}
}

// Plain http:// to another machine is refused at once (exit 2, naming
// --insecure-http); a certificate that does not verify gives exit 6 at
// login and at sync, a pin or the CA file that matches logs in.
func TestLoginTLSTrustAndExitCodes(t *testing.T) {
	_, errs, code := cliIn(t, tempDB(t), "tok\n", "login", "--hq", "http://10.1.2.3:8080")
	if code != exitUsage || !strings.Contains(errs, "--insecure-http") {
		t.Fatalf("http to another host: exit %d, %q", code, errs)
	}
	_, errs, code = cliIn(t, tempDB(t), "tok\n", "login", "--hq", "http://127.0.0.1:1", "--pin", "sha256:"+strings.Repeat("0", 64))
	if code != exitUsage || !strings.Contains(errs, "https") {
		t.Fatalf("--pin with http: exit %d, %q", code, errs)
	}

	h, err := store.OpenHQ(filepath.Join(t.TempDir(), "hq.db"), store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	tok, _ := h.AddOfficer("wang", "王建国", visits.RoleAdmin)
	srv := httptest.NewTLSServer(sync.NewHandler(sync.Bolt{HQ: h}, sync.ServerOptions{}))
	defer srv.Close()
	pin := sync.Pin(srv.Certificate())
	caFile := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(caFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw}), 0o600); err != nil {
		t.Fatal(err)
	}

	db := tempDB(t)
	_, errs, code = cliIn(t, db, tok+"\n", "login", "--hq", srv.URL)
	if code != exitUntrusted || !strings.HasPrefix(strings.TrimPrefix(errs, "liaison: "), "无法核实总部的身份") {
		t.Fatalf("login to a certificate the system does not know: exit %d, %q; want 6, in Chinese", code, errs)
	}
	if _, errs, code := cliIn(t, db, tok+"\n", "login", "--hq", srv.URL, "--lang", "en"); code != exitUntrusted ||
		!strings.HasPrefix(errs, "liaison: HQ's identity could not be verified") || hasHan(errs) {
		t.Fatalf("login to an unknown certificate, --lang en: exit %d, %q; want 6, in English", code, errs)
	}
	if strings.Contains(errs, tok) {
		t.Fatal("the message holds the token")
	}
	if _, errs, code := cliIn(t, db, tok+"\n", "login", "--hq", srv.URL, "--pin", strings.ToUpper(strings.TrimPrefix(pin, "sha256:"))); code != exitUsage {
		t.Fatalf("a pin without sha256: %d %s", code, errs)
	}
	if _, errs, code := cliIn(t, db, tok+"\n", "login", "--hq", srv.URL, "--pin", pin); code != 0 {
		t.Fatalf("login with the pin: exit %d, %s", code, errs)
	}
	if id := loggedInAs(t, db); id.Trust.Pin != pin {
		t.Fatalf("stored trust %+v", id.Trust)
	}
	if _, errs, code := cliIn(t, db, "", "sync"); code != 0 {
		t.Fatalf("sync with the pin: exit %d, %s", code, errs)
	}
	db2 := tempDB(t)
	if _, errs, code := cliIn(t, db2, tok+"\n", "login", "--hq", srv.URL, "--ca", caFile); code != 0 {
		t.Fatalf("login with --ca: exit %d, %s", code, errs)
	}
	if _, errs, code := cliIn(t, db2, "", "sync"); code != 0 {
		t.Fatalf("sync with the CA: exit %d, %s", code, errs)
	}

	// HQ's key changed under the stored pin: sync refuses, exit 6.
	s, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	id := loggedInAsOpen(s)
	err = s.Update(func(w *store.Writer) error {
		id.Trust.Pin = "sha256:" + strings.Repeat("ab", 32)
		return w.SetIdentity(id)
	})
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	if _, errs, code := cliIn(t, db, "", "sync"); code != exitUntrusted || !strings.Contains(errs, "无法核实总部的身份") {
		t.Fatalf("sync against a key that does not match the pin: exit %d, %s", code, errs)
	}
}

func loggedInAsOpen(s *store.Store) store.Identity {
	var id store.Identity
	_ = s.View(func(r *store.Reader) error { id = r.Identity(); return nil })
	return id
}
