package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
	"github.com/liaison-dev/liaison/visits/render"
	"github.com/xuri/excelize/v2"
)

// cli runs the command line against db and returns stdout, stderr and the
// exit code.
func cli(t testing.TB, db string, args ...string) (string, string, int) {
	t.Helper()
	var out, errw bytes.Buffer
	code := run(context.Background(), append([]string{"--db", db}, args...), strings.NewReader(""), &out, &errw)
	return out.String(), errw.String(), code
}

// mustCLI is cli that fails the test unless the exit code is want.
func mustCLI(t testing.TB, want int, db string, args ...string) string {
	t.Helper()
	out, errs, code := cli(t, db, args...)
	if code != want {
		t.Fatalf("liaison %s: exit %d, want %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, want, out, errs)
	}
	return out
}

func tempDB(t testing.TB) string {
	t.Helper()
	t.Setenv("LIAISON_DB", "")
	t.Setenv("LIAISON_LANG", "")
	return filepath.Join(t.TempDir(), "liaison.db")
}

func decode[T any](t testing.TB, s string) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("decode %T: %v\n%s", v, err, s)
	}
	return v
}

var messyCSV = filepath.Join("testdata", "import", "messy.csv")

func TestEnterpriseImportMessyCSV(t *testing.T) {
	db := tempDB(t)

	// A dry run reports what would happen and writes nothing.
	dry := decode[importJSON](t, mustCLI(t, 0, db, "enterprise", "import", messyCSV, "--dry-run", "--json"))
	want := importCounts{Created: 4, Refused: 4, Warnings: 2}
	if !dry.DryRun || dry.Counts != want {
		t.Fatalf("dry run: %+v, want %+v", dry.Counts, want)
	}
	if got := decode[[]enterpriseView](t, mustCLI(t, 0, db, "enterprise", "list", "--json")); len(got) != 0 {
		t.Fatalf("dry run stored %d enterprises", len(got))
	}

	// The real run: the good rows go in, every bad row is listed with its
	// row number and reason, and the exit code is still 0.
	out, errs, code := cli(t, db, "--lang", "en", "enterprise", "import", messyCSV)
	if code != 0 {
		t.Fatalf("import: exit %d\n%s%s", code, out, errs)
	}
	for _, s := range []string{
		"created 4, updated 0, unchanged 0, refused 4",
		"row 9: ", "same USCC as row 7",
		"row 10: ", "malformed USCC",
		"row 11: the enterprise name is empty",
		"row 12: ", "check character is wrong (expected R)",
		"row 8: ", "skipped", "row 13: ", "not understood",
		"序号", "备注",
	} {
		if !strings.Contains(out, s) {
			t.Errorf("import output lacks %q:\n%s", s, out)
		}
	}
	if !strings.Contains(errs, "4 rows refused") {
		t.Errorf("stderr does not count the refused rows: %q", errs)
	}
	ents := decode[[]enterpriseView](t, mustCLI(t, 0, db, "enterprise", "list", "--json"))
	byUSCC := map[string]enterpriseView{}
	for _, e := range ents {
		byUSCC[e.USCC] = e
	}
	if len(ents) != 4 {
		t.Fatalf("stored %d enterprises, want 4: %+v", len(ents), ents)
	}
	// Full-width digits folded, trailing spaces trimmed, unknown domain left empty.
	if e := byUSCC["91310115MA1K4A001D"]; e.Name != "上海甲科技有限公司" || e.Domain != "electronic_info" || len(e.Qualifications) != 1 {
		t.Errorf("row 4 stored as %+v", e)
	}
	if e := byUSCC["91310115MA1K4A002G"]; e.Street != "唐镇" {
		t.Errorf("row 6 street %q, want 唐镇", e.Street)
	}
	if e := byUSCC["91310115MA1K4A006W"]; e.Name != "上海庚有限公司" || e.Domain != "" {
		t.Errorf("row 13 stored as %+v", e)
	}

	// The same file again changes nothing; in Chinese by default.
	again := mustCLI(t, 0, db, "enterprise", "import", messyCSV)
	if !strings.Contains(again, "新建 0，更新 0，未变 4，拒绝 4") || !strings.Contains(again, "第 11 行：企业名称为空") {
		t.Errorf("re-import:\n%s", again)
	}
	var pending int
	withStore(t, db, func(r *store.Reader) { pending = r.PendingCount() })
	mustCLI(t, 0, db, "enterprise", "import", messyCSV)
	withStore(t, db, func(r *store.Reader) {
		if r.PendingCount() != pending {
			t.Errorf("an unchanged re-import queued %d ops", r.PendingCount()-pending)
		}
	})

	// Upsert: a changed street updates, a blank cell keeps the stored
	// value, a new USCC creates.
	up := decode[importJSON](t, mustCLI(t, 0, db, "enterprise", "import", filepath.Join("testdata", "import", "update.csv"), "--json"))
	if up.Counts != (importCounts{Created: 1, Updated: 1, Unchanged: 1}) {
		t.Fatalf("update counts %+v (refused %+v)", up.Counts, up.Refused)
	}
	if up.Updated[0].USCC != "91310115MA1K4A001D" || !slices.Contains(up.Updated[0].Changed, "street") || up.Created[0].ID == "" {
		t.Errorf("update plan %+v / %+v", up.Updated, up.Created)
	}
	show := decode[enterpriseView](t, mustCLI(t, 0, db, "enterprise", "show", "91310115MA1K4A002G", "--json"))
	if show.Street != "唐镇" {
		t.Errorf("a blank cell erased the street: %q", show.Street)
	}
}

