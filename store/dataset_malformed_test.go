package store

import (
	"strings"
	"testing"

	"github.com/liaison-dev/liaison/visits"
)

// A row holding a value no laptop or HQ would take (here a NUL byte in
// the name) is refused on its own: the good rows are imported, the import
// goes on, and the refusal says which field and why.
func TestImportRefusesAMalformedRowOnly(t *testing.T) {
	s := openTemp(t)
	rows := sheet(3, "张江镇")
	rows[2][0] = "坏\x00企业有限公司"
	im, err := s.ImportEnterprises(visits.ParseEnterpriseRows(rows), false)
	if err != nil {
		t.Fatalf("a malformed row stopped the import: %v", err)
	}
	if len(im.Created) != 2 || len(im.Refused) != 1 || im.Refused[0].Reason != ReasonMalformed {
		t.Fatalf("created %d, refused %+v", len(im.Created), im.Refused)
	}
	msg := im.Message(im.Refused[0], visits.ZH)
	if !strings.Contains(msg, "name") || !strings.Contains(msg, "不合规") || strings.Contains(msg, "\x00") {
		t.Errorf("message %q", msg)
	}
	must(t, s.View(func(r *Reader) error {
		if n := r.Count(visits.TypeEnterprise); n != 2 {
			t.Errorf("%d enterprises stored, want 2", n)
		}
		return nil
	}))
	if p, err := s.Check(); err != nil || len(p) > 0 {
		t.Fatalf("check: %v %v", p, err)
	}
}
