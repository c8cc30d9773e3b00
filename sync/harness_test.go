package sync

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	gosync "sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// testHQ is a real HQ over loopback whose backend can be restarted
// (closed and reopened) between requests and whose door injects faults.
type testHQ struct {
	t       testing.TB
	db      hqDB // where HQ's data lives (backend_test.go)
	srv     *httptest.Server
	mu      gosync.Mutex
	hq      *store.HQ
	restart atomic.Bool
	fault   atomic.Value // func(*http.Request) Fault
	tokens  map[string]string
	ents    []visits.Enterprise
	now     func() time.Time
}

func newTestHQ(t testing.TB, durable bool) *testHQ {
	h := &testHQ{t: t, db: newHQDB(t, t.TempDir()), tokens: map[string]string{}, now: time.Now}
	h.hq = openHQAt(t, h.db, store.Options{NoSync: !durable})
	h.fault.Store(func(*http.Request) Fault { return NoFault })
	inner := NewHandler(h, ServerOptions{Now: func() time.Time { return h.now() }})
	faulty := Faults{Next: func(r *http.Request) Fault { return h.fault.Load().(func(*http.Request) Fault)(r) }, Delay: 400 * time.Millisecond}.Wrap(inner)
	h.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if h.restart.Load() {
			h.reopen()
		}
		faulty.ServeHTTP(w, r)
	}))
	t.Cleanup(func() { h.srv.Close(); h.cur().Close() })
	return h
}

func (h *testHQ) cur() *store.HQ { h.mu.Lock(); defer h.mu.Unlock(); return h.hq }

// reopen closes HQ's database and opens it again: an HQ restart (on
// PostgreSQL a new pool, a new instance, on the same database).
func (h *testHQ) reopen() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if err := h.hq.Close(); err != nil {
		h.t.Error(err)
	}
	h.hq = openHQAt(h.t, h.db, store.Options{NoSync: true})
}

func (h *testHQ) setFaults(f func(*http.Request) Fault) { h.fault.Store(f) }

// Backend, delegating to the current database.
func (h *testHQ) Epoch() string { return h.cur().Epoch() }
func (h *testHQ) Authenticate(ctx context.Context, tok string) (store.Principal, error) {
	return Bolt{h.cur()}.Authenticate(ctx, tok)
}
func (h *testHQ) Push(ctx context.Context, p store.Principal, ops []store.Op) ([]store.Result, error) {
	return Bolt{h.cur()}.Push(ctx, p, ops)
}
func (h *testHQ) Changes(ctx context.Context, p store.Principal, since uint64, limit int, skip []store.SeqRange) (store.ChangesPage, error) {
	return Bolt{h.cur()}.Changes(ctx, p, since, limit, skip)
}
func (h *testHQ) Seq(ctx context.Context) uint64 { return h.cur().Seq() }

// officer creates an officer assigned to the given enterprises (nil: all).
func (h *testHQ) officer(id, role string, ents []visits.Enterprise) string {
	tok, err := h.cur().AddOfficer(id, "officer "+id, role)
	if err != nil {
		h.t.Fatal(err)
	}
	if ents == nil {
		ents = h.ents
	}
	for _, e := range ents {
		if err := h.cur().Assign(id, e.ID, visits.RoleLiaison); err != nil {
			h.t.Fatal(err)
		}
	}
	h.tokens[id] = tok
	return tok
}

// enterprises adds n enterprises as HQ master data.
func (h *testHQ) enterprises(n int) []visits.Enterprise {
	var recs []visits.Record
	start := len(h.ents)
	for i := range n {
		h.ents = append(h.ents, visits.Enterprise{Meta: visits.Meta{ID: store.NewID()}, Name: fmt.Sprintf("企业%d", start+i),
			USCC: visits.MakeUSCC(fmt.Sprintf("91620102MA%07d", start+i))})
	}
	for i := start; i < len(h.ents); i++ {
		recs = append(recs, &h.ents[i])
	}
	if err := h.cur().SaveRecords("hq", recs...); err != nil {
		h.t.Fatal(err)
	}
	return h.ents[start:]
}

type laptop struct {
	t    testing.TB
	name string
	path string
	s    *store.Store
	c    *Client
	now  func() time.Time
}

var fastRetry = Retry{Attempts: 10, Base: time.Millisecond, Max: 4 * time.Millisecond}

