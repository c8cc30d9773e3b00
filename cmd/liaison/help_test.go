package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/liaison-dev/liaison/visits"
)

// Every command and subcommand answers -h and --help with exit 0: its
// usage, its flags, and for each code flag every valid code with its
// label.
func TestEveryCommandAnswersHelp(t *testing.T) {
	db := tempDB(t)
	for _, d := range cmdDocs {
		for _, h := range []string{"--help", "-h"} {
			for _, lang := range []visits.Lang{visits.ZH, visits.EN} {
				args := append(strings.Fields(d.path), h, "--lang", string(lang))
				out, errs, code := cli(t, db, args...)
				if code != 0 || errs != "" {
					t.Errorf("liaison %s: exit %d, stderr %q", strings.Join(args, " "), code, errs)
					continue
				}
				if !strings.Contains(out, "liaison "+d.path) {
					t.Errorf("liaison %s: no usage line:\n%s", strings.Join(args, " "), out)
				}
				fs := (&env{g: global{lang: lang}}).flagSetOf(d.path)
				if fs == nil {
					t.Fatalf("no flags for %s", d.path)
				}
				for _, f := range orderedFlags(d, fs) {
					if !strings.Contains(out, "-"+f.Name) {
						t.Errorf("liaison %s: flag --%s not described", strings.Join(args, " "), f.Name)
					}
					if cf, ok := codeFlags[f.Name]; ok {
						for _, term := range visits.Terms(cf.kind) {
							if !strings.Contains(out, term.Code) || !strings.Contains(out, term.Label(lang)) {
								t.Errorf("liaison %s: code %s (%s) of --%s not listed", strings.Join(args, " "), term.Code, term.Label(lang), f.Name)
							}
						}
					}
				}
			}
		}
	}
	// The store was never opened for help: no database was created.
	if _, err := os.Stat(db); err == nil {
		t.Error("--help created the database")
	}
}

// The top level lists every command the program dispatches and points to
// no source path; a group answers --help with its subcommands; --version
// says the version and commit.
func TestTopLevelHelpAndVersion(t *testing.T) {
	db := tempDB(t)
	var paths []string
	for name, c := range commands {
		if c.sub == nil {
			paths = append(paths, name)
			continue
		}
		for sub := range c.sub {
			paths = append(paths, name+" "+sub)
		}
	}
	paths = append(paths, "completion")
	sort.Strings(paths)
	var documented []string
	for _, d := range cmdDocs {
		documented = append(documented, d.path)
	}
	sort.Strings(documented)
	if strings.Join(paths, ",") != strings.Join(documented, ",") {
		t.Errorf("commands and their docs differ:\n dispatched %v\n documented %v", paths, documented)
	}
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}, {"--help", "--lang", "en"}} {
		out := mustCLI(t, 0, db, args...)
		for _, p := range paths {
			if !strings.Contains(out, "liaison "+p) {
				t.Errorf("liaison %s does not list %q", strings.Join(args, " "), p)
			}
		}
		if strings.Contains(out, "docs/") || strings.Contains(out, ".md") {
			t.Errorf("liaison %s points to a source path:\n%s", strings.Join(args, " "), out)
		}
	}
	for _, g := range []string{"enterprise", "visit", "need", "followup", "report", "demo", "calendar"} {
		out := mustCLI(t, 0, db, g, "--help")
		for _, d := range cmdDocs {
			if strings.HasPrefix(d.path, g+" ") && !strings.Contains(out, d.path) {
				t.Errorf("liaison %s --help does not list %s", g, d.path)
			}
		}
	}
	if out := mustCLI(t, 0, db, "help", "visit", "add"); !strings.Contains(out, "--occasion") {
		t.Errorf("liaison help visit add:\n%s", out)
	}
	for _, args := range [][]string{{"--version"}, {"version"}} {
		if out := mustCLI(t, 0, db, args...); !strings.HasPrefix(out, "liaison ") || !strings.Contains(out, "commit ") {
			t.Errorf("liaison %s: %q", strings.Join(args, " "), out)
		}
	}
}

// The version and commit come from the build: -ldflags sets the version,
// the VCS stamp the commit.
func TestVersionFromBuild(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "liaison")
	if out, err := exec.Command("go", "build", "-buildvcs=true", "-ldflags", "-X main.version=9.8.7", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "--version").Output()
	if err != nil {
		t.Fatal(err)
	}
	fields := strings.Fields(string(out))
	if len(fields) < 4 || fields[1] != "9.8.7" || fields[2] != "commit" {
		t.Fatalf("--version: %q, want liaison 9.8.7 commit HASH", out)
	}
	// The commit is one of this repository's (others may have committed
	// since the build, so it need not be HEAD).
	hash := strings.TrimSuffix(fields[3], "+dirty")
	if err := exec.Command("git", "rev-parse", "--verify", "--quiet", hash+"^{commit}").Run(); err != nil {
		t.Errorf("--version names commit %q, which is not in this repository", hash)
	}
}
