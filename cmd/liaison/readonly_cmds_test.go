package main

import (
	"crypto/sha256"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/liaison-dev/liaison/store"
)

// TestEveryCommandMarked: each command says whether it reads or writes
// the database, so a new command cannot open it the wrong way unnoticed.
func TestEveryCommandMarked(t *testing.T) {
	paths := map[string]bool{completeCmd: true}
	for _, d := range cmdDocs {
		paths[d.path] = true
	}
	for name, c := range commands {
		if c.sub == nil {
			paths[name] = true
		}
		for sub := range c.sub {
			paths[name+" "+sub] = true
		}
	}
	for p := range paths {
		if _, ok := cmdAccess[p]; !ok {
			t.Errorf("command %q is not marked in cmdAccess (reads, writes or noDB)", p)
		}
	}
	for p := range cmdAccess {
		if !paths[p] {
			t.Errorf("cmdAccess marks %q, which is no command", p)
		}
	}
}

func sumFile(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// readDB is a database with one of each record, and the read commands
// to run on it.
func readDB(t *testing.T) (string, [][]string) {
	t.Helper()
	db := tempDB(t)
	ent := strings.TrimSpace(mustCLI(t, 0, db, "enterprise", "add", "--name", "只读企业", "--uscc", "91350100M000100Y43"))
	visit := strings.TrimSpace(mustCLI(t, 0, db, "visit", "add", "--enterprise", ent, "--occasion", "routine", "--method", "on_site", "--summary", "走访"))
	need := strings.TrimSpace(mustCLI(t, 0, db, "need", "add", "--enterprise", ent, "--category", "finance", "--severity", "general", "--title", "贷款"))
	mustCLI(t, 0, db, "followup", "add", "--enterprise", ent, "--due", "2030-01-01", "--action", "联系")
	app := strings.TrimSpace(mustCLI(t, 0, db, "application", "add", "--enterprise", ent, "--kind", "hnte", "--year", "2026"))
	out := t.TempDir()
	var cmds [][]string
	for _, c := range [][]string{
		{"enterprise", "list"}, {"enterprise", "list", "--json"}, {"enterprise", "show", ent},
		{"visit", "list"}, {"visit", "list", "--enterprise", ent, "--json"}, {"visit", "show", visit},
		{"need", "list"}, {"need", "show", need}, {"need", "conflicts"},
		{"followup", "list"}, {"status"}, {"status", "--json"}, {"check"},
		{"report", "weekly"}, {"report", "weekly", "--format", "xlsx", "-o", filepath.Join(out, "w.xlsx")},
		{"export", "-o", filepath.Join(out, "all.json")}, {"export", "--format", "csv", "-o", filepath.Join(out, "csv")},
		{"calendar", "show"}, {"backup", filepath.Join(out, "b.db")},
		{"application", "list"}, {"application", "list", "--json"}, {"application", "show", app},
		{completeCmd, "visit", "add", "--enterprise", ""},
	} {
		cmds = append(cmds, c)
	}
	return db, cmds
}

// TestReadCommandsLeaveFileIdentical: the database file's sha256 is the
// same before and after each read-only command (before: every command
// opened it with a write transaction, and the checksum changed); every
// command marked read-only is run.
func TestReadCommandsLeaveFileIdentical(t *testing.T) {
	// A database that does not exist yet is created, as before: the one
	// write a read command's open may need.
	fresh := tempDB(t)
	mustCLI(t, 0, fresh, "status")
	if s, err := store.Open(fresh, store.Options{ReadOnly: true}); err != nil {
		t.Fatalf("status did not create a current database: %v", err)
	} else {
		s.Close()
	}
	db, cmds := readDB(t)
	seen := map[string]bool{}
	for _, args := range cmds {
		before := sumFile(t, db)
		mustCLI(t, 0, db, args...)
		if sumFile(t, db) != before {
			t.Errorf("liaison %s changed the database file", strings.Join(args, " "))
		}
		seen[args[0]] = true
		if len(args) > 1 {
			seen[args[0]+" "+args[1]] = true
		}
	}
	var untested []string
	for p, a := range cmdAccess {
		if a == reads && !seen[p] {
			untested = append(untested, p)
		}
	}
	sort.Strings(untested)
	if len(untested) > 0 {
		t.Errorf("read-only commands this test does not run: %v", untested)
	}
}

// TestReadCommandsAtOnce: while a reader holds the database (a shared
// lock, as another read command would), real liaison processes run read
// commands side by side (before: each wanted the exclusive lock and said
// "in use" after a second); a writing command still gets "database in
// use", and runs once the readers are gone.
func TestReadCommandsAtOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildCLI(t)
	db, cmds := readDB(t)
	held, err := store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	before := sumFile(t, db)
	// Two at a time, as real processes.
	for i := 0; i+1 < len(cmds); i += 2 {
		var procs [2]*exec.Cmd
		var outs [2]strings.Builder
		for j := range procs {
			procs[j] = exec.Command(bin, append([]string{"--db", db}, cmds[i+j]...)...)
			procs[j].Stdout, procs[j].Stderr = &outs[j], &outs[j]
			if err := procs[j].Start(); err != nil {
				t.Fatal(err)
			}
		}
		for j, p := range procs {
			if err := p.Wait(); err != nil {
				t.Errorf("liaison %s beside a reader: %v\n%s", strings.Join(cmds[i+j], " "), err, outs[j].String())
			}
		}
	}
	out, err := exec.Command(bin, "--db", db, "visit", "add", "--enterprise", "91350100M000100Y43",
		"--occasion", "routine", "--method", "on_site", "--summary", "写").CombinedOutput()
	if err == nil || !strings.Contains(string(out), "正被另一个 liaison 进程使用") {
		t.Errorf("a write beside a reader: %v %s, want database in use", err, out)
	}
	held.Close()
	if sumFile(t, db) != before {
		t.Error("the readers changed the database file")
	}
	if out, err := exec.Command(bin, "--db", db, "visit", "add", "--enterprise", "91350100M000100Y43",
		"--occasion", "routine", "--method", "on_site", "--summary", "写").CombinedOutput(); err != nil {
		t.Errorf("a write after the readers: %v %s", err, out)
	}
}
