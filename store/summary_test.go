package store

import (
	"testing"

	"github.com/liaison-dev/liaison/visits"
	bolt "go.etcd.io/bbolt"
)

func TestEnterpriseSummariesFollowTheRecords(t *testing.T) {
	s := openTemp(t)
	e := &visits.Enterprise{Name: "兰州华信生物科技有限公司", Street: "雁南街道", Stage: visits.StageMature, Batch: 2,
		Contacts: []visits.Contact{{Name: "张伟", Phone: "13900000000"}}, Address: "兰州市城关区甘南路5号",
		Qualifications: []visits.Qualification{{Kind: visits.TierHNTE, Issued: "2024-11-01"}}}
	must(t, s.Update(func(w *Writer) error { return w.Save(e) }))
	sums := func() []visits.Enterprise {
		var out []visits.Enterprise
		must(t, s.View(func(r *Reader) (err error) { out, err = r.EnterpriseSummaries(); return err }))
		return out
	}
	got := sums()
	if len(got) != 1 || got[0].ID != e.ID || got[0].Name != e.Name || got[0].Stage != e.Stage || got[0].Batch != 2 ||
		len(got[0].Qualifications) != 1 || got[0].CreatedAt.IsZero() {
		t.Fatalf("summary: %+v", got)
	}
	if got[0].Contacts != nil || got[0].Address != "" {
		t.Errorf("summary carries fields lists do not need: %+v", got[0])
	}
	e.Name = "兰州华信生物科技股份有限公司"
	must(t, s.Update(func(w *Writer) error { return w.Save(e) }))
	if got := sums(); got[0].Name != e.Name {
		t.Fatalf("summary not updated: %q", got[0].Name)
	}
	must(t, s.Update(func(w *Writer) error { return w.Delete(visits.TypeEnterprise, e.ID) }))
	if got := sums(); len(got) != 0 {
		t.Fatalf("deleted enterprise still summarised: %+v", got)
	}
	if p, err := s.Check(); err != nil || len(p) > 0 {
		t.Fatalf("check: %v %v", p, err)
	}
	// Check notices a summary out of step.
	must(t, s.Update(func(w *Writer) error { return w.Save(&visits.Enterprise{Name: "乙"}) }))
	must(t, s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bEntSummary).ForEach(func(k, _ []byte) error { return tx.Bucket(bEntSummary).Put(k, []byte(`{}`)) })
	}))
	if p, _ := s.Check(); len(p) != 1 {
		t.Fatalf("check missed a stale summary: %v", p)
	}
}
