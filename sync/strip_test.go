package sync

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	gosync "sync"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// newLimitedHQ is newTestHQ with HQ announcing (and enforcing) lim, and
// front, if set, standing in front of HQ's handler (a proxy).
func newLimitedHQ(t *testing.T, lim Limits, front func(http.Handler) http.Handler) *testHQ {
	h := &testHQ{t: t, db: newHQDB(t, t.TempDir()), tokens: map[string]string{}, now: time.Now}
	h.hq = openHQAt(t, h.db, store.Options{NoSync: true})
	h.fault.Store(func(*http.Request) Fault { return NoFault })
	var hd http.Handler = NewHandler(h, ServerOptions{Limits: lim})
	if front != nil {
		hd = front(hd)
	}
	h.srv = httptest.NewServer(hd)
	t.Cleanup(func() { h.srv.Close(); h.cur().Close() })
	return h
}

// pushLog counts the pushes that reach the door and HQ's answers to them.
type pushLog struct {
	mu       gosync.Mutex
	pushes   int
	tooLarge int // 413 answers
}

func (p *pushLog) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/push" {
			next.ServeHTTP(w, r)
			return
		}
		rec := &statusRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		p.mu.Lock()
		p.pushes++
		if rec.code == http.StatusRequestEntityTooLarge {
			p.tooLarge++
		}
		p.mu.Unlock()
	})
}

func (p *pushLog) counts() (pushes, tooLarge int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.pushes, p.tooLarge
}

type statusRecorder struct {
	http.ResponseWriter
	code int
}

func (r *statusRecorder) WriteHeader(code int) { r.code = code; r.ResponseWriter.WriteHeader(code) }

// stripScenario is finding 1 of issue 9 at a smaller scale: an officer
// registers an enterprise with one value too large for HQ's body limit
// (an imported sheet's huge cell), then adds 10 visits and a need to it,
// offline, and syncs.
func stripScenario(t *testing.T, h *testHQ, bigBytes int) (a *laptop, ent string, vs []string, need string) {
	h.officer("wang", visits.RoleLiaison, []visits.Enterprise{})
	a = h.laptop("wang", 0)
	e := &visits.Enterprise{Name: "巨值科技有限公司", Address: noise(bigBytes / 3)}
	a.update(func(w *store.Writer) error { return w.AddEnterprise(e, true) })
	for i := range 10 {
		vs = append(vs, a.visit(e.ID, fmt.Sprintf("走访%d", i)))
	}
	return a, e.ID, vs, a.need(e.ID)
}

// noise is n CJK characters that gzip cannot shrink much (a fixed
// sequence, so no seed to log).
func noise(n int) string {
	var b strings.Builder
	x := uint32(2463534242)
	for range n {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b.WriteRune(rune(0x4e00 + x%0x5000))
	}
	return b.String()
}

// checkNothingStripped: every visit and the need keep the fields that
// create a record (at, created_at, created_by, enterprise_id) on the
// laptop, at HQ and on an admin's laptop, and the only refused op is the
// huge value, kept in the rejected list as payload_too_large.
func checkNothingStripped(t *testing.T, h *testHQ, a *laptop, ent string, vs []string, need string) {
	t.Helper()
	var rej []store.Rejected
	_ = a.s.View(func(r *store.Reader) error { rej, _ = r.RejectedOps(); return nil })
	if len(rej) != 1 || rej[0].Op.Field != "address" || rej[0].Code != CodePayloadTooLarge {
		for _, x := range rej {
			t.Errorf("rejected: %s %s %s: %s %.80s", x.Op.Type, x.Op.ID, x.Op.Field, x.Code, x.Reason)
		}
		t.Fatalf("want exactly the huge address rejected as %s, got %d rejected", CodePayloadTooLarge, len(rej))
	}
	if n := len([]rune(rej[0].Reason)); n > 201 {
		t.Errorf("the refusal reason is %d characters: it gets printed, keep it short", n)
	}
	h.officer("boss", visits.RoleAdmin, []visits.Enterprise{})
	boss := h.laptop("boss", 0)
	for _, s := range []struct {
		name string
		s    *store.Store
	}{{"laptop", a.s}, {"HQ", h.cur().Store()}, {"admin's laptop", boss.s}} {
		_ = s.s.View(func(r *store.Reader) error {
			for _, id := range vs {
				v, err := store.Get[visits.Visit](r, id)
				if err != nil || v.At.IsZero() || v.CreatedAt.IsZero() || v.CreatedBy == "" || v.EnterpriseID != ent {
					t.Errorf("%s: visit %s stripped: at %v, created_at %v, created_by %q, enterprise %q (%v)",
						s.name, id, v.At, v.CreatedAt, v.CreatedBy, v.EnterpriseID, err)
				}
			}
			n, err := store.Get[visits.Need](r, need)
			if err != nil || n.CreatedAt.IsZero() || n.EnterpriseID != ent || n.Title == "" || n.Category == "" {
				t.Errorf("%s: need stripped: %+v (%v)", s.name, n, err)
			}
			e, err := store.Get[visits.Enterprise](r, ent)
			if err != nil || e.Name == "" || e.CreatedAt.IsZero() {
				t.Errorf("%s: enterprise stripped: %+v (%v)", s.name, e.Meta, err)
			}
			return nil
		})
	}
}

