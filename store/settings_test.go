package store

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/liaison-dev/liaison/visits"
)

func settingOp(id, value string) Op {
	return Op{OpID: NewID(), Type: visits.TypeSetting, ID: id, Field: "value", Value: json.RawMessage(value),
		Stamp: "0000000000a1-0000-hq", Resolves: []string{}}
}

// A setting's value is part of a well-formed op: HQ takes only values of
// the setting's shape, and a laptop sets a bad pulled one aside instead of
// storing it (its calendar stays the built-in one).
func TestSettingOpsWellFormed(t *testing.T) {
	if e := CheckOp(settingOp("batches:2027", `["2027-06-20","2027-08-10","2027-09-25"]`)); e != nil {
		t.Errorf("good batches: %v", e.Reason)
	}
	if e := CheckOp(settingOp("some_future_setting", `{"x":1}`)); e != nil {
		t.Errorf("unknown setting id: %v", e.Reason)
	}
	e := CheckOp(settingOp("batches:2027", `["2027-06-20","2027-05-10","2027-09-25"]`))
	if e == nil || e.Code != "bad_op" || !strings.Contains(e.Reason, "batch 2") {
		t.Errorf("bad batches: %+v", e)
	}

	s := openTemp(t)
	bad := settingOp("calendar:2026", `{"holidays":["2026-10-08"],"workdays":["2026-10-09"]}`) // a Friday as a worked weekend day
	good := settingOp("district", `"城关区"`)
	var cs []Change
	for _, op := range []Op{bad, good} {
		cs = append(cs, Change{Type: op.Type, ID: op.ID, Field: op.Field, Seq: 1,
			Leaves: []Leaf{{OpID: op.OpID, Value: op.Value, Stamp: op.Stamp, Author: "hq"}}})
	}
	aside, err := s.ApplyPage(cs, nil, 2)
	if err != nil || aside != 1 {
		t.Fatalf("pull: %d set aside, %v", aside, err)
	}
	_ = s.View(func(r *Reader) error {
		if !r.Calendar().IsWorkday("2026-10-08") || r.Settings().District != "城关区" {
			t.Errorf("after the pull: calendar %v, district %q", r.Calendar().IsWorkday("2026-10-08"), r.Settings().District)
		}
		rej, _ := r.RejectedOps()
		if len(rej) != 1 || rej[0].Code != CodeUnreadableChange {
			t.Errorf("set aside: %+v", rej)
		}
		return nil
	})
}

// HQ's SetSettings checks every value before writing any, and writes
// nothing for a value it already holds.
func TestHQSetSettings(t *testing.T) {
	h, err := OpenHQ(filepath.Join(t.TempDir(), "hq.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	err = h.SetSettings(map[string]json.RawMessage{"district": json.RawMessage(`"城关区"`), "units": json.RawMessage(`[]`)})
	if !errors.Is(err, visits.ErrSetting) || h.Seq() != 0 {
		t.Fatalf("one bad value: %v, seq %d", err, h.Seq())
	}
	ok(t, h.SetSettings(map[string]json.RawMessage{"district": json.RawMessage(`"城关区"`)}))
	seq := h.Seq()
	ok(t, h.SetSettings(map[string]json.RawMessage{"district": json.RawMessage(` "城关区" `)}))
	if h.Seq() != seq || seq == 0 {
		t.Errorf("the same value again moved seq %d → %d", seq, h.Seq())
	}
	ok(t, h.SetSettings(map[string]json.RawMessage{"district": json.RawMessage(`"七里河区"`)}))
	_ = h.Store().View(func(r *Reader) error {
		if d := r.Settings().District; d != "七里河区" {
			t.Errorf("district %q", d)
		}
		return nil
	})
}
