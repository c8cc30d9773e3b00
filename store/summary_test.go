package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/visits"
	"github.com/liaison-dev/liaison/visits/demo"
	"pgregory.net/rapid"
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
	must(t, s.db.Update(func(tx Tx) error {
		return tx.Bucket(bEntSummary).ForEach(func(k, _ []byte) error { return tx.Bucket(bEntSummary).Put(k, []byte(`{}`)) })
	}))
	if p, _ := s.Check(); len(p) != 1 {
		t.Fatalf("check missed a stale summary: %v", p)
	}
}

// failer is what the helpers need of *testing.T and *rapid.T.
type failer interface {
	Helper()
	Fatalf(format string, args ...any)
	Errorf(format string, args ...any)
}

func ok(t failer, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%v", err)
	}
}

// verifySummaries checks that every summary equals what its record gives
// (Check) and that the readers built on them answer as the records do.
func verifySummaries(t failer, s *Store) {
	t.Helper()
	if p, err := s.Check(); err != nil || len(p) > 0 {
		t.Fatalf("check: %v %v", p, err)
	}
	verifyReportSummaries(t, s)
	allStatuses := visits.Codes(visits.KindStatus)
	ok(t, s.View(func(r *Reader) error {
		ents, err := All[visits.Enterprise](r)
		ok(t, err)
		var want []visits.Enterprise
		for _, e := range ents {
			want = append(want, visits.Enterprise{Meta: visits.Meta{ID: e.ID, CreatedAt: e.CreatedAt}, Name: e.Name,
				ShortName: e.ShortName, USCC: e.USCC, Street: e.Street, Domain: e.Domain,
				Qualifications: e.Qualifications, Key: e.Key, Stage: e.Stage, Batch: e.Batch,
				ArrivedOn: e.ArrivedOn, Readiness: visits.Readiness{RegisteredOn: e.Readiness.RegisteredOn}})
		}
		got, err := r.EnterpriseSummaries()
		ok(t, err)
		if len(got) != len(want) || (len(want) > 0 && !reflect.DeepEqual(got, want)) {
			t.Errorf("enterprise summaries\n got %+v\nwant %+v", got, want)
		}

		needs, err := r.NeedsWithStatus(allStatuses...)
		ok(t, err)
		var wantNeeds []visits.Need
		for _, n := range needs {
			wantNeeds = append(wantNeeds, visits.Need{Meta: visits.Meta{ID: n.ID, UpdatedAt: n.UpdatedAt}, EnterpriseID: n.EnterpriseID,
				Title: n.Title, Status: n.Status, Severity: n.Severity, RegisteredAt: n.RegisteredAt,
				ReplyDue: n.ReplyDue, CloseDue: n.CloseDue, Extended: n.Extended})
		}
		gotNeeds, err := r.NeedSummariesWithStatus(allStatuses...)
		ok(t, err)
		if len(gotNeeds) != len(wantNeeds) || (len(wantNeeds) > 0 && !reflect.DeepEqual(gotNeeds, wantNeeds)) {
			t.Errorf("need summaries\n got %+v\nwant %+v", gotNeeds, wantNeeds)
		}

		fus, err := r.FollowUpsDue("9999-12-31")
		ok(t, err)
		var wantFus []visits.FollowUp
		for _, f := range fus {
			wantFus = append(wantFus, visits.FollowUp{Meta: visits.Meta{ID: f.ID}, EnterpriseID: f.EnterpriseID,
				Action: f.Action, Due: f.Due, Status: f.Status})
		}
		gotFus, err := r.FollowUpSummariesDue("9999-12-31")
		ok(t, err)
		if len(gotFus) != len(wantFus) || (len(wantFus) > 0 && !reflect.DeepEqual(gotFus, wantFus)) {
			t.Errorf("follow-up summaries\n got %+v\nwant %+v", gotFus, wantFus)
		}

		as, err := All[visits.Assignment](r)
		ok(t, err)
		wantCad := map[string]map[string]int{}
		for _, a := range as {
			if wantCad[a.OfficerID] == nil {
				wantCad[a.OfficerID] = map[string]int{}
			}
			if a.CadenceDays > 0 {
				wantCad[a.OfficerID][a.EnterpriseID] = a.CadenceDays
			}
		}
		for officer, want := range wantCad {
			got, err := r.Cadences(officer)
			ok(t, err)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("cadences of %s: got %v, want %v", officer, got, want)
			}
		}

		vs, err := All[visits.Visit](r)
		ok(t, err)
		wantLast := map[string]time.Time{}
		for _, v := range vs {
			at := time.UnixMilli(max(v.At.UnixMilli(), 0)).UTC()
			if v.EnterpriseID != "" && at.After(wantLast[v.EnterpriseID]) {
				wantLast[v.EnterpriseID] = at
			}
		}
		if got := r.LastVisitTimes(); !reflect.DeepEqual(got, wantLast) {
			t.Errorf("last visits\n got %v\nwant %v", got, wantLast)
		}
		return nil
	}))
}

