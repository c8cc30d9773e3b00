package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// hostile are texts that drive a terminal: the clipboard (OSC 52), the
// window title (OSC 0), the cursor (CSI, 7-bit and C1), a C1 OSC, and a
// right-to-left override that disguises what is shown.
var hostile = []struct{ name, text, mark string }{
	{"OSC 52", "甲\x1b]52;c;ZXZpbA==\x07公司", "52;c"},
	{"OSC 0", "乙\x1b]0;pwned\x1b\\公司", "0;pwned"},
	{"CSI", "丙\x1b[2J\x1b[31m公司", "[2J"},
	{"C1 CSI", "丁\u009b2J公司", "\u009b"},
	{"C1 OSC", "戊\u009d0;title\u009c公司", "0;title"},
	{"RLO", "己\u202egnp.exe公司", "\u202e"},
	{"unterminated OSC", "庚\x1b]0;no end", "\x1b"},
}

// seedHostile stores, as if another laptop's sync had brought them, one
// enterprise, visit, need and follow-up per hostile text.
func seedHostile(t *testing.T, db string) {
	t.Helper()
	s, err := (&env{g: global{db: db}}).store()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	now := time.Now().UTC()
	var recs []visits.Record
	for i, h := range hostile {
		meta := func() visits.Meta {
			return visits.Meta{ID: store.NewID(), CreatedAt: now, CreatedBy: "li", UpdatedAt: now}
		}
		ent := &visits.Enterprise{Meta: meta(), Name: h.text, Street: h.text, Stage: "apply"}
		_ = i
		recs = append(recs, ent,
			&visits.Visit{Meta: meta(), EnterpriseID: ent.ID, At: now, Occasion: "routine", Method: "on_site", Summary: h.text},
			&visits.Need{Meta: meta(), EnterpriseID: ent.ID, Category: "finance", Severity: "general", Title: h.text,
				Description: h.text, Status: "registered", RegisteredAt: now},
			&visits.FollowUp{Meta: meta(), EnterpriseID: ent.ID, Action: h.text, Due: visits.DateOf(now), Status: "open"})
	}
	if err := s.Seed(recs); err != nil {
		t.Fatal(err)
	}
}

// unsafe reports the first terminal control in s, if any: ESC, C0 other
// than LF/CR/TAB, DEL, C1, bidi overrides and isolates, LS/PS.
func unsafe(s string) (rune, bool) {
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0),
			r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x2028, r == 0x2029:
			return r, true
		}
	}
	return 0, false
}

// Every text output that can reach a terminal is escape-safe: a hostile
// enterprise name synced from another laptop must not set the title or
// write the clipboard of whoever runs a list or the weekly report. Report
// files in text formats are clean too; --json escapes C1 and bidi
// controls (encoding/json already escapes C0).
func TestOutputIsEscapeSafe(t *testing.T) {
	db := tempDB(t)
	seedHostile(t, db)
	dir := t.TempDir()
	cmds := [][]string{
		{"enterprise", "list"},
		{"visit", "list"},
		{"need", "list"},
		{"followup", "list"},
		{"report", "weekly"},
		{"report", "weekly", "--format", "md"},
		{"report", "weekly", "--format", "csv"},
		{"report", "weekly", "--format", "json"},
		{"export", "--format", "json"},
		{"enterprise", "list", "--json"},
		{"visit", "list", "--json"},
		{"need", "list", "--json"},
		{"followup", "list", "--json"},
		{"report", "weekly", "--lang", "en"},
	}
	for _, args := range cmds {
		out := mustCLI(t, 0, db, args...)
		if r, bad := unsafe(out); bad {
			t.Errorf("liaison %s writes U+%04X raw", strings.Join(args, " "), r)
		}
		if strings.Contains(strings.Join(args, " "), "json") && !strings.Contains(args[len(args)-1], "en") {
			if !json.Valid([]byte(out)) {
				t.Errorf("liaison %s: not valid JSON after escaping", strings.Join(args, " "))
			}
		}
	}
	// The JSON still carries the text, escaped, and decodes to it.
	list := decode[[]enterpriseView](t, mustCLI(t, 0, db, "enterprise", "list", "--json"))
	got := map[string]bool{}
	for _, e := range list {
		got[e.Name] = true
	}
	for _, h := range hostile {
		if !got[h.text] {
			t.Errorf("%s: --json lost the stored text %q", h.name, h.text)
		}
	}
	// Report files in text formats hold no escape sequence either.
	for _, f := range []string{"md", "csv"} {
		path := filepath.Join(dir, "r."+f)
		mustCLI(t, 0, db, "report", "weekly", "--format", f, "-o", path)
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if r, bad := unsafe(string(raw)); bad {
			t.Errorf("report -o %s holds U+%04X", path, r)
		}
		if f == "csv" && !bytes.Contains(raw, []byte("\r\n")) {
			t.Errorf("the CSV lost its CR LF line ends")
		}
		if !strings.Contains(string(raw), "甲公司") {
			t.Errorf("report -o %s lost the name around the escape:\n%s", path, raw)
		}
	}
}

// An error message that quotes stored text (a duplicate USCC names the
// enterprise that has it) is escape-safe on stderr too.
func TestErrorMessagesAreEscapeSafe(t *testing.T) {
	db := tempDB(t)
	mustCLI(t, 0, db, "enterprise", "add", "--uscc", "91350100M000100Y43", "--name", "甲\x1b]52;c;ZXZpbA==\x07公司\u202e")
	_, errs, code := cli(t, db, "enterprise", "add", "--uscc", "91350100M000100Y43", "--name", "乙公司")
	if code != exitUsage || !strings.Contains(errs, "甲公司") {
		t.Fatalf("duplicate USCC: exit %d, %q", code, errs)
	}
	if r, bad := unsafe(errs); bad {
		t.Errorf("stderr holds U+%04X: %q", r, errs)
	}
}
