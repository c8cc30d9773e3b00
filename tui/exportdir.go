package tui

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
)

// exportDir is where the UI writes exports when Options.OutDir is not
// set: LIAISON_EXPORT_DIR if set; else the user's documents folder
// (XDG_DOCUMENTS_DIR from user-dirs.dirs, or ~/Documents, if it exists);
// else the folder of the database. Never the working folder, which for a
// program started from a menu is anywhere. The result is absolute, so the
// status line can say exactly where a file went.
func exportDir(getenv func(string) string, dataDir string) string {
	abs := func(p string) string {
		if a, err := filepath.Abs(p); err == nil {
			return a
		}
		return p
	}
	if d := getenv("LIAISON_EXPORT_DIR"); d != "" {
		return abs(d)
	}
	home := getenv("HOME")
	if home != "" {
		config := getenv("XDG_CONFIG_HOME")
		if config == "" {
			config = filepath.Join(home, ".config")
		}
		if d := xdgDocuments(filepath.Join(config, "user-dirs.dirs"), home); d != "" && isDir(d) {
			return abs(d)
		}
		if d := filepath.Join(home, "Documents"); isDir(d) {
			return d
		}
	}
	return abs(dataDir)
}

// xdgDocuments reads XDG_DOCUMENTS_DIR from a user-dirs.dirs file (lines
// like XDG_DOCUMENTS_DIR="$HOME/文档"). A value of $HOME itself means the
// folder is switched off, as xdg-user-dirs says.
func xdgDocuments(file, home string) string {
	f, err := os.Open(file)
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, val, ok := strings.Cut(strings.TrimSpace(sc.Text()), "=")
		if !ok || strings.TrimSpace(name) != "XDG_DOCUMENTS_DIR" {
			continue
		}
		val = strings.Trim(strings.TrimSpace(val), `"`)
		if rest, ok := strings.CutPrefix(val, "$HOME"); ok {
			val = home + rest
		}
		if !filepath.IsAbs(val) || filepath.Clean(val) == filepath.Clean(home) {
			return ""
		}
		return val
	}
	return ""
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}
