package pg

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/liaison-dev/liaison/store"
)

// Options tune an engine; the zero value is sensible.
type Options struct {
	// MaxConns bounds the connection pool (default 8, or pool_max_conns in
	// the DSN). Writers of one instance hold at most one connection at a
	// time (they queue in the process first); the rest serve Views.
	MaxConns int32
	// TxTimeout bounds one transaction, waiting for the lock and a
	// connection included (default 2 minutes).
	TxTimeout time.Duration
	// MigrationTimeout bounds the transaction in which an open brings the
	// store to this build's schema (default 2 hours): it may rewrite every
	// row, which takes minutes for a whole district.
	MigrationTimeout time.Duration
	// Retries is how many times Update runs fn again after a serialization
	// failure, a deadlock or a connection lost before commit (default 5).
	Retries int
	// IdleInTx is the server's idle_in_transaction_session_timeout: a
	// writer that stops talking (its host gone without closing the socket)
	// loses the lock row after this long (default 5 minutes).
	IdleInTx time.Duration
}

// DB is a store.KV on PostgreSQL.
type DB struct {
	pool    *pgxpool.Pool
	opt     Options
	writers chan struct{} // one Update of this process at a time
}

var (
	_ store.KV               = (*DB)(nil)
	_ store.MigrationUpdater = (*DB)(nil)
)

// Open connects to the database at dsn (postgres://…), creates or migrates
// the schema and returns the engine. ctx bounds the opening only.
func Open(ctx context.Context, dsn string, opt Options) (*DB, error) {
	if opt.TxTimeout <= 0 {
		opt.TxTimeout = 2 * time.Minute
	}
	if opt.MigrationTimeout <= 0 {
		opt.MigrationTimeout = 2 * time.Hour
	}
	if opt.Retries <= 0 {
		opt.Retries = 5
	}
	if opt.IdleInTx <= 0 {
		opt.IdleInTx = 5 * time.Minute
	}
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("postgres: the DSN: %w", err)
	}
	if opt.MaxConns > 0 {
		cfg.MaxConns = opt.MaxConns
	} else if !hasParam(dsn, "pool_max_conns") {
		cfg.MaxConns = 8
	}
	if cfg.MaxConns < 2 {
		cfg.MaxConns = 2 // a writer and a reader
	}
	rp := cfg.ConnConfig.RuntimeParams
	if rp["application_name"] == "" {
		rp["application_name"] = "liaison-hq"
	}
	rp["idle_in_transaction_session_timeout"] = fmt.Sprint(opt.IdleInTx.Milliseconds())
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	conn, err := pool.Acquire(ctx)
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: connecting: %w", err)
	}
	err = migrate(ctx, conn.Conn())
	conn.Release()
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: schema: %w", err)
	}
	return &DB{pool: pool, opt: opt, writers: make(chan struct{}, 1)}, nil
}

// Close closes the pool; transactions still running fail.
func (db *DB) Close() error {
	db.pool.Close()
	return nil
}

// Stat reports the pool's connections, for monitoring.
func (db *DB) Stat() *pgxpool.Stat { return db.pool.Stat() }

// hasParam reports whether the DSN (URL or key=value form) sets name.
func hasParam(dsn, name string) bool { return strings.Contains(dsn, name+"=") }
