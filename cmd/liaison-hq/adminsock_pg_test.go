package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/store/pg/pgtest"
	"github.com/liaison-dev/liaison/sync"
	"github.com/liaison-dev/liaison/visits"
)

// TestAdminWhileServingPostgres: on PostgreSQL the admin commands open the
// database themselves (no socket) while two serve instances run; every
// one of them, through the binary, takes effect at both instances at once.
func TestAdminWhileServingPostgres(t *testing.T) {
	dsn := pgtest.DB(t)
	bin := hqBinary(t)
	dir := t.TempDir()
	boss := strings.TrimSpace(mustBin(t, bin, dsn, "officer", "add", "--id", "boss", "--name", "局长", "--role", "admin"))
	a, b := freeAddr(t), freeAddr(t)
	serveCLI(t, a, dsn, boss)
	serveCLI(t, b, dsn, boss)

	tok := strings.TrimSpace(mustBin(t, bin, dsn, "officer", "add", "--id", "wang", "--name", "王建国", "--role", "liaison"))
	uscc := visits.MakeUSCC("91620102MA7KLAK02")
	csv := filepath.Join(dir, "master.csv")
	if err := os.WriteFile(csv, []byte("企业名称,统一社会信用代码,所属街道\n兰州双实例科技有限公司,"+uscc+",城关\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if out := mustBin(t, bin, dsn, "enterprise", "import", csv); !strings.HasPrefix(out, "导入完成：新建 1，") {
		t.Fatalf("enterprise import while two instances serve: %q", out)
	}
	mustBin(t, bin, dsn, "assign", "--officer", "wang", "--enterprise", uscc)
	mustBin(t, bin, dsn, "settings", "set", "district", "七里河区")
	var view settingsView
	if err := json.Unmarshal([]byte(mustBin(t, bin, dsn, "settings", "--json")), &view); err != nil || view.District != "七里河区" {
		t.Fatalf("settings --json: %+v %v", view, err)
	}
	if out := mustBin(t, bin, dsn, "report", "weekly", "--format", "csv"); out == "" {
		t.Error("report weekly printed nothing")
	}
	for _, addr := range []string{a, b} {
		laptop := laptopStore(t)
		if _, err := sync.LoginWith(context.Background(), laptop, sync.LoginOptions{URL: "http://" + addr, Token: tok}); err != nil {
			t.Fatal(err)
		}
		if _, err := (&sync.Client{Store: laptop}).Sync(context.Background()); err != nil {
			t.Fatalf("the new officer's sync through %s: %v", addr, err)
		}
		err := laptop.View(func(r *store.Reader) error {
			es, err := store.All[visits.Enterprise](r)
			if err != nil || len(es) != 1 || es[0].USCC != uscc {
				t.Errorf("%s: laptop enterprises %+v %v, want the assigned one", addr, es, err)
			}
			if d := r.Settings().District; d != "七里河区" {
				t.Errorf("%s: laptop district %q, want HQ's", addr, d)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	mustBin(t, bin, dsn, "officer", "revoke", "wang")
	for _, addr := range []string{a, b} {
		if code := hello(t, addr, tok); code != 401 {
			t.Errorf("revoked while serving: hello at %s %d, want 401", addr, code)
		}
	}
}
