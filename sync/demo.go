package sync

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
	"github.com/liaison-dev/liaison/visits/demo"
)

// DemoHQ is an HQ running in-process on loopback for `liaison --demo`.
type DemoHQ struct {
	URL    string
	Token  string            // the laptop's demo officer ("wang")
	Tokens map[string]string // every demo officer's token: wang, li, admin
	HQ     *store.HQ
}

// StartDemoHQ starts an HQ on 127.0.0.1 with a database in a new temporary
// folder and the demo officers wang (liaison), li (commissioner) and admin.
// If laptop is given, HQ starts with the laptop's records (so both hold
// the same district) and the laptop is logged in as wang and marked as
// synced. Everything stops, and the folder is removed, when ctx ends.
func StartDemoHQ(ctx context.Context, laptop *store.Store) (*DemoHQ, error) {
	dir, err := os.MkdirTemp("", "liaison-demo-hq-")
	if err != nil {
		return nil, err
	}
	hq, err := store.OpenHQ(filepath.Join(dir, "hq.db"), store.Options{NoSync: true})
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	cleanup := func() { hq.Close(); os.RemoveAll(dir) }
	d := &DemoHQ{HQ: hq, Tokens: map[string]string{}}
	if laptop != nil {
		if err := hq.ImportFields(laptop); err != nil {
			cleanup()
			return nil, fmt.Errorf("demo HQ: %w", err)
		}
	}
	for _, o := range []struct{ id, name, role string }{
		{"wang", "王建国", visits.RoleLiaison}, {"li", "李明", visits.RoleCommissioner}, {"admin", "管理员", visits.RoleAdmin}} {
		if d.Tokens[o.id], err = hq.AddOfficer(o.id, o.name, o.role); err != nil {
			cleanup()
			return nil, fmt.Errorf("demo HQ: %w", err)
		}
	}
	d.Token = d.Tokens["wang"]

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		cleanup()
		return nil, err
	}
	d.URL = "http://" + ln.Addr().String()
	srv := NewServer(ln.Addr().String(), NewHandler(Bolt{hq}, ServerOptions{}))
	go func() { _ = srv.Serve(ln) }()
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
		cleanup()
	}()
	if laptop != nil {
		if _, err := Login(ctx, laptop, nil, d.URL, d.Token); err != nil {
			return nil, fmt.Errorf("demo HQ: login: %w", err)
		}
		if err := laptop.SetSyncState(hq.Epoch(), hq.Seq(), laptop.Now()); err != nil {
			return nil, err
		}
	}
	// HQ's side of the demo, written after the laptop is marked synced so
	// that its next sync brings them as any HQ change: district, units,
	// batches, targets and the weekly notes.
	now := time.Now()
	if laptop != nil {
		now = laptop.Now()
	}
	if err := hq.SetSettings(demo.Settings(now)); err != nil {
		return nil, fmt.Errorf("demo HQ: settings: %w", err)
	}
	return d, nil
}

// NewServer returns an http.Server for HQ's handler with timeouts that
// keep slow or stalled clients from pinning it.
func NewServer(addr string, h http.Handler) *http.Server {
	return &http.Server{Addr: addr, Handler: h,
		ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 2 * time.Minute, WriteTimeout: 2 * time.Minute,
		IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10}
}
