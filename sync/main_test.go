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
)

// childEnv makes the test binary act as a laptop process that syncs until
// it is killed (TestKilledMidSync).
const childEnv = "LIAISON_SYNC_CHILD_DB"

// seedEnv fixes the seed of every random test (math/rand and rapid):
// LIAISON_TEST_SEED=n go test ./sync reruns what a log line named.
const seedEnv = "LIAISON_TEST_SEED"

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
		seed, err := envSeed()
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		_ = flag.Set("rapid.seed", strconv.FormatUint(seed, 10))
	}
	os.Exit(m.Run())
}

// envSeed is $LIAISON_TEST_SEED, or a fresh seed.
func envSeed() (uint64, error) {
	v := os.Getenv(seedEnv)
	if v == "" {
		return uint64(time.Now().UnixNano()), nil
	}
	n, err := strconv.ParseUint(v, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%s=%q: want an unsigned integer", seedEnv, v)
	}
	return n, nil
}

// testSeed returns the seed of a random test and logs it, with how to
// run the test again with it.
func testSeed(t testing.TB) uint64 {
	t.Helper()
	seed, err := envSeed()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("seed %d (rerun: %s=%d go test -run '^%s$' ./sync)", seed, seedEnv, seed, t.Name())
	return seed
}

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
