package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/tui"
	"github.com/liaison-dev/liaison/visits"
)

// The admin socket's client side (adminsock.go): an admin command finding
// its bbolt file held by a running serve sends itself there.

// servedExit is how a command that ran inside serve ended: its standard
// error, already worded, and its exit code.
type servedExit struct {
	code   int
	stderr string
}

func (e servedExit) Error() string {
	return strings.TrimSpace(strings.TrimPrefix(e.stderr, "liaison-hq: "))
}

// heldByServe reports whether another process holds the bbolt file db,
// and the admin socket to try then. A file nobody holds is left to the
// command to open as before.
func heldByServe(db string) (string, bool) {
	if _, err := os.Stat(db); err != nil {
		return "", false // no file yet: nobody serves it
	}
	// A read-only open writes nothing; it waits only for a writer's lock.
	s, err := store.Open(db, store.Options{ReadOnly: true, LockTimeout: 200 * time.Millisecond})
	if err == nil {
		s.Close()
		return "", false
	}
	if !errors.Is(err, store.ErrInUse) {
		return "", false // the command's own open says what is wrong
	}
	sock := adminSocketPath(db)
	if _, err := os.Lstat(sock); err != nil {
		return "", false // another process, not serve: the open says "in use"
	}
	return sock, true
}

// sendToServe runs the command inside the serve listening on sock and
// relays its output, output file and exit code.
func sendToServe(ctx context.Context, sock string, g global, args []string, out io.Writer) error {
	if err := checkSocketFile(sock); err != nil {
		return err
	}
	req := adminRequest{Args: args, Lang: g.lang, Files: map[string][]byte{}, Unread: map[string]string{}, Stream: true}
	for {
		rep, err := askServe(ctx, sock, req, out)
		if err != nil {
			return err
		}
		if rep.NeedFile == "" {
			return finish(rep)
		}
		p := rep.NeedFile
		_, sent := req.Files[p]
		if _, unread := req.Unread[p]; sent || unread || len(req.Files)+len(req.Unread) >= maxAdminFiles {
			return fmt.Errorf("admin socket: serve asked again for %s", p)
		}
		if b, err := readBounded(p); err != nil {
			req.Unread[p] = err.Error()
		} else {
			req.Files[p] = b
		}
	}
}

// readBounded reads an input file, at most one byte past the import's
// limit (so that the command refuses it by the limit's own words).
func readBounded(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, visits.DefaultSheetLimits.FileBytes+1))
}

// askServe sends req and relays the reply's output to out and its output
// file to disk; the reply says how the command ended.
func askServe(ctx context.Context, sock string, req adminRequest, out io.Writer) (adminReply, error) {
	var d net.Dialer
	c, err := d.DialContext(ctx, "unix", sock)
	if err != nil {
		return adminReply{}, tui.Msg("hq.sock.no_answer", sock, err)
	}
	defer c.Close()
	if uc, ok := c.(*net.UnixConn); ok {
		if uid, err := peerUID(uc); err != nil || uid != os.Geteuid() {
			return adminReply{}, tui.Msg("hq.sock.peer_other_user", sock, uid)
		}
	}
	stop := context.AfterFunc(ctx, func() { c.Close() })
	defer stop()
	if err := json.NewEncoder(c).Encode(req); err != nil {
		return adminReply{}, fmt.Errorf("admin socket %s: %w", sock, err)
	}
	var rep adminReply
	dec := json.NewDecoder(io.LimitReader(c, maxAdminReply/3*4+(1<<20)))
	if err := dec.Decode(&rep); err != nil {
		return adminReply{}, tui.Msg("hq.sock.stopped", sock, err)
	}
	if rep.NeedFile != "" {
		return rep, nil
	}
	if !rep.Streamed { // a serve from before the stream: all inline
		if rep.OutFile != nil {
			if err := writeFileFrom(rep.OutFile.Path, bytes.NewReader(rep.OutFile.Data), int64(len(rep.OutFile.Data))); err != nil {
				return adminReply{}, err
			}
		}
		if _, err := out.Write(rep.Stdout); err != nil {
			return adminReply{}, err
		}
		return rep, nil
	}
	// The header's encoder ended it with a newline; the bytes follow it.
	body := io.MultiReader(dec.Buffered(), c)
	var nl [1]byte
	if _, err := io.ReadFull(body, nl[:]); err != nil || nl[0] != '\n' {
		return adminReply{}, tui.Msg("hq.sock.stopped", sock, io.ErrUnexpectedEOF)
	}
	if rep.StdoutBytes < 0 || rep.StdoutBytes > maxAdminReply || rep.OutFile != nil && (rep.OutFile.Bytes < 0 || rep.OutFile.Bytes > maxAdminReply) {
		return adminReply{}, tui.Msg("hq.sock.stopped", sock, errReplyTooBig)
	}
	if n, err := io.CopyN(out, body, rep.StdoutBytes); err != nil {
		if n < rep.StdoutBytes && (err == io.EOF || errors.Is(err, net.ErrClosed)) {
			return adminReply{}, tui.Msg("hq.sock.stopped", sock, io.ErrUnexpectedEOF)
		}
		return adminReply{}, err
	}
	if rep.OutFile != nil {
		if err := writeFileFrom(rep.OutFile.Path, body, rep.OutFile.Bytes); err != nil {
			return adminReply{}, err
		}
	}
	return rep, nil
}

// finish ends the client's run as the command inside serve ended: its
// exit code, and its notes on standard error.
func finish(rep adminReply) error {
	if rep.Code != 0 {
		return servedExit{code: rep.Code, stderr: rep.Stderr}
	}
	if rep.Stderr != "" {
		fmt.Fprint(os.Stderr, rep.Stderr)
	}
	return nil
}
