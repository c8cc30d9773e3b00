package main

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// columnStarts returns the display column at which each cell of a table
// line starts (cells are two or more spaces apart).
func columnStarts(line string) []int {
	var starts []int
	col, spaces := 0, 0
	for i, r := range line {
		if r == ' ' {
			spaces++
		} else {
			if i == 0 || spaces >= 2 {
				starts = append(starts, col)
			}
			spaces = 0
		}
		col += ansi.StringWidth(string(r))
	}
	return starts
}

// Tables align by display width (a Chinese character is two columns),
// cut long cells with "…" and keep the whole text for show and --json;
// visit list names the enterprise.
func TestTablesAlignByDisplayWidth(t *testing.T) {
	db := tempDB(t)
	long := strings.Repeat("企业反映融资难需对接银行", 2000) // 24,000 characters
	var first string
	usccs := []string{"91350100M000100Y43", "91310115MA1K4A001D", "91310115MA1K4A002G", "91310115MA1K4A003K"}
	for i, name := range []string{"甲", "兰州陇原智能装备科技有限公司", "ACME Ltd", "乙😀公司"} {
		id := strings.TrimSpace(mustCLI(t, 0, db, "enterprise", "add", "--name", name, "--street", "城关街道", "--uscc", usccs[i]))
		if first == "" {
			first = id
		}
		mustCLI(t, 0, db, "visit", "add", "--enterprise", id, "--occasion", "routine", "--method", "phone", "--summary", "了解情况")
		mustCLI(t, 0, db, "need", "add", "--enterprise", id, "--category", "finance", "--severity", "general", "--title", name+"的贷款")
		mustCLI(t, 0, db, "followup", "add", "--enterprise", id, "--due", "2030-01-01", "--action", name+"回访")
	}
	v := strings.TrimSpace(mustCLI(t, 0, db, "visit", "add", "--enterprise", first, "--occasion", "routine", "--method", "on_site", "--summary", long))
	for _, args := range [][]string{
		{"enterprise", "list"}, {"visit", "list"}, {"need", "list"}, {"followup", "list"},
		{"enterprise", "list", "--lang", "en"}, {"visit", "list", "--lang", "en"}, {"status"}, {"visit", "show", v},
	} {
		out := mustCLI(t, 0, db, args...)
		lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
		want := columnStarts(lines[0])
		for _, l := range lines[1:] {
			got := columnStarts(l)
			for i := 1; i < min(len(got), len(want)); i++ {
				if got[i] != want[i] {
					t.Errorf("liaison %s: column %d starts at %d, not %d as in the first line:\n%s\n%s",
						strings.Join(args, " "), i, got[i], want[i], lines[0], l)
					break
				}
			}
		}
		if len(args) < 2 || args[1] != "show" {
			for _, l := range lines {
				if w := ansi.StringWidth(l); w > 250 {
					t.Errorf("liaison %s: a line %d columns wide", strings.Join(args, " "), w)
				}
			}
		}
	}
	list := mustCLI(t, 0, db, "visit", "list")
	if !strings.Contains(list, "兰州陇原智能装备科技有限公司") || !strings.Contains(list, "…") {
		t.Errorf("visit list names no enterprise or cuts no summary:\n%s", list)
	}
	for _, args := range [][]string{{"need", "list"}, {"followup", "list"}} {
		if out := mustCLI(t, 0, db, args...); !strings.Contains(out, "兰州陇原智能装备科技有限公司  ") {
			t.Errorf("liaison %s names no enterprise:\n%s", strings.Join(args, " "), out)
		}
	}
	if show := mustCLI(t, 0, db, "visit", "show", v); !strings.Contains(show, long) {
		t.Error("visit show does not print the whole summary")
	}
	if js := decode[[]struct{ Summary string }](t, mustCLI(t, 0, db, "visit", "list", "--json")); js[0].Summary != long {
		t.Error("visit list --json does not hold the whole summary")
	}
}

// A table cleans every cell itself, so a caller that forgets (an id, a
// code from another laptop) cannot let an escape through.
func TestTableCleansEveryCell(t *testing.T) {
	var b strings.Builder
	tw := &tableWriter{w: &b, maxCell: listCellWidth}
	tw.Write([]byte("id\x1b]0;x\x07\tcode\u009b2J\tname\u202e\n"))
	if err := tw.Flush(); err != nil {
		t.Fatal(err)
	}
	if r, bad := unsafe(b.String()); bad {
		t.Errorf("table printed U+%04X: %q", r, b.String())
	}
}
