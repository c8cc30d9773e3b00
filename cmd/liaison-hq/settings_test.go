package main

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// exit2 is how main classes err: bad usage or invalid input (exit 2).
func exit2(err error) bool {
	return errors.As(err, new(usageError)) || errors.As(err, new(inputError))
}

func tempFile(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func settingsJSON(t *testing.T, db, year string) settingsView {
	t.Helper()
	out, err := hq(t, db, "settings", "--json", "--year", year)
	if err != nil {
		t.Fatal(err)
	}
	var v settingsView
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("settings --json: %v\n%s", err, out)
	}
	return v
}

// liaison-hq settings as HQ's operator uses it: the built-in rules first,
// each kind set and shown back (text and --json), bad input refused with
// exit 2 naming the field and changing nothing, and the HQ report
// following the district.
func TestSettingsRoundTrip(t *testing.T) {
	db := filepath.Join(t.TempDir(), "hq.db")
	v := settingsJSON(t, db, "2026")
	if v.District != "" || v.Batches.FromHQ || v.Batches.Value[0] != "2026-06-30" || v.Targets.FromHQ ||
		v.Targets.Value[0].Code != "new_hnte" || v.Targets.Value[0].Value != 35 || v.Units.FromHQ ||
		v.Calendar.FromHQ || !strings.Contains(v.Calendar.Name, "2026") || len(v.Settings) != 0 {
		t.Fatalf("fresh HQ: %+v", v)
	}
	cal2027 := tempFile(t, "cal.json", `{"name": "2027 安排", "year_from": 2027,
		"holidays": ["2027-01-01", "2027-10-01"], "workdays": ["2027-09-26"]}`)
	targets := tempFile(t, "targets.json", `[{"code": "new_hnte", "year": 2027, "value": 45, "unit": "count", "annual": true},
		{"code": "hnte_private_share", "year": 2027, "value": 82.5, "unit": "percent"}]`)
	units := tempFile(t, "units.txt", "区科技局\n区工信局\n区发改局\n区税务局\n区商务局\n区市场监管局\n区人社局\n区财政局\n区政务服务中心\n"+
		"区经济合作服务中心\n区委组织部\n区教育局,区教育局,Education Bureau\n街道办事处\n其他\n区农业农村局,区农业农村局,Agriculture Bureau\n")
	for _, args := range [][]string{
		{"set", "district", "城关区"},
		{"set", "batches", "--year", "2027", "2027-06-20,2027-08-10,2027-09-25"},
		{"set", "tsme_window", "--year", "2027", "2027-03-15", "2027-10-15"},
		{"set", "targets", "--year", "2026", "--code", "new_hnte", "--value", "40"},
		{"set", "targets", "--year", "2027", targets},
		{"set", "calendar", cal2027},
		{"set", "units", units},
		{"set", "wording", "occasion", "遇困难/有诉求必访", "遇困难必访", "--en", "Difficulty"},
		{"set", "note", "--week", "2026-W48", "--plan", "走访10家企业", "--problems", "融资难"},
	} {
		if out, err := hq(t, db, append([]string{"settings"}, args...)...); err != nil || !strings.Contains(out, "已保存") {
			t.Fatalf("settings %s: %v %q", strings.Join(args, " "), err, out)
		}
	}
	v = settingsJSON(t, db, "2027")
	if v.District != "城关区" || !v.Batches.FromHQ || strings.Join(v.Batches.Value, ",") != "2027-06-20,2027-08-10,2027-09-25" ||
		!v.Targets.FromHQ || len(v.Targets.Value) != 2 || v.Targets.Value[1].Value != 82.5 ||
		!v.Calendar.FromHQ || v.Calendar.Name != "2027 安排" || !v.Units.FromHQ || len(v.Units.Value) != 15 ||
		v.Wording["occasion"]["difficulty"].ZH != "遇困难必访" || v.Wording["occasion"]["difficulty"].EN != "Difficulty" ||
		v.Notes["2026-W48"].Plan != "走访10家企业" || v.Notes["2026-W48"].Problems != "融资难" ||
		!v.TSME.FromHQ || strings.Join(v.TSME.Value, ",") != "2027-03-15,2027-10-15" {
		t.Errorf("after set: %+v", v)
	}
	if v26 := settingsJSON(t, db, "2026"); v26.Targets.Value[0].Value != 40 || len(v26.Targets.Value) != 10 ||
		v26.Calendar.FromHQ || v26.Batches.FromHQ || v26.TSME.FromHQ || strings.Join(v26.TSME.Value, ",") != "2026-03-01,2026-09-30" {
		t.Errorf("2026 after set: %+v", v26)
	}
	before := len(v.Settings)
	text, err := hq(t, db, "settings", "show", "--year", "2027")
	if err != nil || !strings.Contains(text, "城关区") || !strings.Contains(text, "2027-06-20") || !strings.Contains(text, "区农业农村局") ||
		!strings.Contains(text, "遇困难必访") || !strings.Contains(text, "2026-W48") ||
		!strings.Contains(text, "科小评价入库时段 2027\t2027-03-15 ~ 2027-10-15（") {
		t.Errorf("settings show: %v\n%s", err, text)
	}

	// Bad input: exit 2, the field named, nothing stored.
	badCal := tempFile(t, "bad.json", `{"name": "x", "year_from": 2027, "holidays": [], "workdays": ["2027-03-03"]}`)
	dropped := tempFile(t, "units.txt", "区科技局\n")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"set", "district", " "}, "district"},
		{[]string{"set", "district", "a\x1b[2Jb"}, "district"},
		{[]string{"set", "batches", "--year", "2027", "2027-06-20,2027-05-10,2027-09-25"}, "batch 2"},
		{[]string{"set", "batches", "--year", "2027", "2026-06-20,2027-08-10,2027-09-25"}, "batch 1"},
		{[]string{"set", "batches", "--year", "2027", "2027-06-20,2027-08-10"}, "batches:2027"},
		{[]string{"set", "batches", "2027-06-20,2027-08-10,2027-09-25"}, "--year"},
		{[]string{"set", "tsme_window", "--year", "2027", "2027-10-15", "2027-03-15"}, "closes"},
		{[]string{"set", "tsme_window", "--year", "2027", "2026-03-15", "2027-10-15"}, "opens"},
		{[]string{"set", "tsme_window", "--year", "2027", "2027-03-15"}, "tsme_window"},
		{[]string{"set", "targets", "--year", "2027", "--code", "nope", "--value", "3"}, "--code"},
		{[]string{"set", "targets", "--year", "2027", "--code", "new_hnte", "--value", "many"}, "--value"},
		{[]string{"set", "targets", "--year", "2027", "--code", "new_hnte", "--value", "-1"}, "new_hnte"},
		{[]string{"set", "targets", "--year", "2027", "--code", "tsme_private_share", "--value", "120"}, "tsme_private_share"},
		{[]string{"set", "targets", "--year", "1200", "--code", "new_hnte", "--value", "3"}, "--year"},
		{[]string{"set", "calendar", badCal}, "workdays"},
		{[]string{"set", "units", dropped}, "区工信局"},
		{[]string{"set", "wording", "occasion", "nosuch", "X"}, "nosuch"},
		{[]string{"set", "wording", "street", "x", "X"}, "street"},
		{[]string{"set", "note", "--week", "2026-W60", "--plan", "x"}, "--week"},
		{[]string{"set", "note", "--week", "2026-W48", "--plan", strings.Repeat("字", 4001)}, "plan"},
		{[]string{"set", "colour", "red"}, "colour"},
		{[]string{"set", "district", "城关区", "--nope"}, "nope"},
	} {
		out, err := hq(t, db, append([]string{"settings"}, c.args...)...)
		if !exit2(err) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("settings %q: %v (out %q), want exit 2 naming %s", c.args, err, out, c.want)
		}
	}
	if v2 := settingsJSON(t, db, "2027"); len(v2.Settings) != before || v2.District != "城关区" || v2.Batches.Value[1] != "2027-08-10" {
		t.Errorf("bad input changed the settings: %+v", v2)
	}

	// unset gives the built-in rule back; the HQ report follows the district.
	if _, err := hq(t, db, "settings", "unset", "batches:2027"); err != nil {
		t.Fatal(err)
	}
	if v2 := settingsJSON(t, db, "2027"); v2.Batches.FromHQ || v2.Batches.Value[0] != "2027-06-30" {
		t.Errorf("after unset: %+v", v2.Batches)
	}
	out, err := hq(t, db, "report", "weekly", "--week", "2026-W48", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		District     string
		NextWeekPlan string `json:"next_week_plan"`
		Targets      []struct {
			Code   string
			Target float64
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || rep.District != "城关区" || rep.NextWeekPlan != "走访10家企业" {
		t.Errorf("HQ report district %q, plan %q (%v)", rep.District, rep.NextWeekPlan, err)
	}
	if len(rep.Targets) == 0 || rep.Targets[0].Code != "new_hnte" || rep.Targets[0].Target != 40 {
		t.Errorf("HQ report targets %+v, want HQ's new_hnte 40 first", rep.Targets)
	}
}
