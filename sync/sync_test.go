package sync

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// Invariants 1, 4 and 6: laptops converge with HQ; every op reaches HQ's
// log exactly once; outboxes end empty; cursors only move forward.
func TestConvergeNoLostWrites(t *testing.T) {
	h := newTestHQ(t, false)
	ents := h.enterprises(3)
	h.officer("wang", visits.RoleLiaison, nil)
	h.officer("li", visits.RoleLiaison, nil)
	a, b := h.laptop("wang", 0), h.laptop("li", 0)
	a.mustSync()
	b.mustSync()
	var made []string
	a.visit(ents[0].ID, "走访一")
	n := a.need(ents[1].ID)
	made = append(made, outboxIDs(t, a.s)...)
	b.visit(ents[2].ID, "走访二")
	made = append(made, outboxIDs(t, b.s)...)
	var cursors []uint64
	for _, l := range []*laptop{a, b, a, b} {
		l.mustSync()
		_ = l.s.View(func(r *store.Reader) error { cursors = append(cursors, r.SyncState().Cursor); return nil })
	}
	if a.pending() != 0 || b.pending() != 0 {
		t.Fatalf("outboxes not empty: %d %d", a.pending(), b.pending())
	}
	counts := logCounts(t, h.cur())
	for _, id := range made {
		if counts[id] != 1 {
			t.Errorf("op %s in HQ's log %d times", id, counts[id])
		}
	}
	if cursors[2] < cursors[0] || cursors[3] < cursors[1] {
		t.Errorf("cursors went back: %v", cursors)
	}
	sameData(t, "wang vs HQ", a.s, h.cur().Store())
	sameData(t, "li vs HQ", b.s, h.cur().Store())
	var got visits.Need
	_ = b.s.View(func(r *store.Reader) error { got, _ = store.Get[visits.Need](r, n); return nil })
	if got.Title != "融资" {
		t.Errorf("li sees need %+v", got)
	}
}

// Invariant 10 and the scenario: two officers change one need's
// status differently offline; all three see the conflict; one resolves
// it; after the next syncs it is gone everywhere.
func TestNeedStatusConflictResolved(t *testing.T) {
	h := newTestHQ(t, false)
	ents := h.enterprises(1)
	h.officer("wang", visits.RoleLiaison, nil)
	h.officer("li", visits.RoleLiaison, nil)
	a, b := h.laptop("wang", 0), h.laptop("li", 0)
	id := a.need(ents[0].ID)
	a.mustSync()
	b.mustSync()
	a.update(func(w *store.Writer) error { return w.ChangeNeedStatus(id, visits.StatusAccepted, "", "") })
	b.update(func(w *store.Writer) error { return w.ChangeNeedStatus(id, visits.StatusReplied, "已答复", "") })
	a.mustSync()
	sb := b.mustSync()
	if sb.Conflicts != 1 || !sb.NeedsPerson() {
		t.Errorf("li's sync: %+v, want one conflict", sb)
	}
	a.mustSync()
	for _, s := range []*store.Store{a.s, b.s, h.cur().Store()} {
		var cs []store.Conflict
		_ = s.View(func(r *store.Reader) error { cs, _ = r.Conflicts(); return nil })
		if len(cs) != 1 || cs[0].Field != "status" || len(cs[0].Leaves) != 2 {
			t.Fatalf("%s: conflicts %+v, want the status conflict", s.Path(), cs)
		}
	}
	a.update(func(w *store.Writer) error {
		return w.Resolve(visits.TypeNeed, id, "status", json.RawMessage(`"replied"`))
	})
	a.mustSync()
	b.mustSync()
	for _, s := range []*store.Store{a.s, b.s, h.cur().Store()} {
		var cs []store.Conflict
		var n visits.Need
		_ = s.View(func(r *store.Reader) error { cs, _ = r.Conflicts(); n, _ = store.Get[visits.Need](r, id); return nil })
		if len(cs) != 0 || n.Status != visits.StatusReplied {
			t.Errorf("%s: conflicts %v, status %s after resolution", s.Path(), cs, n.Status)
		}
	}
	sameData(t, "wang vs li", a.s, b.s)
}

