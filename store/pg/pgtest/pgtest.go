// Package pgtest gives tests a fresh PostgreSQL database on the cluster
// named by LIAISON_TEST_PG (started by .ci/pg). Without it the tests are
// skipped, saying how to run them; with LIAISON_REQUIRE_PG=1 (CI) they
// fail instead.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Env names the variable holding the cluster's DSN.
const Env = "LIAISON_TEST_PG"

// Howto tells how to run the PostgreSQL tests.
const Howto = `PostgreSQL tests skipped: LIAISON_TEST_PG is not set. To run them:
  eval "$(.ci/pg start)"        # a throwaway PostgreSQL 15 cluster; exports LIAISON_TEST_PG
  go test ./store/pg/... ./cmd/liaison-hq/
  LIAISON_TEST_HQ_BACKEND=postgres go test ./sync/   # the sync tests, HQ on PostgreSQL
  .ci/pg stop "$LIAISON_PG_DIR"`

// Cluster returns the cluster's DSN, or skips (fails under
// LIAISON_REQUIRE_PG=1) when there is none.
func Cluster(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv(Env)
	if dsn == "" {
		if os.Getenv("LIAISON_REQUIRE_PG") == "1" {
			t.Fatal("LIAISON_REQUIRE_PG=1 but " + Env + " is not set (.ci/run starts a cluster)")
		}
		t.Skip(Howto)
	}
	return dsn
}

// DB creates a fresh, empty database on the cluster, drops it when the test
// ends, and returns its DSN.
func DB(t testing.TB) string {
	t.Helper()
	admin := Cluster(t)
	var rnd [6]byte
	_, _ = rand.Read(rnd[:])
	name := "liaison_test_" + hex.EncodeToString(rnd[:])
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		t.Fatalf("PostgreSQL at %s: %v", Env, err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `CREATE DATABASE `+name); err != nil {
		t.Fatalf("create database %s: %v", name, err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		c, err := pgx.Connect(ctx, admin)
		if err != nil {
			t.Errorf("dropping %s: %v", name, err)
			return
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`); err != nil {
			t.Errorf("drop database %s: %v", name, err)
		}
	})
	u, err := url.Parse(admin)
	if err != nil || u.Scheme == "" {
		t.Fatalf("%s must be a postgres:// URL: %q", Env, admin)
	}
	u.Path = "/" + name
	return u.String()
}
