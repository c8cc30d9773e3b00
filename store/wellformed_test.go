package store

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/liaison-dev/liaison/visits"
)

// Every op the app makes is well-formed, the longest texts the forms take
// and every kind of record included: the laptop and HQ apply one
// definition, and it must never refuse honest work.
func TestCheckOpTakesWhatTheAppMakes(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "laptop.db"), Options{NoSync: true})
	must(t, err)
	defer s.Close()
	long := strings.Repeat("走访<b>&\"引号\"\\ 😀\t\n", 4000/10)
	long = string([]rune(long)[:4000])
	ent := &visits.Enterprise{Name: "兰州华信科技有限公司", USCC: visits.MakeUSCC("91620102MA0000001"), Street: "雁滩街道",
		Contacts:       []visits.Contact{{Name: "张伟", Title: "总经理", Phone: "13800000000"}},
		Qualifications: []visits.Qualification{{Kind: "hnte", Certificate: "GR2023", Issued: "2023-11-01", Expires: "2026-10-31"}},
		Key:            true, Batch: 2}
	staff := 120
	ent.Readiness.StaffTotal = &staff
	must(t, s.Update(func(w *Writer) error { return w.AddEnterprise(ent, true) }))
	v := &visits.Visit{EnterpriseID: ent.ID, At: time.Now().Add(-time.Hour), Occasion: visits.OccRoutine, Method: "on_site",
		Summary: long, Purposes: []string{"policy"}, PeopleMet: long[:300], NextPlan: long}
	must(t, s.Update(func(w *Writer) error { return w.AddVisit(v) }))
	n := &visits.Need{EnterpriseID: ent.ID, VisitID: v.ID, Category: "finance", Severity: visits.SeverityConsult, Title: "融资", Description: long}
	must(t, s.Update(func(w *Writer) error { return w.AddNeed(n) }))
	must(t, s.Update(func(w *Writer) error { return w.ChangeNeedStatus(n.ID, visits.StatusAccepted, "", "") }))
	must(t, s.Update(func(w *Writer) error {
		return w.AddFollowUp(&visits.FollowUp{EnterpriseID: ent.ID, NeedID: n.ID, VisitID: v.ID, Action: "联系银行", Due: visits.DateOf(time.Now())})
	}))
	for i := range 5 {
		c := *v
		c.Summary = long[i:] + "更正"
		must(t, s.Update(func(w *Writer) error { return w.CorrectVisit(&c, long) }))
	}
	var ops []Op
	must(t, s.View(func(r *Reader) error {
		ps, err := r.PendingOps(0)
		for _, p := range ps {
			ops = append(ops, p.Op)
		}
		return err
	}))
	if len(ops) < 40 {
		t.Fatalf("only %d ops", len(ops))
	}
	for _, op := range ops {
		if e := CheckOp(op); e != nil {
			t.Errorf("%s.%s = %.80s: %s", op.Type, op.Field, op.Value, e.Reason)
		}
	}
}

