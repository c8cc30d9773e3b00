package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/store/pg"
)

// The storage behind liaison-hq: a bbolt file (one instance), or a
// PostgreSQL database (--db postgres://…, several instances at once).
// Only this command links the PostgreSQL driver; the laptop's does not.

// isPostgres reports whether db names a PostgreSQL database rather than a
// bbolt file.
func isPostgres(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://")
}

// openBackend opens HQ on db. The pool's size comes from the DSN
// (pool_max_conns=N, default 8).
func openBackend(ctx context.Context, db string) (*store.HQ, error) {
	if !isPostgres(db) {
		return store.OpenHQ(db, store.Options{})
	}
	kv, err := openPG(ctx, db)
	if err != nil {
		return nil, err
	}
	h, err := store.OpenHQOn(kv, store.Options{})
	if err != nil {
		kv.Close()
		return nil, err
	}
	return h, nil
}

// openPG connects, creating or migrating the schema; 30 s at most.
func openPG(ctx context.Context, dsn string) (*pg.DB, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	kv, err := pg.Open(ctx, dsn, pg.Options{})
	if err != nil {
		return nil, fmt.Errorf("open HQ on PostgreSQL: %w", err)
	}
	return kv, nil
}
