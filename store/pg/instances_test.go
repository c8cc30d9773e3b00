package pg_test

import (
	"context"
	"encoding/binary"
	"fmt"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/store/pg/pgtest"
)

// TestTwoInstancesWriteOneAtATime runs read-modify-write transactions from
// two pools (two HQ instances) on one database at once: none is lost, and
// the numbers NextSequence hands out are unique and in commit order.
func TestTwoInstancesWriteOneAtATime(t *testing.T) {
	dsn := pgtest.DB(t)
	dbs := []store.KV{open(t, dsn), open(t, dsn)}
	if err := dbs[0].Update(func(tx store.Tx) error { _, err := tx.CreateBucketIfNotExists([]byte("b")); return err }); err != nil {
		t.Fatal(err)
	}
	const writers, each = 4, 15
	var wg sync.WaitGroup
	errs := make(chan error, writers*2)
	for i := range writers * 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range each {
				err := dbs[i%2].Update(func(tx store.Tx) error {
					b := tx.Bucket([]byte("b"))
					n := uint64(0)
					if v := b.Get([]byte("counter")); v != nil {
						n = binary.BigEndian.Uint64(v)
					}
					seq, err := b.NextSequence()
					if err != nil {
						return err
					}
					if seq != n+1 {
						return fmt.Errorf("sequence %d after counter %d: not in commit order", seq, n)
					}
					// The log key is the sequence: the last key must be n.
					if k, _ := b.Cursor().Last(); n > 0 && string(k) != fmt.Sprintf("log%08d", n) {
						return fmt.Errorf("last log key %q, want log%08d", k, n)
					}
					if err := b.Put([]byte(fmt.Sprintf("log%08d", seq)), []byte("x")); err != nil {
						return err
					}
					return b.Put([]byte("counter"), binary.BigEndian.AppendUint64(nil, n+1))
				})
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	err := dbs[1].View(func(tx store.Tx) error {
		b := tx.Bucket([]byte("b"))
		if n := binary.BigEndian.Uint64(b.Get([]byte("counter"))); n != writers*2*each {
			t.Errorf("counter = %d, want %d: updates were lost", n, writers*2*each)
		}
		if n := b.KeyN(); n != writers*2*each+1 {
			t.Errorf("%d keys, want %d", n, writers*2*each+1)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestUpdateRetriesALostConnection kills the writer's connection in the
// middle of fn: Update runs fn again on a new connection and commits once.
func TestUpdateRetriesALostConnection(t *testing.T) {
	dsn := pgtest.DB(t)
	db := open(t, dsn)
	put(t, db, "b", "n", "0")
	ctx := context.Background()
	side, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer side.Close(ctx)
	runs := 0
	err = db.Update(func(tx store.Tx) error {
		runs++
		b := tx.Bucket([]byte("b"))
		if runs == 1 {
			var killed bool
			err := side.QueryRow(ctx, `SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity
				WHERE datname = current_database() AND state = 'idle in transaction' AND pid <> pg_backend_pid()`).Scan(&killed)
			if err != nil || !killed {
				t.Fatalf("terminating the writer's backend: %v %v", killed, err)
			}
		}
		if v := string(b.Get([]byte("n"))); v != "0" && runs > 1 {
			return fmt.Errorf("run %d reads n = %q: the first run's write leaked", runs, v)
		}
		return b.Put([]byte("n"), []byte(fmt.Sprint(runs)))
	})
	if err != nil {
		t.Fatalf("Update after a lost connection: %v", err)
	}
	if runs != 2 {
		t.Errorf("fn ran %d times, want 2", runs)
	}
	if v, _ := get(t, db, "b", "n"); v != "2" {
		t.Errorf("n = %q, want 2 (the second run's)", v)
	}
}

// TestADeadWriterReleasesTheLock: an instance killed while it holds the
// lock row (its socket closed, as SIGKILL does) blocks the others only
// until PostgreSQL sees the connection gone; its transaction is rolled back.
func TestADeadWriterReleasesTheLock(t *testing.T) {
	dsn := pgtest.DB(t)
	db := open(t, dsn)
	put(t, db, "b", "k", "before")
	ctx := context.Background()
	dead, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	tx, err := dead.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, `SELECT id FROM liaison_lock WHERE id = 1 FOR UPDATE`); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, `UPDATE liaison_kv SET value = 'half-written' WHERE key = 'k'`); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		done <- db.Update(func(tx store.Tx) error {
			b := tx.Bucket([]byte("b"))
			if v := string(b.Get([]byte("k"))); v != "before" {
				return fmt.Errorf("the next writer reads %q, want the dead writer's change rolled back", v)
			}
			return b.Put([]byte("k"), []byte("after"))
		})
	}()
	// Wait until the writer waits for the lock, then kill the holder.
	side, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer side.Close(ctx)
	for waiting := false; !waiting; {
		select {
		case err := <-done:
			t.Fatalf("Update ended while another transaction held the lock row: %v", err)
		default:
		}
		if err := side.QueryRow(ctx, `SELECT count(*) > 0 FROM pg_stat_activity
			WHERE datname = current_database() AND wait_event_type = 'Lock'`).Scan(&waiting); err != nil {
			t.Fatal(err)
		}
	}
	dead.PgConn().Conn().Close() // the process dies: its socket closes
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if v, _ := get(t, db, "b", "k"); v != "after" {
		t.Errorf("k = %q, want after", v)
	}
}

// TestBucketAfterALostConnection: when the connection dies inside a View,
// Bucket still hands out a bucket (finding nothing) and View returns the
// error; it never gives nil for a bucket the code knows exists, which HQ's
// reads would dereference (a panic seen under load when a read outlived
// the transaction bound).
func TestBucketAfterALostConnection(t *testing.T) {
	dsn := pgtest.DB(t)
	db := open(t, dsn)
	put(t, db, "b", "k", "v")
	ctx := context.Background()
	side, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer side.Close(ctx)
	runs := 0
	err = db.View(func(tx store.Tx) error {
		runs++
		var killed bool
		if err := side.QueryRow(ctx, `SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity
			WHERE datname = current_database() AND state = 'idle in transaction' AND pid <> pg_backend_pid()`).Scan(&killed); err != nil || !killed {
			t.Fatalf("terminating the reader's backend: %v %v", killed, err)
		}
		if v := tx.Bucket([]byte("b")).Get([]byte("nothing-cached")); v != nil {
			t.Fatalf("Get on a dead connection = %q, want nil", v)
		}
		b := tx.Bucket([]byte("b"))
		if b == nil {
			t.Fatal("Bucket is nil after an engine error: readers would dereference it")
		}
		if k, _ := b.Cursor().First(); k != nil && runs == 1 {
			t.Fatalf("a cursor on a dead connection found %q", k)
		}
		return nil
	})
	if err == nil && runs == 1 {
		t.Fatal("View after a lost connection returned no error and was not retried")
	}
	t.Logf("runs %d, err %v", runs, err)
}
