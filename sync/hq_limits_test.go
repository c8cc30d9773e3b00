package sync

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	gosync "sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// Finding 5: a protocol that is not a whole number, or does not fit one,
// used to panic the handler (a nil pointer in the error's message) and
// leave the client with an empty reply. It is a 400 with a reason.
func TestPushProtocolNumbersAnswered(t *testing.T) {
	h := newTestHQ(t, false)
	tok := h.officer("wang", visits.RoleLiaison, nil)
	for _, p := range []string{"1.0", "1e999", "99999999999999999999", "-1e3", `"1"`} {
		status, body := rawRequest(t, h, tok, "POST", "/v1/push", strings.NewReader(`{"protocol":`+p+`,"ops":[]}`), nil)
		var e ErrorResponse
		if err := json.Unmarshal(body, &e); err != nil || status != 400 || (e.Error != CodeBadRequest && e.Error != CodeUnsupportedProtocol) || e.Reason == "" {
			t.Errorf("protocol %s: %d %s", p, status, body)
		}
	}
}

// A panic anywhere in the handler is answered 500 in JSON and logged, not
// with an empty reply.
func TestHandlerPanicAnswered(t *testing.T) {
	var logged atomic.Int32
	srv := httptest.NewServer(NewHandler(panicky{}, ServerOptions{Logf: func(string, ...any) { logged.Add(1) }}))
	defer srv.Close()
	req, _ := http.NewRequest("GET", srv.URL+"/v1/hello", nil)
	req.Header.Set("Authorization", "Bearer x.y")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var e ErrorResponse
	if err := json.NewDecoder(resp.Body).Decode(&e); err != nil || resp.StatusCode != 500 || e.Error != CodeInternal || e.ServerTimeMS == 0 {
		t.Errorf("%d %+v %v", resp.StatusCode, e, err)
	}
	if logged.Load() != 1 {
		t.Errorf("logged %d times", logged.Load())
	}
}

type panicky struct{ Backend }

func (panicky) Authenticate(context.Context, string) (store.Principal, error) {
	return store.Principal{ID: "wang", Role: visits.RoleLiaison}, nil
}
func (panicky) Epoch() string { panic("a bug") }

// Finding 6: one op with a 40 KB op_id or a 20 KB record id used to fail
// the whole push with 500 "key too large". Each is refused bad_op and the
// other ops of the push are applied.
func TestHugeIDsRefusedNot500(t *testing.T) {
	h := newTestHQ(t, false)
	ents := h.enterprises(1)
	tok := h.officer("wang", visits.RoleLiaison, nil)
	stamp := store.FormatStamp(time.Now().UnixMilli(), 0, "devx")
	v := store.NewID()
	ent, _ := json.Marshal(ents[0].ID)
	ops := []store.Op{
		{OpID: store.NewID(), Type: "visit", ID: v, Field: "enterprise_id", Value: ent, Stamp: stamp, Resolves: []string{}},
		{OpID: strings.Repeat("a", 40<<10), Type: "visit", ID: v, Field: "summary", Value: json.RawMessage(`"x"`), Stamp: stamp, Resolves: []string{}},
		{OpID: store.NewID(), Type: "visit", ID: strings.Repeat("v", 20<<10), Field: "enterprise_id", Value: ent, Stamp: stamp, Resolves: []string{}},
		{OpID: store.NewID(), Type: "visit", ID: v, Field: "summary", Value: json.RawMessage(`"走访"`), Stamp: stamp, Resolves: []string{}},
	}
	rs := rawPush(t, h, tok, ops)
	for i, want := range []string{store.StatusApplied, store.StatusRejected, store.StatusRejected, store.StatusApplied} {
		if rs[i].Status != want || (want == store.StatusRejected && rs[i].Error.Code != "bad_op") {
			t.Errorf("op %d: %s %+v, want %s", i, rs[i].Status, rs[i].Error, want)
		}
	}
	// A retry gets the same answers.
	again := rawPush(t, h, tok, ops)
	if again[1].Status != store.StatusRejected || again[2].Status != store.StatusRejected || again[3].Status != store.StatusDuplicate {
		t.Errorf("retry: %+v", again)
	}
}