// Invariant 3: re-sending a batch changes nothing and answers duplicate.
func TestResendIsDuplicate(t *testing.T) {
	h := newTestHQ(t, false)
	ents := h.enterprises(1)
	tok := h.officer("wang", visits.RoleLiaison, nil)
	a := h.laptop("wang", 0)
	a.visit(ents[0].ID, "走访")
	var ops []store.Op
	_ = a.s.View(func(r *store.Reader) error {
		ps, _ := r.PendingOps(0)
		for _, p := range ps {
			ops = append(ops, p.Op)
		}
		return nil
	})
	first := rawPush(t, h, tok, ops)
	before := dump(t, h.cur().Store())
	seq := h.cur().Seq()
	second := rawPush(t, h, tok, ops)
	for i := range ops {
		if first[i].Status != store.StatusApplied || second[i].Status != store.StatusDuplicate || second[i].Seq != first[i].Seq {
			t.Fatalf("op %d: first %+v, second %+v", i, first[i], second[i])
		}
	}
	if h.cur().Seq() != seq {
		t.Error("a resend moved seq")
	}
	sameMap(t, before, dump(t, h.cur().Store()))
	// Same op id, different payload: op_id_reused.
	ops[0].Value = json.RawMessage(`"other"`)
	if r := rawPush(t, h, tok, ops[:1]); r[0].Status != store.StatusRejected || r[0].Error.Code != "op_id_reused" {
		t.Errorf("reused op id: %+v", r[0])
	}
}

func sameMap(t *testing.T, a, b map[string]string) {
	t.Helper()
	if len(a) != len(b) {
		t.Fatalf("%d fields, then %d", len(a), len(b))
	}
	for k, v := range a {
		if b[k] != v {
			t.Fatalf("%s changed", k)
		}
	}
}

func rawPush(t *testing.T, h *testHQ, tok string, ops []store.Op) []store.Result {
	t.Helper()
	body, _ := json.Marshal(PushRequest{Protocol: 1, Ops: ops})
	status, data := rawRequest(t, h, tok, http.MethodPost, "/v1/push", bytes.NewReader(body), nil)
	if status != 200 {
		t.Fatalf("push: %d %s", status, data)
	}
	var resp PushResponse
	if err := json.Unmarshal(data, &resp); err != nil {
		t.Fatal(err)
	}
	return resp.Results
}

func rawRequest(t testing.TB, h *testHQ, tok, method, path string, body interface{ Read([]byte) (int, error) }, hdr map[string]string) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest(method, h.srv.URL+path, body)
	if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	_, _ = b.ReadFrom(resp.Body)
	if !bytes.Contains(b.Bytes(), []byte(`"server_time_ms"`)) {
		t.Errorf("%s %s: answer without server_time_ms: %.200s", method, path, b.Bytes())
	}
	return resp.StatusCode, b.Bytes()
}

// Invariant 2: the order in which laptops sync does not change HQ's
// state.
func TestOrderIndependence(t *testing.T) {
	var states []map[string]string
	for _, order := range [][]int{{0, 1, 2}, {2, 1, 0}, {1, 2, 0}} {
		h := newTestHQ(t, false)
		ents := h.enterprises(1)
		var ls []*laptop
		for _, o := range []string{"wang", "li", "zhao"} {
			h.officer(o, visits.RoleLiaison, nil)
			ls = append(ls, h.laptop(o, 0))
		}
		// A shared need, seen by all, then concurrent edits.
		id := ls[0].need(ents[0].ID)
		ls[0].mustSync()
		ls[1].mustSync()
		ls[2].mustSync()
		ls[0].update(func(w *store.Writer) error { return w.ChangeNeedStatus(id, visits.StatusAccepted, "", "") })
		ls[1].update(func(w *store.Writer) error { return w.ChangeNeedStatus(id, visits.StatusWithdrawn, "", "") })
		ls[2].update(func(w *store.Writer) error { return w.SetField(visits.TypeNeed, id, "title", "改了标题") })
		// Runs have different device ids, so two edits in one millisecond
		// would be ordered differently in each run: stamp li's later edit
		// after zhao's (without li seeing zhao's value: still concurrent).
		later(ls[1], ls[2], visits.TypeNeed, id, "title")
		ls[1].update(func(w *store.Writer) error { return w.SetField(visits.TypeNeed, id, "title", "另一个标题") })
		for _, i := range order {
			ls[i].mustSync()
		}
		states = append(states, needState(t, h, id))
	}
	for i := 1; i < len(states); i++ {
		if states[i]["status"] != states[0]["status"] || states[i]["title"] != states[0]["title"] {
			t.Errorf("order %d: %v, order 0: %v", i, states[i], states[0])
		}
	}
}

