package store

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	gosync "sync"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/visits"
	bolt "go.etcd.io/bbolt"
)

// twoHQs opens two HQs on one engine, as two liaison-hq processes on one
// PostgreSQL would be: each with its own Store, clock and device id.
// The wall clock is frozen, so only the HLC orders their stamps.
func twoHQs(t *testing.T) (a, b *HQ) {
	t.Helper()
	db, err := bolt.Open(filepath.Join(t.TempDir(), "shared.db"), 0o600, &bolt.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	frozen := func() time.Time { return time.UnixMilli(1_780_000_000_000) }
	// a's device sorts after b's: were b's clock not to follow a's stamps,
	// b's edit would tie with a's on wall and counter and lose.
	if a, err = OpenHQOn(BoltKV{db}, Options{Now: frozen, Device: "hq-z"}); err != nil {
		t.Fatal(err)
	}
	if b, err = OpenHQOn(BoltKV{db}, Options{Now: frozen, Device: "hq-a"}); err != nil {
		t.Fatal(err)
	}
	return a, b
}

func TestHQsOnOneEngineShareEpochAndCredentials(t *testing.T) {
	a, b := twoHQs(t)
	if a.Epoch() == "" || a.Epoch() != b.Epoch() {
		t.Fatalf("epochs %q and %q: the second open must find the first's", a.Epoch(), b.Epoch())
	}
	tok, err := a.AddOfficer("wang", "王", visits.RoleLiaison)
	if err != nil {
		t.Fatal(err)
	}
	if p, err := b.Authenticate(tok); err != nil || p.ID != "wang" {
		t.Fatalf("b authenticates a's officer: %v %v", p, err)
	}
	if _, err := b.AddOfficer("wang", "王", visits.RoleLiaison); !errors.Is(err, ErrOfficerTaken) {
		t.Fatalf("b adds a's officer again: %v", err)
	}
	if err := b.RevokeOfficer("wang"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Authenticate(tok); !errors.Is(err, ErrUnauthorized) {
		t.Fatalf("a still accepts a token revoked through b: %v", err)
	}
}

// Edits made through either HQ, one after the other, are stamped in
// that order (the hybrid clock's promise, which merge and laptops rely
// on), whatever the device ids, and a stamp names the HQ that made it.
func TestHQsOnOneEngineStampInOrder(t *testing.T) {
	a, b := twoHQs(t)
	ent := visits.Enterprise{Name: "兰州华信科技"}
	must(t, a.SaveRecords("hq", &ent))
	nameLeaves := func() (out []Leaf) {
		must(t, a.Store().View(func(r *Reader) error {
			return r.EachField(func(typ, id, field string, leaves []Leaf) error {
				if id == ent.ID && field == "name" {
					out = leaves
				}
				return nil
			})
		}))
		return out
	}
	prev := nameLeaves()[0].Stamp
	for i, h := range []*HQ{b, a, b, b, a} {
		e := ent
		e.Name = fmt.Sprintf("name %d", i)
		must(t, h.SaveRecords("hq", &e))
		ls := nameLeaves()
		dev := h.s.clock.Device()
		if len(ls) != 1 || string(ls[0].Value) != fmt.Sprintf("%q", e.Name) || !strings.HasSuffix(ls[0].Stamp, "-"+dev) {
			t.Fatalf("edit %d through %s: leaves %+v, want one, %q, stamped by %s", i, dev, ls, e.Name, dev)
		}
		if ls[0].Stamp <= prev {
			t.Fatalf("edit %d through %s stamped %s, not after the previous edit's %s", i, dev, ls[0].Stamp, prev)
		}
		prev = ls[0].Stamp
	}
}

// Pushes through both HQs at once get unique, gapless seqs: new records,
// one field each, so every op is applied and takes one seq.
func TestHQsOnOneEngineShareSeqs(t *testing.T) {
	a, b := twoHQs(t)
	must(t, a.SaveRecords("hq", &visits.Enterprise{Name: "兰州华信科技"}))
	start := a.Seq()
	admin := Principal{ID: "admin", Role: visits.RoleAdmin}
	const n = 20
	var wg gosync.WaitGroup
	errs := make(chan error, 2*n)
	for _, h := range []*HQ{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range n {
				op := Op{OpID: NewID(), Type: visits.TypeEnterprise, ID: NewID(), Field: "name",
					Value: []byte(fmt.Sprintf("%q", fmt.Sprint(h.s.clock.Device(), i))), Stamp: h.s.clock.Now()}
				rs, err := h.Push(admin, []Op{op})
				if err == nil && rs[0].Status != StatusApplied {
					err = fmt.Errorf("op %d: %s", i, rs[0].Status)
				}
				if err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if a.Seq() != start+2*n || b.Seq() != a.Seq() {
		t.Fatalf("seqs after %d pushes from %d: a %d, b %d", 2*n, start, a.Seq(), b.Seq())
	}
	page, err := b.Changes(admin, start, 1000)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[uint64]bool{}
	for _, c := range page.Changes {
		if c.Seq <= start || c.Seq > start+2*n || seen[c.Seq] {
			t.Errorf("change %s %s at seq %d: want each of %d..%d once", c.Type, c.ID, c.Seq, start+1, start+2*n)
		}
		seen[c.Seq] = true
	}
	if len(seen) != 2*n {
		t.Errorf("%d seqs in the feed, want %d", len(seen), 2*n)
	}
}
