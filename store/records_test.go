package store

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/liaison-dev/liaison/visits"
	"github.com/liaison-dev/liaison/visits/demo"
)

// fieldSetGen draws the field sets a record can hold: known and unknown
// names, "id" and _deleted among them, fields with no leaf or several (a
// conflict), stamps drawn from a few so that equal stamps occur.
func fieldSetGen() *rapid.Generator[fieldSet] {
	names := append([]string{FieldDeleted, "id", "x_unknown", "名称"}, fieldNames[1:12]...)
	stamps := []string{"", "01a238e73222-0000-deva", "01a238e73222-0001-devb", "01a238e73223-0000-deva"}
	values := []string{`"甲"`, `"2026-11-11T10:29:00+08:00"`, `"2026-04-25T18:36:10.342197849Z"`, `true`, `false`, `null`,
		`["a","b"]`, `{"zh":"x"}`, `""`, `1`, `"routine"`, `"01a238e7-3222-7193-a934-d15527a8c6a1"`}
	return rapid.Custom(func(t *rapid.T) fieldSet {
		fs := fieldSet{}
		for _, n := range rapid.SliceOfDistinct(rapid.SampledFrom(names), rapid.ID).Draw(t, "names") {
			ls := []Leaf{}
			for range rapid.IntRange(0, 3).Draw(t, "leaves") {
				ls = append(ls, Leaf{
					Value:  json.RawMessage(rapid.SampledFrom(values).Draw(t, "value")),
					Stamp:  rapid.SampledFrom(stamps).Draw(t, "stamp"),
					Author: rapid.SampledFrom([]string{"wang", "li", ""}).Draw(t, "author"),
					OpID:   rapid.SampledFrom([]string{"01a238e7-3222-7193-a934-d15527a8c6a1", "o2", ""}).Draw(t, "op"),
					Base:   rapid.SampledFrom([]string{"", "01a238e73222-0000-deva"}).Draw(t, "base"),
				})
			}
			fs[n] = ls
		}
		return fs
	})
}

// A record read from its stored fields in one pass (appendRecord) is the
// record materialize makes of the decoded fields, in every stored format,
// and is live exactly when it materializes.
func TestRecordReadFromFieldsIsMaterialized(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		fs := fieldSetGen().Draw(rt, "fields")
		id := rapid.SampledFrom([]string{"01a238e7-3222-7193-a934-d15527a8c6a1", "wang", `a"b`}).Draw(rt, "id")
		want := materialize(id, fs)
		for _, stored := range [][]byte{encodeFields(fs), encodeFieldsV2(fs), encodeFieldsV1(fs)} {
			got, err := appendRecord([]byte("prefix"), []byte(id), stored)
			if err != nil {
				rt.Fatal(err)
			}
			if want == nil && got != nil || want != nil && string(got) != "prefix"+string(want) {
				rt.Fatalf("read %q\nwant %q", got, want)
			}
			if live, err := recordLive(stored); err != nil || live != (want != nil) {
				rt.Fatalf("live %v (%v), materialized %q", live, err, want)
			}
		}
	})
}

// seededWithADeletedVisit opens a new database at path seeded with 20
// enterprises and nv visits, one of them deleted.
func seededWithADeletedVisit(t *testing.T, path string, nv int) *Store {
	t.Helper()
	s, err := Open(path, Options{NoSync: true})
	must(t, err)
	d := demo.Generate(demo.Options{Enterprises: 20, Visits: nv, Seed: uint64(nv), Now: time.Now(), NewID: NewID})
	must(t, s.Seed(d.Records()))
	must(t, s.Update(func(w *Writer) error { return w.Delete(visits.TypeVisit, d.Visits[3].ID) }))
	return s
}

// Whatever the bytes, reading a record does not panic; bytes that do not
// decode do not read either; and canonical ones read as they decode.
func FuzzAppendRecord(f *testing.F) {
	f.Add(encodeFields(fieldSet{"summary": {{Value: json.RawMessage(`"x"`), Stamp: "s", Author: "a", Base: "b",
		OpID: "01a238e7-3222-7193-a934-d15527a8c6a1"}}, "zz": {{OpID: "01a238e7-3222-7193-a934-d15527a8c6a2"}}}))
	f.Add(encodeFields(fieldSet{FieldDeleted: {{Value: json.RawMessage(`true`), Stamp: "s"}}}))
	f.Add(encodeFields(fieldSet{"at": {{Value: json.RawMessage(`"2026-11-11T10:29:00+08:00"`), Stamp: "s"}},
		"created_at":    {{Value: json.RawMessage(`"2026-11-11T10:29:00+08:00"`), Stamp: "s"}},
		"enterprise_id": {{Value: json.RawMessage(`"01a238e7-3222-7193-a934-d15527a8c6a1"`), Stamp: "t"}}}))
	f.Add(encodeFieldsV2(fieldSet{"at": {{Value: json.RawMessage(`"x"`), Stamp: "s"}}}))
	f.Add([]byte{fieldsV2, 0xff, 0xff, 0xff, 0xff, 0x0f})
	f.Add(encodeFieldsV1(fieldSet{"a": {{Value: json.RawMessage(`1`), Stamp: "s", OpID: "o"}}}))
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := appendRecord(nil, []byte("id"), b)
		fs, derr := decodeFields(b)
		if derr != nil {
			if err == nil {
				t.Fatalf("read %q from bytes that do not decode (%v)", got, derr)
			}
			return
		}
		if len(b) > 0 && b[0] == fieldsV2 && !bytes.Equal(encodeFields(fs), b) {
			return // not as this build writes it (order, duplicates)
		}
		if want := materialize("id", fs); err != nil || !bytes.Equal(got, want) {
			t.Fatalf("read %q (%v), want %q", got, err, want)
		}
	})
}

// Opening a schema 8 database drops the records' copies: what readers see
// is unchanged, check finds nothing, and no r: bucket is left.
func TestMigrationDropsRecordCopies(t *testing.T) {
	path := filepath.Join(t.TempDir(), "liaison.db")
	s := seededWithADeletedVisit(t, path, 200)
	before := snapshotDB(t, s)
	must(t, s.db.Update(func(tx Tx) error {
		if err := withRecordCopies(tx); err != nil {
			return err
		}
		return tx.Bucket(bMeta).Put(kSchema, u64(8))
	}))
	s.Close()
	s, err := Open(path, Options{})
	must(t, err)
	defer s.Close()
	after := snapshotDB(t, s)
	before.compare(t, after)
	if after.schema != uint64(SchemaVersion) {
		t.Fatalf("schema %d after open, want %d", after.schema, SchemaVersion)
	}
	must(t, s.db.View(func(tx Tx) error {
		for _, typ := range recordTypes {
			if tx.Bucket(recBucket(typ)) != nil {
				t.Errorf("%s left after the migration", recBucket(typ))
			}
		}
		return nil
	}))
	if p, err := s.Check(); err != nil || len(p) > 0 {
		t.Fatalf("check: %v %v", p, err)
	}
}
