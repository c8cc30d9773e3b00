package main

import (
	"bytes"
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits/visitstest/testseed"
	bolt "go.etcd.io/bbolt"
)

// hqBin builds liaison-hq once per test binary.
func hqBin(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "liaison-hq")
	if out, err := exec.Command("go", "build", "-o", bin, "../liaison-hq").CombinedOutput(); err != nil {
		t.Fatalf("build liaison-hq: %v\n%s", err, out)
	}
	return bin
}

// loadRun sets up laptops+witnesses on a new bbolt HQ and plays them
// against one spawned liaison-hq serve.
func loadRun(t *testing.T, bin string, laptops, ops int, kill time.Duration) (*Report, string) {
	t.Helper()
	return loadRunOn(t, bin, "", 1, laptops, ops, kill)
}

// loadRunOn is loadRun on db (a new bbolt file if "") with instances
// spawned instances.
func loadRunOn(t *testing.T, bin, db string, instances, laptops, ops int, kill time.Duration) (*Report, string) {
	t.Helper()
	dir := t.TempDir()
	roster := filepath.Join(dir, "roster.json")
	if db == "" {
		db = filepath.Join(dir, "hq.db")
	}
	var log bytes.Buffer
	if _, err := setup(context.Background(), setupOptions{DB: db, Laptops: laptops, Witnesses: 2, Enterprises: 2, Roster: roster}, &log); err != nil {
		t.Fatal(err)
	}
	seed := testseed.Seed(t)
	rep, err := run(context.Background(), runOptions{Roster: roster, SpawnHQ: instances, HQBin: bin, DB: db, LogDir: dir,
		Ops: ops, Window: 2 * time.Second, Inflight: 50, Attempts: 8, Syncs: 3, Witnesses: 2, KillAfter: kill,
		Seed: seed, Out: &log})
	if err != nil {
		t.Fatalf("run: %v\n%s", err, log.String())
	}
	rep.write(&log)
	t.Log(log.String())
	return rep, db
}

func TestLoadChecksPass(t *testing.T) {
	bin := hqBin(t)
	for _, tc := range []struct {
		name string
		kill time.Duration
	}{{"steady", 0}, {"sigkill-and-restart", time.Second}} {
		t.Run(tc.name, func(t *testing.T) {
			rep, _ := loadRun(t, bin, 50, 20, tc.kill)
			if !rep.OK() || !rep.LogChecked {
				t.Fatalf("checks failed (log read %t): %v", rep.LogChecked, rep.Failures)
			}
			sent := 0
			for _, l := range rep.laps {
				sent += len(l.ops)
				if !l.synced || !l.answered() {
					t.Errorf("laptop %s: synced %t, every op answered %t", l.off.ID, l.synced, l.answered())
				}
			}
			if rep.Finished != 50 || sent < 50*20 || int(rep.st.opsPushed.Load()) != sent {
				t.Errorf("finished %d, sent %d, acknowledged %d", rep.Finished, sent, rep.st.opsPushed.Load())
			}
			if tc.kill > 0 && rep.Killed != 1 {
				t.Errorf("killed %d instances, want 1", rep.Killed)
			}
		})
	}
}

// TestLoadChecksCatch shows the op-log check failing on a log that lost an
// acknowledged op (deleted from HQ's bbolt file), on one that holds an op
// twice, and on one whose op differs from what was sent.
func TestLoadChecksCatch(t *testing.T) {
	rep, db := loadRun(t, hqBin(t), 5, 20, 0)
	if !rep.OK() {
		t.Fatalf("the untampered run failed: %v", rep.Failures)
	}
	victim := rep.laps[0]
	hq, err := store.OpenHQ(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	wantFail := func(what string, each logEach, substr string) {
		t.Helper()
		fails, _, err := checkLog(each, rep.laps)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(strings.Join(fails, "\n"), substr) {
			t.Errorf("%s: failures %q, want one saying %q", what, fails, substr)
		}
	}
	if fails, _, _ := checkLog(hq.OpLog, rep.laps); len(fails) != 0 {
		t.Fatalf("the log as written fails: %v", fails)
	}
	wantFail("an op logged twice", func(fn func(string, store.Op, store.Result) error) error {
		return hq.OpLog(func(o string, op store.Op, res store.Result) error {
			if o == victim.off.ID && op.OpID == victim.ops[3].OpID {
				if err := fn(o, op, res); err != nil {
					return err
				}
			}
			return fn(o, op, res)
		})
	}, "logged 2 times")
	wantFail("an op changed", func(fn func(string, store.Op, store.Result) error) error {
		return hq.OpLog(func(o string, op store.Op, res store.Result) error {
			if o == victim.off.ID && op.OpID == victim.ops[5].OpID {
				op.Value = []byte(`"tampered"`)
			}
			return fn(o, op, res)
		})
	}, "differs from what was sent")
	hq.Close()

	// Lose one acknowledged op from the file itself.
	bdb, err := bolt.Open(db, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = bdb.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("hq:ops")).Delete(store.OpLogKey(victim.off.ID, victim.ops[7].OpID))
	})
	bdb.Close()
	if err != nil {
		t.Fatal(err)
	}
	r := &runner{opt: runOptions{Out: &bytes.Buffer{}}}
	r.checkOpLog(context.Background(), db, rep.laps)
	if r.failCount == 0 || !strings.Contains(strings.Join(r.failures, "\n"), "acknowledged (seq") {
		t.Errorf("a lost op passed the check: %v", r.failures)
	}
}
