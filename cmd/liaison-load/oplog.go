package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/store/pg"
)

// openHQ opens HQ's database for the op-log check once the instances have
// stopped: a bbolt file, or PostgreSQL (postgres://…) through the same
// store.HQ the instances ran on.
func openHQ(ctx context.Context, db string) (*store.HQ, error) {
	if !isPostgres(db) {
		return store.OpenHQ(db, store.Options{})
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	kv, err := pg.Open(ctx, db, pg.Options{})
	if err != nil {
		return nil, fmt.Errorf("open HQ on PostgreSQL: %w", err)
	}
	h, err := store.OpenHQOn(kv, store.Options{})
	if err != nil {
		kv.Close()
		return nil, err
	}
	return h, nil
}

func isPostgres(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://")
}
