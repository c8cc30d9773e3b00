package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/sync"
	"github.com/liaison-dev/liaison/visits"
)

// hqBinary builds this command once per test.
func hqBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "liaison-hq")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build liaison-hq: %v\n%s", err, out)
	}
	return bin
}

// runBin runs the binary and returns its stdout, stderr and exit code.
func runBin(t *testing.T, bin, db string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(bin, append(args, "--db", db)...)
	var out, errs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errs
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		return out.String(), errs.String(), ee.ExitCode()
	case err != nil:
		t.Fatal(err)
	}
	return out.String(), errs.String(), 0
}

func mustBin(t *testing.T, bin, db string, args ...string) string {
	t.Helper()
	out, errs, code := runBin(t, bin, db, args...)
	if code != 0 {
		t.Fatalf("liaison-hq %s: exit %d: %s", strings.Join(args, " "), code, errs)
	}
	return out
}

// TestAdminWhileServingBbolt: a real `liaison-hq serve` holds the bbolt
// file; officer add, enterprise import, assign, settings and the weekly
// report run through the binary meanwhile (over the admin socket), with
// the exit codes and outputs of a direct run; the new officer's laptop
// syncs the assigned enterprise and HQ's district at once. A socket open
// to others or owned by another user is refused; with serve stopped the
// commands open the file directly again.
func TestAdminWhileServingBbolt(t *testing.T) {
	bin := hqBinary(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "hq.db")
	sock := db + ".admin.sock"
	boss := strings.TrimSpace(mustBin(t, bin, db, "officer", "add", "--id", "boss", "--name", "局长", "--role", "admin"))
	if _, err := os.Lstat(sock); err == nil {
		t.Fatal("a direct command left an admin socket")
	}

	addr := freeAddr(t)
	stop, srvLog := serveBinary(t, bin, "admin commands while serving", "--addr", addr, "--db", db)
	if code := hello(t, addr, boss); code != 200 {
		t.Fatalf("serve is ready but answers hello with %d, want 200", code)
	}
	fi, err := os.Lstat(sock)
	if err != nil || fi.Mode()&os.ModeSocket == 0 || fi.Mode().Perm() != 0o600 {
		t.Fatalf("admin socket %s: %v %v, want a socket 0600", sock, fi, err)
	}

	tok := strings.TrimSpace(mustBin(t, bin, db, "officer", "add", "--id", "wang", "--name", "王建国", "--role", "liaison"))
	if tok == "" || strings.Contains(tok, "\n") || tok == boss {
		t.Fatalf("officer add while serving printed %q, want one new token", tok)
	}
	uscc := visits.MakeUSCC("91620102MA7KLAK01")
	csv := filepath.Join(dir, "master.csv")
	if err := os.WriteFile(csv, []byte("企业名称,统一社会信用代码,所属街道\n兰州管理测试科技有限公司,"+uscc+",城关\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if out := mustBin(t, bin, db, "enterprise", "import", csv); !strings.HasPrefix(out, "导入完成：新建 1，") {
		t.Fatalf("enterprise import while serving: %q", out)
	}
	mustBin(t, bin, db, "assign", "--officer", "wang", "--enterprise", uscc)
	mustBin(t, bin, db, "settings", "set", "district", "城关区")
	var view settingsView
	if err := json.Unmarshal([]byte(mustBin(t, bin, db, "settings", "--json")), &view); err != nil || view.District != "城关区" {
		t.Fatalf("settings --json while serving: %+v %v", view, err)
	}
	repFile := filepath.Join(dir, "week.json")
	if out := mustBin(t, bin, db, "report", "weekly", "--format", "json", "-o", repFile); out != "" {
		t.Errorf("report -o printed %q", out)
	}
	if fi, err := os.Stat(repFile); err != nil || fi.Mode().Perm() != 0o600 || fi.Size() == 0 {
		t.Fatalf("report -o %s: %v %v, want a 0600 file written by the client", repFile, fi, err)
	}
	if raw, _ := os.ReadFile(repFile); !json.Valid(raw) {
		t.Errorf("report file is not JSON: %.200s", raw)
	}
	// Failures keep a direct run's exit codes and words.
	if _, errs, code := runBin(t, bin, db, "officer", "add", "--id", "x"); code != 2 || !strings.Contains(errs, "--name") {
		t.Errorf("usage error over the socket: exit %d %q, want 2", code, errs)
	}
	if _, errs, code := runBin(t, bin, db, "enterprise", "import", filepath.Join(dir, "nope.csv")); code != 2 || !strings.Contains(errs, "nope.csv") || !strings.Contains(errs, "无法打开") {
		t.Errorf("missing file over the socket: exit %d %q, want 2 naming it, as the laptop's import says it", code, errs)
	}
	if _, errs, code := runBin(t, bin, db, "assign", "--officer", "nobody", "--enterprise", uscc); code != 1 || !strings.Contains(errs, "nobody") {
		t.Errorf("unknown officer over the socket: exit %d %q, want 1", code, errs)
	}

	// The new officer syncs at once, and gets the enterprise and district.
	laptop := laptopStore(t)
	if _, err := sync.LoginWith(context.Background(), laptop, sync.LoginOptions{URL: "http://" + addr, Token: tok}); err != nil {
		t.Fatal(err)
	}
	if _, err := (&sync.Client{Store: laptop}).Sync(context.Background()); err != nil {
		t.Fatalf("the new officer's sync: %v", err)
	}
	err = laptop.View(func(r *store.Reader) error {
		es, err := store.All[visits.Enterprise](r)
		if err != nil || len(es) != 1 || es[0].USCC != uscc {
			t.Errorf("laptop enterprises %+v %v, want the assigned one", es, err)
		}
		if d := r.Settings().District; d != "城关区" {
			t.Errorf("laptop district %q, want HQ's", d)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	// A socket others may use, or another user's, is refused.
	for _, bad := range []func() error{
		func() error { return os.Chmod(sock, 0o660) },
		func() error { return os.Lchown(sock, 65534, 65534) },
	} {
		if err := bad(); err != nil {
			t.Fatal(err)
		}
		if _, errs, code := runBin(t, bin, db, "officer", "revoke", "wang"); code != 1 || !strings.Contains(errs, "管理套接字") {
			t.Errorf("a bad admin socket: exit %d %q, want refused", code, errs)
		}
		if err := os.Chmod(sock, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Lchown(sock, os.Geteuid(), os.Getegid()); err != nil {
			t.Fatal(err)
		}
	}
	if code := hello(t, addr, tok); code != 200 {
		t.Fatalf("a refused revoke revoked: hello %d", code)
	}

	// Serve stopped: its socket goes, and the commands open the file.
	stop()
	if _, err := os.Lstat(sock); err == nil {
		t.Error("serve stopped but left its admin socket")
	}
	mustBin(t, bin, db, "officer", "revoke", "wang")
	if !strings.Contains(srvLog.String(), "admin: officer add: exit 0") {
		t.Errorf("serve's log does not show the admin command: %s", srvLog.String())
	}
}
