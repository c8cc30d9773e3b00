package pg_test

import "github.com/liaison-dev/liaison/visits/visitstest/testseed"

// testSeed returns the seed of a random test and logs it
// ($LIAISON_TEST_SEED reruns it).
var testSeed = testseed.Seed