// laptop opens a new laptop database logged in as officer; skew moves its
// wall clock.
func (h *testHQ) laptop(officer string, skew time.Duration) *laptop {
	l := &laptop{t: h.t, name: officer, path: filepath.Join(h.t.TempDir(), officer+".db"),
		now: func() time.Time { return time.Now().Add(skew) }}
	l.open()
	if _, err := Login(context.Background(), l.s, nil, h.srv.URL, h.tokens[officer]); err != nil {
		h.t.Fatal(err)
	}
	l.mustSync()
	return l
}

func (l *laptop) open() {
	s, err := store.Open(l.path, store.Options{Now: l.now, NoSync: true})
	if err != nil {
		l.t.Fatal(err)
	}
	l.s = s
	l.c = &Client{Store: s, Retry: fastRetry, HTTP: &http.Client{Timeout: laptopTimeout}}
	l.t.Cleanup(func() { s.Close() })
}

func (l *laptop) sync() (Summary, error) { return l.c.Sync(context.Background()) }

func (l *laptop) mustSync() Summary {
	l.t.Helper()
	sum, err := l.sync()
	if err != nil {
		l.t.Fatalf("%s: sync: %v", l.name, err)
	}
	return sum
}

func (l *laptop) update(fn func(w *store.Writer) error) {
	l.t.Helper()
	if err := l.s.Update(fn); err != nil {
		l.t.Fatalf("%s: %v", l.name, err)
	}
}

func (l *laptop) pending() int {
	n := 0
	_ = l.s.View(func(r *store.Reader) error { n = r.PendingCount(); return nil })
	return n
}

func (l *laptop) need(ent string) string {
	n := &visits.Need{EnterpriseID: ent, Category: "finance", Severity: visits.SeverityConsult, Title: "融资"}
	l.update(func(w *store.Writer) error { return w.AddNeed(n) })
	return n.ID
}

func (l *laptop) visit(ent, summary string) string {
	v := &visits.Visit{EnterpriseID: ent, At: l.s.Now().Add(-time.Hour), Occasion: visits.OccRoutine, Method: "on_site", Summary: summary}
	l.update(func(w *store.Writer) error { return w.AddVisit(v) })
	return v.ID
}

func (l *laptop) leaves(typ, id, field string) []store.Leaf {
	var ls []store.Leaf
	_ = l.s.View(func(r *store.Reader) error { ls, _ = r.Leaves(typ, id, field); return nil })
	return ls
}

// dump is every field of a store, for comparing databases.
func dump(t testing.TB, s *store.Store) map[string]string {
	out := map[string]string{}
	err := s.View(func(r *store.Reader) error {
		return r.EachField(func(typ, id, field string, leaves []store.Leaf) error {
			ls := slices.Clone(leaves)
			slices.SortFunc(ls, func(a, b store.Leaf) int { return compareStr(a.Stamp, b.Stamp) })
			b, _ := json.Marshal(ls)
			out[typ+"/"+id+"/"+field] = string(b)
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func compareStr(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// sameData fails unless two stores hold the same fields and leaves.
func sameData(t testing.TB, what string, a, b *store.Store) {
	t.Helper()
	da, db := dump(t, a), dump(t, b)
	n := 0
	for k, v := range da {
		if db[k] != v {
			if n++; n <= 5 {
				t.Errorf("%s: %s differs:\n  %s\n  %s", what, k, v, db[k])
			}
		}
	}
	for k := range db {
		if _, ok := da[k]; !ok {
			if n++; n <= 5 {
				t.Errorf("%s: %s missing on the first", what, k)
			}
		}
	}
	if n > 0 {
		t.Errorf("%s: %d fields differ", what, n)
	}
}

// logCounts counts HQ's op log by op id.
func logCounts(t testing.TB, hq *store.HQ) map[string]int {
	out := map[string]int{}
	if err := hq.OpLog(func(_ string, op store.Op, _ store.Result) error { out[op.OpID]++; return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

func outboxIDs(t testing.TB, s *store.Store) []string {
	var ids []string
	_ = s.View(func(r *store.Reader) error {
		ps, err := r.PendingOps(0)
		for _, p := range ps {
			ids = append(ids, p.Op.OpID)
		}
		return err
	})
	return ids
}
