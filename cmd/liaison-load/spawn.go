package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	gosync "sync"
	"sync/atomic"
	"syscall"
	"time"
)

// fleet is the `liaison-hq serve` processes a run started itself, each on
// its own loopback port, all on one database.
type fleet struct {
	bin, db, logDir string

	mu     gosync.Mutex
	list   []*instance
	killed atomic.Int64
}

type instance struct {
	n    int
	addr string // host:port it serves on
	cmd  *exec.Cmd
	done chan struct{} // closed when the process has ended
}

var servingLine = regexp.MustCompile(`serving protocol \d+ on http://(\S+) `)

// start starts n instances on free loopback ports.
func (f *fleet) start(ctx context.Context, n int) error {
	if f.logDir == "" {
		d, err := os.MkdirTemp("", "liaison-load-hq-")
		if err != nil {
			return err
		}
		f.logDir = d
	}
	for i := range n {
		in, err := f.startOne(ctx, i, "127.0.0.1:0")
		if err != nil {
			return err
		}
		f.mu.Lock()
		f.list = append(f.list, in)
		f.mu.Unlock()
	}
	return nil
}

// startOne starts instance i on addr and waits until it says it serves.
func (f *fleet) startOne(ctx context.Context, i int, addr string) (*instance, error) {
	logf, err := os.OpenFile(filepath.Join(f.logDir, fmt.Sprintf("hq-%d.log", i)), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(f.bin, "serve", "--addr", addr, "--db", f.db)
	cmd.Stdout = logf
	pr, err := cmd.StderrPipe()
	if err != nil {
		logf.Close()
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		logf.Close()
		return nil, err
	}
	in := &instance{n: i, cmd: cmd, done: make(chan struct{})}
	ready := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		said := false
		for sc.Scan() {
			line := sc.Text()
			fmt.Fprintln(logf, line)
			if m := servingLine.FindStringSubmatch(line); m != nil && !said {
				said = true
				ready <- m[1]
			}
		}
		_, _ = io.Copy(logf, pr)
		_ = cmd.Wait()
		logf.Close()
		close(in.done)
	}()
	select {
	case in.addr = <-ready:
		return in, nil
	case <-in.done:
		return nil, fmt.Errorf("liaison-hq serve %d ended before serving; see %s", i, logf.Name())
	case <-time.After(2 * time.Minute):
		_ = cmd.Process.Kill()
		return nil, fmt.Errorf("liaison-hq serve %d did not start within 2 minutes", i)
	case <-ctx.Done():
		_ = cmd.Process.Kill()
		return nil, ctx.Err()
	}
}

func (f *fleet) urls() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, in := range f.list {
		out = append(out, "http://"+in.addr)
	}
	return out
}

// kill SIGKILLs instance i mid-run. If it was the only one, it is started
// again on the same port (a crash and a restart: what was acknowledged
// must survive it); otherwise the others carry on alone.
func (f *fleet) kill(ctx context.Context, i int) error {
	f.mu.Lock()
	in := f.list[i]
	only := len(f.list) == 1
	f.mu.Unlock()
	if err := in.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		return err
	}
	<-in.done
	f.killed.Add(1)
	if !only {
		return nil
	}
	again, err := f.startOne(ctx, i, in.addr)
	if err != nil {
		return fmt.Errorf("restarting the killed instance: %w", err)
	}
	f.mu.Lock()
	f.list[i] = again
	f.mu.Unlock()
	return nil
}

// stop ends every instance with SIGTERM (serve finishes the requests in
// flight, then closes the database) and waits for them.
func (f *fleet) stop() {
	f.mu.Lock()
	list := f.list
	f.mu.Unlock()
	for _, in := range list {
		select {
		case <-in.done:
			continue
		default:
		}
		if err := in.cmd.Process.Signal(syscall.SIGTERM); err != nil && !errors.Is(err, os.ErrProcessDone) {
			_ = in.cmd.Process.Kill()
		}
		select {
		case <-in.done:
		case <-time.After(time.Minute):
			_ = in.cmd.Process.Kill()
			<-in.done
		}
	}
}
