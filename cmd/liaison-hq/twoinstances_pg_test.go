package main

import (
	"context"
	"strings"
	"testing"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/store/pg/pgtest"
	"github.com/liaison-dev/liaison/sync"
	"github.com/liaison-dev/liaison/visits"
)

// TestOfficerAddedWhileTwoInstancesServe: two `serve` processes on one
// PostgreSQL database; `officer add` and `assign` run beside them (no stop),
// and the new officer syncs at once through either instance: a visit pushed
// through one is pulled by a second laptop through the other.
func TestOfficerAddedWhileTwoInstancesServe(t *testing.T) {
	dsn := pgtest.DB(t)
	adminTok, err := hq(t, dsn, "officer", "add", "--id", "boss", "--name", "局长", "--role", "admin")
	if err != nil {
		t.Fatal(err)
	}
	adminTok = strings.TrimSpace(adminTok)
	a, b := freeAddr(t), freeAddr(t)
	serveCLI(t, a, dsn, adminTok)
	serveCLI(t, b, dsn, adminTok)

	// Master data and a new officer, while both serve.
	h, err := openBackend(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	ent := visits.Enterprise{Name: "兰州测试科技有限公司"}
	err = h.SaveRecords("hq", &ent)
	h.Close()
	if err != nil {
		t.Fatal(err)
	}
	tok, err := hq(t, dsn, "officer", "add", "--id", "wang", "--name", "王建国", "--role", "liaison")
	if err != nil {
		t.Fatal(err)
	}
	tok = strings.TrimSpace(tok)
	if _, err := hq(t, dsn, "assign", "--officer", "wang", "--enterprise", ent.ID); err != nil {
		t.Fatal(err)
	}
	for _, addr := range []string{a, b} {
		if code := hello(t, addr, tok); code != 200 {
			t.Fatalf("the new officer's hello at %s: %d, want 200 at once", addr, code)
		}
	}

	laptop := func(addr string) *store.Store {
		s := laptopStore(t)
		if _, err := sync.LoginWith(context.Background(), s, sync.LoginOptions{URL: "http://" + addr, Token: tok}); err != nil {
			t.Fatal(err)
		}
		if _, err := (&sync.Client{Store: s}).Sync(context.Background()); err != nil {
			t.Fatalf("first sync through %s: %v", addr, err)
		}
		return s
	}
	one, two := laptop(a), laptop(b)
	addVisit(t, one, ent.ID)
	if sum, err := (&sync.Client{Store: one}).Sync(context.Background()); err != nil || sum.Applied == 0 || sum.Applied != sum.Pushed {
		t.Fatalf("push through instance A: %+v %v", sum, err)
	}
	sum, err := (&sync.Client{Store: two}).Sync(context.Background())
	if err != nil || sum.Pulled == 0 {
		t.Fatalf("pull through instance B: %+v %v", sum, err)
	}
	var n int
	err = two.View(func(r *store.Reader) error {
		vs, err := r.VisitsOf(ent.ID, 0)
		n = len(vs)
		return err
	})
	if err != nil || n != 1 {
		t.Errorf("the second laptop holds %d visits (%v), want the one pushed through the other instance", n, err)
	}
	if _, err := hq(t, dsn, "officer", "revoke", "wang"); err != nil {
		t.Fatal(err)
	}
	for _, addr := range []string{a, b} {
		if code := hello(t, addr, tok); code != 401 {
			t.Errorf("a revoked officer's hello at %s: %d, want 401 at once", addr, code)
		}
	}
}
