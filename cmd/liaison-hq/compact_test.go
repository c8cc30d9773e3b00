package main

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// liaison-hq compact, HQ stopped: the file is rewritten and HQ keeps its
// officers, records, seq and epoch. While HQ holds the file it refuses;
// on PostgreSQL it says that space is PostgreSQL's job (exit 2).
func TestHQCompact(t *testing.T) {
	file := filepath.Join(t.TempDir(), "hq.db")
	h, err := store.OpenHQ(file, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 50 {
		if err := h.SaveRecords("hq", &visits.Enterprise{Name: strings.Repeat("兰州测试科技有限公司", 1+i%5)}); err != nil {
			t.Fatal(err)
		}
	}
	tok, err := h.AddOfficer("wang", "王建国", visits.RoleAdmin)
	if err != nil {
		t.Fatal(err)
	}
	epoch, seq := h.Epoch(), h.Seq()
	var out bytes.Buffer
	err = run(context.Background(), []string{"--db", file, "compact"}, &out)
	if err == nil || !strings.Contains(err.Error(), "liaison-hq serve") {
		t.Fatalf("compact while HQ holds the file: %v", err)
	}
	h.Close()
	out.Reset()
	if err := run(context.Background(), []string{"--db", file, "--lang", "en", "compact"}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "database compacted") {
		t.Errorf("compact said %q", out.String())
	}
	h, err = store.OpenHQ(file, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	if _, err := h.Authenticate(tok); err != nil || h.Epoch() != epoch || h.Seq() != seq {
		t.Fatalf("after compaction: token %v, epoch %s (was %s), seq %d (was %d)", err, h.Epoch(), epoch, h.Seq(), seq)
	}
	if p, err := h.Store().Check(); err != nil || len(p) > 0 {
		t.Fatalf("check: %v %v", p, err)
	}
	err = run(context.Background(), []string{"--db", "postgres://nobody@127.0.0.1:1/none", "compact"}, &out)
	if !errors.As(err, new(inputError)) || exitCode(err) != 2 || !strings.Contains(err.Error(), "VACUUM") {
		t.Fatalf("compact on PostgreSQL: %v", err)
	}
}
