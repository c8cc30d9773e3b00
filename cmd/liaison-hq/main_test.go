package main

import (
	"bytes"
	"context"
	"errors"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func hq(t *testing.T, db string, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	err := run(context.Background(), append(args, "--db", db), &out)
	return out.String(), err
}

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func hello(t *testing.T, addr, token string) int {
	t.Helper()
	req, _ := http.NewRequest("GET", "http://"+addr+"/v1/hello", nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return -1
	}
	resp.Body.Close()
	return resp.StatusCode
}

// The admin commands and the server, as an HQ operator uses them: the
// token is printed once and works, a revoked officer is refused, and
// SIGTERM (context cancel) stops the server cleanly.
func TestOfficerTokenServeRevoke(t *testing.T) {
	db := filepath.Join(t.TempDir(), "hq.db")
	if _, err := hq(t, db, "officer", "add", "--id", "wang"); !errors.As(err, new(usageError)) {
		t.Fatalf("officer add without name and role: %v, want a usage error", err)
	}
	out, err := hq(t, db, "officer", "add", "--id", "wang", "--name", "王建国", "--role", "liaison")
	if err != nil {
		t.Fatal(err)
	}
	token := strings.TrimSpace(out)
	if token == "" || strings.Contains(token, "\n") {
		t.Fatalf("officer add printed %q, want one token", out)
	}
	if raw, _ := os.ReadFile(db); bytes.Contains(raw, []byte(token)) {
		t.Fatal("HQ stored the token itself, not only its hash")
	}

	addr := freeAddr(t)
	stop := serveInProcess(t, addr, db)
	if code := hello(t, addr, token); code != http.StatusOK {
		t.Fatalf("the printed token: %d, want 200", code)
	}
	if code := hello(t, addr, ""); code != http.StatusUnauthorized {
		t.Errorf("no token: %d, want 401", code)
	}
	if code := hello(t, addr, token+"x"); code != http.StatusUnauthorized {
		t.Errorf("wrong token: %d, want 401", code)
	}
	if err := stop(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		t.Fatalf("serve stopped with %v", err)
	}

	if _, err := hq(t, db, "officer", "revoke", "wang"); err != nil {
		t.Fatal(err)
	}
	addr = freeAddr(t)
	serveInProcess(t, addr, db)
	if code := hello(t, addr, token); code != http.StatusUnauthorized {
		t.Errorf("revoked token: %d, want 401", code)
	}
}
