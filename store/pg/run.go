package pg

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/liaison-dev/liaison/store"
)

// Update runs fn in a write transaction; writers of every instance on the
// database run one at a time (the lock row). fn may run again after a
// serialization failure, a deadlock or a connection lost before commit.
func (db *DB) Update(fn func(store.Tx) error) error { return db.update(db.opt.TxTimeout, fn) }

// UpdateMigration is Update bounded by MigrationTimeout, not TxTimeout
// (store.MigrationUpdater): the open's migration of a whole district.
func (db *DB) UpdateMigration(fn func(store.Tx) error) error {
	return db.update(db.opt.MigrationTimeout, fn)
}

func (db *DB) update(bound time.Duration, fn func(store.Tx) error) error {
	ctx, cancel := context.WithTimeout(context.Background(), bound)
	defer cancel()
	// This process's writers queue here, not on pool connections, so a
	// queue of writers leaves the pool to readers.
	select {
	case db.writers <- struct{}{}:
	case <-ctx.Done():
		return fmt.Errorf("postgres: waiting to write: %w", ctx.Err())
	}
	defer func() { <-db.writers }()
	return db.retry(ctx, func() (error, bool) { return db.run(ctx, true, fn) })
}

// View runs fn on a snapshot (REPEATABLE READ READ ONLY).
func (db *DB) View(fn func(store.Tx) error) error {
	ctx, cancel := context.WithTimeout(context.Background(), db.opt.TxTimeout)
	defer cancel()
	return db.retry(ctx, func() (error, bool) { return db.run(ctx, false, fn) })
}

func (db *DB) retry(ctx context.Context, once func() (error, bool)) error {
	for attempt := 0; ; attempt++ {
		err, again := once()
		if err == nil || !again || attempt >= db.opt.Retries || ctx.Err() != nil {
			return err
		}
		t := time.NewTimer(time.Duration(attempt+1) * 20 * time.Millisecond)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return err
		}
	}
}

// run runs fn once; again says whether running it again may succeed.
func (db *DB) run(ctx context.Context, write bool, fn func(store.Tx) error) (err error, again bool) {
	pc, err := db.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("postgres: %w", err), retryable(ctx, err, false)
	}
	defer pc.Release() // a connection left inside a transaction is closed
	conn := pc.Conn()
	t := &tx{ctx: ctx, conn: conn, writable: write, buckets: map[string]*bucket{}}

	// BEGIN, the lock and the buckets in one round trip.
	var b pgx.Batch
	if write {
		b.Queue(`BEGIN ISOLATION LEVEL READ COMMITTED`)
		b.Queue(`SELECT id FROM liaison_lock WHERE id = 1 FOR UPDATE`)
	} else {
		b.Queue(`BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY`)
	}
	b.Queue(`SELECT name, seq FROM liaison_buckets`)
	br := conn.SendBatch(ctx, &b)
	_, err = br.Exec()
	if err == nil && write {
		_, err = br.Exec()
	}
	if err == nil {
		var rs pgx.Rows
		rs, err = br.Query()
		if err == nil {
			err = t.loadBuckets(rs)
		}
	}
	if cerr := br.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		rollback(conn)
		return fmt.Errorf("postgres: begin: %w", err), retryable(ctx, err, false)
	}

	ferr := fn(t)
	if t.err != nil {
		rollback(conn)
		return fmt.Errorf("postgres: %w", t.err), retryable(ctx, t.err, false)
	}
	if ferr != nil {
		rollback(conn)
		return ferr, false
	}
	if !write {
		if _, err := conn.Exec(ctx, `COMMIT`); err != nil {
			return fmt.Errorf("postgres: %w", err), false // fn has its answer; the snapshot is gone
		}
		return nil, false
	}

	// The writes and COMMIT in one round trip.
	b = pgx.Batch{}
	t.flush(&b)
	b.Queue(`COMMIT`)
	br = conn.SendBatch(ctx, &b)
	for range b.Len() {
		if _, err = br.Exec(); err != nil {
			break
		}
	}
	if cerr := br.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		rollback(conn)
		// After COMMIT was sent, a lost connection leaves the outcome
		// unknown: not retried (HQ's op log answers a laptop's retry).
		return fmt.Errorf("postgres: commit: %w", err), retryable(ctx, err, true)
	}
	return nil, false
}

// rollback ends a failed transaction; a connection it cannot clean is
// closed by the pool on release.
func rollback(conn *pgx.Conn) {
	if conn.IsClosed() || conn.PgConn().TxStatus() == 'I' {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, _ = conn.Exec(ctx, `ROLLBACK`)
}

// retryable says whether err is worth running the transaction again for:
// a serialization failure or a deadlock, or (before COMMIT was sent) a lost
// or refused connection.
func retryable(ctx context.Context, err error, committing bool) bool {
	if ctx.Err() != nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case pe.Code == "40001", pe.Code == "40P01":
			return true // nothing was committed
		case committing:
			return false
		case pe.Code[:2] == "08", pe.Code == "57P01", pe.Code == "57P02", pe.Code == "57P03", pe.Code == "25P03":
			return true // connection lost, server restarting, idle timeout
		}
		return false
	}
	if committing {
		return pgconn.SafeToRetry(err)
	}
	return true // a network error before commit: nothing was committed
}
