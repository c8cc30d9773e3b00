package store

import (
	"testing"

	"github.com/liaison-dev/liaison/visits"
)

// An enterprise summary carries the days a 新设立/新落户 visit is owed from;
// one written before schema 6 (without them) still decodes.
func TestEnterpriseSummaryCarriesEntryDays(t *testing.T) {
	e := visits.Enterprise{Meta: visits.Meta{ID: "e1"}, Name: "兰州金城电子科技有限公司", ArrivedOn: "2026-09-03",
		Readiness: visits.Readiness{RegisteredOn: "2026-01-20"}, Qualifications: []visits.Qualification{{Kind: visits.TierTSME, Issued: "2026-04-10"}}}
	got, err := decodeEnterpriseSummary("e1", encodeEnterpriseSummary(&e))
	if err != nil || got.Readiness.RegisteredOn != "2026-01-20" || got.ArrivedOn != "2026-09-03" || len(got.Qualifications) != 1 {
		t.Fatalf("decoded %+v, %v", got, err)
	}
	old := encodeEnterpriseSummary(&visits.Enterprise{Name: e.Name, Qualifications: e.Qualifications})
	old = old[:len(old)-2] // the two empty strings schema 6 appended
	got, err = decodeEnterpriseSummary("e1", old)
	if err != nil || got.Name != e.Name || got.Readiness.RegisteredOn != "" || len(got.Qualifications) != 1 {
		t.Fatalf("old layout: %+v, %v", got, err)
	}
}
