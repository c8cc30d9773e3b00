package sync

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	gosync "sync"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// slowBody is a push whose headers declare a 4 MiB body of which only the
// start is sent; then the sender stalls.
type slowBody struct {
	c net.Conn
	r *bufio.Reader
}

const slowLen = 4 << 20

func openSlowBody(t *testing.T, addr, token string) *slowBody {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	fmt.Fprintf(c, "POST /v1/push HTTP/1.1\r\nHost: hq\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", token, slowLen)
	if _, err := c.Write(append([]byte(`{"protocol":1,"ops":[]`), bytes.Repeat([]byte(" "), 64<<10)...)); err != nil {
		t.Fatal(err)
	}
	return &slowBody{c: c, r: bufio.NewReader(c)}
}

// answer reads HQ's answer to the stalled body (a guard deadline only
// ends a test that would otherwise hang).
func (b *slowBody) answer(t *testing.T) (*http.Response, ErrorResponse) {
	t.Helper()
	_ = b.c.SetReadDeadline(time.Now().Add(20 * time.Second))
	resp, err := http.ReadResponse(b.r, nil)
	if err != nil {
		t.Fatalf("no answer to the stalled body: %v", err)
	}
	defer resp.Body.Close()
	var e ErrorResponse
	_ = json.NewDecoder(resp.Body).Decode(&e)
	return resp, e
}

// budgetWatch lets a test wait until the decode budget holds a given
// number of bytes.
type budgetWatch struct {
	b       *budget
	changed chan struct{}
}

func watchBudget(h http.Handler) *budgetWatch {
	w := &budgetWatch{b: h.(*server).budget, changed: make(chan struct{}, 1)}
	w.b.onChange = func() {
		select {
		case w.changed <- struct{}{}:
		default:
		}
	}
	return w
}

func (w *budgetWatch) waitUsed(t *testing.T, what string, ok func(used int64) bool) {
	t.Helper()
	guard := time.After(20 * time.Second)
	for {
		used, _ := w.b.stats()
		if ok(used) {
			return
		}
		select {
		case <-w.changed:
		case <-guard:
			t.Fatalf("the decode budget never %s (holds %d bytes)", what, used)
		}
	}
}

func twoOfficers(t *testing.T) (hq *store.HQ, wang, li string) {
	t.Helper()
	hq, _ = openTestHQ(t, store.Options{NoSync: true})
	var err error
	if wang, err = hq.AddOfficer("wang", "王", visits.RoleLiaison); err != nil {
		t.Fatal(err)
	}
	if li, err = hq.AddOfficer("li", "李", visits.RoleLiaison); err != nil {
		t.Fatal(err)
	}
	return hq, wang, li
}

func emptyPush(t *testing.T, url, token string) int {
	t.Helper()
	req, _ := http.NewRequest("POST", url+"/v1/push", strings.NewReader(`{"protocol":1,"ops":[]}`))
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// One officer sending bodies slowly cannot fill the decode budget: past
// two pushes at once that officer alone is answered 429 with Retry-After,
// and another officer's push goes through while the slow bodies stall.
func TestSlowBodiesOfOneOfficerDoNotBlockOthers(t *testing.T) {
	hq, wang, li := twoOfficers(t)
	const each = slowLen + 1 // a body of known length reserves its length
	hd := NewHandler(Bolt{hq}, ServerOptions{MaxDecodeBytes: 3 * each, QueueWait: -1, IdleTrim: -1, BodyTimeout: time.Minute})
	w := watchBudget(hd)
	srv := httptest.NewServer(hd)
	t.Cleanup(srv.Close) // after the slow bodies' cleanups close them
	addr := srv.Listener.Addr().String()

	var slow []*slowBody
	for i := range 2 {
		slow = append(slow, openSlowBody(t, addr, wang))
		w.waitUsed(t, fmt.Sprintf("held %d slow bodies", i+1), func(u int64) bool { return u == int64(i+1)*each })
	}
	third := openSlowBody(t, addr, wang)
	resp, e := third.answer(t)
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" || e.Error != CodeTooManyRequests ||
		!strings.Contains(e.Reason, "this officer") {
		t.Fatalf("wang's third slow push: %d Retry-After %q %+v; want 429 for this officer", resp.StatusCode, resp.Header.Get("Retry-After"), e)
	}
	if got := emptyPush(t, srv.URL, li); got != http.StatusOK {
		t.Fatalf("li's push while wang's bodies stall: %d, want 200", got)
	}
	if used, _ := w.b.stats(); used != 2*each || hd.(*server).slots.held("wang") != 2 {
		t.Fatalf("wang's slow bodies were not still held during li's push (budget %d, slots %d)", used, hd.(*server).slots.held("wang"))
	}
	// Hanging up releases everything.
	for _, b := range slow {
		b.c.Close()
	}
	w.waitUsed(t, "went back to 0", func(u int64) bool { return u == 0 })
	if got := emptyPush(t, srv.URL, wang); got != http.StatusOK {
		t.Fatalf("wang's push once his slow bodies ended: %d", got)
	}
}

// A body that stalls is cut off after BodyTimeout, answered 408, and its
// room in the budget is given back; a push whose body arrived in time
// may take longer than BodyTimeout to apply.
func TestStalledBodyIsCutOffAndReleased(t *testing.T) {
	hq, wang, li := twoOfficers(t)
	gate := &gatedBackend{Backend: Bolt{hq}, release: make(chan struct{}), entered: make(chan struct{}, 4)}
	const timeout = 200 * time.Millisecond
	hd := NewHandler(gate, ServerOptions{QueueWait: -1, IdleTrim: -1, BodyTimeout: timeout})
	w := watchBudget(hd)
	srv := httptest.NewServer(hd)
	t.Cleanup(srv.Close)
	var once gosync.Once
	release := func() { once.Do(func() { close(gate.release) }) }
	t.Cleanup(release) // before srv.Close, also when the test fails

	applied := make(chan int, 1)
	go func() {
		req, _ := http.NewRequest("POST", srv.URL+"/v1/push", strings.NewReader(`{"protocol":1,"ops":[]}`))
		req.Header.Set("Authorization", "Bearer "+li)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			applied <- 0
			return
		}
		resp.Body.Close()
		applied <- resp.StatusCode
	}()
	<-gate.entered // li's body is read; the push is being applied

	start := time.Now()
	b := openSlowBody(t, srv.Listener.Addr().String(), wang)
	w.waitUsed(t, "held the slow body", func(u int64) bool { return u >= slowLen })
	w.waitUsed(t, "released the stalled body", func(u int64) bool { return u < slowLen })
	took := time.Since(start)
	resp, e := b.answer(t)
	if resp.StatusCode != http.StatusRequestTimeout || !strings.Contains(e.Reason, "did not arrive within") {
		t.Errorf("stalled body: %d %+v, want 408", resp.StatusCode, e)
	}
	if hd.(*server).slots.held("wang") != 0 {
		t.Error("the stalled body still holds wang's slot")
	}
	t.Logf("stalled body cut off after %s (BodyTimeout %s)", took.Round(time.Millisecond), timeout)

	// li's push has now been applying for longer than BodyTimeout.
	release()
	if got := <-applied; got != http.StatusOK {
		t.Errorf("a push applied for longer than BodyTimeout: %d, want 200", got)
	}
	w.waitUsed(t, "went back to 0", func(u int64) bool { return u == 0 })
}