// Finding 1 of issue 9: after one op too large for HQ's body limit, the
// batch stayed at one op, a new visit's first fields (at, created_at,
// created_by) reached HQ without its enterprise_id, were refused
// forbidden and reverted to HQ's value: none, on every laptop.
func TestNoStripAfterTooLargeOp(t *testing.T) {
	lim := DefaultLimits
	lim.MaxBodyBytes = 32 << 10
	var log pushLog
	h := newLimitedHQ(t, lim, log.wrap)
	a, ent, vs, need := stripScenario(t, h, 48<<10)
	sum, err := a.sync()
	if err != nil {
		t.Fatal(err)
	}
	pushes, tooLarge := log.counts()
	t.Logf("sync: %+v; %d pushes, %d answered 413", sum, pushes, tooLarge)
	if sum.Rejected != 1 || sum.Pending != 0 || !sum.NeedsPerson() {
		t.Errorf("summary: %+v (want the one huge op rejected, nothing pending)", sum)
	}
	checkNothingStripped(t, h, a, ent, vs, need)
	// The next sync has nothing to do and refuses nothing more.
	if sum := a.mustSync(); sum.Pushed != 0 || sum.Rejected != 0 {
		t.Errorf("second sync: %+v", sum)
	}
}

// A proxy in front of HQ refuses bodies far below HQ's announced limit
// (nginx's default is 1 MB) with 413: the laptop halves its batches, sets
// aside the op that fits no body, strips nothing, and its batches grow
// back, so the rest of the outbox does not go one op at a time.
func TestBatchRecoversAfter413(t *testing.T) {
	const proxyLimit = 8 << 10
	var log pushLog
	proxy := func(next http.Handler) http.Handler {
		return log.wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/v1/push" && r.ContentLength > proxyLimit {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusRequestEntityTooLarge)
				fmt.Fprintf(w, `{"error":"payload_too_large","reason":"proxy: body above %d bytes","server_time_ms":%d}`, proxyLimit, time.Now().UnixMilli())
				return
			}
			next.ServeHTTP(w, r)
		}))
	}
	h := newLimitedHQ(t, DefaultLimits, proxy)
	a, ent, vs, need := stripScenario(t, h, 40<<10)
	// Then a long outbox of small records.
	for i := range 300 {
		a.visit(ent, fmt.Sprintf("例行走访%d", i))
	}
	ops := a.pending()
	var bytes int
	_ = a.s.View(func(r *store.Reader) error {
		ps, err := r.PendingOps(0)
		for _, p := range ps {
			b, _ := json.Marshal(p.Op)
			bytes += len(b) + 1
		}
		return err
	})
	ideal := bytes/proxyLimit + 1 // pushes if every body were just under the limit (they are not gzipped)
	sum, err := a.sync()
	if err != nil {
		t.Fatal(err)
	}
	pushes, tooLarge := log.counts()
	t.Logf("sync of %d ops: %+v; %d pushes, %d answered 413", ops, sum, pushes, tooLarge)
	if tooLarge == 0 {
		t.Fatal("the proxy never answered 413: the test tests nothing")
	}
	checkNothingStripped(t, h, a, ent, vs, need)
	// One op per push would be over 2,800 pushes.
	t.Logf("%d pushes; at least %d would be needed", pushes, ideal)
	if pushes > 2*ideal+tooLarge+5 {
		t.Errorf("%d pushes for %d ops (%d bytes): the batch did not grow back after the 413", pushes, ops, bytes)
	}
}

