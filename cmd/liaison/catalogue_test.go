package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/liaison-dev/liaison/tui"
)

// Every key the command line names is in the one catalogue (tui's test
// keeps its two languages complete and their format verbs alike).
func TestCliKeysInCatalogue(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	key := regexp.MustCompile(`"(cli\.[a-z0-9_.]+)"`)
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range key.FindAllStringSubmatch(string(src), -1) {
			if strings.HasSuffix(m[1], ".") { // a prefix completed at run time
				continue
			}
			n++
			if !tui.HasText(m[1]) {
				t.Errorf("%s uses %q, which the catalogue lacks", f, m[1])
			}
		}
	}
	for _, kind := range []string{"enterprise", "visit", "need", "followup"} {
		if !tui.HasText("cli.record." + kind) {
			t.Errorf("no name for record type %s", kind)
		}
	}
	for _, c := range cmdDocs {
		if top, _, _ := strings.Cut(c.path, " "); !isGroup(top) && !tui.HasText(c.short) {
			t.Errorf("%s: no text for %q", c.path, c.short)
		}
	}
	for name := range commands {
		if isGroup(name) && !tui.HasText("cli.group."+name) {
			t.Errorf("no text for the group %s", name)
		}
	}
	if n < 200 {
		t.Errorf("found only %d keys in the sources; the pattern is wrong", n)
	}
}

// quoted is data a message quotes: it stays as typed in either language.
var quoted = regexp.MustCompile(`"[^"\n]*"|“[^”\n]*”`)

// Every usage error (exit 2) speaks the language asked for: Chinese with
// --lang zh, English with --lang en (no Han outside quoted data).
func TestUsageErrorsInBothLanguages(t *testing.T) {
	db := tempDB(t)
	ent := strings.TrimSpace(mustCLI(t, 0, db, "enterprise", "add", "--name", "Acme", "--uscc", "91350100M000100Y43"))
	need := strings.TrimSpace(mustCLI(t, 0, db, "need", "add", "--enterprise", ent, "--category", "finance", "--severity", "general", "--title", "loan"))
	fu := strings.TrimSpace(mustCLI(t, 0, db, "followup", "add", "--enterprise", ent, "--due", "2030-01-01", "--action", "call"))
	mustCLI(t, 0, db, "followup", "done", fu)
	app := strings.TrimSpace(mustCLI(t, 0, db, "application", "add", "--enterprise", ent, "--kind", "hnte", "--year", "2026"))
	mustCLI(t, 0, db, "application", "step", app, "submitted", "--date", "2026-05-01")
	visit := []string{"visit", "add", "--enterprise", ent, "--occasion", "routine", "--method", "phone", "--summary", "x"}
	cases := [][]string{
		{"nosuch"},
		{"visit"},
		{"visit", "nosuch"},
		{"visit", "add", "--bogus"},
		{"visit", "add", "--summary"},
		{"visit", "add", "--occasion", "routine"},
		append(append([]string{}, visit...), "extra", "words"),
		append(append([]string{}, visit[:4]...), "--occasion", "nosuch", "--method", "phone", "--summary", "x"),
		append(append([]string{}, visit...), "--date", "2026-13-45"),
		{"visit", "show"},
		{"visit", "show", "nosuchid"},
		{"visit", "list", "extra"},
		{"enterprise", "show", "nosuchid"},
		{"enterprise", "add", "--name", "Other", "--uscc", "91350100M000100Y43"},
		{"enterprise", "import", "sheet.txt"},
		{"need", "list", "--status", "bogus"},
		{"need", "status", "nosuchid", "accepted"},
		{"need", "status", need, "closed"},
		{"need", "show"},
		{"need", "resolve"},
		{"followup", "done"},
		{"followup", "done", fu},
		{"report", "weekly", "--format", "doc"},
		{"report", "weekly", "--week", "2026-W99"},
		{"export", "--format", "doc"},
		{"backup"},
		{"restore"},
		{"calendar", "import"},
		{"completion", "tcsh"},
		{"demo", "seed", "--enterprises", "-1"},
		{"login", "--hq", "http://192.0.2.1"},
		{"login", "--hq", "https://127.0.0.1:1", "--ca", "x.pem", "--pin", "sha256:00"},
		{"login", "--hq", "https://127.0.0.1:1", "--pin", "nopin"},
		{"sync", "--wait", "-1s"},
		{"--sync-every", "bogus"},
		{"--remind-at", "25:99"},
		{"application", "add", "--enterprise", ent, "--kind", "prov", "--batch", "1"},
		{"application", "add", "--enterprise", ent, "--kind", "hnte", "--year", "1999"},
		{"application", "add", "--enterprise", ent, "--kind", "hnte", "--year", "2026"},
		{"application", "step", app, "planned"},
		{"application", "step", app, "approved", "--date", "2026-06-01"},
		{"application", "step", app, "review", "--certificate", "X"},
		{"application", "step", app, "bogus"},
		{"application", "show", "nosuchid"},
		{"enterprise", "set", ent, "--staff-total", "ten", "--rd-3y", "-1", "--private=maybe"},
		{"enterprise", "set", ent, "--staff-total", "5", "--staff-rd", "6"},
		{"enterprise", "set", "nosuchid", "--private"},
	}
	for _, args := range cases {
		_, zh, zcode := cli(t, db, append(args, "--lang", "zh")...)
		_, en, ecode := cli(t, db, append(args, "--lang", "en")...)
		name := "liaison " + strings.Join(args, " ")
		if zcode != exitUsage || ecode != exitUsage {
			t.Errorf("%s: exit %d (zh) and %d (en), want %d\n%s\n%s", name, zcode, ecode, exitUsage, zh, en)
			continue
		}
		if !hasHan(zh) {
			t.Errorf("%s --lang zh: no Chinese: %q", name, zh)
		}
		if hasHan(quoted.ReplaceAllString(en, "")) {
			t.Errorf("%s --lang en: Chinese in English mode: %q", name, en)
		}
	}
}
