package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestImportGB18030CSV: a list saved by Excel on a Chinese Windows (GBK)
// is read, and the summary says how (before: "找不到表头行", exit 2).
func TestImportGB18030CSV(t *testing.T) {
	db := tempDB(t)
	utf := "单位名称,社会信用代码,街道\r\n甲公司,91350100M000100Y43,东岗街道\r\n"
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(utf)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "gbk.csv")
	if err := os.WriteFile(path, []byte(gbk), 0o600); err != nil {
		t.Fatal(err)
	}
	out := mustCLI(t, 0, db, "enterprise", "import", path)
	if !strings.Contains(out, "新建 1") || !strings.Contains(out, "GB18030") {
		t.Errorf("import output:\n%s", out)
	}
	if list := mustCLI(t, 0, db, "enterprise", "list"); !strings.Contains(list, "甲公司") {
		t.Errorf("list:\n%s", list)
	}
	js := mustCLI(t, 0, db, "enterprise", "import", path, "--json", "--dry-run")
	if !strings.Contains(js, `"encoding": "gb18030"`) {
		t.Errorf("--json:\n%s", js)
	}
}

// TestImportOutputBounded: thousands of refused rows and of unknown
// columns are summarised, not listed without end.
func TestImportOutputBounded(t *testing.T) {
	db := tempDB(t)
	var b strings.Builder
	b.WriteString("企业名称,统一社会信用代码")
	for i := range 900 {
		fmt.Fprintf(&b, ",未知列%d", i)
	}
	b.WriteString("\n")
	for i := range 5000 {
		fmt.Fprintf(&b, "企业%d,BAD%d\n", i, i)
	}
	path := filepath.Join(t.TempDir(), "bad.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	out, _, code := cli(t, db, "enterprise", "import", path)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(out, "…及另外 4900 行") || !strings.Contains(out, "…及另外 870 列") || len(out) > 30_000 {
		t.Errorf("output is %d bytes:\n%.3000s", len(out), out)
	}
}

// TestImportLimitRefused: a CSV of 1,000,000 columns is refused (exit 2)
// naming the limit, in both languages.
func TestImportLimitRefused(t *testing.T) {
	db := tempDB(t)
	path := filepath.Join(t.TempDir(), "wide.csv")
	if err := os.WriteFile(path, []byte(strings.Repeat("x,", 999_999)+"x\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, errs, code := cli(t, db, "enterprise", "import", path)
	if code != 2 || !strings.Contains(errs, "超过 1000 列的上限") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	_, errs, code = cli(t, db, "--lang", "en", "enterprise", "import", path)
	if code != 2 || !strings.Contains(errs, "limit of 1000 columns") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
}

// TestExportCreatesFolder: export -o newdir/file makes the missing folder
// 0700 (before: "no such file or directory").
func TestExportCreatesFolder(t *testing.T) {
	db := tempDB(t)
	mustCLI(t, 0, db, "enterprise", "add", "--name", "甲", "--uscc", "91350100M000100Y43")
	dir := filepath.Join(t.TempDir(), "new", "deeper")
	mustCLI(t, 0, db, "export", "-o", filepath.Join(dir, "all.json"))
	st, err := os.Stat(dir)
	if err != nil || st.Mode().Perm() != 0o700 {
		t.Fatalf("folder: %v %v", st, err)
	}
	if data, err := os.ReadFile(filepath.Join(dir, "all.json")); err != nil || !strings.Contains(string(data), "91350100M000100Y43") {
		t.Errorf("export: %v", err)
	}
	out := mustCLI(t, 0, db, "export", "--format", "csv", "-o", filepath.Join(t.TempDir(), "csvdir")+"/")
	if !strings.Contains(out, "liaison-export-enterprise.csv") {
		t.Errorf("csv export: %s", out)
	}
}
