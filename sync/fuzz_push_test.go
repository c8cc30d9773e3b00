package sync

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// FuzzPushHandler feeds any body to HQ's whole push handler (real store.HQ
// on a bbolt file, a valid token), plain or gzip-encoded, as a liaison
// officer or as admin. Whatever the body: no panic; the answer is JSON
// with server_time_ms; the status is one the protocol names for a push
// (200, 400, 410, 413, 429; never 500); a 200 carries exactly one result
// per op of the body, in order, each with a known status.
//
// mode&3: 0 plain, 1 gzip-compressed, 2 labelled gzip but sent as is;
// mode&4: as admin.
func FuzzPushHandler(f *testing.F) {
	w := newHostileWorld(f, f.TempDir())
	f.Cleanup(w.close)
	admin, err := w.hq.AddOfficer("boss", "boss", visits.RoleAdmin)
	if err != nil {
		f.Fatal(err)
	}
	s := newStamper()
	st := snapshot(f, w.hq)
	v := w.recsOf[w.own][1]
	n := w.needs[w.shared][0]
	at, _ := json.Marshal(time.Now().UTC())
	newVisit := store.NewID()
	valid := hostileBody([]hop{
		{OpID: store.NewID(), Type: visits.TypeVisit, ID: newVisit, Field: "enterprise_id", Value: jsonStr(w.own), Stamp: s.next()},
		{OpID: store.NewID(), Type: visits.TypeVisit, ID: newVisit, Field: "at", Value: string(at), Stamp: s.next()},
		{OpID: store.NewID(), Type: visits.TypeVisit, ID: newVisit, Field: "summary", Value: jsonStr("走访"), Stamp: s.next()},
		{OpID: store.NewID(), Type: v.typ, ID: v.id, Field: "summary", Value: jsonStr("改"), Stamp: s.next(), Base: st.fields[v]["summary"][0].Stamp},
		{OpID: store.NewID(), Type: visits.TypeNeed, ID: n, Field: "status", Value: `"accepted"`, Stamp: s.next(),
			Base: st.fields[recRef{visits.TypeNeed, n}]["status"][0].Stamp},
	})
	one := func(op hop) []byte { return hostileBody([]hop{op}) }
	seeds := [][]byte{
		valid,
		[]byte(`{"protocol":1.0,"ops":[]}`),
		[]byte(`{"protocol":1e999,"ops":[]}`),
		[]byte(`{"protocol":99999999999999999999,"ops":[]}`),
		[]byte(`{"protocol":1,"ops":[]}`),
		[]byte(`{"protocol":1,"epoch":"nope","ops":[]}`),
		[]byte(`{"protocol":1,"ops":[{"op_id":"a","op_id":"b"}]}`),
		[]byte(`{"protocol":1,"ops":[null,1,"x",[],{}]}`),
		one(hop{OpID: store.NewID(), Type: v.typ, ID: v.id, Field: "x_future", Value: deep(9996), Stamp: s.next()}),
		one(hop{OpID: store.NewID(), Type: v.typ, ID: v.id, Field: "x_future", Value: deep(20000), Stamp: s.next()}),
		one(hop{OpID: store.NewID(), Type: visits.TypeVisit, ID: "b\x00x", Field: "enterprise_id", Value: jsonStr(w.own), Stamp: s.next()}),
		one(hop{OpID: strings.Repeat("o", 40<<10), Type: v.typ, ID: v.id, Field: "note", Value: `"x"`, Stamp: s.next()}),
		one(hop{OpID: store.NewID(), Type: visits.TypeVisit, ID: strings.Repeat("v", 20<<10), Field: "enterprise_id", Value: jsonStr(w.own), Stamp: s.next()}),
		one(hop{OpID: "\x00", Type: "visit\x00", ID: "\xff\xfe", Field: "a\x00b", Value: "\"\xff\"", Stamp: "\x00", Base: "\xff", Resolves: []string{"", "\x00"}}),
		one(hop{OpID: store.NewID(), Type: visits.TypeNeed, ID: n, Field: "status", Value: `"closed"`, Stamp: s.next()}),
		one(hop{OpID: store.NewID(), Type: visits.TypeVisit, ID: store.NewID(), Field: "enterprise_id", Value: jsonStr(w.other), Stamp: s.next()}),
		one(hop{OpID: store.NewID(), Type: v.typ, ID: v.id, Field: "at", Value: "1e999", Stamp: s.next()}),
		one(hop{OpID: store.NewID(), Type: visits.TypeEnterprise, ID: store.NewID(), Field: "batch", Value: "99999999999999999999", Stamp: s.next()}),
	}
	for _, b := range seeds {
		f.Add(b, uint8(0))
	}
	f.Add(valid, uint8(1))
	f.Add(valid, uint8(2))
	f.Add(valid, uint8(4))
	f.Add(seeds[1], uint8(5))
	f.Fuzz(func(t *testing.T, body []byte, mode uint8) {
		sent, enc := body, ""
		switch mode & 3 {
		case 1:
			var b bytes.Buffer
			z := gzip.NewWriter(&b)
			_, _ = z.Write(body)
			_ = z.Close()
			sent, enc = b.Bytes(), "gzip"
		case 2:
			enc = "gzip"
		}
		tok := w.tok["hei"]
		if mode&4 != 0 {
			tok = admin
		}
		status, answer, panicked := serveRaw(w.handler, tok, sent, enc)
		if panicked != nil {
			t.Fatalf("the handler panicked: %v", panicked)
		}
		var ans pushAnswer
		if err := json.Unmarshal(answer, &ans); err != nil || ans.ServerTimeMS == nil {
			t.Fatalf("answer %d is not JSON with server_time_ms (%v): %.300q", status, err, answer)
		}
		switch status {
		case 200:
		case 400, 410, 413, 429:
			if ans.Error == "" {
				t.Fatalf("answer %d without an error code: %.300q", status, answer)
			}
			return
		default:
			t.Fatalf("HQ answered %d: %.300q", status, answer)
		}
		if mode&3 == 2 {
			t.Fatalf("a body labelled gzip that is not gzip was answered 200")
		}
		var req struct {
			Ops []json.RawMessage `json:"ops"`
		}
		if err := json.Unmarshal(body, &req); err != nil {
			t.Fatalf("HQ took a body encoding/json refuses (%v): %.300q", err, body)
		}
		if len(ans.Results) != len(req.Ops) {
			t.Fatalf("%d results for %d ops", len(ans.Results), len(req.Ops))
		}
		for i, raw := range req.Ops {
			var op struct {
				OpID string `json:"op_id"`
			}
			_ = json.Unmarshal(raw, &op)
			r := ans.Results[i]
			switch r.Status {
			case store.StatusApplied, store.StatusDuplicate, store.StatusConflict, store.StatusRejected:
			default:
				t.Fatalf("result %d: status %q", i, r.Status)
			}
			if r.OpID != op.OpID {
				t.Fatalf("result %d answers op %.80q, not %.80q", i, r.OpID, op.OpID)
			}
			if r.Status == store.StatusRejected && (r.Error == nil || r.Error.Code == "") {
				t.Fatalf("result %d rejected without a code", i)
			}
		}
	})
}
