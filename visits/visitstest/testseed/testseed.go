// Package testseed gives random tests their seed: logged, and fixed by
// $LIAISON_TEST_SEED to rerun what a log line named. It imports nothing of
// the project, so every package's tests can use it (package visits' too).
package testseed

import (
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"
)

// SeedEnv fixes the seed of every random test (math/rand and rapid):
// LIAISON_TEST_SEED=n go test … reruns what a log line named.
const SeedEnv = "LIAISON_TEST_SEED"

// EnvSeed is $LIAISON_TEST_SEED, or a fresh seed.
func EnvSeed() (uint64, error) {
	v := os.Getenv(SeedEnv)
	if v == "" {
		return uint64(time.Now().UnixNano()), nil
	}
	n, err := strconv.ParseUint(v, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%s=%q: want an unsigned integer", SeedEnv, v)
	}
	return n, nil
}

// Seed returns the seed of a random test and logs it, with how to run the
// test again with it.
func Seed(t testing.TB) uint64 {
	t.Helper()
	seed, err := EnvSeed()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("seed %d (rerun: %s=%d go test -run '^%s$' with the package)", seed, SeedEnv, seed, t.Name())
	return seed
}
