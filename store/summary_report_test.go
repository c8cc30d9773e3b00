package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/visits"
	"github.com/liaison-dev/liaison/visits/demo"
)

// verifyReportSummaries checks that the report, reading every record of
// each type from its report summary, gets what it gets from the records
// (Check compares the summaries' bytes; this compares what they decode to).
func verifyReportSummaries(t failer, s *Store) {
	t.Helper()
	ok(t, s.View(func(r *Reader) error {
		sameFlat(t, r, visits.TypeVisit, visitFlat)
		sameFlat(t, r, visits.TypeNeedEvent, eventFlat)
		sameFlat(t, r, visits.TypeAssignment, assignmentFlat)
		sameFlat(t, r, visits.TypeNeed, needFlat)
		sameFlat(t, r, visits.TypeApplication, applicationFlat)
		sameFlat(t, r, visits.TypeEnterprise, shownFlat)
		return nil
	}))
}

// sameFlat checks that typ's records read for the report (allFlat, from
// the report summaries) equal the same records read whole.
func sameFlat[T any](t failer, r *Reader, typ string, fields []flatField[T]) {
	t.Helper()
	var raws [][]byte
	_ = recordsOf(r.tx, typ).ForEach(func(_, v []byte) error { raws = append(raws, bytes.Clone(v)); return nil })
	got, gerr := allFlat(r, typ, fields)
	want, werr := decodeFlatEach(typ, raws, fields)
	if gerr != nil || werr != nil || len(got)+len(want) > 0 && !reflect.DeepEqual(got, want) {
		t.Fatalf("%s from report summaries:\n got %+v (%v)\nwant %+v (%v)", typ, got, gerr, want, werr)
	}
}

// Random pulls (new records, changed fields, odd values, deletions,
// undeletions, removals), local saves and deletions of every type the
// report reads, in any order, leave each report summary what the record
// gives (Check), and the report's decoding of it equal to the record's.
func TestReportSummariesFollowWrites(t *testing.T) {
	seed := testSeed(t)
	rng := rand.New(rand.NewPCG(seed, 7))
	now := time.Date(2026, 11, 27, 2, 0, 0, 0, time.UTC)
	s, err := Open(filepath.Join(t.TempDir(), "liaison.db"), Options{Now: func() time.Time { return now }})
	must(t, err)
	defer s.Close()
	p := &puller{s: s, ms: now.Add(time.Hour).UnixMilli()}
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	str := func() string {
		return pick(`"e0"`, `"e1"`, `"routine"`, `"王芳"`, `"a\"b"`, `"\u00e9"`, `"x\\ny"`, `""`, `null`, `3`, `true`, `["x"]`, `{"a":1}`)
	}
	at := func() string {
		return pick(`"2026-11-20T03:00:00Z"`, `"2026-11-26T10:00:00.123456789+08:00"`, `"2025-01-01T00:00:00Z"`, `null`, `"bad"`, `17`)
	}
	fields := map[string]map[string]func() string{
		visits.TypeVisit: {"enterprise_id": str, "at": at, "occasion": str, "method": str, "lead_officer": str,
			"summary": str, "next_plan": str, "people_met": str, "Summary": str},
		visits.TypeNeedEvent: {"need_id": str, "from": str, "to": str, "at": at, "satisfaction": str, "text": str},
		visits.TypeAssignment: {"enterprise_id": str, "officer_id": str, "role": str, "cadence_days": func() string {
			return pick(`30`, `0`, `"x"`)
		}},
		visits.TypeNeed: {"enterprise_id": str, "category": str, "status": str, "registered_at": at, "reply_due": str,
			"jinanchoupan": func() string { return pick(`true`, `false`, `"yes"`) }, "lead_unit": str, "description": str},
		visits.TypeApplication: {"enterprise_id": str, "kind": str, "year": func() string { return pick(`2026`, `2025`, `"x"`, `1.5`) },
			"steps": func() string {
				return pick(`[{"step":"planned","date":"2026-05-18","by":"wang"}]`, `[]`, `null`, `[{"step":1}]`)
			}, "blockers": func() string { return pick(`["材料"]`, `null`, `[1]`) }},
		visits.TypeEnterprise: {"name": str, "private": func() string { return pick(`true`, `false`, `"yes"`) },
			"above_size": func() string { return pick(`true`, `false`) }, "address": str,
			"readiness": func() string {
				return pick(`{"staff_total":120,"staff_rd":15,"registered_on":"2020-01-02"}`, `{"ip_class_i":1.5}`, `null`, `{}`)
			}},
	}
	types := []string{visits.TypeVisit, visits.TypeNeedEvent, visits.TypeAssignment, visits.TypeNeed, visits.TypeApplication, visits.TypeEnterprise}
	for step := range 300 {
		typ := types[rng.IntN(len(types))]
		id := fmt.Sprintf("r%d", rng.IntN(4))
		switch rng.IntN(6) {
		case 0, 1, 2: // a pull of some fields
			m := map[string]string{}
			for name, gen := range fields[typ] {
				if rng.IntN(2) == 0 {
					m[name] = gen()
				}
			}
			if rng.IntN(3) == 0 {
				m[FieldDeleted] = "false"
			}
			p.pull(t, typ, id, m)
		case 3: // a pulled deletion
			p.pull(t, typ, id, map[string]string{FieldDeleted: "true"})
		case 4: // a pull that removes the record
			gone := map[string]string{}
			for _, f := range fieldsOf(t, s, typ, id) {
				gone[f] = ""
			}
			if len(gone) > 0 {
				p.pull(t, typ, id, gone)
			}
		case 5: // a local change or deletion
			err := s.Update(func(w *Writer) error {
				if rng.IntN(2) == 0 {
					return w.Delete(typ, id)
				}
				return w.SetField(typ, id, "created_by", pick("wang", "li"))
			})
			// A record that is not there, or that a local write may not
			// leave as it is (the pulls made it invalid), is refused.
			if err != nil && !errors.Is(err, ErrNotFound) && visits.AsErrors(err) == nil && !errors.Is(err, ErrMalformed) {
				t.Fatalf("step %d: %v", step, err)
			}
		}
		if step%25 == 0 {
			verifySummaries(t, s)
		}
	}
	verifySummaries(t, s)
}

