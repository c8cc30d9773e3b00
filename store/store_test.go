package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/visits"
)

func openTemp(t testing.TB) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "data", "liaison.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestOpenPermissions(t *testing.T) {
	s := openTemp(t)
	fi, err := os.Stat(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("database mode %v, want 0600", fi.Mode().Perm())
	}
	di, _ := os.Stat(filepath.Dir(s.Path()))
	if di.Mode().Perm() != 0o700 {
		t.Errorf("folder mode %v, want 0700", di.Mode().Perm())
	}
}

func TestSecondOpenFailsFast(t *testing.T) {
	s := openTemp(t)
	start := time.Now()
	_, err := Open(s.Path(), Options{LockTimeout: 300 * time.Millisecond})
	if !errors.Is(err, ErrInUse) {
		t.Fatalf("second open: %v, want ErrInUse", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("second open took %v", d)
	}
}

func TestSaveWritesRecordIndexesAndOutboxTogether(t *testing.T) {
	s := openTemp(t)
	e := &visits.Enterprise{Name: "兰州生物科技有限公司", USCC: "91350100M000100Y43"}
	v := &visits.Visit{Occasion: visits.OccRoutine, Method: "on_site", Summary: "企业反映“融资难”——需对接银行……",
		At: time.Date(2026, 11, 20, 3, 0, 0, 0, time.UTC)}
	err := s.Update(func(w *Writer) error {
		if err := w.Save(e); err != nil {
			return err
		}
		v.EnterpriseID = e.ID
		return w.Save(v)
	})
	if err != nil {
		t.Fatal(err)
	}
	err = s.View(func(r *Reader) error {
		got, err := Get[visits.Visit](r, v.ID)
		if err != nil {
			return err
		}
		if got.Summary != v.Summary || !got.At.Equal(v.At) {
			t.Errorf("read back %+v", got)
		}
		vs, err := r.VisitsOf(e.ID, 0)
		if err != nil || len(vs) != 1 || vs[0].ID != v.ID {
			t.Errorf("VisitsOf = %v, %v", vs, err)
		}
		byUSCC, err := r.EnterpriseByUSCC(e.USCC)
		if err != nil || byUSCC.ID != e.ID {
			t.Errorf("EnterpriseByUSCC = %v, %v", byUSCC, err)
		}
		if n := r.PendingCount(); n == 0 {
			t.Error("no ops in the outbox")
		}
		if !r.HasPending("visit", v.ID, "summary") {
			t.Error("summary not marked pending")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// A save that changes one field makes ops only for it (and updated_at).
	var before int
	_ = s.View(func(r *Reader) error { before = r.PendingCount(); return nil })
	v.Summary = "已对接银行"
	if err := s.Update(func(w *Writer) error { return w.Save(v) }); err != nil {
		t.Fatal(err)
	}
	_ = s.View(func(r *Reader) error {
		if d := r.PendingCount() - before; d != 2 {
			t.Errorf("edit of one field queued %d ops, want 2 (summary, updated_at)", d)
		}
		return nil
	})
	// Saving it again unchanged queues nothing: updated_at alone is no edit.
	_ = s.View(func(r *Reader) error { before = r.PendingCount(); return nil })
	if err := s.Update(func(w *Writer) error { return w.Save(v) }); err != nil {
		t.Fatal(err)
	}
	_ = s.View(func(r *Reader) error {
		if d := r.PendingCount() - before; d != 0 {
			t.Errorf("an unchanged save queued %d ops", d)
		}
		return nil
	})
	if p, err := s.Check(); err != nil || len(p) > 0 {
		t.Fatalf("check: %v %v", p, err)
	}
}

func TestFailedActionRollsBack(t *testing.T) {
	s := openTemp(t)
	boom := errors.New("boom")
	err := s.Update(func(w *Writer) error {
		if err := w.Save(&visits.Enterprise{Name: "甲"}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatal(err)
	}
	_ = s.View(func(r *Reader) error {
		if r.Count("enterprise") != 0 || r.PendingCount() != 0 {
			t.Error("half an action was committed")
		}
		return nil
	})
}

func TestDeleteAndClearedField(t *testing.T) {
	s := openTemp(t)
	n := &visits.Need{EnterpriseID: "e", Title: "融资", Description: "需要贷款", Status: "registered"}
	must(t, s.Update(func(w *Writer) error { return w.Save(n) }))
	n.Description = ""
	must(t, s.Update(func(w *Writer) error { return w.Save(n) }))
	_ = s.View(func(r *Reader) error {
		got, _ := Get[visits.Need](r, n.ID)
		if got.Description != "" {
			t.Errorf("cleared field came back: %q", got.Description)
		}
		return nil
	})
	must(t, s.Update(func(w *Writer) error { return w.Delete("need", n.ID) }))
	_ = s.View(func(r *Reader) error {
		if _, err := Get[visits.Need](r, n.ID); !errors.Is(err, ErrNotFound) {
			t.Errorf("deleted need still readable: %v", err)
		}
		if ns, _ := r.NeedsWithStatus("registered"); len(ns) != 0 {
			t.Error("deleted need still indexed")
		}
		return nil
	})
	if p, _ := s.Check(); len(p) > 0 {
		t.Fatal(p)
	}
}

func TestBackupRestore(t *testing.T) {
	s := openTemp(t)
	must(t, s.Update(func(w *Writer) error { return w.Save(&visits.Enterprise{Name: "甲"}) }))
	bk := filepath.Join(t.TempDir(), "b.db")
	must(t, s.Backup(bk))
	path := s.Path()
	must(t, s.Update(func(w *Writer) error { return w.Save(&visits.Enterprise{Name: "乙"}) }))
	s.Close()
	if err := Restore(path, bk, false); !errors.Is(err, ErrUnsynced) {
		t.Fatalf("restore over unsynced work: %v", err)
	}
	must(t, Restore(path, bk, true))
	s2, err := Open(path, Options{})
	must(t, err)
	defer s2.Close()
	_ = s2.View(func(r *Reader) error {
		if r.Count("enterprise") != 1 {
			t.Errorf("restored %d enterprises, want 1", r.Count("enterprise"))
		}
		return nil
	})
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestCadencesReadOnlyWhatIsSet(t *testing.T) {
	s := openTemp(t)
	must(t, s.Update(func(w *Writer) error {
		for i, days := range []int{0, 45, 0} {
			a := &visits.Assignment{EnterpriseID: fmt.Sprint("e", i), OfficerID: "wang", Role: "liaison", CadenceDays: days}
			if err := w.Save(a); err != nil {
				return err
			}
		}
		return w.Save(&visits.Assignment{EnterpriseID: "e9", OfficerID: "li", Role: "liaison", CadenceDays: 10})
	}))
	_ = s.View(func(r *Reader) error {
		got, err := r.Cadences("wang")
		if err != nil || len(got) != 1 || got["e1"] != 45 {
			t.Errorf("Cadences(wang) = %v, %v; want only e1: 45", got, err)
		}
		return nil
	})
}
