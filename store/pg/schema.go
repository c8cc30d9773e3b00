package pg

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// SchemaVersion is the newest schema this code knows.
var SchemaVersion = len(migrations)

// migrations[i] takes the schema from version i to i+1. Append only: a
// released step never changes.
var migrations = []string{
	// v1: the key/value rows, the buckets with their sequences, the lock row.
	`CREATE TABLE liaison_buckets (
		name bytea PRIMARY KEY,
		seq  bigint NOT NULL DEFAULT 0
	);
	CREATE TABLE liaison_kv (
		bucket bytea NOT NULL,
		key    bytea NOT NULL,
		value  bytea NOT NULL,
		PRIMARY KEY (bucket, key)
	);
	CREATE TABLE liaison_lock (
		id int PRIMARY KEY CHECK (id = 1)
	);
	INSERT INTO liaison_lock (id) VALUES (1);`,
}

// migrationLock is the advisory lock key held while the schema is checked
// and migrated, so instances starting together migrate once.
const migrationLock = 0x6c6961697300 // "liais\0"

// migrate brings the database's schema to SchemaVersion. A database newer
// than this code is refused rather than written to.
func migrate(ctx context.Context, conn *pgx.Conn) error {
	tx, err := conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(migrationLock)); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS liaison_schema_version (
		only_row bool PRIMARY KEY DEFAULT true CHECK (only_row),
		version  int NOT NULL)`); err != nil {
		return err
	}
	var v int
	err = tx.QueryRow(ctx, `SELECT version FROM liaison_schema_version`).Scan(&v)
	if err == pgx.ErrNoRows {
		v = 0
		if _, err := tx.Exec(ctx, `INSERT INTO liaison_schema_version (version) VALUES (0)`); err != nil {
			return err
		}
	} else if err != nil {
		return err
	}
	if v > SchemaVersion {
		return fmt.Errorf("the database's schema is version %d, newer than this liaison-hq knows (%d): upgrade liaison-hq", v, SchemaVersion)
	}
	for ; v < SchemaVersion; v++ {
		if _, err := tx.Exec(ctx, migrations[v]); err != nil {
			return fmt.Errorf("schema version %d: %w", v+1, err)
		}
	}
	if _, err := tx.Exec(ctx, `UPDATE liaison_schema_version SET version = $1`, v); err != nil {
		return err
	}
	return tx.Commit(ctx)
}
