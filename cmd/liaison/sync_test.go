package main

import (
	"net"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/sync"
	"github.com/liaison-dev/liaison/visits"
)

// startHQ runs a real HQ on loopback with one enterprise assigned to two
// liaison officers, and returns its URL and their tokens.
func startHQ(t *testing.T) (url, wang, li string, entUSCC string) {
	t.Helper()
	h, err := store.OpenHQ(filepath.Join(t.TempDir(), "hq.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	entUSCC = "91350100M000100Y43"
	if err := h.SaveRecords("admin", &visits.Enterprise{Name: "兰州测试科技有限公司", USCC: entUSCC}); err != nil {
		t.Fatal(err)
	}
	if wang, err = h.AddOfficer("wang", "王建国", visits.RoleLiaison); err != nil {
		t.Fatal(err)
	}
	if li, err = h.AddOfficer("li", "李明", visits.RoleLiaison); err != nil {
		t.Fatal(err)
	}
	for _, o := range []string{"wang", "li"} {
		if err := h.Assign(o, entUSCC, visits.RoleLiaison); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(sync.NewHandler(sync.Bolt{HQ: h}, sync.ServerOptions{}))
	t.Cleanup(srv.Close)
	return srv.URL, wang, li, entUSCC
}

// The exit codes of sync as scripts see them: 5 for a bad token, 0 for a
// clean sync, 3 when a conflict needs a person, and the conflict listed
// and resolved from the command line.
func TestSyncExitCodes(t *testing.T) {
	url, wang, li, uscc := startHQ(t)
	a, b := tempDB(t), filepath.Join(t.TempDir(), "b.db")
	if _, _, code := cli(t, a, "login", "--hq", url, "--token", "not-a-token"); code != exitUnauthed {
		t.Fatalf("login with a wrong token: exit %d, want 5", code)
	}
	if _, _, code := cli(t, a, "sync"); code != exitUnauthed {
		t.Fatalf("sync before login: exit %d, want 5", code)
	}
	mustCLI(t, 0, a, "login", "--hq", url, "--token", wang)
	mustCLI(t, 0, b, "login", "--hq", url, "--token", li)
	mustCLI(t, 0, a, "sync")
	mustCLI(t, 0, b, "sync")
	n := strings.TrimSpace(mustCLI(t, 0, a, "need", "add", "--enterprise", uscc, "--category", "finance", "--severity", "general", "--title", "贷款"))
	mustCLI(t, 0, a, "sync")
	mustCLI(t, 0, b, "sync")
	// Both officers move the need differently while offline.
	mustCLI(t, 0, a, "need", "status", n, "accepted")
	mustCLI(t, 0, b, "need", "status", n, "withdrawn")
	mustCLI(t, 0, a, "sync")
	if _, _, code := cli(t, b, "sync"); code != exitNeedsPerson {
		t.Fatalf("sync with a conflict: exit %d, want 3", code)
	}
	if _, _, code := cli(t, a, "sync"); code != exitNeedsPerson {
		t.Fatalf("the other laptop after pulling the conflict: exit %d, want 3", code)
	}
	conf := decode[[]store.Conflict](t, mustCLI(t, 0, a, "need", "conflicts", "--json"))
	if len(conf) != 1 || conf[0].Field != "status" || len(conf[0].Leaves) != 2 {
		t.Fatalf("conflicts: %+v", conf)
	}
	// Nothing follows withdrawn: keeping accepted over it is refused on
	// the laptop (HQ would refuse it too), keeping withdrawn settles it.
	if _, errOut, code := cli(t, a, "need", "resolve", n, "--field", "status", "--keep", "accepted"); code != exitUsage || !strings.Contains(errOut, "已撤回") {
		t.Fatalf("keeping accepted over withdrawn: exit %d, %s", code, errOut)
	}
	mustCLI(t, 0, a, "need", "resolve", n, "--field", "status", "--keep", "withdrawn")
	mustCLI(t, 0, a, "sync")
	mustCLI(t, 0, b, "sync")
	for _, db := range []string{a, b} {
		if c := decode[[]store.Conflict](t, mustCLI(t, 0, db, "need", "conflicts", "--json")); len(c) != 0 {
			t.Fatalf("conflict still shown after resolution: %+v", c)
		}
		if v := decode[needView](t, mustCLI(t, 0, db, "need", "show", n, "--json")); v.Status != "withdrawn" {
			t.Fatalf("status after resolution: %s", v.Status)
		}
	}
	if st := decode[store.Status](t, mustCLI(t, 0, a, "status", "--json")); st.Pending != 0 || st.LastSync.IsZero() {
		t.Fatalf("status after sync: %+v", st)
	}
}

// With HQ down, `liaison sync` exits 4 within a few seconds (not the half
// minute a busy HQ is given) and keeps the outbox.
func TestSyncHQDownExitsQuickly(t *testing.T) {
	url, wang, _, uscc := startHQ(t)
	db := tempDB(t)
	mustCLI(t, 0, db, "login", "--hq", url, "--token", wang)
	mustCLI(t, 0, db, "sync")
	mustCLI(t, 0, db, "need", "add", "--enterprise", uscc, "--category", "finance", "--severity", "general", "--title", "贷款")
	s, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	down := "http://" + l.Addr().String()
	l.Close()
	err = s.Update(func(w *store.Writer) error {
		id := w.Reader().Identity()
		id.HQURL = down
		return w.SetIdentity(id)
	})
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if _, _, code := cli(t, db, "sync"); code != exitUnreachable {
		t.Fatalf("sync with HQ down: exit %d, want 4", code)
	}
	if took := time.Since(start); took > 8*time.Second {
		t.Errorf("sync with HQ down took %s", took)
	}
	if st := decode[store.Status](t, mustCLI(t, 0, db, "status", "--json")); st.Pending == 0 {
		t.Errorf("outbox lost: %+v", st)
	}
}

// With HQ unreachable, sync says so quickly with exit 4 and keeps the
// officer's work for later.
func TestSyncUnreachableKeepsWork(t *testing.T) {
	url, wang, _, uscc := startHQ(t)
	db := tempDB(t)
	mustCLI(t, 0, db, "login", "--hq", url, "--token", wang)
	mustCLI(t, 0, db, "sync")
	mustCLI(t, 0, db, "visit", "add", "--enterprise", uscc, "--occasion", "routine", "--method", "phone", "--summary", "电话回访")
	// Point the laptop at a loopback port nobody listens on.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := "http://" + l.Addr().String()
	l.Close()
	s, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	err = s.Update(func(w *store.Writer) error {
		id := w.Reader().Identity()
		id.HQURL = dead
		return w.SetIdentity(id)
	})
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, errs, code := cli(t, db, "sync")
	if code != exitUnreachable {
		t.Fatalf("sync with HQ down: exit %d (%s), want 4", code, errs)
	}
	if took := time.Since(start); took > 15*time.Second {
		t.Errorf("giving up took %v", took)
	}
	if st := decode[store.Status](t, mustCLI(t, 0, db, "status", "--json")); st.Pending == 0 {
		t.Fatal("the visit's ops left the outbox although HQ was never reached")
	}
}
