package pg_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/store/pg"
	"github.com/liaison-dev/liaison/store/pg/pgtest"
	"github.com/liaison-dev/liaison/visits"
	bolt "go.etcd.io/bbolt"
)

// TestGroupedPushesEqualSerialPushes: officers push at once (some pushes
// sent twice at the same moment, as a retry racing its original, some
// again later; ops on enterprises not assigned to them; malformed ops;
// edits of the same fields by several officers), so HQ applies them in
// groups. Replaying the pushes one by one, in the order HQ committed them,
// on a copy of the same database with grouping off must give every push
// the same answers and end in the same state (every change, the op log).
// On bbolt and on PostgreSQL; the seed is logged.
func TestGroupedPushesEqualSerialPushes(t *testing.T) {
	seed := testSeed(t)
	rng := rand.New(rand.NewPCG(seed, 13))
	now := time.Date(2026, 12, 2, 18, 0, 0, 0, time.UTC)
	opt := store.Options{Now: func() time.Time { return now }, Device: "hqgroup"}
	base := filepath.Join(t.TempDir(), "base.db")
	officers, pushes := groupScenario(t, rng, base, opt)

	run := func(t *testing.T, open func(name string) *store.HQ) {
		grouped, serial := open("grouped"), open("serial")
		serial.SetGroupLimits(store.GroupLimits{Ops: 1, Bytes: 1})
		type committed struct {
			p   store.Principal
			ops []store.Op
			rs  []store.Result
		}
		var log []committed
		first := true
		grouped.SetPushTrace(func(p store.Principal, ops []store.Op, rs []store.Result) {
			log = append(log, committed{p, ops, rs})
			if first { // hold the lead until others queue: a group forms
				first = false
				for grouped.QueuedPushes() < 3 {
					time.Sleep(time.Millisecond) // waiting on state (the queue), polled
				}
			}
		})
		var wg sync.WaitGroup
		errs := make(chan error, 1000)
		for i, p := range officers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for _, b := range pushes[i] {
					n := 1 + b.race
					var both sync.WaitGroup
					for range n {
						both.Add(1)
						go func() {
							defer both.Done()
							if _, err := grouped.PushContext(context.Background(), p, b.ops); err != nil {
								errs <- err
							}
						}()
					}
					both.Wait()
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		groups, inGroups, split := grouped.GroupStats()
		statuses := map[string]int{}
		for _, c := range log {
			for _, r := range c.rs {
				k := r.Status
				if r.Error != nil {
					k += "/" + r.Error.Code
				}
				statuses[k]++
			}
		}
		t.Logf("%d pushes committed, %d groups holding %d of them, %d split; answers %v", len(log), groups, inGroups, split, statuses)
		if groups == 0 || split != 0 {
			t.Fatalf("%d groups, %d split: want some groups and none split", groups, split)
		}
		for i, c := range log {
			rs, err := serial.Push(c.p, c.ops)
			if err != nil {
				t.Fatal(err)
			}
			if !sameJSON(rs, c.rs) {
				t.Fatalf("push %d of %d (%s, %d ops): grouped answered\n%s\nserial answered\n%s", i, len(log), c.p.ID, len(c.ops), js(c.rs), js(rs))
			}
		}
		admin := store.Principal{ID: "boss", Role: visits.RoleAdmin}
		a, err := grouped.Changes(admin, 0, 1<<30)
		if err != nil {
			t.Fatal(err)
		}
		b, err := serial.Changes(admin, 0, 1<<30)
		if err != nil {
			t.Fatal(err)
		}
		if len(a.Changes) == 0 || !sameJSON(a, b) {
			t.Fatalf("final states differ (%d and %d changes)", len(a.Changes), len(b.Changes))
		}
		if la, lb := opLog(t, grouped), opLog(t, serial); !reflect.DeepEqual(la, lb) {
			t.Fatalf("op logs differ: %d and %d entries", len(la), len(lb))
		}
	}
	t.Run("bbolt", func(t *testing.T) {
		run(t, func(name string) *store.HQ {
			path := filepath.Join(t.TempDir(), name+".db")
			copyFile(t, base, path)
			h, err := store.OpenHQ(path, opt)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { h.Close() })
			return h
		})
	})
	t.Run("postgres", func(t *testing.T) {
		run(t, func(string) *store.HQ {
			dsn := pgtest.DB(t)
			importBolt(t, base, dsn)
			kv, err := pg.Open(context.Background(), dsn, pg.Options{MaxConns: 4})
			if err != nil {
				t.Fatal(err)
			}
			h, err := store.OpenHQOn(kv, opt)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { h.Close() })
			return h
		})
	})
}

type groupPush struct {
	ops  []store.Op
	race int // sent this many more times at the same moment
}

