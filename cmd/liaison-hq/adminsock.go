package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"slices"
	"strings"
	gosync "sync"
	"syscall"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/tui"
	"github.com/liaison-dev/liaison/visits"
)

// The admin socket: while `liaison-hq serve` holds a bbolt file (bbolt
// allows one opener), the admin commands reach HQ through it. serve
// listens on a Unix socket beside the database, <db>.admin.sock, mode
// 0600: the file's permissions are the authentication (only the serving
// user, and root, can connect), and serve also refuses a peer whose
// process runs as another user. It never listens on TCP. One request a
// connection, JSON both ways, bounded:
//
//	→ {"args": ["officer","add",…], "lang": "zh", "files": {"PATH": base64}, "stream": true}
//	← {"streamed": true, "stdout_bytes": N, "stderr": "…", "code": 0, "out_file": {"path","bytes": M}}
//	  then N bytes of standard output and M bytes of the output file
//	← {"need_file": "PATH"}
//
// (A request without "stream" gets the output inline, base64 in "stdout"
// and "out_file.data", as before.) The output waits in a spool on disk
// while the command runs (adminspool.go), so serve's memory stays flat.
//
// serve runs the very command a direct call runs (dispatch with the
// database it holds, adminio.go): there is one implementation of each
// admin action. A command that reads a file the client did not send
// answers need_file; the client sends it and asks again.

const (
	adminSockSuffix  = ".admin.sock"
	maxAdminFiles    = 4
	maxAdminRequest  = 100 << 20 // the import's 64 MiB file, base64, and room
	maxAdminReply    = 128 << 20 // a report, an xlsx too
	adminCmdTimeout  = 10 * time.Minute
	adminIdleTimeout = 30 * time.Second // to send the request
	maxSockPath      = 104              // sun_path: 108 on Linux, 104 on the BSDs
)

var (
	errNeedFile    = errors.New("the file was not sent over the admin socket")
	errReplyTooBig = fmt.Errorf("output larger than %d MiB", maxAdminReply>>20)
)

// adminCommands are the commands the admin socket runs.
var adminCommands = map[string]bool{"officer add": true, "officer revoke": true, "assign": true,
	"enterprise import": true, "report weekly": true, "settings": true}

func adminCommandList() string {
	var l []string
	for c := range adminCommands {
		l = append(l, c)
	}
	slices.Sort(l)
	return strings.Join(l, ", ")
}

// adminSocketPath is the admin socket of the bbolt file db.
func adminSocketPath(db string) string { return db + adminSockSuffix }

type adminRequest struct {
	Args  []string          `json:"args"`
	Lang  visits.Lang       `json:"lang"`
	Files map[string][]byte `json:"files,omitempty"`
	// Unread are files the client could not read, with why: the command
	// fails on them as it would have in the client's process.
	Unread map[string]string `json:"unread,omitempty"`
	// Stream asks for the output after the reply's header instead of
	// inside it (adminspool.go). Every client of this build asks; serve
	// still answers one that does not.
	Stream bool `json:"stream,omitempty"`
}

type adminReply struct {
	Stdout   []byte    `json:"stdout,omitempty"`
	Stderr   string    `json:"stderr"`
	Code     int       `json:"code"`
	NeedFile string    `json:"need_file,omitempty"`
	OutFile  *sentFile `json:"out_file,omitempty"`
	// Streamed: StdoutBytes bytes of standard output follow this header,
	// then OutFile.Bytes bytes of the output file.
	Streamed    bool  `json:"streamed,omitempty"`
	StdoutBytes int64 `json:"stdout_bytes,omitempty"`
}

