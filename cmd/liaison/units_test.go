package main

import (
	"encoding/json"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/sync"
	"github.com/liaison-dev/liaison/visits"
)

// --lead-unit takes the units in force: the built-in list on a laptop
// that never synced, HQ's list once it arrived by sync (a real HQ on
// loopback, which keeps the built-in units and adds one). A unit outside the list is bad input (exit 2) naming the
// allowed ones, and completion offers the same list.
func TestLeadUnitFollowsHQUnits(t *testing.T) {
	h, err := store.OpenHQ(filepath.Join(t.TempDir(), "hq.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	const uscc = "91350100M000100Y43"
	if err := h.SaveRecords("admin", &visits.Enterprise{Name: "兰州测试科技有限公司", USCC: uscc}); err != nil {
		t.Fatal(err)
	}
	tok, err := h.AddOfficer("wang", "王建国", visits.RoleAdmin)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sync.NewHandler(sync.Bolt{HQ: h}, sync.ServerOptions{}))
	t.Cleanup(srv.Close)

	db := tempDB(t)
	mustCLI(t, 0, db, "login", "--hq", srv.URL, "--token", tok)
	mustCLI(t, 0, db, "sync")
	add := func(unit string) (string, string, int) {
		return cli(t, db, "--lang", "en", "need", "add", "--enterprise", uscc, "--category", "finance",
			"--severity", "general", "--title", "贷款", "--lead-unit", unit, "--json")
	}
	// No HQ list: the built-in units, by code or label.
	if out, errs, code := add("区科技局"); code != 0 || !strings.Contains(out, `"lead_unit": "区科技局"`) {
		t.Fatalf("built-in unit: exit %d\n%s%s", code, out, errs)
	}
	if _, errs, code := add("兰州新区招商局"); code != exitUsage || !strings.Contains(errs, "built-in") || !strings.Contains(errs, "区科技局") {
		t.Fatalf("a unit not in the built-in list: exit %d, want 2 listing the built-in units\n%s", code, errs)
	}

	list := visits.Settings{}.UnitTerms() // HQ's list keeps every built-in unit and adds its own
	list = append(list, visits.UnitTerm{Code: "新区招商局", ZH: "兰州新区招商局", EN: "New Area Investment Bureau"})
	units, _ := json.Marshal(list)
	if err := h.SetSettings(map[string]json.RawMessage{visits.SettingUnits: units}); err != nil {
		t.Fatal(err)
	}
	mustCLI(t, 0, db, "sync")
	for _, v := range []string{"新区招商局", "兰州新区招商局", "new area investment bureau"} {
		if out, errs, code := add(v); code != 0 || !strings.Contains(out, `"lead_unit": "新区招商局"`) {
			t.Errorf("HQ's unit given as %q: exit %d\n%s%s", v, code, out, errs)
		}
	}
	_, errs, code := add("不存在的单位")
	if code != exitUsage || !strings.Contains(errs, "HQ's unit list") || !strings.Contains(errs, "新区招商局") || !strings.Contains(errs, "New Area Investment Bureau") {
		t.Errorf("a unit in no list: exit %d, want 2 listing HQ's units\n%s", code, errs)
	}

	out := mustCLI(t, 0, db, completeCmd, "need", "add", "--lead-unit", "")
	if !strings.Contains(out, "新区招商局\t兰州新区招商局") || !strings.Contains(out, "区科技局\t") {
		t.Errorf("completion of --lead-unit offers:\n%s\nwant HQ's units", out)
	}
}