// Ops that are not well-formed are refused with a reason naming what is
// wrong.
func TestCheckOpRefuses(t *testing.T) {
	stamp := FormatStamp(1_800_000_000_000, 3, "dev7f3a")
	good := Op{OpID: NewID(), Type: visits.TypeVisit, ID: NewID(), Field: "summary", Value: json.RawMessage(`"走访"`), Stamp: stamp, Resolves: []Stamp{}}
	if e := CheckOp(good); e != nil {
		t.Fatalf("a good op: %s", e.Reason)
	}
	deep := func(n int) string { return strings.Repeat(`{"a":[`, n/2) + "1" + strings.Repeat("]}", n/2) }
	for _, c := range []struct {
		name, want string
		edit       func(*Op)
	}{
		{"no op_id", "op_id", func(o *Op) { o.OpID = "" }},
		{"40 KB op_id", "op_id", func(o *Op) { o.OpID = strings.Repeat("a", 40<<10) }},
		{"NUL in the id", "id", func(o *Op) { o.ID = "b\x00c" }},
		{"20 KB id", "id", func(o *Op) { o.ID = strings.Repeat("v", 20<<10) }},
		{"escape in the id", "id", func(o *Op) { o.ID = "\x1b]0;pwn\a" }},
		{"bidi override in the id", "id", func(o *Op) { o.ID = "a\u202eb" }},
		{"zero-width space in the id", "id", func(o *Op) { o.ID = "a\u200bb" }},
		{"invalid UTF-8 in the id", "UTF-8", func(o *Op) { o.ID = "a\xffb" }},
		{"unknown type", "type", func(o *Op) { o.Type = "vist" }},
		{"field id", "id", func(o *Op) { o.Field = "id" }},
		{"upper case field", "ENTERPRISE_ID", func(o *Op) { o.Field = "ENTERPRISE_ID" }},
		{"field ID", "ID", func(o *Op) { o.Field = "ID" }},
		{"Kelvin sign in a field", "field", func(o *Op) { o.Field = "\u212aey" }},
		{"quote in a field", "field", func(o *Op) { o.Field = `a"b` }},
		{"long field", "field", func(o *Op) { o.Field = strings.Repeat("a", 65) }},
		{"no value", "value", func(o *Op) { o.Value = nil }},
		{"not JSON", "value", func(o *Op) { o.Value = json.RawMessage(`{"a":`) }},
		{"text after the value", "after", func(o *Op) { o.Value = json.RawMessage(`1 2`) }},
		{"truex", "value", func(o *Op) { o.Value = json.RawMessage(`truex`) }},
		{"nested 9,996 deep", "nested", func(o *Op) { o.Value = json.RawMessage(strings.Repeat("[", 9996) + strings.Repeat("]", 9996)) }},
		{"nested 17 deep", "nested", func(o *Op) { o.Field = "x"; o.Value = json.RawMessage(deep(18)) }},
		{"a value above 256 KiB", "bytes", func(o *Op) { o.Value = json.RawMessage(`"` + strings.Repeat("长", 90000) + `"`) }},
		{"invalid UTF-8 in a value", "UTF-8", func(o *Op) { o.Value = json.RawMessage("\"a\xffb\"") }},
		{"NUL in a value", "NUL", func(o *Op) { o.Value = json.RawMessage(`"a\u0000b"`) }},
		{"an unpaired surrogate", "surrogate", func(o *Op) { o.Value = json.RawMessage(`"\ud800x"`) }},
		{"a raw control character", "control", func(o *Op) { o.Value = json.RawMessage("\"a\x01b\"") }},
		{"a deep from", "from", func(o *Op) { o.From = json.RawMessage(strings.Repeat("[", 100) + strings.Repeat("]", 100)) }},
		{"upper case hex in a stamp", "stamp", func(o *Op) { o.Stamp = strings.ToUpper(stamp[:17]) + stamp[17:] }},
		{"a signed stamp", "stamp", func(o *Op) { o.Stamp = "+" + stamp[1:] }},
		{"a device with a NUL", "device", func(o *Op) { o.Stamp = stamp + "\x00" }},
		{"a garbage base", "base", func(o *Op) { o.Base = "garbage" }},
		{"65 resolves", "resolves", func(o *Op) { o.Resolves = make([]Stamp, 65) }},
		{"a garbage resolve", "resolves", func(o *Op) { o.Resolves = []Stamp{stamp, "x"} }},
		{"a number as a visit's at", "at", func(o *Op) { o.Field, o.Value = "at", json.RawMessage(`1e999`) }},
		{"a batch of 1e999", "batch", func(o *Op) { o.Type, o.Field, o.Value = visits.TypeEnterprise, "batch", json.RawMessage(`1e999`) }},
		{"an enterprise_id with a NUL", "enterprise_id", func(o *Op) { o.Field, o.Value = "enterprise_id", json.RawMessage(`"a\u0000b"`) }},
		{"an enterprise_id with a space", "enterprise_id", func(o *Op) { o.Field, o.Value = "enterprise_id", json.RawMessage(`"a b"`) }},
		{"a number as enterprise_id", "enterprise_id", func(o *Op) { o.Field, o.Value = "enterprise_id", json.RawMessage(`7`) }},
		{"need_ids with a bad id", "need_ids", func(o *Op) { o.Field, o.Value = "need_ids", json.RawMessage(`["ok","a\nb"]`) }},
		{"a 200 KB status", "status", func(o *Op) {
			o.Type, o.Field, o.Value = visits.TypeNeed, "status", json.RawMessage(`"`+strings.Repeat("x", 200<<10)+`"`)
		}},
		{"an escape in an occasion", "occasion", func(o *Op) { o.Field, o.Value = "occasion", json.RawMessage(`"\u001b[2J"`) }},
		{"a USCC not normalized", "uscc", func(o *Op) {
			o.Type, o.Field, o.Value = visits.TypeEnterprise, "uscc", json.RawMessage(`"9162 0102-MA00 00002"`)
		}},
		{"a USCC that is not one", "uscc", func(o *Op) { o.Type, o.Field, o.Value = visits.TypeEnterprise, "uscc", json.RawMessage(`"registered"`) }},
		{"a due date that is not one", "due", func(o *Op) { o.Type, o.Field, o.Value = visits.TypeFollowUp, "due", json.RawMessage(`"soon"`) }},
		{"an enterprise's at that is not a time", "at", func(o *Op) {
			o.Type, o.Field, o.Value = visits.TypeEnterprise, "at", json.RawMessage(`"01a23780-9549-7b5d-b009-270ac22aac5d"`)
		}},
		{"a long USCC under an unknown name of another type", "uscc", func(o *Op) {
			o.Field, o.Value = "uscc", json.RawMessage(`"`+strings.Repeat("9", 200)+`"`)
		}},
	} {
		op := good
		op.Resolves = append([]Stamp{}, good.Resolves...)
		c.edit(&op)
		e := CheckOp(op)
		if e == nil || e.Code != "bad_op" || !strings.Contains(e.Reason, c.want) {
			t.Errorf("%s: %+v, want bad_op naming %q", c.name, e, c.want)
		}
		if e != nil && (len(e.Reason) > 300 || !utf8.ValidString(e.Reason)) {
			t.Errorf("%s: reason %d bytes, valid UTF-8 %v", c.name, len(e.Reason), utf8.ValidString(e.Reason))
		}
	}
	// And these are fine.
	for _, v := range []string{`null`, `{"a":[1,-2.5e+3,true,false,null,"\u00e9\ud83d\ude00\n"]}`, deep(16), ` "x" `, `[]`, `{}`} {
		op := good
		op.Field, op.Value = "x_newer", json.RawMessage(v)
		if e := CheckOp(op); e != nil {
			t.Errorf("%s: %s", v, e.Reason)
		}
	}
	op := good
	op.Field, op.Value = "need_ids", json.RawMessage(`["`+NewID()+`",""]`)
	if e := CheckOp(op); e != nil {
		t.Errorf("need_ids: %s", e.Reason)
	}
	op.ID = "王建国:1.a_b-c@d"
	if e := CheckOp(op); e != nil {
		t.Errorf("an id of letters, digits and - _ . : @: %s", e.Reason)
	}
}

