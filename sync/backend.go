package sync

import (
	"context"

	"github.com/liaison-dev/liaison/store"
)

// Backend is HQ's storage as the handler needs it. The merge and the seq
// assignment happen behind Push, in one place, so another backend (say
// PostgreSQL for several HQ instances) can replace the bbolt one without
// touching the handler.
type Backend interface {
	// Epoch identifies the database; a new database has a new epoch.
	Epoch() string
	// Authenticate returns the officer a bearer token belongs to, or an
	// error for unknown and revoked tokens.
	Authenticate(ctx context.Context, token string) (store.Principal, error)
	// Push applies ops by p in order and returns one result per op, only
	// after they are durable.
	Push(ctx context.Context, p store.Principal, ops []store.Op) ([]store.Result, error)
	// Changes returns the fields p may see that changed after since,
	// leaving out the seqs in skip (which still move Next on).
	Changes(ctx context.Context, p store.Principal, since uint64, limit int, skip []store.SeqRange) (store.ChangesPage, error)
	// Seq is the last seq given to a change.
	Seq(ctx context.Context) uint64
}

// Bolt adapts store.HQ (bbolt) to Backend.
type Bolt struct{ HQ *store.HQ }

func (b Bolt) Epoch() string { return b.HQ.Epoch() }

func (b Bolt) Authenticate(_ context.Context, token string) (store.Principal, error) {
	return b.HQ.Authenticate(token)
}

func (b Bolt) Push(ctx context.Context, p store.Principal, ops []store.Op) ([]store.Result, error) {
	return b.HQ.PushContext(ctx, p, ops)
}

func (b Bolt) Changes(ctx context.Context, p store.Principal, since uint64, limit int, skip []store.SeqRange) (store.ChangesPage, error) {
	return b.HQ.ChangesContext(ctx, p, since, limit, skip...)
}

func (b Bolt) Seq(context.Context) uint64 { return b.HQ.Seq() }
