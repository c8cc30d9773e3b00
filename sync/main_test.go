package sync

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits/visitstest/testseed"
)

// childEnv makes the test binary act as a laptop process that syncs until
// it is killed (TestKilledMidSync).
const childEnv = "LIAISON_SYNC_CHILD_DB"

func TestMain(m *testing.M) {
	if path := os.Getenv(childEnv); path != "" {
		os.Exit(syncChild(path))
	}
	flag.Parse()
	set := map[string]bool{}
	flag.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if !set["rapid.checks"] {
		_ = flag.Set("rapid.checks", "12") // keeps the suite well under a minute with -race
	}
	// rapid picks a fresh seed per test and prints it only when its own
	// check fails; a harness t.Fatal inside a check would not show it. Pick
	// it here (unless -rapid.seed or RAPID_SEED gave one) so that tests can
	// log it.
	if f := flag.Lookup("rapid.seed"); f != nil && f.Value.String() == "0" {
		seed, err := testseed.EnvSeed()
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		_ = flag.Set("rapid.seed", strconv.FormatUint(seed, 10))
	}
	os.Exit(m.Run())
}

// testSeed returns the seed of a random test (math/rand; rapid's is the
// same, set above) and logs it.
var testSeed = testseed.Seed

// rapidSeed logs the seed rapid uses in this run.
func rapidSeed(t testing.TB) {
	t.Helper()
	if f := flag.Lookup("rapid.seed"); f != nil {
		t.Logf("rapid seed %s (rerun: go test -run '^%s$' ./sync -rapid.seed=%s)", f.Value, t.Name(), f.Value)
	}
}

// syncChild opens the laptop database at path and syncs it in batches of
// five ops, writing "acked N" to stdout each time HQ has answered a push
// (N ops answered so far) and "done" when the sync ends.
func syncChild(path string) int {
	s, err := store.Open(path, store.Options{LockTimeout: 5 * time.Second, NoSync: true})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer s.Close()
	c := &Client{Store: s, Retry: fastRetry, MaxBatch: 5, Progress: func(p Progress) {
		if p.Phase == "push" && p.Done > 0 {
			fmt.Fprintf(os.Stdout, "acked %d\n", p.Done)
		}
	}}
	if _, err := c.Sync(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Fprintln(os.Stdout, "done")
	return 0
}
