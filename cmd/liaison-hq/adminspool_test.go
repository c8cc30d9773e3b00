package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// startAdmin runs an admin socket on a fresh HQ database, as serve does.
func startAdmin(t *testing.T) (sock string, logs *bytes.Buffer) {
	t.Helper()
	db := filepath.Join(t.TempDir(), "hq.db")
	h, err := store.OpenHQ(db, store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	sock = adminSocketPath(db)
	ln, err := listenAdmin(sock)
	if err != nil {
		t.Fatal(err)
	}
	logs = &bytes.Buffer{}
	a := &adminServer{hq: h, ln: ln, logger: log.New(logs, "", 0)}
	go a.run()
	t.Cleanup(func() { a.stop(); h.Close() })
	return sock, logs
}

// rawAsk sends one request and returns the reply's header as JSON and
// every byte after it.
func rawAsk(t *testing.T, sock string, req adminRequest) (map[string]json.RawMessage, adminReply, []byte) {
	t.Helper()
	c, err := net.Dial("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := json.NewEncoder(c).Encode(req); err != nil {
		t.Fatal(err)
	}
	all, err := io.ReadAll(c)
	if err != nil {
		t.Fatal(err)
	}
	line, rest, ok := bytes.Cut(all, []byte("\n"))
	if !ok {
		t.Fatalf("reply without a header line: %.200q", all)
	}
	var raw map[string]json.RawMessage
	var rep adminReply
	if err := json.Unmarshal(line, &raw); err != nil {
		t.Fatalf("header %q: %v", line, err)
	}
	if err := json.Unmarshal(line, &rep); err != nil {
		t.Fatal(err)
	}
	return raw, rep, rest
}

// TestAdminReplyIsStreamed: a client of this build gets the command's
// output after a header holding only its length (serve kept it in an
// unlinked spool file, not in memory), byte for byte what a client asking
// for it inline gets; an output file reaches the client's disk whole and
// 0600; nothing is left in the temporary folder or beside the file.
func TestAdminReplyIsStreamed(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	sock, logs := startAdmin(t)
	ctx := context.Background()
	g := global{lang: visits.ZH}
	if err := sendToServe(ctx, sock, g, []string{"settings", "set", "district", "城关区"}, io.Discard); err != nil {
		t.Fatal(err)
	}
	args := []string{"settings", "--json"}

	raw, rep, body := rawAsk(t, sock, adminRequest{Args: args, Lang: visits.ZH, Stream: true})
	if _, inline := raw["stdout"]; inline || !rep.Streamed || rep.Code != 0 {
		t.Fatalf("streamed reply's header %v: want streamed, code 0, no inline stdout", raw)
	}
	if int64(len(body)) != rep.StdoutBytes || !json.Valid(body) || !bytes.Contains(body, []byte("城关区")) {
		t.Fatalf("streamed body (%d bytes, header says %d): %.300s", len(body), rep.StdoutBytes, body)
	}
	_, old, rest := rawAsk(t, sock, adminRequest{Args: args, Lang: visits.ZH})
	if old.Streamed || len(rest) != 0 || !bytes.Equal(old.Stdout, body) {
		t.Errorf("inline reply: streamed %v, %d bytes after it, stdout equal %v", old.Streamed, len(rest), bytes.Equal(old.Stdout, body))
	}

	var out bytes.Buffer
	if err := sendToServe(ctx, sock, g, args, &out); err != nil || !bytes.Equal(out.Bytes(), body) {
		t.Errorf("sendToServe: %v, output equal %v", err, bytes.Equal(out.Bytes(), body))
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "week.json")
	if err := sendToServe(ctx, sock, g, []string{"report", "weekly", "--format", "json", "-o", file}, &out); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(file)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("report -o: %v %v, want a 0600 file", fi, err)
	}
	if b, _ := os.ReadFile(file); !json.Valid(b) || len(b) == 0 {
		t.Errorf("report file is not whole JSON: %.200q", b)
	}
	for _, d := range []string{tmp, dir} {
		ents, _ := os.ReadDir(d)
		for _, e := range ents {
			if e.Name() != "week.json" {
				t.Errorf("left behind in %s: %s", d, e.Name())
			}
		}
	}
	if strings.Contains(logs.String(), "client left") {
		t.Errorf("serve's log: %s", logs.String())
	}
}

// fakeServe answers one admin request with reply, as a serve would that
// dies partway through its reply.
func fakeServe(t *testing.T, reply string) string {
	t.Helper()
	sock := filepath.Join(t.TempDir(), "hq.db.admin.sock")
	ln, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(sock, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		if _, err := bufio.NewReader(c).ReadBytes('\n'); err == nil {
			io.WriteString(c, reply)
		}
	}()
	return sock
}

// TestAdminReplyCutOff: a reply that ends before the bytes its header
// promised is an error saying serve stopped; an output file cut off is
// not written (not even in part), and nothing is left beside it.
func TestAdminReplyCutOff(t *testing.T) {
	g := global{lang: visits.ZH}
	dir := t.TempDir()
	file := filepath.Join(dir, "week.xlsx")
	hdr, _ := json.Marshal(adminReply{Streamed: true, StdoutBytes: 5, OutFile: &sentFile{Path: file, Bytes: 1000}})
	sock := fakeServe(t, string(hdr)+"\nhello"+strings.Repeat("x", 10))
	var out bytes.Buffer
	err := sendToServe(context.Background(), sock, g, []string{"report", "weekly", "-o", file}, &out)
	if err == nil {
		t.Fatal("a file cut off after 10 of 1,000 bytes was accepted")
	}
	if out.String() != "hello" {
		t.Errorf("standard output %q, want the 5 bytes that came whole", out.String())
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("a cut-off file left %v", ents)
	}

	hdr, _ = json.Marshal(adminReply{Streamed: true, StdoutBytes: 100})
	sock = fakeServe(t, string(hdr)+"\n"+strings.Repeat("y", 10))
	err = sendToServe(context.Background(), sock, g, []string{"settings"}, io.Discard)
	if err == nil || !strings.Contains(say(err, visits.ZH), sock) {
		t.Errorf("standard output cut off: %v, want serve's stop named with its socket", err)
	}
	if errors.Is(err, errReplyTooBig) {
		t.Errorf("a short reply reported as too big: %v", err)
	}
}

// TestSpoolBounded: a spool refuses output past maxAdminReply, and keeps
// it in an unlinked file, not in memory.
func TestSpoolBounded(t *testing.T) {
	s := newSpool()
	defer s.Close()
	if s.f == nil {
		t.Fatal("no temporary file for the spool: output would be held in memory")
	}
	if _, err := os.Stat(s.f.Name()); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("spool file %s still has a name: %v", s.f.Name(), err)
	}
	if _, err := s.Write(make([]byte, 1<<20)); err != nil {
		t.Fatal(err)
	}
	s.n = maxAdminReply - 10 // as if nearly full
	if _, err := s.Write(make([]byte, 11)); !errors.Is(err, errReplyTooBig) {
		t.Errorf("write past the bound: %v, want errReplyTooBig", err)
	}
}
