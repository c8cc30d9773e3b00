package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/store"
)

// TestCursorBackFails: an HQ whose page answers a next below its since
// (what a seq handed out before an earlier change became visible would
// look like from a buggy server) fails the cursor check. The HQ here is
// a stand-in that answers only that: no real HQ can be made to do it.
func TestCursorBackFails(t *testing.T) {
	hq := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/v1/hello":
			fmt.Fprintf(w, `{"protocol":1,"server_time_ms":%d,"epoch":"e1","officer":"o","role":"liaison","seq":9,
				"limits":{"max_ops_per_push":1000,"max_body_bytes":4194304,"max_page":5000,"max_future_ms":86400000}}`, time.Now().UnixMilli())
		case "/v1/changes":
			fmt.Fprint(w, `{"changes":[],"count":0,"next":3,"has_more":false,"server_time_ms":1}`) // since is 7
		default:
			http.NotFound(w, r)
		}
	}))
	defer hq.Close()
	st := newStats()
	r := &runner{opt: runOptions{URLs: []string{hq.URL}}, st: st}
	r.c = &caller{hc: hq.Client(), urls: r.opt.URLs, slots: make(chan struct{}, 2), attempts: 2,
		base: time.Millisecond, maxWait: time.Millisecond, st: st, downTill: make([]atomic.Int64, 1)}
	l := &laptop{off: Officer{ID: "o", Token: "o.secret"}, clock: store.NewClock("dev1", nil),
		rng: rand.New(rand.NewPCG(1, 2)), epoch: "e1", cursor: 7}
	err := l.syncOnce(context.Background(), r)
	if err == nil || r.cursorBack.Load() != 1 || !strings.Contains(strings.Join(r.failures, "\n"), "cursor moved back") {
		t.Fatalf("err %v, cursor back %d, failures %v", err, r.cursorBack.Load(), r.failures)
	}
}