// withStore opens db directly (the command line has closed it).
func withStore(t testing.TB, db string, fn func(r *store.Reader)) {
	t.Helper()
	s, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.View(func(r *store.Reader) error { fn(r); return nil }); err != nil {
		t.Fatal(err)
	}
}

func TestEnterpriseImportXLSX(t *testing.T) {
	db := tempDB(t)
	f := excelize.NewFile()
	rows := [][]any{
		{"重点企业培育名单"},
		{"企业名称", "统一社会信用代码", "所属街道", "申报批次"},
		{"上海甲科技有限公司", "91310115MA1K4A001D", "张江镇", "第二批"},
		{"上海乙智能有限公司", "bad", "唐镇", ""},
	}
	for i, r := range rows {
		if err := f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+1), &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.MergeCell("Sheet1", "A1", "D1"); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "list.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	got := decode[importJSON](t, mustCLI(t, 0, db, "enterprise", "import", path, "--json", "--lang", "en"))
	if got.Counts.Created != 1 || got.Counts.Refused != 1 || got.Refused[0].Row != 4 || !strings.HasPrefix(got.Refused[0].Message, "row 4:") {
		t.Fatalf("xlsx import: %+v", got)
	}
	e := decode[enterpriseView](t, mustCLI(t, 0, db, "enterprise", "show", "91310115MA1K4A001D", "--json"))
	if e.Batch != 2 {
		t.Errorf("batch %d, want 2", e.Batch)
	}
}

