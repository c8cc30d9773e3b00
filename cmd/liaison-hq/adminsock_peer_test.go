//go:build linux

package main

import (
	"bytes"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/liaison-dev/liaison/store"
)

// TestAdminSocketRefusesOtherUser: even with its file opened to everyone,
// serve's admin socket runs nothing for a process of another user (peer
// credentials), and the attempt is logged. Needs root (to run a process
// as nobody).
func TestAdminSocketRefusesOtherUser(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to run a client as another user")
	}
	py := "/usr/bin/python3" // a system one another user may run
	if _, err := os.Stat(py); err != nil {
		t.Skip("needs /usr/bin/python3 for a raw client")
	}
	dir := t.TempDir()
	for _, d := range []string{filepath.Dir(dir), dir} { // reachable by nobody
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	db := filepath.Join(dir, "hq.db")
	h, err := store.OpenHQ(db, store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	sock := adminSocketPath(db)
	ln, err := listenAdmin(sock)
	if err != nil {
		t.Fatal(err)
	}
	var logBuf bytes.Buffer
	a := &adminServer{hq: h, ln: ln, logger: log.New(&logBuf, "", 0)}
	go a.run()
	if err := os.Chmod(sock, 0o666); err != nil {
		t.Fatal(err)
	}
	client := `import socket,sys
s=socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])
s.sendall(b'{"args":["officer","add","--id","evil","--name","x","--role","admin"],"lang":"en"}\n')
sys.stdout.write(s.recv(65536).decode())`
	cmd := exec.Command(py, "-c", client, sock)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	a.stop()                                    // waits for the refused connection's handler
	t.Logf("client as nobody: %v %s", err, out) // closed unanswered: empty, or reset
	if bytes.Contains(out, []byte(`"code"`)) {
		t.Errorf("serve answered another user's process: %s", out)
	}
	if !strings.Contains(logBuf.String(), "refused a peer running as uid 65534") {
		t.Errorf("log: %q, want the refusal", logBuf.String())
	}
	if err := h.RevokeOfficer("evil"); err == nil {
		t.Error("an officer was added for another user's process")
	}
	if _, err := os.Lstat(sock); err == nil {
		t.Error("stop left the socket")
	}
}
