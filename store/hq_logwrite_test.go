package store

import (
	"encoding/json"
	"testing"

	"github.com/liaison-dev/liaison/visits"
)

// A fresh push (its op ids rising above everything logged) writes its log
// entries after its last record: the log must still hold every op it
// applied exactly once, as answered, and none it refused as malformed; a
// retry of the batch is answered from those entries.
func TestFreshPushLogsEveryOpOnce(t *testing.T) {
	h := openTestHQ(t)
	wang := Principal{ID: "wang", Role: visits.RoleAdmin}
	var ops []Op
	for range 5 {
		id := NewID()
		for _, f := range []struct{ field, value string }{{"name", "兰州华信科技"}, {"street", "雁滩街道"}, {"address", "城关区东岗西路"}} {
			v, _ := json.Marshal(f.value)
			ops = append(ops, Op{OpID: NewID(), Type: visits.TypeEnterprise, ID: id, Field: f.field, Value: v, Stamp: h.s.clock.Now()})
		}
	}
	bad := ops[4]
	bad.Field = "Not A Field" // malformed: refused, never logged
	ops[4] = bad
	rs, err := h.Push(wang, ops)
	if err != nil {
		t.Fatal(err)
	}
	answered := map[string]Result{}
	for i, r := range rs {
		if i == 4 {
			if r.Status != StatusRejected {
				t.Fatalf("malformed op: %s, want rejected", r.Status)
			}
			continue
		}
		if r.Status != StatusApplied || r.Seq == 0 {
			t.Fatalf("op %d: %s seq %d, want applied with a seq", i, r.Status, r.Seq)
		}
		answered[r.OpID] = r
	}
	logged := map[string]int{}
	err = h.OpLog(func(officer string, op Op, res Result) error {
		logged[op.OpID]++
		if a, ok := answered[op.OpID]; !ok || officer != "wang" || res.Status != a.Status || res.Seq != a.Seq {
			t.Errorf("logged %s by %s: %s seq %d; answered %+v", op.OpID, officer, res.Status, res.Seq, a)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(logged) != len(answered) {
		t.Errorf("log holds %d ops, want %d", len(logged), len(answered))
	}
	for id, n := range logged {
		if n != 1 {
			t.Errorf("op %s logged %d times", id, n)
		}
	}
	again, err := h.Push(wang, ops)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range again {
		if i == 4 {
			continue
		}
		if r.Status != StatusDuplicate || r.Seq != answered[r.OpID].Seq {
			t.Errorf("retry of op %d: %s seq %d, want duplicate seq %d", i, r.Status, r.Seq, answered[r.OpID].Seq)
		}
	}
}
