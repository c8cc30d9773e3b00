package sync

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"testing"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// HQ whose storage cannot be read answers a valid token 503 (retried),
// not 401 (which stops the laptop and asks the officer to log in again,
// sync-protocol.md); an unknown token is still 401.
func TestAuthenticateStorageFailureIsNotUnauthorized(t *testing.T) {
	h := newTestHQ(t, false)
	tok := h.officer("wang", visits.RoleLiaison, nil)
	l := h.laptop("wang", 0)
	l.c.Retry = Retry{Attempts: 1}

	h.mu.Lock()
	if err := h.hq.Close(); err != nil { // HQ's storage gone, the handler still serving
		t.Fatal(err)
	}
	h.mu.Unlock()
	status, body := rawRequest(t, h, tok, "GET", "/v1/hello", nil, nil)
	var e ErrorResponse
	if err := json.Unmarshal(body, &e); err != nil || status != http.StatusServiceUnavailable || e.Error != CodeUnavailable {
		t.Errorf("hello with HQ's storage closed: %d %s, want 503 %s", status, body, CodeUnavailable)
	}
	if _, err := l.c.Sync(context.Background()); err == nil || errors.Is(err, ErrUnauthorized) {
		t.Errorf("a sync while HQ's storage is closed: %v; want an error that is not %v", err, ErrUnauthorized)
	}

	h.mu.Lock()
	h.hq = openHQAt(t, h.db, store.Options{NoSync: true})
	h.mu.Unlock()
	if status, body := rawRequest(t, h, "wang.not-the-token", "GET", "/v1/hello", nil, nil); status != http.StatusUnauthorized {
		t.Errorf("an unknown token: %d %s, want 401", status, body)
	}
	l.c.Retry = fastRetry
	l.mustSync()
}
