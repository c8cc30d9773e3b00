package pg_test

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/store/pg/pgtest"
	"github.com/liaison-dev/liaison/visits"
)

// batches cuts ops into pushes of whole records, per records each.
func batches(ops []store.Op, per int) [][]store.Op {
	var out [][]store.Op
	start, recs := 0, 0
	for i := range ops {
		if i > 0 && recordOf(ops[i]) != recordOf(ops[i-1]) {
			if recs++; recs == per {
				out, start, recs = append(out, ops[start:i]), i, 0
			}
		}
	}
	return append(out, ops[start:])
}

// TestSeqOrderIsVisibilityOrder is issue 13's check: two HQ instances (two
// pools) on one database, 6 writers pushing through both at once (every
// third push sent to both instances at the same moment, as a retry racing
// its original would be), and a reader paging Changes(since) through both
// without pause. A change committed with a seq the reader has already
// paged past would never reach it: none may be skipped, and every op is
// applied exactly once.
func TestSeqOrderIsVisibilityOrder(t *testing.T) {
	dsn := pgtest.DB(t)
	hqs := []*store.HQ{openHQ(t, dsn, "hqa"), openHQ(t, dsn, "hqb")}
	const writers = 6
	admin := store.Principal{ID: "reader", Role: visits.RoleAdmin}
	type field struct{ rec, field string }
	applied := make([]map[field]uint64, writers) // the seq each applied op got
	var pushes, raced atomic.Int64
	var writing sync.WaitGroup
	fail := make(chan error, 2*writers)
	for w := range writers {
		ops := laptopOps(t, 24)
		applied[w] = map[field]uint64{}
		writing.Add(1)
		go func() {
			defer writing.Done()
			p := store.Principal{ID: fmt.Sprintf("officer%d", w), Role: visits.RoleAdmin}
			for i, batch := range batches(ops, 2) {
				var results [2][]store.Result
				var errs [2]error
				if i%3 == 2 { // the same push through both instances at once
					var both sync.WaitGroup
					for j := range 2 {
						both.Add(1)
						go func() { defer both.Done(); results[j], errs[j] = hqs[j].Push(p, batch) }()
					}
					both.Wait()
					raced.Add(1)
				} else {
					results[0], errs[0] = hqs[(w+i)%2].Push(p, batch)
				}
				pushes.Add(1)
				for j, err := range errs {
					if err != nil {
						fail <- fmt.Errorf("writer %d push %d (%d): %v", w, i, j, err)
						return
					}
				}
				for k, op := range batch {
					n, seq := 0, uint64(0)
					for j := range 2 {
						if results[j] == nil {
							continue
						}
						r := results[j][k]
						switch {
						case r.Status == store.StatusApplied:
							n++
							seq = r.Seq
						case r.Status != store.StatusDuplicate:
							fail <- fmt.Errorf("writer %d op %s: %s", w, op.OpID, r.Status)
							return
						}
					}
					if n != 1 {
						fail <- fmt.Errorf("writer %d op %s applied %d times", w, op.OpID, n)
						return
					}
					if results[1] != nil && results[0][k].Seq != results[1][k].Seq {
						fail <- fmt.Errorf("op %s: the duplicate answers seq %d, the original %d", op.OpID, results[0][k].Seq, results[1][k].Seq)
					}
					applied[w][field{recordOf(op), op.Field}] = seq
				}
			}
		}()
	}
	var done atomic.Bool
	go func() { writing.Wait(); done.Store(true) }()

	// The reader: a laptop paging as fast as it can, small pages.
	seen := map[field]uint64{}
	var since uint64
	pages := 0
	for {
		last := done.Load() // read before the page: a page after it sees every commit
		page, err := hqs[pages%2].Changes(admin, since, 5)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, c := range page.Changes {
			f := field{c.Type + "/" + c.ID, c.Field}
			if s, ok := seen[f]; ok && s == c.Seq {
				t.Errorf("%v at seq %d paged twice", f, c.Seq)
			}
			seen[f] = c.Seq
		}
		if page.Next < since {
			t.Fatalf("the cursor moved back from %d to %d", since, page.Next)
		}
		since = page.Next
		if last && !page.HasMore {
			break
		}
	}
	close(fail)
	for err := range fail {
		t.Error(err)
	}
	ops, skipped := 0, 0
	for w := range writers {
		for f, seq := range applied[w] {
			ops++
			if seen[f] != seq {
				skipped++
				if skipped <= 5 {
					t.Errorf("%v applied at seq %d, the reader saw seq %d: skipped", f, seq, seen[f])
				}
			}
		}
	}
	logged := map[string]int{}
	err := hqs[1].OpLog(func(officer string, op store.Op, _ store.Result) error {
		logged[officer+"/"+op.OpID]++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for k, n := range logged {
		if n != 1 {
			t.Errorf("op %s logged %d times", k, n)
		}
	}
	if len(logged) != ops {
		t.Errorf("%d ops logged, %d applied", len(logged), ops)
	}
	ga, pa, _ := hqs[0].GroupStats()
	gb, pb, _ := hqs[1].GroupStats()
	t.Logf("%d writers, %d pushes (%d sent to both instances at once; %d groups of %d pushes committed as one), %d ops applied once each, reader: %d pages, %d fields seen, %d skipped",
		writers, pushes.Load(), raced.Load(), ga+gb, pa+pb, ops, pages, len(seen), skipped)
	if skipped > 0 {
		t.Fatalf("%d of %d changes skipped", skipped, ops)
	}
}