// A refused edit never empties a field HQ had acknowledged, and never
// touches the record's other fields. HQ sends no leaves with a forbidden
// result (the officer may not see them), so a laptop that took HQ's
// leaves as they came emptied the field: here, an officer moves a synced
// visit to an enterprise outside their scope; HQ refuses the move.
func TestRefusedEditKeepsAcknowledgedFields(t *testing.T) {
	h := newTestHQ(t, false)
	ents := h.enterprises(2)
	h.officer("wang", visits.RoleLiaison, ents[:1])
	a := h.laptop("wang", 0)
	id := a.visit(ents[0].ID, "首次走访")
	if sum := a.mustSync(); sum.Rejected != 0 {
		t.Fatalf("first sync: %+v", sum)
	}
	get := func() (v visits.Visit) {
		_ = a.s.View(func(r *store.Reader) error { v, _ = store.Get[visits.Visit](r, id); return nil })
		return v
	}
	// Only the move: nothing of the record is applied at HQ, so no pull
	// brings the record back.
	a.update(func(w *store.Writer) error {
		return w.SetField(visits.TypeVisit, id, "enterprise_id", ents[1].ID)
	})
	sum, err := a.sync()
	if err != nil {
		t.Fatal(err)
	}
	if sum.Rejected == 0 {
		t.Fatalf("HQ took a move outside the officer's scope: %+v", sum)
	}
	after := get()
	if after.EnterpriseID != ents[0].ID {
		t.Errorf("enterprise_id after the refused move: %q, want the acknowledged %q", after.EnterpriseID, ents[0].ID)
	}
	if after.Summary == "" || after.At.IsZero() || after.CreatedAt.IsZero() || after.UpdatedAt.IsZero() || after.CreatedBy == "" {
		t.Errorf("fields emptied by the refusal: %+v", after)
	}
	var rej []store.Rejected
	_ = a.s.View(func(r *store.Reader) error { rej, _ = r.RejectedOps(); return nil })
	found := false
	for _, x := range rej {
		found = found || (x.Op.Field == "enterprise_id" && x.Code == "forbidden")
	}
	if !found {
		t.Errorf("the refused move is not in the rejected list: %+v", rej)
	}
	// HQ still has the visit where it was.
	_ = h.cur().Store().View(func(r *store.Reader) error {
		hv, err := store.Get[visits.Visit](r, id)
		if err != nil || hv.EnterpriseID != ents[0].ID || hv.At.IsZero() {
			t.Errorf("HQ: %+v %v", hv, err)
		}
		return nil
	})
	if probs, err := a.s.Check(); err != nil || len(probs) > 0 {
		t.Errorf("check: %v %v", probs, err)
	}
}

// One record whose ops fit HQ's body limit one by one but not together is
// split, its link to its enterprise first (HQ refused the rest as
// "names no enterprise" when a split sent them first); the batch grows
// back afterwards.
func TestBigRecordSplitKeepsScope(t *testing.T) {
	lim := DefaultLimits
	lim.MaxBodyBytes = 32 << 10
	var log pushLog
	h := newLimitedHQ(t, lim, log.wrap)
	ents := h.enterprises(1)
	h.officer("wang", visits.RoleLiaison, nil)
	a := h.laptop("wang", 0)
	v := &visits.Visit{EnterpriseID: ents[0].ID, At: a.s.Now().Add(-time.Hour), Occasion: visits.OccRoutine, Method: "on_site",
		Summary: noise(3000), Policies: noise(3000), NextPlan: noise(3000), SolvedOnSpot: noise(3000), PeopleMet: noise(3000)}
	a.update(func(w *store.Writer) error { return w.AddVisit(v) })
	for i := range 200 {
		a.visit(ents[0].ID, fmt.Sprintf("例行走访%d", i))
	}
	ops := a.pending()
	sum, err := a.sync()
	if err != nil {
		t.Fatal(err)
	}
	pushes, tooLarge := log.counts()
	t.Logf("sync of %d ops: %+v; %d pushes, %d answered 413", ops, sum, pushes, tooLarge)
	if sum.Rejected != 0 || sum.Pending != 0 {
		t.Errorf("summary: %+v", sum)
	}
	_ = h.cur().Store().View(func(r *store.Reader) error {
		hv, err := store.Get[visits.Visit](r, v.ID)
		if err != nil || hv.EnterpriseID != ents[0].ID || hv.At.IsZero() || hv.Summary != v.Summary || hv.PeopleMet != v.PeopleMet {
			t.Errorf("HQ's copy of the big visit: enterprise %q, at %v (%v)", hv.EnterpriseID, hv.At, err)
		}
		return nil
	})
	// 2,000 small ops fit in about 10 bodies of 32 KB; the big visit in 3.
	if pushes > 40 {
		t.Errorf("%d pushes for %d ops: the batch did not grow back after the split", pushes, ops)
	}
}
