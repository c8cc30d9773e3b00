package sync

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/store/pg"
	"github.com/liaison-dev/liaison/store/pg/pgtest"
)

// One conformance suite: every HQ these tests build stands on the backend
// LIAISON_TEST_HQ_BACKEND names, bbolt (the default) or postgres (a fresh
// database per HQ on the cluster LIAISON_TEST_PG names, which .ci/pg
// starts). The same tests, the same assertions, either backend:
//
//	go test -race ./sync/                                   # bbolt
//	LIAISON_TEST_HQ_BACKEND=postgres go test -race ./sync/  # PostgreSQL
//
// On PostgreSQL an HQ "restarted" closes its pool and opens a new one on
// the same database (a new instance: its own clock device), and an HQ
// "replaced" is a new database (a new epoch).
const hqBackendEnv = "LIAISON_TEST_HQ_BACKEND"

// hqBackend is the backend the tests run HQ on: "bbolt" or "postgres".
// Asking for postgres without a cluster fails (never skips): the run was
// meant to test PostgreSQL.
func hqBackend(tb fatalTB) string {
	tb.Helper()
	switch b := os.Getenv(hqBackendEnv); b {
	case "", "bbolt":
		return "bbolt"
	case "postgres":
		if os.Getenv(pgtest.Env) == "" {
			tb.Fatal(hqBackendEnv + "=postgres but " + pgtest.Env + " is not set: start a cluster with\n" +
				`  eval "$(.ci/pg start)"` + "\nand run again (.ci/pg stop \"$LIAISON_PG_DIR\" afterwards)")
		}
		return "postgres"
	default:
		tb.Fatalf("%s=%q: want bbolt or postgres", hqBackendEnv, b)
		return ""
	}
}

// hqDB names where one HQ's data lives: a bbolt file (path) or a
// PostgreSQL database (dsn). drop removes a PostgreSQL database made
// outside a test's cleanup (clones of the hostile world).
type hqDB struct {
	path string
	dsn  string
	drop func()
}

// newHQDB makes the place of a new, empty HQ database: a file in dir on
// bbolt, a fresh database on PostgreSQL (dropped when tb ends).
func newHQDB(tb testing.TB, dir string) hqDB {
	tb.Helper()
	if hqBackend(tb) == "postgres" {
		return hqDB{dsn: pgtest.DB(tb)}
	}
	return hqDB{path: filepath.Join(dir, "hq.db")}
}

// openHQAt opens HQ on db: the first time, or again after a close (an HQ
// restart). On PostgreSQL every open is a new instance with its own pool.
func openHQAt(tb fatalTB, db hqDB, opt store.Options) *store.HQ {
	tb.Helper()
	if db.dsn == "" {
		hq, err := store.OpenHQ(db.path, opt)
		if err != nil {
			tb.Fatal(err)
		}
		return hq
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	kv, err := pg.Open(ctx, db.dsn, pg.Options{MaxConns: 4})
	if err != nil {
		tb.Fatal(err)
	}
	hq, err := store.OpenHQOn(kv, opt)
	if err != nil {
		kv.Close()
		tb.Fatal(err)
	}
	return hq
}

// openTestHQ opens a new, empty HQ on the test backend, closed when tb
// ends, and says where it lives (for a restart).
func openTestHQ(tb testing.TB, opt store.Options) (*store.HQ, hqDB) {
	tb.Helper()
	db := newHQDB(tb, tb.TempDir())
	hq := openHQAt(tb, db, opt)
	tb.Cleanup(func() { hq.Close() })
	return hq, db
}

// cloneHQDB copies a closed HQ database for a new world: the file's bytes
// on bbolt (src.path holds a compact copy), CREATE DATABASE … TEMPLATE on
// PostgreSQL. The PostgreSQL copy is dropped by its drop.
func cloneHQDB(tb fatalTB, src hqDB, dir string) hqDB {
	tb.Helper()
	if src.dsn == "" {
		b, err := os.ReadFile(src.path)
		if err == nil {
			err = os.WriteFile(filepath.Join(dir, "hq.db"), b, 0o600)
		}
		if err != nil {
			tb.Fatal(err)
		}
		return hqDB{path: filepath.Join(dir, "hq.db")}
	}
	dsn, drop, err := pgCopy(src.dsn)
	if err != nil {
		tb.Fatal(err)
	}
	return hqDB{dsn: dsn, drop: drop}
}

// pgCopy creates a database from the one at src (no session may be open
// on it: it waits, on pg_stat_activity, for the closed pools' sessions to
// end) and returns its DSN and how to drop it.
func pgCopy(src string) (string, func(), error) {
	u, err := url.Parse(src)
	if err != nil {
		return "", nil, err
	}
	from := u.Path[1:]
	admin := os.Getenv(pgtest.Env)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		return "", nil, err
	}
	defer conn.Close(context.Background())
	for {
		var n int
		if err := conn.QueryRow(ctx, `SELECT count(*) FROM pg_stat_activity WHERE datname = $1`, from).Scan(&n); err != nil {
			return "", nil, err
		}
		if n == 0 {
			break
		}
		select {
		case <-ctx.Done():
			return "", nil, fmt.Errorf("%d sessions still on %s: %w", n, from, ctx.Err())
		case <-time.After(5 * time.Millisecond): // polling the server's state
		}
	}
	var rnd [6]byte
	_, _ = rand.Read(rnd[:])
	name := "liaison_test_" + hex.EncodeToString(rnd[:])
	if _, err := conn.Exec(ctx, `CREATE DATABASE `+name+` TEMPLATE `+from); err != nil {
		return "", nil, fmt.Errorf("copy of %s: %w", from, err)
	}
	drop := func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if c, err := pgx.Connect(ctx, admin); err == nil {
			_, _ = c.Exec(ctx, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`)
			c.Close(ctx)
		}
	}
	u.Path = "/" + name
	return u.String(), drop, nil
}

// TestHQBackendNamed says which backend this run's HQs stand on, and that
// they really do.
func TestHQBackendNamed(t *testing.T) {
	hq, db := openTestHQ(t, store.Options{NoSync: true})
	b := hqBackend(t)
	t.Logf("HQ backend: %s (%s=%q)", b, hqBackendEnv, os.Getenv(hqBackendEnv))
	if (b == "postgres") != (db.dsn != "") {
		t.Fatalf("backend %s but HQ opened on %+v", b, db)
	}
	if err := hq.Store().Backup(filepath.Join(t.TempDir(), "copy.db")); (err == nil) != (b == "bbolt") {
		t.Fatalf("a hot file copy on %s: %v", b, err)
	}
}

// TestSyncSuiteOnPostgreSQL says, on a bbolt run, that this package's
// tests also run with HQ on PostgreSQL, and how (go test -v shows it).
func TestSyncSuiteOnPostgreSQL(t *testing.T) {
	if hqBackend(t) == "postgres" {
		t.Log("this run: HQ on PostgreSQL")
		return
	}
	t.Skip("HQ ran on bbolt. The same tests with HQ on PostgreSQL (what CI runs too):\n" +
		`  eval "$(.ci/pg start)"` + "\n  " + hqBackendEnv + "=postgres go test -race ./sync/\n" +
		`  .ci/pg stop "$LIAISON_PG_DIR"`)
}
