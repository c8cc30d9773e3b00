package store

import (
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/visits"
)

// The ops one edit makes on one record share one stamp, a later edit's
// is later; a restamp (clock_ahead) gives the shared stamp one new stamp,
// so the later edit's base still names it, and every leaf follows its op.
func TestEditOpsShareAStamp(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "l.db"), Options{NoSync: true})
	must(t, err)
	defer s.Close()
	e := &visits.Enterprise{Name: "兰州华信科技"}
	v := &visits.Visit{At: time.Now().Add(-time.Hour), Occasion: visits.OccRoutine, Method: "on_site", Summary: "走访"}
	must(t, s.Update(func(w *Writer) error {
		if err := w.AddEnterprise(e, false); err != nil {
			return err
		}
		v.EnterpriseID = e.ID
		return w.AddVisit(v)
	}))
	must(t, s.Update(func(w *Writer) error { return w.SetField(visits.TypeVisit, v.ID, "summary", "再次走访") }))
	check := func(when string) {
		t.Helper()
		stamps := map[string]map[Stamp]bool{} // type → stamps
		var visitStamp, edit Stamp
		pend := mustPending(t, s)
		for _, p := range pend {
			if stamps[p.Op.Type] == nil {
				stamps[p.Op.Type] = map[Stamp]bool{}
			}
			if p.Op.Type == visits.TypeVisit && p.Op.Base != "" {
				edit = p.Op.Stamp
				if p.Op.Base != visitStamp {
					t.Errorf("%s: the edit's base %s, want the visit's stamp %s", when, p.Op.Base, visitStamp)
				}
				continue
			}
			stamps[p.Op.Type][p.Op.Stamp] = true
			if p.Op.Type == visits.TypeVisit {
				visitStamp = p.Op.Stamp
			}
		}
		if len(stamps[visits.TypeEnterprise]) != 1 || len(stamps[visits.TypeVisit]) != 1 || edit <= visitStamp {
			t.Fatalf("%s: stamps %v, the edit's %s", when, stamps, edit)
		}
		must(t, s.View(func(r *Reader) error {
			for _, p := range pend {
				ls, err := r.Leaves(p.Op.Type, p.Op.ID, p.Op.Field)
				if err != nil {
					return err
				}
				if p.Op.Field == "summary" && p.Op.Base == "" {
					continue // replaced by the edit
				}
				if len(ls) != 1 || ls[0].Stamp != p.Op.Stamp || ls[0].OpID != p.Op.OpID {
					t.Errorf("%s: %s %s: leaves %+v, want the op's (%s)", when, p.Op.Type, p.Op.Field, ls, p.Op.Stamp)
				}
			}
			return nil
		}))
	}
	check("made")
	before := mustPending(t, s)
	must(t, s.Restamp(-3_600_000))
	after := mustPending(t, s)
	if after[0].Op.Stamp == before[0].Op.Stamp {
		t.Fatal("the restamp changed nothing")
	}
	check("restamped")
}

// A refused op's field gets back the value it replaced, unless that value
// was refused too: which is asked of the field, not of the stamp alone,
// since the ops of one edit share a stamp. Here an edit sets two fields of
// a need; HQ refuses one and applies the other; a later edit of the
// applied field is refused without leaves: the field shows the first
// edit's value again (the refusal of its sibling does not count).
func TestRefusedSiblingKeepsAFieldsValue(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "l.db"), Options{NoSync: true})
	must(t, err)
	defer s.Close()
	e := &visits.Enterprise{Name: "兰州华信科技"}
	must(t, s.Update(func(w *Writer) error { return w.AddEnterprise(e, false) }))
	ackAll := func() {
		p := mustPending(t, s)
		rs := make([]Result, len(p))
		for i := range p {
			rs[i] = Result{OpID: p[i].Op.OpID, Status: StatusApplied, Seq: uint64(i + 1)}
		}
		must(t, s.Ack(p, rs))
	}
	ackAll()
	// One edit, two fields (and updated_at): one stamp.
	must(t, s.Update(func(w *Writer) error {
		return w.edit(visits.TypeEnterprise, e.ID, map[string]json.RawMessage{
			"short_name": json.RawMessage(`"华信"`), "street": json.RawMessage(`"东岗街道"`)}, false)
	}))
	first := mustPending(t, s)
	rs := make([]Result, len(first))
	for i, p := range first {
		rs[i] = Result{OpID: p.Op.OpID, Status: StatusApplied, Seq: uint64(100 + i)}
		if p.Op.Field == "short_name" {
			rs[i] = Result{OpID: p.Op.OpID, Status: StatusRejected, Error: &OpError{Code: "forbidden", Reason: "x"}}
		}
	}
	if len(first) != 2 || first[0].Op.Stamp != first[1].Op.Stamp {
		t.Fatalf("one edit of two fields: %+v", first)
	}
	must(t, s.Ack(first, rs))
	must(t, s.Update(func(w *Writer) error { return w.SetField(visits.TypeEnterprise, e.ID, "street", "拱星墩街道") }))
	second := mustPending(t, s)
	if len(second) != 1 || second[0].Op.Base != first[0].Op.Stamp {
		t.Fatalf("the second edit: %+v", second)
	}
	must(t, s.Ack(second, []Result{{OpID: second[0].Op.OpID, Status: StatusRejected, Error: &OpError{Code: "forbidden", Reason: "x"}}}))
	must(t, s.View(func(r *Reader) error {
		ls, err := r.Leaves(visits.TypeEnterprise, e.ID, "street")
		if err != nil {
			return err
		}
		if len(ls) != 1 || string(ls[0].Value) != `"东岗街道"` {
			t.Errorf("street after its edit was refused: %+v, want 东岗街道 back", ls)
		}
		return nil
	}))
}