// Finding 4: a value nested 9,996 deep (in a field HQ does not know) and a
// record id holding a NUL byte were applied, and from then on every other
// laptop of the enterprise failed every sync (or every list). HQ refuses
// both; another officer's laptop syncs and lists.
func TestPoisonValuesRefused(t *testing.T) {
	h := newTestHQ(t, false)
	ents := h.enterprises(1)
	h.officer("wang", visits.RoleLiaison, nil)
	h.officer("li", visits.RoleLiaison, nil)
	li := h.laptop("li", 0)
	li.visit(ents[0].ID, "李的走访")
	li.mustSync()
	stamp := store.FormatStamp(time.Now().UnixMilli(), 0, "devx")
	ent, _ := json.Marshal(ents[0].ID)
	v := store.NewID()
	ops := []store.Op{
		{OpID: store.NewID(), Type: "visit", ID: v, Field: "enterprise_id", Value: ent, Stamp: stamp, Resolves: []string{}},
		{OpID: store.NewID(), Type: "visit", ID: v, Field: "x_newer", Value: json.RawMessage(strings.Repeat("[", 9996) + strings.Repeat("]", 9996)), Stamp: stamp, Resolves: []string{}},
		{OpID: store.NewID(), Type: "visit", ID: "b\x00c", Field: "enterprise_id", Value: ent, Stamp: stamp, Resolves: []string{}},
		{OpID: store.NewID(), Type: "visit", ID: "b\x00c", Field: "summary", Value: json.RawMessage(`"x"`), Stamp: stamp, Resolves: []string{}},
	}
	rs := rawPush(t, h, h.tokens["wang"], ops)
	for i := 1; i < len(rs); i++ {
		if rs[i].Status != store.StatusRejected || rs[i].Error.Code != "bad_op" {
			t.Errorf("op %d: %s %+v, want bad_op", i, rs[i].Status, rs[i].Error)
		}
	}
	li.mustSync()
	var vs []visits.Visit
	if err := li.s.View(func(r *store.Reader) error {
		var err error
		vs, err = store.All[visits.Visit](r)
		return err
	}); err != nil || len(vs) != 2 {
		t.Errorf("li's visits: %d, %v", len(vs), err)
	}
}

