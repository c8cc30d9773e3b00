package store

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/visits"
)

// A local write whose value no HQ or laptop would take (too large, too
// deep, a bad id) is refused when it is made, naming the field, and
// nothing of the write is stored: not the record, not the outbox, not the
// other records saved in the same action (issue 9: a 1,500,000-character
// cell was imported, queued, and later broke the sync).
func TestMalformedWriteRefusedWhole(t *testing.T) {
	s := openTemp(t)
	must(t, s.Update(func(w *Writer) error { return w.SetIdentity(Identity{Officer: "wang"}) }))
	e := &visits.Enterprise{Name: "兰州华信科技"}
	must(t, s.Update(func(w *Writer) error { return w.AddEnterprise(e, false) }))
	before := mustPending(t, s)

	deep := any("底")
	for range MaxDepth + 4 {
		deep = []any{deep}
	}
	cases := []struct {
		name  string
		field string
		write func(w *Writer) error
	}{
		{"a value above MaxValueBytes", "address", func(w *Writer) error {
			x := &visits.Enterprise{Name: "巨值公司", Address: strings.Repeat("地", MaxValueBytes/3+10)}
			return w.AddEnterprise(x, false)
		}},
		{"a value nested too deep", "notes", func(w *Writer) error {
			return w.SetField(visits.TypeEnterprise, e.ID, "notes", deep)
		}},
		{"a field name with a control character", "na\x00me", func(w *Writer) error {
			return w.SetField(visits.TypeEnterprise, e.ID, "na\x00me", "x")
		}},
		{"a record id with a NUL", "name", func(w *Writer) error {
			return w.SetField(visits.TypeEnterprise, "b\x00", "name", "x")
		}},
		{"a good visit, then a huge summary in the same action", "summary", func(w *Writer) error {
			ok := &visits.Visit{EnterpriseID: e.ID, At: time.Now().Add(-time.Hour), Occasion: visits.OccRoutine, Method: "on_site", Summary: "走访"}
			if err := w.AddVisit(ok); err != nil {
				return err
			}
			return w.SetField(visits.TypeVisit, ok.ID, "summary", strings.Repeat("长", MaxValueBytes))
		}},
	}
	for _, c := range cases {
		err := s.Update(c.write)
		var me *MalformedError
		if !errors.As(err, &me) || !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: got %v, want a MalformedError", c.name, err)
			continue
		}
		if me.Field != c.field || !strings.Contains(err.Error(), "不能保存") || !strings.Contains(err.Error(), "cannot save field") {
			t.Errorf("%s: the error does not name field %q in both languages: %v", c.name, c.field, err)
		}
		if n := len(err.Error()); n > 1000 || strings.ContainsRune(err.Error(), 0) {
			t.Errorf("%s: error of %d bytes, or raw control characters: %q", c.name, n, err.Error())
		}
		after := mustPending(t, s)
		if len(after) != len(before) {
			t.Errorf("%s: outbox went from %d to %d ops", c.name, len(before), len(after))
		}
	}
	// Nothing else was stored either: one enterprise, no visit.
	_ = s.View(func(r *Reader) error {
		if n := r.Count(visits.TypeVisit); n != 0 {
			t.Errorf("%d visits stored by refused actions", n)
		}
		if n := r.Count(visits.TypeEnterprise); n != 1 {
			t.Errorf("%d enterprises, want 1", n)
		}
		got, _ := Get[visits.Enterprise](r, e.ID)
		raw, _ := json.Marshal(got)
		if strings.Contains(string(raw), "notes") {
			t.Errorf("the refused notes reached the record: %s", raw)
		}
		return nil
	})
	// A value at the limit is still taken.
	must(t, s.Update(func(w *Writer) error {
		return w.SetField(visits.TypeEnterprise, e.ID, "address", strings.Repeat("a", MaxValueBytes-2))
	}))
}

// Refusal reasons kept in the rejected list are short: they are printed.
func TestRejectedReasonShortened(t *testing.T) {
	s := openTemp(t)
	must(t, s.Update(func(w *Writer) error { return w.SetIdentity(Identity{Officer: "wang"}) }))
	e := &visits.Enterprise{Name: "兰州华信科技"}
	must(t, s.Update(func(w *Writer) error { return w.AddEnterprise(e, false) }))
	pend := mustPending(t, s)
	rs := make([]Result, len(pend))
	long := strings.Repeat("拒", 1_500_000)
	for i, p := range pend {
		rs[i] = Result{OpID: p.Op.OpID, Status: StatusRejected, Error: &OpError{Code: "bad_op", Reason: long}}
	}
	must(t, s.Ack(pend, rs))
	_ = s.View(func(r *Reader) error {
		rej, err := r.RejectedOps()
		if err != nil || len(rej) != len(pend) {
			t.Fatalf("%d rejected (%v)", len(rej), err)
		}
		for _, x := range rej {
			if n := len([]rune(x.Reason)); n != MaxReasonRunes+1 || !strings.HasSuffix(x.Reason, "…") {
				t.Errorf("reason of %d characters kept: %.40q", n, x.Reason)
			}
		}
		return nil
	})
}