// pull applies changes as HQ would send them, each field's single leaf
// stamped later than anything the store has seen.
type puller struct {
	s      *Store
	cursor uint64
	ms     int64
}

func (p *puller) pull(t failer, typ, id string, fields map[string]string) {
	t.Helper()
	p.cursor++
	p.ms++
	var cs []Change
	for _, name := range slices.Sorted(maps.Keys(fields)) {
		c := Change{Type: typ, ID: id, Field: name, Seq: p.cursor}
		if v := fields[name]; v != "" {
			c.Leaves = []Leaf{{Value: json.RawMessage(v), Stamp: FormatStamp(p.ms, 0, "hq"), Author: "li", OpID: NewID()}}
		}
		cs = append(cs, c)
	}
	ok(t, p.s.ApplyPull(cs, p.cursor))
}

// fieldsOf lists the fields a record has (deleted or not).
func fieldsOf(t failer, s *Store, typ, id string) []string {
	var out []string
	ok(t, s.View(func(r *Reader) error {
		return r.EachField(func(ty, i, field string, _ []Leaf) error {
			if ty == typ && i == id {
				out = append(out, field)
			}
			return nil
		})
	}))
	return out
}

func TestSummariesFollowEveryWritePath(t *testing.T) {
	now := time.Date(2026, 11, 27, 2, 0, 0, 0, time.UTC)
	s, err := Open(filepath.Join(t.TempDir(), "liaison.db"), Options{Now: func() time.Time { return now }})
	must(t, err)
	defer s.Close()
	p := &puller{s: s, ms: now.Add(time.Hour).UnixMilli()}
	day := func(d int) time.Time { return now.AddDate(0, 0, d) }
	up := func(fn func(w *Writer) error) {
		t.Helper()
		must(t, s.Update(fn))
		verifySummaries(t, s)
	}
	a := &visits.Enterprise{Name: "兰州华信生物科技有限公司", USCC: "91350100M000100Y43", Street: "雁南街道"}
	b := &visits.Enterprise{Name: "兰州陇原医药科技有限公司"}
	up(func(w *Writer) error { return errors.Join(w.Save(a), w.Save(b)) })

	// Visits: saved out of order, corrected earlier, moved, deleted.
	visit := func(ent string, at time.Time) *visits.Visit {
		return &visits.Visit{EnterpriseID: ent, At: at, Occasion: visits.OccRoutine, Method: "on_site", Summary: "例行走访"}
	}
	v1, v2, v3 := visit(a.ID, day(-3)), visit(a.ID, day(-10)), visit(a.ID, day(-1))
	up(func(w *Writer) error { return w.AddVisit(v1) })
	up(func(w *Writer) error { return w.AddVisit(v2) }) // older than the last: last stays
	up(func(w *Writer) error { return w.AddVisit(v3) })
	c := *v3
	c.At = day(-20)
	up(func(w *Writer) error { return w.CorrectVisit(&c, "日期录错") }) // the newest moves back: v1 is last again
	up(func(w *Writer) error { return w.Delete(visits.TypeVisit, v1.ID) })
	up(func(w *Writer) error { return w.Delete(visits.TypeVisit, v2.ID) })
	up(func(w *Writer) error { return w.Delete(visits.TypeVisit, v3.ID) }) // a has no visit left
	v4 := visit(a.ID, day(-2))
	up(func(w *Writer) error { return w.AddVisit(v4) })
	up(func(w *Writer) error { return w.SetField(visits.TypeVisit, v4.ID, "enterprise_id", b.ID) })

	// Pulled visits: new, older, newer, moved, deleted, removed, undeleted.
	at := func(t time.Time) string { return `"` + t.Format(time.RFC3339Nano) + `"` }
	p.pull(t, visits.TypeVisit, "hq-v1", map[string]string{"enterprise_id": `"` + a.ID + `"`, "at": at(day(-5)), "occasion": `"routine"`})
	verifySummaries(t, s)
	p.pull(t, visits.TypeVisit, "hq-v2", map[string]string{"enterprise_id": `"` + a.ID + `"`, "at": at(day(-30)), "occasion": `"difficulty"`})
	verifySummaries(t, s)
	p.pull(t, visits.TypeVisit, "hq-v2", map[string]string{"at": at(day(-1))})
	verifySummaries(t, s)
	p.pull(t, visits.TypeVisit, "hq-v2", map[string]string{"enterprise_id": `"` + b.ID + `"`})
	verifySummaries(t, s)
	p.pull(t, visits.TypeVisit, "hq-v2", map[string]string{FieldDeleted: "true"})
	verifySummaries(t, s)
	p.pull(t, visits.TypeVisit, "hq-v2", map[string]string{FieldDeleted: "false"})
	verifySummaries(t, s)
	gone := map[string]string{}
	for _, f := range fieldsOf(t, s, visits.TypeVisit, "hq-v1") {
		gone[f] = ""
	}
	p.pull(t, visits.TypeVisit, "hq-v1", gone) // every field without a leaf: the record is removed
	verifySummaries(t, s)

	// Needs: registered, status changes, edited, pulled, deleted, removed.
	n := &visits.Need{EnterpriseID: a.ID, Category: "finance", Severity: visits.SeverityUrgent, Title: "流动资金贷款需求500万元"}
	up(func(w *Writer) error { return w.AddNeed(n) })
	up(func(w *Writer) error { return w.ChangeNeedStatus(n.ID, visits.StatusAccepted, "", "") })
	up(func(w *Writer) error {
		return w.SetField(visits.TypeNeed, n.ID, "title", "流动资金贷款需求800万元")
	})
	up(func(w *Writer) error { return w.SetField(visits.TypeNeed, n.ID, "lead_unit", "区财政局") }) // not in the summary
	p.pull(t, visits.TypeNeed, n.ID, map[string]string{"status": `"in_progress"`, "extended": "true"})
	verifySummaries(t, s)
	p.pull(t, visits.TypeNeed, "hq-n1", map[string]string{"enterprise_id": `"` + b.ID + `"`, "status": `"registered"`,
		"title": `"高企认定材料辅导"`, "registered_at": at(day(-40)), "severity": `"general"`})
	verifySummaries(t, s)
	up(func(w *Writer) error { return w.Delete(visits.TypeNeed, n.ID) })
	gone = map[string]string{}
	for _, f := range fieldsOf(t, s, visits.TypeNeed, "hq-n1") {
		gone[f] = ""
	}
	p.pull(t, visits.TypeNeed, "hq-n1", gone)
	verifySummaries(t, s)

	// Follow-ups: added, done and the next scheduled, pulled, deleted.
	f := &visits.FollowUp{EnterpriseID: a.ID, Action: "跟进：新厂房用地指标", Due: "2026-12-01"}
	up(func(w *Writer) error { return w.AddFollowUp(f) })
	up(func(w *Writer) error {
		return w.CompleteFollowUp(f.ID, "已对接", &visits.FollowUp{Action: "跟进：用地审批", Due: "2026-12-15"})
	})
	p.pull(t, visits.TypeFollowUp, f.ID, map[string]string{"due": `"2026-11-20"`, "status": `"open"`})
	verifySummaries(t, s)
	up(func(w *Writer) error { return w.Delete(visits.TypeFollowUp, f.ID) })

	// Assignments: a cadence set, changed, unset, pulled, deleted.
	as := &visits.Assignment{EnterpriseID: a.ID, OfficerID: "wang", Role: "liaison"}
	up(func(w *Writer) error { return w.Save(as) })
	up(func(w *Writer) error { return w.SetField(visits.TypeAssignment, as.ID, "cadence_days", 45) })
	up(func(w *Writer) error { return w.SetField(visits.TypeAssignment, as.ID, "cadence_days", 0) })
	p.pull(t, visits.TypeAssignment, as.ID, map[string]string{"cadence_days": "20"})
	verifySummaries(t, s)
	up(func(w *Writer) error { return w.Delete(visits.TypeAssignment, as.ID) })

	// Enterprises: edited, pulled, deleted.
	up(func(w *Writer) error { return w.SetField(visits.TypeEnterprise, a.ID, "stage", visits.StageMature) })
	p.pull(t, visits.TypeEnterprise, b.ID, map[string]string{"qualifications": `[{"kind":"hnte","issued":"2024-11-01"}]`})
	verifySummaries(t, s)
	up(func(w *Writer) error { return w.Delete(visits.TypeEnterprise, b.ID) })

	// Seeded records (as demo and benchmarks fill a database) too.
	must(t, s.Seed([]visits.Record{
		&visits.Enterprise{Meta: visits.Meta{ID: "seed-e"}, Name: "兰州黄河生物科技有限公司"},
		&visits.Visit{Meta: visits.Meta{ID: "seed-v"}, EnterpriseID: "seed-e", At: day(-4), Occasion: visits.OccDifficulty},
		&visits.Need{Meta: visits.Meta{ID: "seed-n"}, EnterpriseID: "seed-e", Status: visits.StatusAssigned, Title: "催化剂寿命短"},
		&visits.FollowUp{Meta: visits.Meta{ID: "seed-f"}, EnterpriseID: "seed-e", Action: "回访", Due: "2026-11-30", Status: visits.FollowUpOpen},
		&visits.Assignment{Meta: visits.Meta{ID: "seed-a"}, EnterpriseID: "seed-e", OfficerID: "wang", CadenceDays: 15},
	}))
	verifySummaries(t, s)
}

