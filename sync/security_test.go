package sync

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

func TestAuth401(t *testing.T) {
	h := newTestHQ(t, false)
	tok := h.officer("wang", visits.RoleLiaison, nil)
	h.officer("li", visits.RoleLiaison, nil)
	if err := h.cur().RevokeOfficer("li"); err != nil {
		t.Fatal(err)
	}
	wrong := tok[:len(tok)-2] + "xx"
	for _, c := range []struct{ name, tok string }{{"none", ""}, {"wrong", wrong}, {"garbage", "abc"},
		{"revoked", h.tokens["li"]}} {
		for _, path := range []string{"/v1/hello", "/v1/changes?since=0"} {
			status, body := rawRequest(t, h, c.tok, "GET", path, nil, nil)
			if status != 401 || !strings.Contains(string(body), `"error":"unauthorized"`) {
				t.Errorf("%s token, %s: %d %s", c.name, path, status, body)
			}
		}
		status, _ := rawRequest(t, h, c.tok, "POST", "/v1/push", strings.NewReader(`{"protocol":1,"ops":[]}`), nil)
		if status != 401 {
			t.Errorf("%s token, push: %d", c.name, status)
		}
	}
}

// An op on an enterprise outside the officer's scope is rejected
// (forbidden), and the feed does not show that enterprise's records.
func TestScope(t *testing.T) {
	h := newTestHQ(t, false)
	ents := h.enterprises(2)
	h.officer("wang", visits.RoleLiaison, ents[:1])
	h.officer("boss", visits.RoleAdmin, []visits.Enterprise{})
	boss := h.laptop("boss", 0)
	boss.visit(ents[1].ID, "别人的企业")
	boss.mustSync()
	a := h.laptop("wang", 0)
	var seen []visits.Visit
	_ = a.s.View(func(r *store.Reader) error { seen, _ = store.All[visits.Visit](r); return nil })
	if len(seen) != 0 {
		t.Fatalf("wang sees %d visits of an enterprise not assigned", len(seen))
	}
	// wang forges a visit on the other enterprise.
	v := visits.Visit{Meta: visits.Meta{ID: store.NewID()}, EnterpriseID: ents[1].ID, Summary: "越权"}
	raw, _ := json.Marshal(v.EnterpriseID)
	op := store.Op{OpID: store.NewID(), Type: "visit", ID: v.ID, Field: "enterprise_id", Value: raw,
		Stamp: a.s.Clock().Now(), Resolves: []string{}}
	res := rawPush(t, h, h.tokens["wang"], []store.Op{op})
	if res[0].Status != store.StatusRejected || res[0].Error.Code != "forbidden" {
		t.Errorf("out of scope: %+v", res[0])
	}
	// And an assignment to themselves.
	raw, _ = json.Marshal("wang")
	op = store.Op{OpID: store.NewID(), Type: "assignment", ID: store.NewID(), Field: "officer_id", Value: raw,
		Stamp: a.s.Clock().Now(), Resolves: []string{}}
	if res := rawPush(t, h, h.tokens["wang"], []store.Op{op}); res[0].Error == nil || res[0].Error.Code != "forbidden" {
		t.Errorf("self-assignment: %+v", res[0])
	}
}

// The author is the token's officer, whatever the client claims.
func TestForgedAuthorIgnored(t *testing.T) {
	h := newTestHQ(t, false)
	ents := h.enterprises(1)
	h.officer("wang", visits.RoleLiaison, nil)
	raw, _ := json.Marshal(ents[0].ID)
	body := `{"protocol":1,"device_id":"x","author":"li","ops":[{"op_id":"` + store.NewID() + `","type":"visit","id":"` +
		store.NewID() + `","field":"enterprise_id","value":` + string(raw) + `,"stamp":"` +
		store.FormatStamp(time.Now().UnixMilli(), 0, "devx") + `","base":"","resolves":[],"author":"li"}]}`
	status, data := rawRequest(t, h, h.tokens["wang"], "POST", "/v1/push", strings.NewReader(body), nil)
	if status != 200 {
		t.Fatalf("%d %s", status, data)
	}
	_ = h.cur().OpLog(func(officer string, op store.Op, _ store.Result) error {
		if op.Type == "visit" && officer != "wang" {
			t.Errorf("logged as %s", officer)
		}
		return nil
	})
	page, _ := h.cur().Changes(store.Principal{Role: visits.RoleAdmin}, 0, 100000)
	for _, c := range page.Changes {
		if c.Type == "visit" && c.Leaves[0].Author != "wang" {
			t.Errorf("author %q", c.Leaves[0].Author)
		}
	}
}

