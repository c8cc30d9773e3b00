package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// The district-wide report carries names from every laptop: one holding
// OSC 52, OSC 0, CSI, a C1 CSI or U+202E must not reach the terminal of
// whoever runs `liaison-hq report weekly`, nor sit in an md/csv file.
func TestReportIsEscapeSafe(t *testing.T) {
	db := filepath.Join(t.TempDir(), "hq.db")
	h, err := store.OpenHQ(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	var recs []visits.Record
	for _, name := range []string{"甲\x1b]52;c;ZXZpbA==\x07公司", "乙\x1b]0;pwned\x1b\\公司", "丙\x1b[2J公司", "丁\u009b2J公司", "戊\u202e公司"} {
		id := store.NewID()
		recs = append(recs, &visits.Enterprise{Meta: visits.Meta{ID: id, CreatedAt: now}, Name: name, Stage: "apply"},
			&visits.Visit{Meta: visits.Meta{ID: store.NewID(), CreatedAt: now}, EnterpriseID: id, At: now,
				Occasion: "routine", Method: "on_site", Summary: name})
	}
	if err := h.SaveRecords("hq", recs...); err != nil {
		t.Fatal(err)
	}
	h.Close()
	for _, format := range []string{"md", "csv", "json"} {
		out, err := hq(t, db, "report", "weekly", "--format", format)
		if err != nil {
			t.Fatalf("report --format %s: %v", format, err)
		}
		path := filepath.Join(t.TempDir(), "r."+format)
		if _, err := hq(t, db, "report", "weekly", "--format", format, "-o", path); err != nil {
			t.Fatal(err)
		}
		file, _ := os.ReadFile(path)
		for what, text := range map[string]string{"stdout": out, "file": string(file)} {
			for _, r := range text {
				if r == 0x1b || (r >= 0x80 && r < 0xa0) || r == 0x202e {
					t.Errorf("report --format %s (%s) holds U+%04X", format, what, r)
					break
				}
			}
			if format != "json" && !strings.Contains(text, "甲公司") {
				t.Errorf("report --format %s (%s) lost the name around the escape", format, what)
			}
		}
	}
}
