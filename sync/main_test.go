package sync

import (
	"context"
	"flag"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/store"
)

// childEnv makes the test binary act as a laptop process that syncs until
// it is killed (TestKilledMidSync).
const childEnv = "LIAISON_SYNC_CHILD_DB"

func TestMain(m *testing.M) {
	if path := os.Getenv(childEnv); path != "" {
		os.Exit(syncChild(path))
	}
	flag.Parse()
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "rapid.checks" })
	if !set {
		_ = flag.Set("rapid.checks", "12") // keeps the suite well under a minute with -race
	}
	os.Exit(m.Run())
}

func syncChild(path string) int {
	s, err := store.Open(path, store.Options{LockTimeout: 5 * time.Second, NoSync: true})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer s.Close()
	c := &Client{Store: s, Retry: fastRetry, MaxBatch: 5}
	if _, err := c.Sync(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}