// A 100 MiB body and a gzip bomb are refused with 413 while the server's
// heap stays under 64 MiB.
func TestHugeBodiesRefused(t *testing.T) {
	h := newTestHQ(t, false)
	tok := h.officer("wang", visits.RoleLiaison, nil)
	runtime.GC()
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > peak.Load() {
				peak.Store(m.HeapAlloc)
			}
			select {
			case <-stop:
				return
			case <-time.After(2 * time.Millisecond):
			}
		}
	}()
	const big = 100 << 20
	// With a Content-Length, and streamed without one.
	status, _ := rawRequest(t, h, tok, "POST", "/v1/push", io.LimitReader(zeros{}, big), nil)
	if status != 413 {
		t.Errorf("100 MiB body: %d", status)
	}
	req, _ := http.NewRequest("POST", h.srv.URL+"/v1/push", io.NopCloser(io.LimitReader(zeros{}, big)))
	req.Header.Set("Authorization", "Bearer "+tok)
	req.ContentLength = -1
	if resp, err := http.DefaultClient.Do(req); err == nil {
		if resp.StatusCode != 413 {
			t.Errorf("100 MiB chunked: %d", resp.StatusCode)
		}
		resp.Body.Close()
	}
	status, _ = rawRequest(t, h, tok, "POST", "/v1/push", bytes.NewReader(gzipBomb(1<<30)), map[string]string{"Content-Encoding": "gzip"})
	if status != 413 {
		t.Errorf("gzip bomb: %d", status)
	}
	// More ops than max_ops_per_push.
	ops := make([]store.Op, DefaultLimits.MaxOpsPerPush+1)
	body, _ := json.Marshal(PushRequest{Protocol: 1, Ops: ops})
	if status, _ := rawRequest(t, h, tok, "POST", "/v1/push", bytes.NewReader(body), nil); status != 413 {
		t.Errorf("too many ops: %d", status)
	}
	close(stop)
	<-done
	if p := peak.Load(); p > 64<<20 {
		t.Errorf("heap peaked at %d MiB", p>>20)
	}
	t.Logf("heap peak %.1f MiB", float64(peak.Load())/(1<<20))
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// gzipBomb is n bytes of zeros as repeated gzip members (cheap to make,
// about 1 KB per MiB).
func gzipBomb(n int) []byte {
	var one bytes.Buffer
	w, _ := gzip.NewWriterLevel(&one, gzip.BestCompression)
	_, _ = io.Copy(w, io.LimitReader(zeros{}, 1<<20))
	_ = w.Close()
	return bytes.Repeat(one.Bytes(), n>>20)
}

func TestProtocolErrors(t *testing.T) {
	h := newTestHQ(t, false)
	tok := h.officer("wang", visits.RoleLiaison, nil)
	status, body := rawRequest(t, h, tok, "POST", "/v1/push", strings.NewReader(`{"protocol":2,"ops":[]}`), nil)
	if status != 400 || !strings.Contains(string(body), CodeUnsupportedProtocol) {
		t.Errorf("protocol 2: %d %s", status, body)
	}
	status, body = rawRequest(t, h, tok, "POST", "/v1/push", strings.NewReader(`{"protocol":1,"ops":[`), nil)
	if status != 400 || !strings.Contains(string(body), CodeBadRequest) {
		t.Errorf("malformed: %d %s", status, body)
	}
	far := store.FormatStamp(time.Now().Add(48*time.Hour).UnixMilli(), 0, "devx")
	status, body = rawRequest(t, h, tok, "POST", "/v1/push", strings.NewReader(`{"protocol":1,"ops":[{"op_id":"a","type":"visit","id":"v","field":"summary","value":"x","stamp":"`+far+`"}]}`), nil)
	if status != 400 || !strings.Contains(string(body), CodeClockAhead) {
		t.Errorf("clock ahead: %d %s", status, body)
	}
	status, _ = rawRequest(t, h, tok, "GET", "/v2/hello", nil, nil)
	if status != 404 {
		t.Errorf("unknown path: %d", status)
	}
}