// Finding 7: pushes read and decoded at once are bounded in bytes. With a
// budget of two bodies, of 12 concurrent pushes of 4 MiB (gzip, 4 KB on
// the wire) no more than the budget is ever held, the pushes that find no
// room are answered 429 with Retry-After, and the pool keeps no large
// buffer.
func TestDecodeBudget(t *testing.T) {
	hq, _ := openTestHQ(t, store.Options{NoSync: true})
	tok, err := hq.AddOfficer("wang", "王", visits.RoleLiaison)
	if err != nil {
		t.Fatal(err)
	}
	gate := &gatedBackend{Backend: Bolt{hq}, release: make(chan struct{}), entered: make(chan struct{}, 64)}
	const budget = 2*(4<<20) + 2
	hd := NewHandler(gate, ServerOptions{MaxDecodeBytes: budget, QueueWait: -1, IdleTrim: -1})
	srv := httptest.NewServer(hd)
	defer srv.Close()
	// A valid push of 0 ops, padded with white space to 4 MiB.
	var body bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&body, gzip.BestCompression)
	fmt.Fprint(zw, `{"protocol":1,"ops":[]`)
	_, _ = zw.Write(bytes.Repeat([]byte(" "), 4<<20-40))
	fmt.Fprint(zw, `}`)
	_ = zw.Close()
	t.Logf("body: %d bytes gzip", body.Len())

	const n = 12
	type answer struct {
		status     int
		retryAfter string
		code       string
	}
	answers := make(chan answer, n)
	var wg gosync.WaitGroup
	for range n {
		wg.Go(func() {
			req, _ := http.NewRequest("POST", srv.URL+"/v1/push", bytes.NewReader(body.Bytes()))
			req.Header.Set("Authorization", "Bearer "+tok)
			req.Header.Set("Content-Encoding", "gzip")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Error(err)
				answers <- answer{}
				return
			}
			defer resp.Body.Close()
			var e ErrorResponse
			_ = json.NewDecoder(resp.Body).Decode(&e)
			answers <- answer{resp.StatusCode, resp.Header.Get("Retry-After"), e.Error}
		})
	}
	// Every push either holds its body (blocked in Push) or was answered.
	var got []answer
	deadline := time.After(60 * time.Second)
	for int(gate.inside.Load())+len(got) < n {
		select {
		case a := <-answers:
			got = append(got, a)
		case <-gate.entered:
		case <-deadline:
			t.Fatalf("%d pushes inside, %d answered", gate.inside.Load(), len(got))
		}
	}
	inside := int(gate.inside.Load())
	close(gate.release)
	wg.Wait()
	close(answers)
	for a := range answers {
		got = append(got, a)
	}
	ok, busy := 0, 0
	for _, a := range got {
		switch {
		case a.status == 200:
			ok++
		case a.status == 429 && a.retryAfter != "" && a.code == CodeTooManyRequests:
			busy++
		default:
			t.Errorf("answer %+v", a)
		}
	}
	_, peak := hd.(*server).budget.stats()
	t.Logf("%d decoded at once, %d applied, %d answered 429; budget peak %d bytes", inside, ok, busy, peak)
	if inside < 1 || inside > 2 || ok != inside || busy != n-ok {
		t.Errorf("%d inside at once, %d applied, %d busy; want 1 or 2 at once and the rest 429", inside, ok, busy)
	}
	if peak > budget {
		t.Errorf("held %d bytes at once; budget %d", peak, budget)
	}
	if used, _ := hd.(*server).budget.stats(); used != 0 {
		t.Errorf("%d bytes still held", used)
	}
	for range 64 {
		if b, ok := bodyBuffers.Get().(*[]byte); ok && cap(*b) > maxPooledBuffer {
			t.Fatalf("the pool kept a buffer of %d bytes", cap(*b))
		}
	}
}

// gatedBackend holds every push until release is closed.
type gatedBackend struct {
	Backend
	inside  atomic.Int32
	entered chan struct{}
	release chan struct{}
}

func (g *gatedBackend) Push(ctx context.Context, p store.Principal, ops []store.Op) ([]store.Result, error) {
	g.inside.Add(1)
	g.entered <- struct{}{}
	<-g.release
	return g.Backend.Push(ctx, p, ops)
}

// A push waits in line for room rather than being refused at once, and
// the budget never goes negative or leaks.
func TestDecodeBudgetQueues(t *testing.T) {
	b := newBudget(10, -1)
	ctx := context.Background()
	if !b.acquire(ctx, 6, 0) || b.acquire(ctx, 6, -1) {
		t.Fatal("6 then 6 of 10 without waiting")
	}
	waiting := make(chan struct{})
	b.onWait = func() { close(waiting) }
	got := make(chan bool)
	go func() { got <- b.acquire(ctx, 6, time.Minute) }()
	<-waiting
	// A smaller push behind a waiting larger one waits its turn.
	if b.acquire(ctx, 1, -1) {
		t.Error("jumped the line")
	}
	b.release(6)
	if !<-got {
		t.Error("the waiting push did not get its room")
	}
	if b.tryGrow(5) {
		t.Error("grew beyond the budget")
	}
	b.release(6)
	if used, peak := b.stats(); used != 0 || peak != 6 {
		t.Errorf("used %d, peak %d", used, peak)
	}
}