// later makes l's next stamp sort after every stamp of other's field
// leaves, as if l's clock were ahead: l's edit stays concurrent (its base
// does not name them), only the order of stamps is fixed.
func later(l, other *laptop, typ, id, field string) {
	l.t.Helper()
	ls := other.leaves(typ, id, field)
	if len(ls) == 0 {
		l.t.Fatalf("%s holds no %s.%s", other.name, typ, field)
	}
	for _, x := range ls {
		l.s.Clock().Observe(x.Stamp)
	}
}

// needState is a need's fields by value (stamps differ between runs).
func needState(t *testing.T, h *testHQ, id string) map[string]string {
	out := map[string]string{}
	_ = h.cur().Store().View(func(r *store.Reader) error {
		for _, f := range []string{"status", "title"} {
			ls, _ := r.Leaves(visits.TypeNeed, id, f)
			var vals []string
			for _, l := range ls {
				vals = append(vals, string(l.Value))
			}
			b, _ := json.Marshal(sortedStrings(vals))
			out[f] = string(b)
		}
		return nil
	})
	return out
}

func sortedStrings(s []string) []string {
	for i := range s {
		for j := i + 1; j < len(s); j++ {
			if s[j] < s[i] {
				s[i], s[j] = s[j], s[i]
			}
		}
	}
	return s
}

// A pull never hides unsent local edits (laptop side of invariant 5).
func TestPullKeepsLocalEdits(t *testing.T) {
	h := newTestHQ(t, false)
	ents := h.enterprises(1)
	h.officer("wang", visits.RoleLiaison, nil)
	h.officer("li", visits.RoleLiaison, nil)
	a, b := h.laptop("wang", 0), h.laptop("li", 0)
	id := a.need(ents[0].ID)
	a.mustSync()
	b.mustSync()
	b.update(func(w *store.Writer) error { return w.SetField(visits.TypeNeed, id, "title", "li的标题") })
	b.mustSync()
	// Concurrent lww edits are ordered by stamp: make wang's later than
	// li's (in the same millisecond the device ids would decide).
	later(a, b, visits.TypeNeed, id, "title")
	a.update(func(w *store.Writer) error { return w.SetField(visits.TypeNeed, id, "title", "wang的标题") })
	// Pull only (as a sync interrupted after its push would).
	var page store.ChangesPage
	page, _ = h.cur().Changes(store.Principal{ID: "wang", Role: visits.RoleAdmin}, 0, 100000)
	if err := a.s.ApplyPull(page.Changes, page.Next); err != nil {
		t.Fatal(err)
	}
	if ls := a.leaves(visits.TypeNeed, id, "title"); len(ls) != 1 || string(ls[0].Value) != `"wang的标题"` {
		t.Fatalf("the pull hid the local edit: %+v", ls)
	}
	a.mustSync()
	b.mustSync()
	sameData(t, "after", a.s, b.s)
}

// Invariant 8, page and cursor: a page that fails to store leaves fields
// and cursor as they were.
func TestPullPageAtomic(t *testing.T) {
	h := newTestHQ(t, false)
	h.enterprises(2)
	h.officer("wang", visits.RoleLiaison, nil)
	a := h.laptop("wang", 0)
	a.mustSync()
	before := dump(t, a.s)
	page, _ := h.cur().Changes(store.Principal{ID: "x", Role: visits.RoleAdmin}, 0, 1000)
	for i := range page.Changes {
		page.Changes[i].Leaves = []store.Leaf{{Value: json.RawMessage(`"x"`), Stamp: "0000000000ff-0000-devx", OpID: "o"}}
	}
	if err := a.s.ApplyPull(page.Changes, 1); err == nil { // cursor back: refused
		t.Fatal("cursor went back")
	}
	sameMap(t, before, dump(t, a.s))
}

