package tui

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/liaison-dev/liaison/visits"
)

// Both catalogues have the same keys, and every key the code asks for.
func TestCataloguesComplete(t *testing.T) {
	zh, en := catalogFor(visits.ZH), catalogFor(visits.EN)
	for k := range zh {
		if _, ok := en[k]; !ok {
			t.Errorf("%q is in the Chinese catalogue but not the English one", k)
		}
	}
	for k := range en {
		if _, ok := zh[k]; !ok {
			t.Errorf("%q is in the English catalogue but not the Chinese one", k)
		}
	}
	used := regexp.MustCompile(`"((?:tab|key|hint|today|due|status|chart|ent|list|detail|profile|readiness|form|draft|needs|need|fu|sync|report|cmd|help|palette|plan|app)\.[a-z_.]+|loading|error|exported|too_small|confirm_quit)"`)
	files, _ := filepath.Glob("*.go")
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || strings.HasPrefix(f, "i18n_") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range used.FindAllStringSubmatch(string(src), -1) {
			k := m[1]
			if strings.HasSuffix(k, ".") { // a prefix completed with a code
				continue
			}
			if _, ok := zh[k]; !ok {
				t.Errorf("%s uses %q, which the catalogues lack", f, k)
			}
		}
	}
	for _, l := range []string{"hnte_expiring", "prov_not_hnte", "failed_renewal"} {
		if _, ok := zh["list.short."+l]; !ok {
			t.Errorf("no short label for list %s", l)
		}
	}
}

// The chrome keeps ambiguous-width punctuation out: some Chinese terminals
// draw it two cells wide.
func TestCatalogueAvoidsAmbiguousPunctuation(t *testing.T) {
	for k, v := range catalogZH() {
		if strings.ContainsAny(v, "“”…—") {
			t.Errorf("%s: %q contains quotes, dashes or ellipses", k, v)
		}
	}
}

// The command line's keys and the UI's are apart, so merging loses none.
func TestCliKeysApart(t *testing.T) {
	for _, c := range []struct{ ui, cli catalog }{{catalogZH(), cliZH()}, {catalogEN(), cliEN()}} {
		for k := range c.cli {
			if !strings.HasPrefix(k, "cli.") {
				t.Errorf("command-line key %q does not start with cli.", k)
			}
			if _, ok := c.ui[k]; ok {
				t.Errorf("%q is both a UI key and a command-line key", k)
			}
		}
		for k := range c.ui {
			if strings.HasPrefix(k, "cli.") {
				t.Errorf("UI key %q starts with cli.", k)
			}
		}
	}
}

var verbRE = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d*)?([a-zA-Z%])`)

// verbs maps each argument a format uses (1-based) to its kind: text
// (s, q, v), integer (d) or number (f, g).
func verbs(format string) map[int]string {
	out := map[int]string{}
	next := 1
	for _, m := range verbRE.FindAllStringSubmatch(format, -1) {
		if m[3] == "%" {
			continue
		}
		if m[1] != "" {
			next, _ = strconv.Atoi(m[1][1 : len(m[1])-1])
		}
		kind := m[3]
		switch kind {
		case "s", "q", "v":
			kind = "text"
		case "f", "g", "e":
			kind = "number"
		}
		out[next] = kind
		next++
	}
	return out
}

// A text takes the same arguments, of the same kinds, in both languages
// (the order may differ: %[2]s), so one call formats either.
func TestCatalogueVerbsMatch(t *testing.T) {
	zh, en := catalogFor(visits.ZH), catalogFor(visits.EN)
	for k, z := range zh {
		e, ok := en[k]
		if !ok {
			continue // TestCataloguesComplete says so
		}
		if vz, ve := verbs(z), verbs(e); !reflect.DeepEqual(vz, ve) {
			t.Errorf("%s: the Chinese takes %v, the English %v\n  %q\n  %q", k, vz, ve, z, e)
		}
	}
	if got := verbs("%[2]s of %[1]q, %[3]d %.1f%%"); !reflect.DeepEqual(got, map[int]string{1: "text", 2: "text", 3: "d", 4: "number"}) {
		t.Fatalf("verbs reads formats wrong: %v", got)
	}
}

// Text says a key in the language asked, renders Localized arguments in
// that language, and a Message reads in Chinese as an error.
func TestTextAndMessage(t *testing.T) {
	arg := TextFunc(func(l visits.Lang) string { return string(l) })
	if got := Text(visits.EN, "cli.err.not_found", arg, "x1"); got != `no en with id "x1"` {
		t.Errorf("English: %q", got)
	}
	if got := Text(visits.ZH, "cli.err.not_found", arg, "x1"); got != "找不到 ID 为“x1”的zh" {
		t.Errorf("Chinese: %q", got)
	}
	m := Msg("cli.err.not_found", arg, "x1")
	if m.Error() != m.Text(visits.ZH) || m.Text(visits.EN) == m.Text(visits.ZH) {
		t.Errorf("Message: %q / %q", m.Error(), m.Text(visits.EN))
	}
	if !HasText("cli.err.not_found") || HasText("cli.no.such.key") || Text(visits.EN, "cli.no.such.key") != "cli.no.such.key" {
		t.Error("HasText or the fallback to the key is wrong")
	}
}
