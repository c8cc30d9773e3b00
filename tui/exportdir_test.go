package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/liaison-dev/liaison/visits"
)

func TestExportDir(t *testing.T) {
	home, data := t.TempDir(), t.TempDir()
	env := map[string]string{"HOME": home}
	getenv := func(k string) string { return env[k] }
	if got := exportDir(getenv, data); got != data {
		t.Errorf("no documents folder: %s, want the data folder %s", got, data)
	}
	docs := filepath.Join(home, "Documents")
	os.Mkdir(docs, 0o755)
	if got := exportDir(getenv, data); got != docs {
		t.Errorf("with ~/Documents: %s, want %s", got, docs)
	}
	os.MkdirAll(filepath.Join(home, ".config"), 0o755)
	os.WriteFile(filepath.Join(home, ".config", "user-dirs.dirs"),
		[]byte("# written by xdg-user-dirs-update\nXDG_DESKTOP_DIR=\"$HOME/桌面\"\nXDG_DOCUMENTS_DIR=\"$HOME/文档\"\n"), 0o644)
	if got := exportDir(getenv, data); got != docs {
		t.Errorf("XDG_DOCUMENTS_DIR names a folder that does not exist: %s, want %s", got, docs)
	}
	wen := filepath.Join(home, "文档")
	os.Mkdir(wen, 0o755)
	if got := exportDir(getenv, data); got != wen {
		t.Errorf("with XDG_DOCUMENTS_DIR: %s, want %s", got, wen)
	}
	os.WriteFile(filepath.Join(home, ".config", "user-dirs.dirs"), []byte("XDG_DOCUMENTS_DIR=\"$HOME/\"\n"), 0o644)
	if got := exportDir(getenv, data); got != docs {
		t.Errorf("XDG_DOCUMENTS_DIR switched off ($HOME): %s, want %s", got, docs)
	}
	env["LIAISON_EXPORT_DIR"] = "out"
	if got := exportDir(getenv, data); !filepath.IsAbs(got) || filepath.Base(got) != "out" {
		t.Errorf("LIAISON_EXPORT_DIR=out: %s, want it made absolute", got)
	}
}

// A report exported from the TUI lands in the configured folder (not the
// working folder) and the status line says the whole path.
func TestReportExportSaysWhere(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "exports")
	t.Setenv("LIAISON_EXPORT_DIR", dir)
	m := New(Options{Store: fixture(t, 10, 50), Lang: visits.ZH, Now: func() time.Time { return fixedNow }})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 30})
	run(m, m.Init())
	press(m, "6", "m")
	path := filepath.Join(dir, "report-2026-W48.md")
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("the export is not in LIAISON_EXPORT_DIR: %v", err)
	}
	lines := strings.Split(m.View(), "\n")
	if last := lines[len(lines)-1]; !strings.Contains(last, path) {
		t.Errorf("the status line does not say %s: %q", path, last)
	}
}