// Random local edits, deletions and pulls, in any order, leave every
// summary and last visit equal to what the records give.
func TestSummariesPropertyAnyWriteOrder(t *testing.T) {
	now := time.Date(2026, 11, 27, 2, 0, 0, 0, time.UTC)
	rapid.Check(t, func(rt *rapid.T) {
		s, err := Open(filepath.Join(t.TempDir(), fmt.Sprintf("p%d.db", time.Now().UnixNano())), Options{Now: func() time.Time { return now }})
		ok(rt, err)
		defer s.Close()
		p := &puller{s: s, ms: now.Add(time.Hour).UnixMilli()}
		ents := []string{"e0", "e1", "e2"}
		steps := rapid.IntRange(1, 25).Draw(rt, "steps")
		for range steps {
			kind := rapid.SampledFrom([]string{visits.TypeVisit, visits.TypeNeed, visits.TypeFollowUp, visits.TypeAssignment}).Draw(rt, "type")
			id := rapid.SampledFrom([]string{"r0", "r1", "r2"}).Draw(rt, "id")
			ent := rapid.SampledFrom(ents).Draw(rt, "enterprise")
			at := now.AddDate(0, 0, -rapid.IntRange(0, 60).Draw(rt, "days")).Add(time.Duration(rapid.IntRange(0, 1000).Draw(rt, "ms")) * time.Millisecond)
			var rec visits.Record
			switch kind {
			case visits.TypeVisit:
				rec = &visits.Visit{Meta: visits.Meta{ID: id}, EnterpriseID: ent, At: at, Occasion: visits.OccRoutine}
			case visits.TypeNeed:
				rec = &visits.Need{Meta: visits.Meta{ID: id}, EnterpriseID: ent, Title: "t" + id, RegisteredAt: at,
					Status: rapid.SampledFrom(visits.Codes(visits.KindStatus)).Draw(rt, "status")}
			case visits.TypeFollowUp:
				rec = &visits.FollowUp{Meta: visits.Meta{ID: id}, EnterpriseID: ent, Action: "a" + id, Due: visits.DateOf(at),
					Status: visits.FollowUpOpen}
			default:
				rec = &visits.Assignment{Meta: visits.Meta{ID: id}, EnterpriseID: ent, OfficerID: "wang",
					CadenceDays: rapid.SampledFrom([]int{0, 30, 45}).Draw(rt, "cadence")}
			}
			switch rapid.IntRange(0, 4).Draw(rt, "how") {
			case 0: // a local save
				ok(rt, s.Update(func(w *Writer) error { return w.Save(rec) }))
			case 1: // a local deletion
				ok(rt, s.Update(func(w *Writer) error { return w.Delete(kind, id) }))
			case 2: // a pull of the whole record, or its undeletion
				raw, _ := json.Marshal(rec)
				var fields map[string]json.RawMessage
				_ = json.Unmarshal(raw, &fields)
				delete(fields, "id")
				m := map[string]string{FieldDeleted: "false"}
				for k, v := range fields {
					m[k] = string(v)
				}
				p.pull(rt, kind, id, m)
			case 3: // a pulled deletion
				p.pull(rt, kind, id, map[string]string{FieldDeleted: "true"})
			case 4: // a pull that removes the record
				gone := map[string]string{}
				for _, f := range fieldsOf(rt, s, kind, id) {
					gone[f] = ""
				}
				if len(gone) > 0 {
					p.pull(rt, kind, id, gone)
				}
			}
		}
		verifySummaries(rt, s)
	})
}