// groupScenario builds the district in a bbolt file at path (enterprises,
// officers, assignments) and each officer's pushes, made on a real laptop
// store.
func groupScenario(t *testing.T, rng *rand.Rand, path string, opt store.Options) ([]store.Principal, [][]groupPush) {
	t.Helper()
	lap, err := store.Open(filepath.Join(t.TempDir(), "laptop.db"), store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer lap.Close()
	var last uint64
	newOps := func() []store.Op {
		var out []store.Op
		err := lap.View(func(r *store.Reader) error {
			ps, err := r.PendingOpsAfter(last, 0)
			for _, p := range ps {
				out, last = append(out, p.Op), p.Seq
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	var ents []string
	err = lap.Update(func(w *store.Writer) error {
		for i := range 5 {
			e := &visits.Enterprise{Name: fmt.Sprintf("兰州第%d测试科技有限公司", i)}
			if err := w.AddEnterprise(e, false); err != nil {
				return err
			}
			ents = append(ents, e.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	h, err := store.OpenHQ(path, store.Options{NoSync: true, Now: opt.Now})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.Push(store.Principal{ID: "boss", Role: visits.RoleAdmin}, newOps()); err != nil {
		t.Fatal(err)
	}
	var officers []store.Principal
	for i := range 6 {
		id := fmt.Sprintf("o%d", i)
		if _, err := h.AddOfficer(id, "干部"+id, visits.RoleLiaison); err != nil {
			t.Fatal(err)
		}
		// Two enterprises each, shared with a neighbour; the fifth is
		// nobody's.
		for _, e := range []string{ents[i%4], ents[(i+1)%4]} {
			if err := h.Assign(id, e, ""); err != nil {
				t.Fatal(err)
			}
		}
		officers = append(officers, store.Principal{ID: id, Role: visits.RoleLiaison})
	}
	if err := h.Close(); err != nil {
		t.Fatal(err)
	}
	pushes := make([][]groupPush, len(officers))
	for round := range 6 {
		for i := range officers {
			err := lap.Update(func(w *store.Writer) error {
				for range 1 + rng.IntN(3) {
					e := ents[(i+rng.IntN(3))%5] // sometimes not theirs
					switch rng.IntN(3) {
					case 0:
						v := &visits.Visit{EnterpriseID: e, At: opt.Now().Add(-time.Hour), Occasion: visits.OccRoutine,
							Method: "on_site", Summary: fmt.Sprintf("%d-%d 走访", round, i), Purposes: []string{"policy"}}
						if err := w.AddVisit(v); err != nil {
							return err
						}
					case 1:
						if err := w.SetField(visits.TypeEnterprise, e, "address", fmt.Sprintf("城关区%d号", rng.IntN(100))); err != nil {
							return err
						}
					case 2:
						if err := w.SetField(visits.TypeEnterprise, e, "short_name", fmt.Sprintf("简称%d", rng.IntN(100))); err != nil {
							return err
						}
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			ops := newOps()
			if rng.IntN(5) == 0 { // a malformed op
				bad := ops[0]
				bad.OpID, bad.Field = store.NewID(), "no such field"
				ops = append(ops, bad)
			}
			if rng.IntN(6) == 0 && round > 0 { // an op id used again for another op
				again := pushes[i][0].ops[0]
				again.Value = json.RawMessage(`"changed"`)
				ops = append(ops, again)
			}
			gp := groupPush{ops: ops}
			if rng.IntN(4) == 0 {
				gp.race = 1
			}
			pushes[i] = append(pushes[i], gp)
			if rng.IntN(6) == 0 { // retried later
				pushes[i] = append(pushes[i], groupPush{ops: ops})
			}
		}
	}
	return officers, pushes
}

func sameJSON(a, b any) bool { return js(a) == js(b) }

func js(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return err.Error()
	}
	return string(b)
}

type loggedOp struct {
	Officer string
	Op      store.Op
	Result  store.Result
}

func opLog(t *testing.T, h *store.HQ) []string {
	t.Helper()
	var out []string
	err := h.OpLog(func(officer string, op store.Op, res store.Result) error {
		out = append(out, js(loggedOp{officer, op, res}))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// importBolt copies a bbolt HQ file into an empty PostgreSQL database, as
// `liaison-hq migrate` does.
func importBolt(t *testing.T, path, dsn string) {
	t.Helper()
	src, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := pg.Open(context.Background(), dsn, pg.Options{MaxConns: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	err = src.View(func(tx *bolt.Tx) error {
		var all []pg.Source
		err := tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			all = append(all, pg.Source{Name: append([]byte(nil), name...), Seq: b.Sequence(),
				Each: func(fn func(k, v []byte) error) error { return b.ForEach(fn) }})
			return nil
		})
		if err != nil {
			return err
		}
		_, err = dst.Import(context.Background(), all)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
