package main

import (
	"testing"
	"time"

	"github.com/liaison-dev/liaison/store/pg/pgtest"
)

// TestLoadTwoInstancesOnPostgres plays laptops against two liaison-hq
// serve on one PostgreSQL database, SIGKILLs one mid-run, and checks
// everything, the op log read from PostgreSQL included.
func TestLoadTwoInstancesOnPostgres(t *testing.T) {
	db := pgtest.DB(t)
	rep, _ := loadRunOn(t, hqBin(t), db, 2, 40, 20, time.Second)
	if !rep.OK() || !rep.LogChecked {
		t.Fatalf("checks failed (log read %t): %v", rep.LogChecked, rep.Failures)
	}
	if rep.Killed != 1 || rep.Instances != 2 || rep.Finished != 40 {
		t.Errorf("killed %d of %d instances, %d of 40 laptops finished", rep.Killed, rep.Instances, rep.Finished)
	}
}