// A database of schema 2 (JSON enterprise summaries, nothing else) is
// brought to schema 3 on open: binary enterprise summaries, need,
// follow-up and cadence summaries, last visits.
func TestMigrationFromSchema2(t *testing.T) {
	now := time.Date(2026, 11, 27, 2, 0, 0, 0, time.UTC)
	path := filepath.Join(t.TempDir(), "liaison.db")
	s, err := Open(path, Options{Now: func() time.Time { return now }})
	must(t, err)
	d := demo.Generate(demo.Options{Enterprises: 40, Visits: 400, Seed: 3, Now: now, NewID: NewID})
	must(t, s.Seed(d.Records()))
	must(t, s.Update(func(w *Writer) error {
		return w.Save(&visits.Assignment{EnterpriseID: d.Enterprises[0].ID, OfficerID: "wang", CadenceDays: 20})
	}))
	verifySummaries(t, s)
	var before []visits.Enterprise
	must(t, s.View(func(r *Reader) (err error) { before, err = r.EnterpriseSummaries(); return err }))
	// Take the database back to what schema 2 held.
	must(t, s.db.Update(func(tx Tx) error {
		for _, b := range [][]byte{bEntSummary, bNeedSummary, bFollowUpSummary, bCadenceSummary, bLastVisit} {
			if err := tx.DeleteBucket(b); err != nil {
				return err
			}
		}
		if err := withRecordCopies(tx); err != nil {
			return err
		}
		if err := migrations[1](tx); err != nil { // schema 1 → 2: JSON enterprise summaries
			return err
		}
		return tx.Bucket(bMeta).Put(kSchema, u64(2))
	}))
	must(t, s.db.View(func(tx Tx) error {
		if v := tx.Bucket(bEntSummary).Get([]byte(before[0].ID)); len(v) == 0 || v[0] != '{' {
			t.Fatalf("schema 2 summary is not JSON: %q", v)
		}
		return nil
	}))
	s.Close()

	s, err = Open(path, Options{Now: func() time.Time { return now }})
	must(t, err)
	defer s.Close()
	must(t, s.db.View(func(tx Tx) error {
		if v := tx.Bucket(bMeta).Get(kSchema); binary.BigEndian.Uint64(v) != uint64(SchemaVersion) {
			t.Fatalf("schema %d after open, want %d", binary.BigEndian.Uint64(v), SchemaVersion)
		}
		return nil
	}))
	verifySummaries(t, s)
	var after []visits.Enterprise
	must(t, s.View(func(r *Reader) (err error) { after, err = r.EnterpriseSummaries(); return err }))
	if !reflect.DeepEqual(before, after) {
		t.Fatal("enterprise summaries changed in the migration")
	}
}

