package main

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/liaison-dev/liaison/store/pg/pgtest"
	"github.com/liaison-dev/liaison/sync"
	"github.com/liaison-dev/liaison/visits"
)

// TestEpochRenewOnPostgres: `epoch renew --db postgres://…` (instances
// stopped) gives the database a new epoch; a restarted instance answers
// the laptop's old epoch 410, and the laptop's next sync pushes its
// pending visit and adopts the new epoch.
func TestEpochRenewOnPostgres(t *testing.T) {
	dsn := pgtest.DB(t)
	tok, err := hq(t, dsn, "officer", "add", "--id", "wang", "--name", "王建国", "--role", "admin")
	if err != nil {
		t.Fatal(err)
	}
	tok = strings.TrimSpace(tok)
	h, err := openBackend(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	ent := visits.Enterprise{Name: "兰州测试科技有限公司"}
	err = h.SaveRecords("hq", &ent)
	oldEpoch := h.Epoch()
	h.Close()
	if err != nil {
		t.Fatal(err)
	}
	addr := freeAddr(t)
	stop := serveCLI(t, addr, dsn, tok)
	laptop := laptopStore(t)
	if _, err := sync.LoginWith(context.Background(), laptop, sync.LoginOptions{URL: "http://" + addr, Token: tok}); err != nil {
		t.Fatal(err)
	}
	if _, err := (&sync.Client{Store: laptop}).Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	stop()

	out, err := hq(t, dsn, "epoch", "renew", "--yes", "--lang", "en")
	if err != nil || !strings.Contains(out, oldEpoch+" → ") {
		t.Fatalf("epoch renew on PostgreSQL: %q %v", out, err)
	}
	serveCLI(t, addr, dsn, tok)
	before, _ := syncState(t, laptop)
	if st := pullStatus(t, addr, tok, oldEpoch, before.Cursor); st != http.StatusGone {
		t.Fatalf("a pull with the old epoch: %d, want 410", st)
	}
	addVisit(t, laptop, ent.ID)
	sum, err := (&sync.Client{Store: laptop}).Sync(context.Background())
	after, pending := syncState(t, laptop)
	if err != nil || sum.Applied == 0 || pending != 0 || after.Epoch == oldEpoch || !strings.Contains(out, after.Epoch) {
		t.Fatalf("sync after the renew: %+v %v; epoch %s (printed %q), pending %d", sum, err, after.Epoch, out, pending)
	}
}
