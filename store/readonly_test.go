package store

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/liaison-dev/liaison/visits"
)

func seedOne(t *testing.T, path string) {
	t.Helper()
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	e := visits.Enterprise{Name: "只读企业", USCC: "91350100M000100Y43"}
	if err := s.Update(func(w *Writer) error { return w.AddEnterprise(&e, false) }); err != nil {
		t.Fatal(err)
	}
	s.Close()
}

// TestOpenReadOnly: a read-only open reads, refuses writes with
// ErrReadOnly, and several may share the file.
func TestOpenReadOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "liaison.db")
	seedOne(t, path)
	a, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("second reader: %v", err)
	}
	defer b.Close()
	if !a.ReadOnly() || countEnterprises(t, a) != 1 || countEnterprises(t, b) != 1 {
		t.Fatal("read-only stores do not read")
	}
	if problems, err := a.Check(); err != nil || len(problems) > 0 {
		t.Errorf("check: %v %v", problems, err)
	}
	e := visits.Enterprise{Name: "新", USCC: "91310110666007217T"}
	if err := a.Update(func(w *Writer) error { return w.AddEnterprise(&e, false) }); !errors.Is(err, ErrReadOnly) {
		t.Errorf("write on a read-only store: %v", err)
	}
	// A writer waits for the readers.
	if _, err := Open(path, Options{LockTimeout: 50e6}); !errors.Is(err, ErrInUse) {
		t.Errorf("writer beside readers: %v", err)
	}
}

// TestOpenOnReadOnlyMount: on a read-only file system, Open falls back
// to reading (before: "read-only file system" for every command). Tests
// run as root, which ignores permission bits, so a 0400 file would prove
// nothing: this needs a real read-only bind mount and is skipped where
// mount is not allowed.
func TestOpenOnReadOnlyMount(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "liaison.db")
	seedOne(t, path)
	if err := os.Chmod(path, 0o400); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o700)
	if out, err := exec.Command("mount", "--bind", dir, dir).CombinedOutput(); err != nil {
		t.Skipf("cannot bind-mount (%v: %s); the read-only path is tested by TestOpenReadOnly", err, out)
	}
	defer exec.Command("umount", dir).Run()
	if out, err := exec.Command("mount", "-o", "remount,bind,ro", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot remount read-only (%v: %s)", err, out)
	}
	if f, err := os.OpenFile(path, os.O_RDWR, 0); err == nil {
		f.Close()
		t.Fatal("the mount is writable")
	}
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("open on a read-only mount: %v", err)
	}
	defer s.Close()
	if !s.ReadOnly() || countEnterprises(t, s) != 1 {
		t.Error("read-only fallback does not read")
	}
	// A database that does not exist is still an error, not a fallback.
	if _, err := Open(filepath.Join(dir, "none.db"), Options{}); err == nil {
		t.Error("opened a missing database on a read-only mount")
	}
}
