package sync

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	gosync "sync"
	"testing"
	"time"
)

// TestHQRSSUnderLargePushes measures a real `liaison-hq serve` process:
// 100 concurrent authenticated pushes of 4 KB gzip each (4 MiB
// decompressed), its peak RSS, and its RSS after LIAISON_RSS_IDLE (30 s)
// idle. Run by hand:
//
//	go build -o /tmp/hq ./cmd/liaison-hq
//	LIAISON_RSS_HQ=/tmp/hq go test ./sync/ -run TestHQRSSUnderLargePushes -v
func TestHQRSSUnderLargePushes(t *testing.T) {
	bin := os.Getenv("LIAISON_RSS_HQ")
	if bin == "" {
		t.Skip("LIAISON_RSS_HQ names a liaison-hq binary")
	}
	idle := 30 * time.Second
	if v := os.Getenv("LIAISON_RSS_IDLE"); v != "" {
		idle, _ = time.ParseDuration(v)
	}
	db := filepath.Join(t.TempDir(), "hq.db")
	out, err := exec.Command(bin, "officer", "add", "--id", "wang", "--name", "王", "--role", "liaison", "--db", db).Output()
	if err != nil {
		t.Fatal(err)
	}
	tok := strings.TrimSpace(string(out))
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(bin, "serve", "--addr", addr, "--db", db)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	// serve logs "serving protocol …" once it listens; wait for that line.
	sc := bufio.NewScanner(stderr)
	for !strings.Contains(sc.Text(), "serving protocol") {
		if !sc.Scan() {
			t.Fatalf("HQ ended before serving: %v", sc.Err())
		}
	}
	go func() { _, _ = io.Copy(io.Discard, stderr) }()
	url := "http://" + addr
	rss := func() int64 {
		f, err := os.Open(fmt.Sprintf("/proc/%d/status", cmd.Process.Pid))
		if err != nil {
			return 0
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if v, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
				kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
				return kb << 10
			}
		}
		return 0
	}
	before := rss()
	// 4 MiB of a valid push, decompressed; and one just above the limit
	// (refused 413, as in the finding).
	mk := func(n int) []byte {
		var b bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
		fmt.Fprint(zw, `{"protocol":1,"ops":[]`)
		_, _ = zw.Write(bytes.Repeat([]byte(" "), n))
		fmt.Fprint(zw, `}`)
		_ = zw.Close()
		return b.Bytes()
	}
	bodies := [][]byte{mk(4<<20 - 64), mk(4 << 20)}
	var peak int64
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		for {
			peak = max(peak, rss())
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	counts := map[int]int{}
	var mu gosync.Mutex
	for round := range 3 {
		var wg gosync.WaitGroup
		for i := range 100 {
			wg.Go(func() {
				req, _ := http.NewRequest("POST", url+"/v1/push", bytes.NewReader(bodies[(i+round)%2]))
				req.Header.Set("Authorization", "Bearer "+tok)
				req.Header.Set("Content-Encoding", "gzip")
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Error(err)
					return
				}
				resp.Body.Close()
				mu.Lock()
				counts[resp.StatusCode]++
				mu.Unlock()
			})
		}
		wg.Wait()
	}
	close(stop)
	<-sampled
	after := rss()
	time.Sleep(idle) // measuring RSS after idle time is the point
	idleRSS := rss()
	t.Logf("answers %v; RSS before %.1f MB, peak %.1f MB, right after %.1f MB, after %s idle %.1f MB",
		counts, mb(before), mb(peak), mb(after), idle, mb(idleRSS))
	if peak > 128<<20 {
		t.Errorf("peak RSS %.1f MB, want under 128 MB", mb(peak))
	}
	if idleRSS > peak/2 && idleRSS > 48<<20 {
		t.Errorf("RSS after idle %.1f MB (peak %.1f MB)", mb(idleRSS), mb(peak))
	}
}

func mb(n int64) float64 { return float64(n) / 1e6 }