// Check notices need, follow-up and cadence summaries and last visits out
// of step with their records, and summaries left without one.
func TestCheckFindsStaleSummaries(t *testing.T) {
	s := openTemp(t)
	e := &visits.Enterprise{Name: "甲"}
	must(t, s.Update(func(w *Writer) error {
		return errors.Join(w.Save(e),
			w.Save(&visits.Visit{EnterpriseID: e.ID, At: time.Date(2026, 11, 20, 3, 0, 0, 0, time.UTC)}),
			w.Save(&visits.Need{EnterpriseID: e.ID, Title: "t", Status: visits.StatusRegistered}),
			w.Save(&visits.FollowUp{EnterpriseID: e.ID, Action: "a", Due: "2026-12-01", Status: visits.FollowUpOpen}),
			w.Save(&visits.Assignment{EnterpriseID: e.ID, OfficerID: "wang", CadenceDays: 30}))
	}))
	verifySummaries(t, s)
	for _, b := range [][]byte{bNeedSummary, bFollowUpSummary, bCadenceSummary, bLastVisit} {
		must(t, s.db.Update(func(tx Tx) error {
			return tx.Bucket(b).ForEach(func(k, v []byte) error {
				return tx.Bucket(b).Put(k, append(append([]byte{}, v...), 1))
			})
		}))
		if p, _ := s.Check(); len(p) != 1 {
			t.Errorf("%s: check found %v, want one problem", b, p)
		}
		must(t, s.db.Update(func(tx Tx) error {
			if err := tx.DeleteBucket(b); err != nil {
				return err
			}
			_, err := tx.CreateBucketIfNotExists(b)
			return err
		}))
		if p, _ := s.Check(); len(p) != 1 {
			t.Errorf("%s: check found %v for a missing entry, want one problem", b, p)
		}
		must(t, s.db.Update(func(tx Tx) error { return rebuildBinarySummaries(tx) }))
		must(t, s.db.Update(func(tx Tx) error { return tx.Bucket(b).Put([]byte("stray"), []byte{summaryBinary}) }))
		if p, _ := s.Check(); len(p) != 1 {
			t.Errorf("%s: check found %v for a stray entry, want one problem", b, p)
		}
		must(t, s.db.Update(func(tx Tx) error { return rebuildBinarySummaries(tx) }))
		verifySummaries(t, s)
	}
}

