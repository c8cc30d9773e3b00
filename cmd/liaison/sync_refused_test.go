package main

import (
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/sync"
	"github.com/liaison-dev/liaison/visits"
)

// A value HQ refuses is named in sync's output, not printed whole: an HQ
// that takes values of at most 1,000 bytes refuses a 9 KB summary, and the
// line that reports it stays short.
func TestSyncShortensARefusedValue(t *testing.T) {
	h, err := store.OpenHQ(filepath.Join(t.TempDir(), "hq.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	const uscc = "91350100M000100Y43"
	if err := h.SaveRecords("admin", &visits.Enterprise{Name: "兰州测试科技有限公司", USCC: uscc}); err != nil {
		t.Fatal(err)
	}
	tok, err := h.AddOfficer("wang", "王建国", visits.RoleLiaison)
	if err != nil {
		t.Fatal(err)
	}
	if err := h.Assign("wang", uscc, visits.RoleLiaison); err != nil {
		t.Fatal(err)
	}
	lim := sync.DefaultLimits
	lim.MaxValueBytes = 1000
	srv := httptest.NewServer(sync.NewHandler(sync.Bolt{HQ: h}, sync.ServerOptions{Limits: lim}))
	t.Cleanup(srv.Close)

	db := tempDB(t)
	mustCLI(t, 0, db, "login", "--hq", srv.URL, "--token", tok)
	mustCLI(t, 0, db, "sync")
	summary := strings.Repeat("企业反映融资难", 430) // 9,030 bytes of JSON
	mustCLI(t, 0, db, "visit", "add", "--enterprise", uscc, "--occasion", "routine", "--method", "on_site", "--summary", summary)
	out, _, code := cli(t, db, "sync")
	if code != exitNeedsPerson {
		t.Fatalf("sync with a refused value: exit %d, want 3\n%s", code, out)
	}
	if !strings.Contains(out, "企业反映融资难") || !strings.Contains(out, "…") {
		t.Errorf("the refused value is not named, shortened:\n%s", out)
	}
	for _, line := range strings.Split(out, "\n") {
		if len([]rune(line)) > 400 {
			t.Errorf("a line of %d characters:\n%.200s…", len([]rune(line)), line)
		}
	}
}
