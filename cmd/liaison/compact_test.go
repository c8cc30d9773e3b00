package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/liaison-dev/liaison/store"
)

// liaison compact gives space back and changes nothing a person can read:
// the export, the pending changes and the check are the same after it. A
// temporary file left by a killed compaction is no obstacle.
func TestCompactKeepsEverything(t *testing.T) {
	db := tempDB(t)
	mustCLI(t, 0, db, "demo", "seed", "--enterprises", "20", "--visits", "300")
	ent := strings.TrimSpace(mustCLI(t, 0, db, "enterprise", "add", "--name", "压缩测试科技有限公司"))
	mustCLI(t, 0, db, "visit", "add", "--enterprise", ent, "--occasion", "routine",
		"--method", "on_site", "--summary", "压缩前的走访")
	exportBefore := mustCLI(t, 0, db, "export", "--format", "json")
	statusBefore := mustCLI(t, 0, db, "status", "--json")
	fi, err := os.Stat(db)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(filepath.Dir(db), ".liaison.db.compacting"), []byte("left by a kill"), 0o600); err != nil {
		t.Fatal(err)
	}
	out := mustCLI(t, 0, db, "compact")
	if !strings.Contains(out, "→") {
		t.Errorf("compact said %q", out)
	}
	after, err := os.Stat(db)
	if err != nil {
		t.Fatal(err)
	}
	if after.Size() >= fi.Size() || after.Mode().Perm() != 0o600 {
		t.Errorf("file %d bytes (%v) after compaction, %d before", after.Size(), after.Mode().Perm(), fi.Size())
	}
	if got := mustCLI(t, 0, db, "export", "--format", "json"); got != exportBefore {
		t.Error("the export changed in the compaction")
	}
	if got := mustCLI(t, 0, db, "status", "--json"); got != statusBefore {
		t.Errorf("status changed in the compaction:\n%s\n%s", statusBefore, got)
	}
	mustCLI(t, 0, db, "check")
	if _, err := os.Stat(filepath.Join(filepath.Dir(db), ".liaison.db.compacting")); !os.IsNotExist(err) {
		t.Errorf("temporary file left: %v", err)
	}
}

// While another process holds the database, compact refuses (exit 1) with
// a message saying why, and the file is untouched.
func TestCompactRefusesADatabaseInUse(t *testing.T) {
	db := tempDB(t)
	mustCLI(t, 0, db, "enterprise", "add", "--name", "甲公司")
	s, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	before, _ := os.ReadFile(db)
	_, errs, code := cli(t, db, "compact")
	if code != 1 || !strings.Contains(errs, "关闭它后再压缩") {
		t.Fatalf("compact while held: exit %d, stderr %q", code, errs)
	}
	if now, _ := os.ReadFile(db); !bytes.Equal(before, now) {
		t.Fatal("the database changed")
	}
}
