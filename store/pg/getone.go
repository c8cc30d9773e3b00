package pg

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/liaison-dev/liaison/store"
)

var _ store.OneGetter = (*DB)(nil)

// GetOne reads one key in one statement, outside any transaction: a
// statement is its own consistent snapshot, so this is a View holding
// one Get, in one round trip instead of three (BEGIN with the bucket
// list, the read, COMMIT). HQ authenticates every request this way. A
// missing bucket or key is nil, nil.
func (db *DB) GetOne(bucket, key []byte) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), db.opt.TxTimeout)
	defer cancel()
	var v []byte
	err := db.retry(ctx, func() (error, bool) {
		v = nil
		err := db.pool.QueryRow(ctx, `SELECT value FROM liaison_kv WHERE bucket = $1 AND key = $2`, bucket, key).Scan(&v)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil, false
		}
		if err != nil {
			return fmt.Errorf("postgres: %w", err), retryable(ctx, err, false)
		}
		return nil, false
	})
	return v, err
}
