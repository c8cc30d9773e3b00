package main

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/sync"
	"github.com/liaison-dev/liaison/visits"
)

func syncState(t *testing.T, s *store.Store) (st store.SyncState, pending int) {
	t.Helper()
	_ = s.View(func(r *store.Reader) error {
		st, pending = r.SyncState(), r.PendingCount()
		return nil
	})
	return st, pending
}

// pullStatus is HQ's status for a pull with the given epoch and cursor.
func pullStatus(t *testing.T, addr, token, epoch string, since uint64) int {
	t.Helper()
	req, _ := http.NewRequest("GET", "http://"+addr+"/v1/changes?since="+strconv.FormatUint(since, 10)+"&epoch="+epoch, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// TestEpochRenewAfterRestore restores a bbolt HQ from an older copy of its
// file, as docs/sync.md tells: the laptop's cursor is then above HQ's
// seq. `epoch renew` refuses without confirmation, then gives a new epoch;
// the laptop's old epoch is answered 410, and its next sync keeps and
// pushes its pending visit, pulls from 0 and ends on HQ's seq with
// nothing left to do.
func TestEpochRenewAfterRestore(t *testing.T) {
	dir := t.TempDir()
	file, backup := filepath.Join(dir, "hq.db"), filepath.Join(dir, "hq-backup.db")
	h, err := store.OpenHQ(file, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ent := visits.Enterprise{Name: "兰州测试科技有限公司"}
	if err := h.SaveRecords("hq", &ent); err != nil {
		t.Fatal(err)
	}
	tok, err := h.AddOfficer("wang", "王建国", visits.RoleAdmin)
	if err != nil {
		t.Fatal(err)
	}
	h.Close()

	addr := freeAddr(t)
	stop := serveCLI(t, addr, file, tok)
	laptop := laptopStore(t)
	if _, err := sync.LoginWith(context.Background(), laptop, sync.LoginOptions{URL: "http://" + addr, Token: tok}); err != nil {
		t.Fatal(err)
	}
	if _, err := (&sync.Client{Store: laptop}).Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	addVisit(t, laptop, ent.ID)
	if sum, err := (&sync.Client{Store: laptop}).Sync(context.Background()); err != nil || sum.Applied == 0 {
		t.Fatalf("first sync: %+v %v", sum, err)
	}
	stop()
	b, err := os.ReadFile(file) // the backup: HQ stopped, a copy of the file
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(backup, b, 0o600); err != nil {
		t.Fatal(err)
	}

	stop = serveCLI(t, addr, file, tok)
	addVisit(t, laptop, ent.ID) // pushed after the backup: lost with the restore
	if sum, err := (&sync.Client{Store: laptop}).Sync(context.Background()); err != nil || sum.Applied == 0 {
		t.Fatalf("second sync: %+v %v", sum, err)
	}
	stop()
	if err := os.Rename(backup, file); err != nil { // the restore
		t.Fatal(err)
	}
	before, _ := syncState(t, laptop)
	h, err = store.OpenHQ(file, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	oldEpoch, restoredSeq := h.Epoch(), h.Seq()
	h.Close()
	if before.Epoch != oldEpoch || before.Cursor <= restoredSeq {
		t.Fatalf("laptop epoch %s cursor %d, restored HQ epoch %s seq %d: the restore would not matter", before.Epoch, before.Cursor, oldEpoch, restoredSeq)
	}

	epochStdin = strings.NewReader("n\n")
	t.Cleanup(func() { epochStdin = os.Stdin })
	if _, err := hq(t, file, "epoch", "renew", "--lang", "en"); err == nil || exitCode(err) != 2 || !strings.Contains(err.Error(), "not confirmed") {
		t.Fatalf("renew answered no: %v, want a refusal (exit 2)", err)
	}
	out, err := hq(t, file, "epoch", "renew", "--yes", "--lang", "en")
	if err != nil {
		t.Fatalf("epoch renew --yes: %v", err)
	}
	h, err = store.OpenHQ(file, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	newEpoch := h.Epoch()
	h.Close()
	if newEpoch == oldEpoch || !strings.Contains(out, oldEpoch+" → "+newEpoch) {
		t.Fatalf("renew printed %q; epoch %s → %s", out, oldEpoch, newEpoch)
	}

	serveCLI(t, addr, file, tok)
	if st := pullStatus(t, addr, tok, oldEpoch, before.Cursor); st != http.StatusGone {
		t.Fatalf("a pull with the old epoch: %d, want 410", st)
	}
	addVisit(t, laptop, ent.ID) // pending when HQ asks for the reset
	sum, err := (&sync.Client{Store: laptop}).Sync(context.Background())
	if err != nil || sum.Applied == 0 || sum.Pending != 0 {
		t.Fatalf("sync after the renew: %+v %v, want the pending visit applied", sum, err)
	}
	after, pending := syncState(t, laptop)
	if after.Epoch != newEpoch || pending != 0 {
		t.Fatalf("laptop after the reset: epoch %s pending %d, want %s and 0", after.Epoch, pending, newEpoch)
	}
	if after.Cursor != restoredSeq+uint64(sum.Applied) {
		t.Errorf("laptop cursor %d after the reset, want the restored HQ seq %d plus the %d ops applied", after.Cursor, restoredSeq, sum.Applied)
	}
	if sum, err := (&sync.Client{Store: laptop}).Sync(context.Background()); err != nil || sum.Pulled != 0 || sum.Pushed != 0 {
		t.Errorf("a further sync: %+v %v, want nothing to do (converged)", sum, err)
	}
	// HQ holds the restored visit and the pending one; the visit pushed
	// after the backup is the restore's loss (docs/sync.md).
	fresh := laptopStore(t)
	if _, err := sync.LoginWith(context.Background(), fresh, sync.LoginOptions{URL: "http://" + addr, Token: tok}); err != nil {
		t.Fatal(err)
	}
	if _, err := (&sync.Client{Store: fresh}).Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	var n int
	err = fresh.View(func(r *store.Reader) error {
		vs, err := r.VisitsOf(ent.ID, 0)
		n = len(vs)
		return err
	})
	if err != nil || n != 2 {
		t.Errorf("a new laptop pulls %d visits (%v), want 2: the restored one and the pending one", n, err)
	}
}

// A bbolt file a running serve holds is not renewed (that serve would go
// on answering the old epoch): the command says to stop HQ first.
func TestEpochRenewRefusedWhileServing(t *testing.T) {
	file := filepath.Join(t.TempDir(), "hq.db")
	tok, err := hq(t, file, "officer", "add", "--id", "wang", "--name", "王建国", "--role", "admin")
	if err != nil {
		t.Fatal(err)
	}
	h, err := store.OpenHQ(file, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	epoch := h.Epoch()
	h.Close()
	stop := serveCLI(t, freeAddr(t), file, strings.TrimSpace(tok))
	if _, err := hq(t, file, "epoch", "renew", "--yes", "--lang", "en"); err == nil || !strings.Contains(err.Error(), "stop HQ") {
		t.Fatalf("renew while serve holds the file: %v, want a refusal", err)
	}
	stop()
	h, err = store.OpenHQ(file, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	if h.Epoch() != epoch {
		t.Errorf("the refused renew changed the epoch %s → %s", epoch, h.Epoch())
	}
}
