package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/store/pg/pgtest"
	"github.com/liaison-dev/liaison/sync"
	"github.com/liaison-dev/liaison/visits"
)

// serveCLI runs `liaison-hq serve --addr addr --db db` as the command
// line does, checks that token is answered at once, and returns a stop
// function that waits for serve to end.
func serveCLI(t *testing.T, addr, db, token string) func() {
	t.Helper()
	stop := serveInProcess(t, addr, db)
	if code := hello(t, addr, token); code != 200 {
		t.Fatalf("serve --db %s is ready but answers hello with %d, want 200", db, code)
	}
	return func() {
		if err := stop(); err != nil {
			t.Errorf("serve: %v", err)
		}
	}
}

// TestMigrateToPostgresKeepsLaptopsSyncing moves a district up: a bbolt HQ
// with officers, records and an op log is copied into PostgreSQL with
// `liaison-hq migrate`; served from PostgreSQL, the laptop's next sync has
// nothing to pull again and no reset, its next push applies, and a new
// laptop of the same officer gets everything.
func TestMigrateToPostgresKeepsLaptopsSyncing(t *testing.T) {
	dsn := pgtest.DB(t)
	file := filepath.Join(t.TempDir(), "hq.db")
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
	for range 3 {
		addVisit(t, laptop, ent.ID)
	}
	if sum, err := (&sync.Client{Store: laptop}).Sync(context.Background()); err != nil || sum.Applied == 0 {
		t.Fatalf("first sync on bbolt: %+v %v", sum, err)
	}
	if sum, err := (&sync.Client{Store: laptop}).Sync(context.Background()); err != nil || sum.Pulled != 0 {
		t.Fatalf("a second sync on bbolt pulls %d (%v): the check below would mean nothing", sum.Pulled, err)
	}
	stop()

	out, err := hq(t, file, "migrate", "--from", file, "--to", dsn)
	if err != nil {
		t.Fatalf("migrate: %v", err)
	}
	t.Log(strings.TrimSpace(out))
	if strings.Contains(out, "warning") {
		t.Errorf("migrate warned: %s", out)
	}
	// The copy is vacuumed and analysed (Settle), so the first pushes do
	// not pay for a bulk load's missing hint bits and statistics.
	conn, err := pgx.Connect(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	var vacuumed, analysed bool
	err = conn.QueryRow(context.Background(), `SELECT last_vacuum IS NOT NULL, last_analyze IS NOT NULL
		FROM pg_stat_user_tables WHERE relname = 'liaison_kv'`).Scan(&vacuumed, &analysed)
	conn.Close(context.Background())
	if err != nil || !vacuumed || !analysed {
		t.Errorf("after migrate liaison_kv vacuumed %v, analysed %v (%v), want both", vacuumed, analysed, err)
	}
	if _, err := hq(t, file, "migrate", "--from", file, "--to", dsn); err == nil || !strings.Contains(err.Error(), "empty") {
		t.Errorf("a second migrate into the same database: %v, want a refusal", err)
	}

	serveCLI(t, addr, dsn, tok) // the same address; the old token works: officers were copied
	sum, err := (&sync.Client{Store: laptop}).Sync(context.Background())
	if err != nil {
		t.Fatalf("the laptop's first sync with HQ on PostgreSQL: %v", err)
	}
	if sum.Pulled != 0 || sum.Pushed != 0 {
		t.Errorf("after the move the laptop pulled %d and pushed %d, want nothing to do", sum.Pulled, sum.Pushed)
	}
	addVisit(t, laptop, ent.ID)
	if sum, err := (&sync.Client{Store: laptop}).Sync(context.Background()); err != nil || sum.Applied == 0 || sum.Applied != sum.Pushed {
		t.Fatalf("a push to HQ on PostgreSQL: %+v %v", sum, err)
	}
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
	if err != nil || n != 4 {
		t.Errorf("a new laptop pulls %d visits from PostgreSQL (%v), want 4", n, err)
	}
}