// A database of schema 7 (no report summaries) is brought to schema 8 on
// open, in the open's transaction: every record gets its report summary,
// and the weekly report reads the same as from every record.
func TestMigrationToReportSummaries(t *testing.T) {
	now := time.Date(2026, 11, 27, 2, 0, 0, 0, time.UTC)
	path := filepath.Join(t.TempDir(), "liaison.db")
	s, err := Open(path, Options{Now: func() time.Time { return now }})
	must(t, err)
	d := demo.Generate(demo.Options{Enterprises: 60, Visits: 600, Seed: 8, Now: now, NewID: NewID})
	must(t, s.Seed(d.Records()))
	// Take the database back to schema 7.
	must(t, s.db.Update(func(tx Tx) error {
		for _, rs := range reportSummaries {
			if err := tx.DeleteBucket(rs.bucket); err != nil {
				return err
			}
		}
		if err := withRecordCopies(tx); err != nil {
			return err
		}
		return tx.Bucket(bMeta).Put(kSchema, u64(7))
	}))
	s.Close()
	if _, err := Open(path, Options{ReadOnly: true}); err == nil {
		t.Fatal("a schema 7 database opened read-only: the report would find no summaries")
	}
	s, err = Open(path, Options{Now: func() time.Time { return now }})
	must(t, err)
	defer s.Close()
	must(t, s.db.View(func(tx Tx) error {
		if v := tx.Bucket(bMeta).Get(kSchema); binary.BigEndian.Uint64(v) != uint64(SchemaVersion) || SchemaVersion < 8 {
			t.Fatalf("schema %d after open, want %d", binary.BigEndian.Uint64(v), SchemaVersion)
		}
		for typ, rs := range reportSummaries {
			want := 0
			_ = recordsOf(tx, typ).ForEach(func(_, _ []byte) error { want++; return nil })
			if n := tx.Bucket(rs.bucket).KeyN(); n != want || n == 0 {
				t.Errorf("%s: %d report summaries, %d records", typ, n, want)
			}
		}
		return nil
	}))
	verifySummaries(t, s)
	week := visits.WeekOf(visits.DateOf(now))
	must(t, s.View(func(r *Reader) error {
		lean, err := r.WeeklyReportInput(week, WeeklyReportOptions{GeneratedAt: now})
		if err != nil {
			return err
		}
		full, err := r.WeeklyReportInput(week, WeeklyReportOptions{GeneratedAt: now, Full: true})
		if err != nil {
			return err
		}
		a, _ := json.Marshal(lean.Report())
		b, _ := json.Marshal(full.Report())
		if string(a) != string(b) {
			t.Error("the report read from the migrated summaries differs from the one read from every record")
		}
		return nil
	}))
}
