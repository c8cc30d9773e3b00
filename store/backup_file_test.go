package store

import (
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/liaison-dev/liaison/visits"
)

func countEnterprises(t *testing.T, s *Store) int {
	t.Helper()
	var n int
	if err := s.View(func(r *Reader) error {
		es, err := r.Dataset()
		n = len(es.Enterprises)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestBackupFileWhileWriting: while the database is open and being
// written (as by the terminal UI, whose exclusive lock keeps a second
// process from opening it even read-only), BackupFile makes copies that
// open, pass `check`, and hold every enterprise acknowledged before the
// copy began.
func TestBackupFileWhileWriting(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "liaison.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// Why BackupFile exists: the holder's lock refuses every other open.
	if _, err := Open(path, Options{ReadOnly: true, LockTimeout: 50e6}); !errors.Is(err, ErrInUse) {
		t.Fatalf("read-only open beside a writer: %v, want ErrInUse", err)
	}
	var acked atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			e := visits.Enterprise{Name: fmt.Sprintf("企业%d", i), USCC: visits.MakeUSCC(fmt.Sprintf("91620102%09d", i))}
			if err := s.Update(func(w *Writer) error { return w.AddEnterprise(&e, false) }); err != nil {
				t.Error(err)
				return
			}
			acked.Add(1)
		}
	}()
	for i := range 5 {
		for acked.Load() < int64(50*(i+1)) { // wait for writes to happen between copies
			if t.Failed() {
				break
			}
			runtime.Gosched()
		}
		min := acked.Load()
		dest := filepath.Join(dir, fmt.Sprintf("backup%d.db", i))
		if err := BackupFile(path, dest); err != nil {
			t.Fatal(err)
		}
		max := acked.Load()
		b, err := Open(dest, Options{})
		if err != nil {
			t.Fatal(err)
		}
		problems, err := b.Check()
		if err != nil || len(problems) > 0 {
			t.Errorf("backup %d: check: %v %v", i, problems, err)
		}
		n := countEnterprises(t, b)
		b.Close()
		if int64(n) < min || int64(n) > max+1 {
			t.Errorf("backup %d holds %d enterprises; %d were acknowledged before it and %d after", i, n, min, max)
		}
	}
	close(stop)
	wg.Wait()
}
