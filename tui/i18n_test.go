package tui

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Both catalogues have the same keys, and every key the code asks for.
func TestCataloguesComplete(t *testing.T) {
	zh, en := catalogZH(), catalogEN()
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
	used := regexp.MustCompile(`"((?:tab|key|hint|today|due|status|chart|ent|list|detail|profile|readiness|form|draft|needs|need|fu|sync|report|cmd|help|palette)\.[a-z_.]+|loading|error|exported|too_small|confirm_quit)"`)
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