// Tighter bounds refuse what the defaults take; looser ones are held to
// the defaults.
func TestCheckOpBounds(t *testing.T) {
	op := Op{OpID: NewID(), Type: visits.TypeVisit, ID: NewID(), Field: "summary", Value: json.RawMessage(`"` + strings.Repeat("a", 2000) + `"`),
		Stamp: FormatStamp(1_800_000_000_000, 0, "dev1")}
	if e := CheckOpBounds(op, Bounds{ValueBytes: 1000}); e == nil {
		t.Error("a 2 KB value under a 1,000-byte bound")
	}
	op.Value = json.RawMessage(strings.Repeat("[", 20) + strings.Repeat("]", 20))
	op.Field = "x"
	if e := CheckOpBounds(op, Bounds{Depth: 1000}); e == nil {
		t.Error("a bound above MaxDepth was not held to MaxDepth")
	}
}

// scanJSON accepts only what encoding/json accepts, and everything it
// accepts that is within the bounds.
func FuzzScanJSON(f *testing.F) {
	for _, s := range []string{`{"a":[1,2,{"b":null}]}`, `"x\u00e9"`, `-0.5e-3`, `[`, `{"a"}`, `tru`, `"\ud83d\ude00"`, `01`, `1.`, `[1,]`, `{"a":1,}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, v []byte) {
		r := scanJSON(v, 64)
		if r == "" && !json.Valid(v) {
			t.Fatalf("%q: scanJSON takes what encoding/json refuses", v)
		}
		if r != "" && json.Valid(v) && utf8.Valid(v) && !strings.Contains(string(v), `\u`) && !strings.Contains(r, "nested") {
			t.Fatalf("%q: scanJSON refuses valid JSON: %s", v, r)
		}
	})
}

func BenchmarkCheckOp(b *testing.B) {
	ops := []Op{
		{OpID: NewID(), Type: visits.TypeVisit, ID: NewID(), Field: "summary", Value: json.RawMessage(`"第1次走访：了解企业研发投入与融资需求"`), Stamp: FormatStamp(1_800_000_000_000, 0, "dev7f3a")},
		{OpID: NewID(), Type: visits.TypeVisit, ID: NewID(), Field: "at", Value: json.RawMessage(`"2026-11-29T09:30:00+08:00"`), Stamp: FormatStamp(1_800_000_000_000, 1, "dev7f3a")},
		{OpID: NewID(), Type: visits.TypeVisit, ID: NewID(), Field: "enterprise_id", Value: json.RawMessage(`"` + NewID() + `"`), Stamp: FormatStamp(1_800_000_000_000, 2, "dev7f3a")},
	}
	for i := 0; i < b.N; i++ {
		if e := CheckOp(ops[i%len(ops)]); e != nil {
			b.Fatal(e.Reason)
		}
	}
}