// A field of another type than this build expects (from another build,
// through sync) leaves that field out of the summary; the pull is stored.
func TestSummaryOfAFieldOfAnotherType(t *testing.T) {
	s := openTemp(t)
	p := &puller{s: s, ms: time.Now().Add(time.Hour).UnixMilli()}
	p.pull(t, visits.TypeNeed, "n1", map[string]string{"enterprise_id": `"e1"`, "status": `"registered"`,
		"title": `{"zh":"流动资金"}`, "extended": `"yes"`})
	p.pull(t, visits.TypeEnterprise, "e1", map[string]string{"name": `"甲"`, "batch": `"two"`})
	p.pull(t, visits.TypeFollowUp, "f1", map[string]string{"enterprise_id": `"e1"`, "due": `"2026-12-01"`, "status": `"open"`,
		"action": `["回访"]`})
	p.pull(t, visits.TypeAssignment, "a1", map[string]string{"enterprise_id": `"e1"`, "officer_id": `"wang"`, "cadence_days": `"30"`})
	if p, err := s.Check(); err != nil || len(p) > 0 {
		t.Fatalf("check: %v %v", p, err)
	}
	must(t, s.View(func(r *Reader) error {
		ns, err := r.NeedSummariesWithStatus(visits.StatusRegistered)
		if err != nil || len(ns) != 1 || ns[0].EnterpriseID != "e1" || ns[0].Title != "" || ns[0].Extended {
			t.Errorf("need summary %+v, %v", ns, err)
		}
		es, err := r.EnterpriseSummaries()
		if err != nil || len(es) != 1 || es[0].Name != "甲" || es[0].Batch != 0 {
			t.Errorf("enterprise summary %+v, %v", es, err)
		}
		fs, err := r.FollowUpSummariesDue("9999-12-31")
		if err != nil || len(fs) != 1 || fs[0].Status != visits.FollowUpOpen || fs[0].Action != "" {
			t.Errorf("follow-up summary %+v, %v", fs, err)
		}
		return nil
	}))
}

// A schema 3 database keeps need summaries without the need's last change;
// opening it rebuilds them, so a replied need's revisit date is known.
func TestMigrationFromSchema3(t *testing.T) {
	now := time.Date(2026, 11, 27, 2, 0, 0, 0, time.UTC)
	path := filepath.Join(t.TempDir(), "liaison.db")
	s, err := Open(path, Options{Now: func() time.Time { return now }})
	must(t, err)
	d := demo.Generate(demo.Options{Enterprises: 20, Visits: 100, Seed: 5, Now: now, NewID: NewID})
	must(t, s.Seed(d.Records()))
	// Take the need summaries back to schema 3: no trailing updated_at.
	n := 0
	must(t, s.db.Update(func(tx Tx) error {
		b := tx.Bucket(bNeedSummary)
		if err := withRecordCopies(tx); err != nil {
			return err
		}
		err := tx.Bucket(recBucket(visits.TypeNeed)).ForEach(func(id, rec []byte) error {
			var need visits.Need
			if err := json.Unmarshal(rec, &need); err != nil {
				return err
			}
			need.UpdatedAt = time.Time{}
			enc := encodeNeedSummary(&need)
			n++
			return b.Put(id, enc[:len(enc)-1]) // the zero time is one byte
		})
		if err != nil {
			return err
		}
		return tx.Bucket(bMeta).Put(kSchema, u64(3))
	}))
	if n == 0 {
		t.Fatal("the demo data has no needs")
	}
	s.Close()
	s, err = Open(path, Options{Now: func() time.Time { return now }})
	must(t, err)
	defer s.Close()
	verifySummaries(t, s)
}