func TestEnterpriseImportUnreadable(t *testing.T) {
	db := tempDB(t)
	dir := t.TempDir()
	notXLSX := filepath.Join(dir, "fake.xlsx")
	if err := os.WriteFile(notXLSX, []byte("not a workbook"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		msg  string
	}{
		{[]string{filepath.Join("testdata", "import", "noheader.csv")}, "header"},
		{[]string{filepath.Join(dir, "missing.csv")}, "cannot open"},
		{[]string{notXLSX}, "cannot read"},
		{[]string{filepath.Join(dir, "list.txt")}, ".xlsx or .csv"},
		{nil, "usage"},
	} {
		args := append([]string{"--lang", "en", "enterprise", "import"}, c.args...)
		out, errs, code := cli(t, db, args...)
		if code != exitUsage || !strings.Contains(errs, c.msg) {
			t.Errorf("%v: exit %d, stderr %q (stdout %q); want 2 and %q", c.args, code, errs, out, c.msg)
		}
	}
}

// TestReportWeekly builds a tiny dataset through the command line and
// checks the report's figures by hand, then that every format renders.
func TestReportWeekly(t *testing.T) {
	db := tempDB(t)
	ids := map[string]string{}
	for _, e := range []struct{ key, uscc, name, stage string }{
		{"a", "91310115MA1K4A001D", "上海甲科技有限公司", "apply"},
		{"b", "91310115MA1K4A002G", "上海乙智能有限公司", "cultivate"},
		{"c", "91310115MA1K4A003K", "上海丙材料有限公司", ""},
	} {
		args := []string{"enterprise", "add", "--uscc", e.uscc, "--name", e.name}
		if e.stage != "" {
			args = append(args, "--stage", e.stage)
		}
		ids[e.key] = strings.TrimSpace(mustCLI(t, 0, db, args...))
	}
	today := visits.DateOf(time.Now())
	for _, v := range []struct{ ent, occ, method string }{
		{"a", "routine", "on_site"},
		{"a", "difficulty", "phone"},
		{"c", "routine", "on_site"},
	} {
		mustCLI(t, 0, db, "visit", "add", "--enterprise", ids[v.ent], "--occasion", v.occ, "--method", v.method,
			"--summary", "走访了解情况", "--date", string(today))
	}
	mustCLI(t, 0, db, "need", "add", "--enterprise", ids["a"], "--category", "finance", "--severity", "general", "--title", "流动资金贷款")

	week := visits.WeekOf(today)
	rep := decode[visits.Report](t, mustCLI(t, 0, db, "report", "weekly", "--format", "json"))
	if rep.Week != week {
		t.Fatalf("default week %v, want this week %v", rep.Week, week)
	}
	code := func(cs []visits.CodeFigure, c string) int {
		for _, f := range cs {
			if f.Code == c {
				return f.Value
			}
		}
		return -1
	}
	if rep.Visits.Total.Value != 3 || code(rep.Visits.ByOccasion, "routine") != 2 || code(rep.Visits.ByOccasion, "difficulty") != 1 ||
		code(rep.Visits.ByMethod, "on_site") != 2 || code(rep.Visits.ByMethod, "phone") != 1 {
		t.Errorf("visit figures %+v", rep.Visits)
	}
	if rep.Needs.Total.New.Value != 1 || rep.Needs.Total.Open.Value != 1 || rep.Needs.Total.Closed.Value != 0 {
		t.Errorf("need figures %+v", rep.Needs.Total)
	}
	if rep.Pipeline.Total.Value != 2 || code(rep.Pipeline.ByStage, "apply") != 1 || code(rep.Pipeline.ByStage, "cultivate") != 1 {
		t.Errorf("pipeline figures %+v", rep.Pipeline)
	}
	if len(rep.Rows) != 2 || rep.Rows[0].Name != "上海甲科技有限公司" || rep.Rows[0].OpenNeeds != 1 {
		t.Errorf("rows %+v", rep.Rows)
	}
	if rep.GeneratedBy != "local" || !rep.DataAsOf.IsZero() {
		t.Errorf("header: by %q, data as of %v", rep.GeneratedBy, rep.DataAsOf)
	}

	// Last week holds none of it.
	prev := decode[visits.Report](t, mustCLI(t, 0, db, "report", "weekly", "--format", "json", "--week", week.Prev().String()))
	if prev.Visits.Total.Value != 0 || prev.Needs.Total.New.Value != 0 {
		t.Errorf("last week: visits %d, new needs %d", prev.Visits.Total.Value, prev.Needs.Total.New.Value)
	}

	md := mustCLI(t, 0, db, "report", "weekly", "--week", week.String())
	for _, s := range []string{"# ", week.String(), "上海甲科技有限公司", "| 3 |"} {
		if !strings.Contains(md, s) {
			t.Errorf("markdown lacks %q:\n%s", s, md)
		}
	}
	en := mustCLI(t, 0, db, "--lang", "en", "report", "weekly", "--format", "md")
	if !strings.Contains(en, "Routine") {
		t.Errorf("English markdown lacks labels:\n%s", en)
	}
	csv := mustCLI(t, 0, db, "report", "weekly", "--format", "csv")
	if !strings.HasPrefix(csv, "\ufeff") || !strings.Contains(csv, "上海乙智能有限公司") {
		t.Errorf("csv: %.200q", csv)
	}

	dir := t.TempDir()
	xl := filepath.Join(dir, "week.xlsx")
	if out := mustCLI(t, 0, db, "report", "weekly", "--format", "xlsx", "-o", xl); out != "" {
		t.Errorf("-o printed %q", out)
	}
	checkMode(t, xl)
	f, err := excelize.OpenFile(xl)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if sheets := f.GetSheetList(); !slices.Equal(sheets, []string{render.SheetSummary, render.SheetRows, render.SheetPlan}) {
		t.Errorf("sheets %v", sheets)
	}
	rows, err := f.GetRows(f.GetSheetList()[1])
	if err != nil || len(rows) != 3 {
		t.Errorf("rows sheet: %d rows, %v", len(rows), err)
	}
	// xlsx to a pipe is allowed; -o for md and json too.
	if out := mustCLI(t, 0, db, "report", "weekly", "--format", "xlsx"); !strings.HasPrefix(out, "PK") {
		t.Errorf("xlsx on stdout: %.20q", out)
	}
	mdFile := filepath.Join(dir, "week.md")
	mustCLI(t, 0, db, "report", "weekly", "-o", mdFile)
	// The two runs may straddle a minute: compare all but the generation time.
	if b, _ := os.ReadFile(mdFile); withoutGenerated(string(b)) != withoutGenerated(md) {
		t.Errorf("-o wrote other text than stdout")
	}
	checkMode(t, mdFile)

	for _, bad := range [][]string{
		{"--week", "2026-W99"}, {"--week", "yesterday"}, {"--format", "pdf"}, {"extra"}, {"--bogus"},
	} {
		if _, _, code := cli(t, db, append([]string{"report", "weekly"}, bad...)...); code != exitUsage {
			t.Errorf("report weekly %v: exit %d, want 2", bad, code)
		}
	}
}

func checkMode(t testing.TB, path string) {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("%s: mode %v, want 0600", path, st.Mode().Perm())
	}
}