// Invariant 9: an edit made after seeing a value sorts after it even on a
// laptop whose clock is 3 hours slow, and wins on every laptop.
func TestCausalityUnderSlowClock(t *testing.T) {
	h := newTestHQ(t, false)
	ents := h.enterprises(1)
	h.officer("wang", visits.RoleLiaison, nil)
	h.officer("li", visits.RoleLiaison, nil)
	fast, slow := h.laptop("wang", 3*time.Hour), h.laptop("li", -3*time.Hour)
	id := fast.need(ents[0].ID)
	fast.update(func(w *store.Writer) error { return w.SetField(visits.TypeNeed, id, "title", "快") })
	fast.mustSync()
	slow.mustSync()
	slow.update(func(w *store.Writer) error { return w.SetField(visits.TypeNeed, id, "title", "慢") })
	slow.mustSync()
	fast.mustSync()
	for _, l := range []*laptop{fast, slow} {
		ls := l.leaves(visits.TypeNeed, id, "title")
		if len(ls) != 1 || string(ls[0].Value) != `"慢"` {
			t.Errorf("%s: title %+v, want the later edit", l.name, ls)
		}
	}
	if off := slow.c.Store.Clock().Offset(); off < int64(2*time.Hour/time.Millisecond) {
		t.Errorf("slow laptop's offset %d ms, want about +3h", off)
	}
}

// A laptop 48 hours fast is told clock_ahead, re-stamps its pending ops in
// order and gets them in; 3 hours fast is within max_future and accepted.
func TestClockAheadRestamp(t *testing.T) {
	for _, skew := range []time.Duration{3 * time.Hour, 48 * time.Hour} {
		h := newTestHQ(t, false)
		ents := h.enterprises(1)
		h.officer("wang", visits.RoleLiaison, nil)
		h.officer("li", visits.RoleLiaison, nil)
		a := h.laptop("wang", skew)
		// Offline edits made before any sync, stamped with the fast clock.
		a.s.Clock().SetOffset(0)
		id := a.need(ents[0].ID)
		a.update(func(w *store.Writer) error { return w.ChangeNeedStatus(id, visits.StatusAccepted, "", "") })
		a.update(func(w *store.Writer) error { return w.ChangeNeedStatus(id, visits.StatusAssigned, "", "") })
		sum := a.mustSync()
		if sum.Rejected != 0 || a.pending() != 0 {
			t.Fatalf("skew %v: %+v", skew, sum)
		}
		b := h.laptop("li", 0)
		b.mustSync()
		var n visits.Need
		_ = b.s.View(func(r *store.Reader) error { n, _ = store.Get[visits.Need](r, id); return nil })
		if n.Status != visits.StatusAssigned {
			t.Errorf("skew %v: HQ status %q, want assigned (order kept)", skew, n.Status)
		}
		sameData(t, "after restamp", a.s, h.cur().Store())
		max := time.Now().Add(25 * time.Hour).UnixMilli()
		for _, l := range a.leaves(visits.TypeNeed, id, "status") {
			if w, _, _, _ := store.ParseStamp(l.Stamp); w > max {
				t.Errorf("skew %v: stamp %s still far ahead", skew, l.Stamp)
			}
		}
	}
}

// Status transitions are checked against the base the officer saw: an
// illegal one is rejected with a reason, kept in the rejected list, and the
// laptop shows HQ's value again.
func TestIllegalTransitionRejected(t *testing.T) {
	h := newTestHQ(t, false)
	ents := h.enterprises(1)
	h.officer("wang", visits.RoleLiaison, nil)
	a := h.laptop("wang", 0)
	id := a.need(ents[0].ID)
	a.mustSync()
	// registered → closed is not allowed; SetField bypasses the local check
	// as a laptop with an older rule table would.
	a.update(func(w *store.Writer) error { return w.SetField(visits.TypeNeed, id, "status", visits.StatusClosed) })
	sum, err := a.sync()
	if err != nil || sum.Rejected != 1 || !sum.NeedsPerson() {
		t.Fatalf("sum %+v, err %v", sum, err)
	}
	var rej []store.Rejected
	_ = a.s.View(func(r *store.Reader) error { rej, _ = r.RejectedOps(); return nil })
	if len(rej) != 1 || rej[0].Code != "illegal_transition" || rej[0].Reason == "" {
		t.Fatalf("rejected list %+v", rej)
	}
	sameData(t, "after rejection", a.s, h.cur().Store())
}

