package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// liaison-hq speaks the operator's language from the one catalogue:
// Chinese unless --lang en, for bad usage (exit 2, with the usage text in
// the same language) and for an import's summary.
func TestHQSpeaksTheOperatorsLanguage(t *testing.T) {
	bin := hqBinary(t)
	db := filepath.Join(t.TempDir(), "hq.db")
	for _, c := range []struct {
		lang, words, usage string
	}{
		{"zh", "officer add 需要 --id、--name 和 --role", "全局参数"},
		{"en", "officer add needs --id, --name and --role", "Global flags"},
	} {
		_, errs, code := runBin(t, bin, db, "officer", "add", "--id", "x", "--lang", c.lang)
		if code != 2 || !strings.HasPrefix(errs, "liaison-hq: "+c.words) || !strings.Contains(errs, c.usage) {
			t.Errorf("--lang %s: exit %d %q, want 2 saying %q and the usage", c.lang, code, errs, c.words)
		}
	}
	_, errs, code := runBin(t, bin, db, "nonsense")
	if code != 2 || !strings.Contains(errs, `未知命令 "nonsense"`) {
		t.Errorf("an unknown command: exit %d %q, want 2 in Chinese", code, errs)
	}
	if out, _, code := runBin(t, bin, db, "help"); code != 0 || !strings.HasPrefix(out, "liaison-hq：HQ 参考服务端") {
		t.Errorf("help: exit %d %.80q, want the Chinese usage", code, out)
	}
}
