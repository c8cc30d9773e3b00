package pg_test

import (
	"testing"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/store/kvtest"
	"github.com/liaison-dev/liaison/store/pg/pgtest"
)

// TestKVContract runs the contract every engine meets (store/kvtest) on
// PostgreSQL, a fresh database per case.
func TestKVContract(t *testing.T) {
	kvtest.Run(t, func(t *testing.T) store.KV { return open(t, pgtest.DB(t)) })
}