// 410: HQ's database replaced. The laptop pushes what is pending, then
// pulls everything from seq 0; nothing local is lost.
func TestResetRequired(t *testing.T) {
	h := newTestHQ(t, false)
	ents := h.enterprises(1)
	h.officer("wang", visits.RoleAdmin, nil)
	a := h.laptop("wang", 0)
	a.visit(ents[0].ID, "旧")
	a.mustSync()
	a.visit(ents[0].ID, "新")
	pending := outboxIDs(t, a.s)
	// Replace HQ's database: a new file, a new epoch.
	h2 := newTestHQ(t, false)
	h2.ents = nil
	h2.officer("wang", visits.RoleAdmin, []visits.Enterprise{})
	a.update(func(w *store.Writer) error {
		id := w.Reader().Identity()
		id.HQURL, id.Token = h2.srv.URL, h2.tokens["wang"]
		return w.SetIdentity(id)
	})
	a.mustSync()
	counts := logCounts(t, h2.cur())
	for _, id := range pending {
		if counts[id] != 1 {
			t.Errorf("pending op %s not pushed to the new HQ", id)
		}
	}
	var st store.SyncState
	_ = a.s.View(func(r *store.Reader) error { st = r.SyncState(); return nil })
	if st.Epoch != h2.cur().Epoch() {
		t.Errorf("epoch %s, want %s", st.Epoch, h2.cur().Epoch())
	}
	// And a direct 410 from the feed.
	status, _ := rawRequest(t, h2, h2.tokens["wang"], "GET", "/v1/changes?since=0&epoch=old", nil, nil)
	if status != http.StatusGone {
		t.Errorf("changes with an old epoch: %d", status)
	}
}

// Every fault of the contract, on every endpoint: the sync still ends
// with everything pushed exactly once and the laptop equal to HQ.
func TestEveryFault(t *testing.T) {
	for _, f := range AllFaults {
		t.Run(f.String(), func(t *testing.T) {
			h := newTestHQ(t, false)
			ents := h.enterprises(2)
			h.officer("wang", visits.RoleLiaison, nil)
			a := h.laptop("wang", 0)
			for i := range 30 {
				a.visit(ents[i%2].ID, "走访")
			}
			made := outboxIDs(t, a.s)
			a.c.MaxBatch = 50
			a.timeout(lateTimeout)
			var n atomic.Int64 // requests overlap: a late answer is still being written when the retry comes
			h.setFaults(func(*http.Request) Fault {
				if n.Add(1)%2 == 1 {
					return f
				}
				return NoFault
			})
			var err error
			for range 5 {
				if _, err = a.sync(); err == nil {
					break
				}
			}
			if err != nil {
				t.Fatalf("sync under %v: %v", f, err)
			}
			h.setFaults(func(*http.Request) Fault { return NoFault })
			a.timeout(laptopTimeout)
			a.mustSync()
			counts := logCounts(t, h.cur())
			for _, id := range made {
				if counts[id] != 1 {
					t.Fatalf("op %s logged %d times", id, counts[id])
				}
			}
			if a.pending() != 0 {
				t.Fatal("outbox not empty")
			}
			sameData(t, "after faults", a.s, h.cur().Store())
		})
	}
}

// HQ restarted (database closed and reopened) between every request.
func TestHQRestartBetweenRequests(t *testing.T) {
	h := newTestHQ(t, false)
	ents := h.enterprises(2)
	h.officer("wang", visits.RoleLiaison, nil)
	h.officer("li", visits.RoleLiaison, nil)
	a, b := h.laptop("wang", 0), h.laptop("li", 0)
	h.restart.Store(true)
	a.c.MaxBatch = 7
	for i := range 20 {
		a.visit(ents[i%2].ID, "走访")
	}
	a.mustSync()
	b.mustSync()
	a.mustSync()
	sameData(t, "wang", a.s, h.cur().Store())
	sameData(t, "li", b.s, h.cur().Store())
}

// Errors the officer must act on: 401 stops with ErrUnauthorized and
// keeps the outbox; unreachable HQ is ErrUnreachable.
func TestStopErrors(t *testing.T) {
	h := newTestHQ(t, false)
	ents := h.enterprises(1)
	h.officer("wang", visits.RoleLiaison, nil)
	a := h.laptop("wang", 0)
	a.visit(ents[0].ID, "走访")
	if err := h.cur().RevokeOfficer("wang"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.sync(); !errors.Is(err, ErrUnauthorized) {
		t.Errorf("revoked: %v", err)
	}
	if a.pending() == 0 {
		t.Error("outbox dropped after 401")
	}
	h.srv.Close()
	if _, err := a.sync(); !errors.Is(err, ErrUnreachable) {
		t.Errorf("closed HQ: %v", err)
	}
	if _, err := Login(context.Background(), a.s, nil, "http://127.0.0.1:1", "x"); !errors.Is(err, ErrUnreachable) {
		t.Errorf("login to nothing: %v", err)
	}
}