func TestExport(t *testing.T) {
	db := tempDB(t)
	mustCLI(t, 0, db, "demo", "seed", "--enterprises", "20", "--visits", "60")
	counts := map[string]int{}
	withStore(t, db, func(r *store.Reader) {
		for _, typ := range render.ExportTypes() {
			counts[typ] = r.Count(typ)
		}
	})
	if counts["enterprise"] != 20 || counts["visit"] != 60 {
		t.Fatalf("seeded %v", counts)
	}

	// json round-trips every record.
	ds := decode[visits.Dataset](t, mustCLI(t, 0, db, "export"))
	got := map[string]int{"officer": len(ds.Officers), "enterprise": len(ds.Enterprises), "assignment": len(ds.Assignments),
		"visit": len(ds.Visits), "need": len(ds.Needs), "need_event": len(ds.Events), "followup": len(ds.FollowUps),
		"application": len(ds.Applications)}
	for typ, n := range counts {
		if got[typ] != n {
			t.Errorf("json export: %d %s records, want %d", got[typ], typ, n)
		}
	}

	dir := t.TempDir()
	jf := filepath.Join(dir, "all.json")
	mustCLI(t, 0, db, "export", "--format", "json", "-o", jf)
	checkMode(t, jf)
	b, _ := os.ReadFile(jf)
	if back := decode[visits.Dataset](t, string(b)); len(back.Visits) != counts["visit"] {
		t.Errorf("json file: %d visits", len(back.Visits))
	}

	// csv: one file per type, with -o DIR or -o FILE.
	listed := strings.Fields(mustCLI(t, 0, db, "export", "--format", "csv", "-o", dir))
	want := filepath.Join(dir, "liaison-export-visit.csv")
	if len(listed) != len(render.ExportTypes()) || !slices.Contains(listed, want) {
		t.Fatalf("csv files %v", listed)
	}
	vb, err := os.ReadFile(want)
	if err != nil {
		t.Fatal(err)
	}
	if lines := strings.Count(string(vb), "\n"); !bytes.HasPrefix(vb, []byte("\ufeff")) || lines != counts["visit"]+1 {
		t.Errorf("visit csv: %d lines, want %d", lines, counts["visit"]+1)
	}
	checkMode(t, want)
	listed = strings.Fields(mustCLI(t, 0, db, "export", "--format", "csv", "-o", filepath.Join(dir, "mine.csv")))
	if !slices.Contains(listed, filepath.Join(dir, "mine-enterprise.csv")) {
		t.Errorf("csv with -o FILE: %v", listed)
	}
	if _, _, code := cli(t, db, "export", "--format", "csv"); code != exitUsage {
		t.Errorf("csv without -o: exit %d, want 2", code)
	}

	// xlsx: one sheet per type.
	xf := filepath.Join(dir, "all.xlsx")
	mustCLI(t, 0, db, "export", "--format", "xlsx", "-o", xf)
	f, err := excelize.OpenFile(xf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if n := len(f.GetSheetList()); n != len(render.ExportTypes()) {
		t.Errorf("xlsx has %d sheets", n)
	}
	rows, _ := f.GetRows("enterprise")
	if len(rows) != counts["enterprise"]+1 {
		t.Errorf("enterprise sheet: %d rows", len(rows))
	}
}

// withoutGenerated drops the report's "generated at" line.
func withoutGenerated(md string) string {
	var keep []string
	for _, l := range strings.Split(md, "\n") {
		if !strings.Contains(l, "生成时间") && !strings.Contains(l, "Generated") {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}
