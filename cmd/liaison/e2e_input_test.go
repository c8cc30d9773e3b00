package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// longTyped is n characters of Chinese, full-width punctuation and emoji
// (with a joiner and skin tone), no leading or trailing space: 3- and
// 4-byte characters in an order that puts every possible cut on some
// 256-byte read boundary.
func longTyped(n int) string {
	pieces := []string{"企业反映", "“融资难”", "——", "需对接银行", "……", "😀", "👍🏽", "👩‍💻", "，", "𠀀", "。", "é"}
	var b strings.Builder
	for i, c := 0, 0; c < n; i++ {
		for _, r := range pieces[i%len(pieces)] {
			if c == n {
				break
			}
			b.WriteRune(r)
			c++
		}
	}
	return b.String()
}

// TestEndToEndLongTextInTmux types 2,000 characters with `send-keys -l`
// (as a paste arrives without bracketed paste: one stream of bytes, read
// 256 at a time) into a visit's 走访内容 and a need's 具体描述 in the real
// binary, saves both, and finds them byte for byte in the store. Before
// the whole-character input reader one character was lost at every
// 256-byte read. Then 企业 is filtered by typing, without / first.
func TestEndToEndLongTextInTmux(t *testing.T) {
	tmuxPath, err := exec.LookPath("tmux")
	if err != nil {
		t.Skip("tmux is not installed: this test drives the real binary in tmux (CI installs it)")
	}
	summary, desc := longTyped(2000), string([]rune(longTyped(2005))[5:])
	if utf8.RuneCountInString(summary) != 2000 || utf8.RuneCountInString(desc) != 2000 {
		t.Fatal("the texts are not 2,000 characters")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "liaison")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	db := filepath.Join(dir, "data", "liaison.db")
	tm := &tmux{t: t, path: tmuxPath, socket: fmt.Sprintf("liaison-e2e-input-%d", os.Getpid())}
	t.Cleanup(tm.kill)
	tm.run("-f", "/dev/null", "new-session", "-d", "-x", "100", "-y", "30", "-e", "LANG=C.UTF-8",
		"-e", "LIAISON_REMIND_AT=off", "sh") // the day's-end reminder (17:30) is not under test here
	tm.waitPrompt()
	errFile := filepath.Join(dir, "stderr.txt")
	t.Cleanup(func() {
		if b, _ := os.ReadFile(errFile); t.Failed() && len(b) > 0 {
			t.Logf("stderr of liaison:\n%s", b)
		}
	})
	tm.keys(fmt.Sprintf("%q --db %q 2>>%q; echo exit=$?", bin, db, errFile), "Enter")
	tm.wait("应走访")
	tm.keys("2")
	tm.wait("企业名称")
	tm.keys("a")
	tm.wait("新增企业")
	tm.literal("兰州长文光电科技有限公司")
	tm.keys("C-o")
	tm.wait("企业已保存")

	// The visit: people met, then the summary.
	tm.keys("n")
	tm.wait("走访事由") // the form's field: the footer says "n 新建走访" too
	tm.literal("李经理")
	tm.keys("Down")
	tm.literal(summary)
	tm.keys("C-o")
	tm.wait("走访已保存")

	// The need, from the enterprise's detail: category, severity, title,
	// then the description.
	tm.keys("Enter")
	tm.wait("概况")
	tm.keys("r")
	tm.wait("新建诉求")
	tm.keys("Right", "Down", "Down") // the first category
	tm.literal("长文诉求")
	tm.keys("Down")
	tm.literal(desc)
	tm.keys("C-o")
	tm.wait("诉求已登记")

	// 企业 filters as you type, no / first: a name that matches nothing
	// empties the table, the pinyin initials find the enterprise again.
	tm.keys("2")
	tm.wait("1 / 1 家")
	tm.literal("陇原")
	tm.wait("0 / 1 家")
	tm.keys("Escape")
	tm.wait("1 / 1 家")
	tm.literal("lzcw")
	tm.wait("筛选：lzcw")
	tm.keys("Enter", "q")
	tm.wait("exit=0")

	out, err := exec.Command(bin, "--db", db, "visit", "list", "--json").Output()
	if err != nil {
		t.Fatalf("visit list: %v", err)
	}
	var vs []struct {
		Summary string `json:"summary"`
	}
	if err := json.Unmarshal(out, &vs); err != nil || len(vs) != 1 {
		t.Fatalf("visit list --json: %v\n%.300s", err, out)
	}
	sameText(t, "the visit's summary", vs[0].Summary, summary)

	out, err = exec.Command(bin, "--db", db, "need", "list", "--json").Output()
	if err != nil {
		t.Fatalf("need list: %v", err)
	}
	var ns []struct {
		Title       string `json:"title"`
		Description string `json:"description"`
	}
	if err := json.Unmarshal(out, &ns); err != nil || len(ns) != 1 || ns[0].Title != "长文诉求" {
		t.Fatalf("need list --json: %v\n%.300s", err, out)
	}
	sameText(t, "the need's description", ns[0].Description, desc)
}

// sameText compares byte for byte and says where the first difference is.
func sameText(t *testing.T, what, got, want string) {
	t.Helper()
	if got == want {
		return
	}
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	t.Errorf("%s: %d characters (%d bytes) stored of %d (%d bytes); first difference at byte %d: %q, want %q",
		what, utf8.RuneCountInString(got), len(got), utf8.RuneCountInString(want), len(want), i,
		got[i:min(len(got), i+12)], want[i:min(len(want), i+12)])
}