// checkSocketFile refuses an admin socket that is not a socket, is owned
// by another user than this process's, or that its group or others may
// use.
func checkSocketFile(path string) error {
	fi, err := os.Lstat(path)
	if err != nil {
		return err
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	switch {
	case fi.Mode()&os.ModeSocket == 0:
		return tui.Msg("hq.sock.not_socket", path)
	case !ok || int(st.Uid) != os.Geteuid():
		return tui.Msg("hq.sock.other_user", path)
	case fi.Mode().Perm()&0o077 != 0:
		return tui.Msg("hq.sock.too_open", path, fmt.Sprintf("%04o", fi.Mode().Perm()))
	}
	return nil
}

// listenAdmin makes serve's admin socket at path, 0600. A socket left by
// a serve that died is replaced (serve holds the database, so no other
// serve of it runs); anything else at path is refused.
func listenAdmin(path string) (*net.UnixListener, error) {
	if fi, err := os.Lstat(path); err == nil {
		if fi.Mode()&os.ModeSocket == 0 {
			return nil, tui.Msg("hq.sock.something_else", path)
		}
		if err := os.Remove(path); err != nil {
			return nil, fmt.Errorf("admin socket %s: %w", path, err)
		}
	}
	ln, err := net.ListenUnix("unix", &net.UnixAddr{Name: path, Net: "unix"})
	if err != nil {
		return nil, fmt.Errorf("admin socket %s: %w", path, err)
	}
	// Until this chmod the umask's mode holds; a peer of another user
	// connecting meanwhile is still refused by its credentials.
	if err := os.Chmod(path, 0o600); err == nil {
		err = checkSocketFile(path)
	}
	if err != nil {
		ln.Close()
		return nil, err
	}
	return ln, nil
}

// adminServer answers the admin socket with serve's open database.
type adminServer struct {
	hq     *store.HQ
	ln     *net.UnixListener
	logger *log.Logger
	wg     gosync.WaitGroup
}

// run accepts until the listener is closed.
func (a *adminServer) run() {
	for {
		c, err := a.ln.AcceptUnix()
		if err != nil {
			return
		}
		a.wg.Add(1)
		go func() {
			defer a.wg.Done()
			defer c.Close()
			a.handle(c)
		}()
	}
}

// stop closes the socket (removing its file) and waits for the commands
// under way, which use the database the caller closes next.
func (a *adminServer) stop() {
	a.ln.Close()
	a.wg.Wait()
}

func (a *adminServer) handle(c *net.UnixConn) {
	if uid, err := peerUID(c); err != nil || uid != os.Geteuid() && uid != 0 {
		a.logger.Printf("admin socket: refused a peer running as uid %d (%v)", uid, err)
		return
	}
	_ = c.SetReadDeadline(time.Now().Add(adminIdleTimeout))
	var req adminRequest
	dec := json.NewDecoder(io.LimitReader(c, maxAdminRequest))
	if err := dec.Decode(&req); err != nil {
		writeReply(c, adminReply{Code: 2, Stderr: fmt.Sprintf("liaison-hq: admin socket: bad request: %v\n", err)})
		return
	}
	_ = c.SetReadDeadline(time.Time{})
	if len(req.Files)+len(req.Unread) > maxAdminFiles {
		writeReply(c, adminReply{Code: 2, Stderr: "liaison-hq: admin socket: too many files\n"})
		return
	}
	if req.Lang != visits.EN {
		req.Lang = visits.ZH
	}
	ses := &adminSession{hq: a.hq, files: req.Files, unread: req.Unread}
	out := newSpool()
	defer out.Close()
	defer func() {
		if ses.outDat != nil {
			ses.outDat.Close()
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), adminCmdTimeout)
	err := dispatch(ctx, global{lang: req.Lang, admin: ses}, req.Args, out)
	cancel()
	rep := adminReply{OutFile: ses.out, Stderr: ses.errBuf.String()}
	switch {
	case err != nil && ses.need != "":
		rep = adminReply{NeedFile: ses.need}
	case err != nil:
		rep.Code, rep.Stderr = exitCode(err), "liaison-hq: "+say(err, req.Lang)+"\n"
	}
	a.logger.Printf("admin: %s: exit %d", strings.Join(commandWords(req.Args), " "), rep.Code)
	if rep.NeedFile != "" {
		writeReply(c, rep)
		return
	}
	if req.Stream {
		a.writeStreamed(c, rep, out, ses.outDat)
		return
	}
	// A client that asked for its output inline (one from before the
	// stream): read the spools back, as bounded as they were written.
	if rep.Stdout, err = out.bytes(); err == nil && rep.OutFile != nil {
		rep.OutFile.Data, err = ses.outDat.bytes()
	}
	if err != nil {
		rep = adminReply{Code: 1, Stderr: "liaison-hq: admin socket: " + err.Error() + "\n"}
	}
	writeReply(c, rep)
}

// writeStreamed answers with a header (the reply with the byte counts
// instead of the bytes) and then the standard output's bytes and the
// output file's, straight from the spools.
func (a *adminServer) writeStreamed(c net.Conn, rep adminReply, out, file *spool) {
	rep.Streamed, rep.StdoutBytes = true, out.Len()
	if rep.OutFile != nil {
		rep.OutFile.Bytes = file.Len()
	}
	_ = c.SetWriteDeadline(time.Now().Add(adminCmdTimeout))
	if err := json.NewEncoder(c).Encode(rep); err != nil {
		return
	}
	parts := []io.Reader{out.reader()}
	if rep.OutFile != nil {
		parts = append(parts, file.reader())
	}
	if _, err := io.Copy(c, io.MultiReader(parts...)); err != nil {
		a.logger.Printf("admin socket: the client left during the reply: %v", err)
	}
}

func writeReply(c net.Conn, rep adminReply) {
	_ = c.SetWriteDeadline(time.Now().Add(adminCmdTimeout))
	_ = json.NewEncoder(c).Encode(rep)
}

// commandWords are the command's words for the log, never its values (a
// name, a file) nor anything after.
func commandWords(args []string) []string {
	var w []string
	for _, a := range args {
		if len(w) == 2 || strings.HasPrefix(a, "-") || !isWord(a) {
			break
		}
		w = append(w, a)
	}
	return w
}

func isWord(s string) bool {
	for _, r := range s {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return s != ""
}
