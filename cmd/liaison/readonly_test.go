package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/liaison-dev/liaison/store"
)

// TestReadCommandsOnReadOnlyMount: list, show, status, check, report and
// export work on a database on a read-only file system (before, every
// command failed); a write says the database is read-only. Tests run as
// root, which ignores permission bits, so this needs a real read-only bind
// mount; it is skipped where mount is not allowed (store's
// TestOpenReadOnly covers the read-only open itself).
func TestReadCommandsOnReadOnlyMount(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ro")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "liaison.db")
	t.Setenv("LIAISON_DB", "")
	t.Setenv("LIAISON_LANG", "")
	id := strings.TrimSpace(mustCLI(t, 0, db, "enterprise", "add", "--name", "只读企业", "--uscc", "91350100M000100Y43"))
	mustCLI(t, 0, db, "visit", "add", "--enterprise", id, "--occasion", "routine", "--method", "on_site", "--summary", "走访")
	if out, err := exec.Command("mount", "--bind", dir, dir).CombinedOutput(); err != nil {
		t.Skipf("cannot bind-mount (%v: %s)", err, out)
	}
	defer exec.Command("umount", dir).Run()
	if out, err := exec.Command("mount", "-o", "remount,bind,ro", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot remount read-only (%v: %s)", err, out)
	}
	for _, args := range [][]string{
		{"enterprise", "list"}, {"enterprise", "show", id}, {"visit", "list"}, {"need", "list"},
		{"followup", "list"}, {"status"}, {"check"}, {"report", "weekly"}, {"calendar", "show"},
		{"export", "-o", filepath.Join(t.TempDir(), "all.json")},
	} {
		mustCLI(t, 0, db, args...)
	}
	if out := mustCLI(t, 0, db, "enterprise", "list"); !strings.Contains(out, "只读企业") {
		t.Errorf("list: %s", out)
	}
	_, errs, code := cli(t, db, "enterprise", "add", "--name", "新", "--uscc", "91310110666007217T")
	if code != 1 || !strings.Contains(errs, "只读") {
		t.Errorf("write on a read-only database: exit %d, %q", code, errs)
	}
}

// TestBackupWhileInUse: `liaison backup` works while another liaison holds
// the database (before: "in use"), and the copy passes check.
func TestBackupWhileInUse(t *testing.T) {
	db := tempDB(t)
	mustCLI(t, 0, db, "enterprise", "add", "--name", "备份企业", "--uscc", "91350100M000100Y43")
	holder, err := store.Open(db, store.Options{}) // as the terminal UI does
	if err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "copy", "backup.db")
	out, errs, code := cli(t, db, "backup", dest)
	holder.Close()
	if code != 0 {
		t.Fatalf("backup while in use: exit %d\n%s%s", code, out, errs)
	}
	if st, err := os.Stat(dest); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("backup file: %v %v", st, err)
	}
	mustCLI(t, 0, dest, "check")
	if list := mustCLI(t, 0, dest, "enterprise", "list"); !strings.Contains(list, "备份企业") {
		t.Errorf("backup holds: %s", list)
	}
}
