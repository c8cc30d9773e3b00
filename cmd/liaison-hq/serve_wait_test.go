package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"os/exec"
	"strings"
	gosync "sync"
	"syscall"
	"testing"
	"time"
)

// serveInProcess runs `liaison-hq serve --addr addr --db db` through run,
// as the command line does, and returns once it answers requests (no
// polling: serve reports when it is ready). stop cancels it and returns
// what run returned; it is also called at cleanup.
func serveInProcess(t *testing.T, addr, db string) (stop func() error) {
	t.Helper()
	ready := make(chan net.Addr, 1)
	ctx, cancel := context.WithCancel(withReady(context.Background(), func(a net.Addr) { ready <- a }))
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve", "--addr", addr, "--db", db}, &bytes.Buffer{}) }()
	select {
	case <-ready:
	case err := <-done:
		cancel()
		t.Fatalf("serve --db %s stopped before serving: %v", db, err)
	case <-time.After(60 * time.Second): // last guard only
		cancel()
		t.Fatalf("serve --db %s did not start in 60 s", db)
	}
	var once gosync.Once
	var err error
	stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case err = <-done:
			case <-time.After(60 * time.Second): // last guard only
				t.Errorf("serve --db %s did not stop on cancel", db)
			}
		})
		return err
	}
	t.Cleanup(func() { _ = stop() })
	return stop
}

// serveBinary starts the built liaison-hq `serve` with args and returns
// once its standard error has printed a line containing until (serve logs
// each part as it comes up; the admin socket's line comes last). The log
// (complete once stop has returned) is returned with stop, which sends SIGTERM and waits; stop is
// also called at cleanup.
func serveBinary(t *testing.T, bin, until string, args ...string) (stop func(), log *lockedBuffer) {
	t.Helper()
	srv := exec.Command(bin, append([]string{"serve"}, args...)...)
	pr, pw := io.Pipe()
	srv.Stderr = pw
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	log = &lockedBuffer{}
	seen, drained := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(drained)
		sc := bufio.NewScanner(pr)
		found := false
		for sc.Scan() {
			log.WriteLine(sc.Text())
			if !found && strings.Contains(sc.Text(), until) {
				found = true
				close(seen)
			}
		}
		if !found {
			close(seen)
		}
	}()
	exited := make(chan struct{})
	go func() { _ = srv.Wait(); pw.Close(); close(exited) }()
	var once gosync.Once
	stop = func() {
		once.Do(func() {
			_ = srv.Process.Signal(syscall.SIGTERM)
			<-exited
			<-drained // the whole log is in log once stop returns
		})
	}
	t.Cleanup(stop)
	select {
	case <-seen:
	case <-time.After(60 * time.Second): // last guard only
	}
	if !strings.Contains(log.String(), until) {
		stop()
		t.Fatalf("serve %v did not print %q:\n%s", args, until, log.String())
	}
	return stop, log
}

// lockedBuffer is a log written by one goroutine and read by the test.
type lockedBuffer struct {
	mu gosync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) WriteLine(s string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.b.WriteString(s)
	l.b.WriteByte('\n')
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
