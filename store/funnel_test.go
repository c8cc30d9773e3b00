package store

import (
	"errors"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/visits"
)

// openAt opens a store whose clock reads now.
func openAt(t *testing.T, now time.Time) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "liaison.db"), Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func fieldErr(t *testing.T, err error, field, code string) {
	t.Helper()
	es := visits.AsErrors(err)
	if len(es.For(field)) == 0 || es.For(field)[0].Code != code {
		t.Fatalf("error %v, want %s on %s", err, code, field)
	}
}

// The funnel from 拟申报 to 认定通过: each step one transaction, the
// approval writes the qualification into the enterprise, and the tier
// follows by itself.
func TestApplicationFunnelApprovalGivesTier(t *testing.T) {
	now := time.Date(2026, 11, 20, 3, 0, 0, 0, time.UTC) // 2026-11-20 in Shanghai
	s := openAt(t, now)
	e := &visits.Enterprise{Name: "兰州新材料有限公司"}
	a := &visits.Application{Kind: visits.TierHNTE, Year: 2026, Batch: 2}
	must(t, s.Update(func(w *Writer) error {
		if err := w.AddEnterprise(e, false); err != nil {
			return err
		}
		a.EnterpriseID = e.ID
		return w.AddApplication(a)
	}))
	step := func(st string, d visits.Date, cert visits.Qualification) error {
		return s.Update(func(w *Writer) error {
			_, err := w.RecordApplicationStep(a.ID, visits.ApplicationStep{Step: st, Date: d}, cert)
			return err
		})
	}
	must(t, step(visits.StepPlanned, "2026-03-02", visits.Qualification{}))
	must(t, step(visits.StepSubmitted, "2026-06-10", visits.Qualification{})) // 已注册 skipped
	fieldErr(t, step(visits.StepRegistered, "2026-06-11", visits.Qualification{}), "step", visits.ErrCodeStepOrder)
	fieldErr(t, step(visits.StepReview, "2026-06-09", visits.Qualification{}), "date", visits.ErrCodeBefore)
	fieldErr(t, step(visits.StepApproved, "2026-11-18", visits.Qualification{Issued: "2026-11-18"}), "certificate", visits.ErrCodeRequired)
	must(t, step(visits.StepApproved, "2026-11-18", visits.Qualification{Certificate: "GR202662000123", Issued: "2026-11-18"}))
	fieldErr(t, step(visits.StepDenied, "2026-11-19", visits.Qualification{}), "step", visits.ErrCodeStepEnded)

	must(t, s.View(func(r *Reader) error {
		got, err := Get[visits.Application](r, a.ID)
		if err != nil {
			return err
		}
		if len(got.Steps) != 3 || got.Current() != visits.StepApproved || got.Steps[2].By != "local" {
			t.Errorf("steps %+v", got.Steps)
		}
		// 3 years from 2026-11-18: valid through 2029-11-17.
		if got.Certificate != "GR202662000123" || got.Expires != "2029-11-17" {
			t.Errorf("certificate %q expires %q, want GR202662000123, 2029-11-17", got.Certificate, got.Expires)
		}
		ent, err := Get[visits.Enterprise](r, e.ID)
		if err != nil {
			return err
		}
		want := visits.Qualification{Kind: visits.TierHNTE, Certificate: "GR202662000123", Issued: "2026-11-18", Expires: "2029-11-17"}
		if len(ent.Qualifications) != 1 || ent.Qualifications[0] != want {
			t.Errorf("qualifications %+v, want %+v", ent.Qualifications, want)
		}
		if tier := visits.Tier(ent, "2026-11-20"); tier != visits.TierHNTE {
			t.Errorf("tier %s, want hnte", tier)
		}
		if tier := visits.Tier(ent, "2026-11-17"); tier != visits.TierNone {
			t.Errorf("tier before issue %s, want none", tier)
		}
		if !r.HasPending(visits.TypeEnterprise, e.ID, "qualifications") || !r.HasPending(visits.TypeApplication, a.ID, "steps") {
			t.Error("approval not queued for sync")
		}
		return nil
	}))
	if p, err := s.Check(); err != nil || len(p) > 0 {
		t.Fatalf("check: %v %v", p, err)
	}
}

// A refused approval stores nothing: neither the step nor the qualification.
func TestRefusedApprovalStoresNothing(t *testing.T) {
	s := openAt(t, time.Date(2026, 11, 20, 3, 0, 0, 0, time.UTC))
	e := &visits.Enterprise{Name: "甲公司"}
	a := &visits.Application{Kind: visits.TierTSME, Year: 2026}
	must(t, s.Update(func(w *Writer) error {
		must(t, w.AddEnterprise(e, false))
		a.EnterpriseID = e.ID
		return w.AddApplication(a)
	}))
	var pending int
	_ = s.View(func(r *Reader) error { pending = r.PendingCount(); return nil })
	err := s.Update(func(w *Writer) error {
		_, err := w.RecordApplicationStep(a.ID, visits.ApplicationStep{Step: visits.StepApproved, Date: "2026-11-30"},
			visits.Qualification{Certificate: "2026620100A0001", Issued: "2026-05-01"})
		return err
	})
	fieldErr(t, err, "date", visits.ErrCodeFutureDate)
	_ = s.View(func(r *Reader) error {
		if n := r.PendingCount(); n != pending {
			t.Errorf("refused step queued %d ops", n-pending)
		}
		ent, _ := Get[visits.Enterprise](r, e.ID)
		if len(ent.Qualifications) != 0 {
			t.Errorf("refused approval left %+v", ent.Qualifications)
		}
		return nil
	})
	// Approved in time: 科小 is valid to the year end of its issue.
	must(t, s.Update(func(w *Writer) error {
		got, err := w.RecordApplicationStep(a.ID, visits.ApplicationStep{Step: visits.StepApproved, Date: "2026-05-01"},
			visits.Qualification{Certificate: "2026620100A0001", Issued: "2026-05-01"})
		if got.Expires != "2026-12-31" {
			t.Errorf("tsme expires %q, want 2026-12-31", got.Expires)
		}
		return err
	}))
}

func TestAddApplicationRules(t *testing.T) {
	s := openAt(t, time.Date(2026, 11, 20, 3, 0, 0, 0, time.UTC))
	e := &visits.Enterprise{Name: "乙公司"}
	must(t, s.Update(func(w *Writer) error { return w.AddEnterprise(e, false) }))
	add := func(a visits.Application) error {
		return s.Update(func(w *Writer) error { return w.AddApplication(&a) })
	}
	fieldErr(t, add(visits.Application{EnterpriseID: "nope", Kind: "hnte", Year: 2026}), "enterprise_id", visits.ErrCodeNotFound)
	fieldErr(t, add(visits.Application{EnterpriseID: e.ID, Kind: "hnte", Year: 2026, Batch: 4}), "batch", visits.ErrCodeRange)
	fieldErr(t, add(visits.Application{EnterpriseID: e.ID, Kind: "prov", Year: 2026, Batch: 1}), "batch", visits.ErrCodeBatchKind)
	fieldErr(t, add(visits.Application{EnterpriseID: e.ID, Kind: "gold", Year: 2026}), "kind", visits.ErrCodeInvalid)
	fieldErr(t, add(visits.Application{EnterpriseID: e.ID, Kind: "hnte"}), "year", visits.ErrCodeRange)
	first := visits.Application{EnterpriseID: e.ID, Kind: "hnte", Year: 2026, Batch: 1}
	must(t, s.Update(func(w *Writer) error { return w.AddApplication(&first) }))
	fieldErr(t, add(visits.Application{EnterpriseID: e.ID, Kind: "hnte", Year: 2026, Batch: 2}), "kind", visits.ErrCodeOpenApp)
	must(t, add(visits.Application{EnterpriseID: e.ID, Kind: "hnte", Year: 2027}))
	// After a denial the same year may have a new application.
	must(t, s.Update(func(w *Writer) error {
		_, err := w.RecordApplicationStep(first.ID, visits.ApplicationStep{Step: visits.StepDenied, Date: "2026-10-01"}, visits.Qualification{})
		return err
	}))
	must(t, add(visits.Application{EnterpriseID: e.ID, Kind: "hnte", Year: 2026, Batch: 3}))
	_ = s.View(func(r *Reader) error {
		apps, err := r.ApplicationsOf(e.ID)
		if err != nil || len(apps) != 3 {
			t.Errorf("ApplicationsOf = %d, %v; want 3", len(apps), err)
		}
		return nil
	})
}

func TestSetFlagsAndReadiness(t *testing.T) {
	clock := time.Date(2026, 11, 20, 3, 0, 0, 0, time.UTC)
	s, err := Open(filepath.Join(t.TempDir(), "liaison.db"), Options{Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	e := &visits.Enterprise{Name: "丙公司", Private: true}
	must(t, s.Update(func(w *Writer) error { return w.AddEnterprise(e, false) }))
	clock = clock.Add(time.Minute) // updated_at changes with each edit
	yes, no := true, false
	var pending int
	_ = s.View(func(r *Reader) error { pending = r.PendingCount(); return nil })
	must(t, s.Update(func(w *Writer) error {
		changed, err := w.SetEnterpriseFlags(e.ID, visits.Flags{AboveSize: &yes, Private: &yes, LittleGiant: &yes, Specialized: &no})
		if len(changed) != 2 || changed[0] != visits.FlagAboveSize || changed[1] != visits.FlagLittleGiant {
			t.Errorf("changed %v, want above_size, little_giant", changed)
		}
		return err
	}))
	_ = s.View(func(r *Reader) error {
		// above_size, little_giant, updated_at.
		if n := r.PendingCount() - pending; n != 3 {
			t.Errorf("flags queued %d ops, want 3", n)
		}
		pending = r.PendingCount()
		return nil
	})
	// Nothing changed: nothing queued.
	must(t, s.Update(func(w *Writer) error {
		_, err := w.SetEnterpriseFlags(e.ID, visits.Flags{AboveSize: &yes})
		return err
	}))
	staff, rd := 50, 60
	clock = clock.Add(time.Minute)
	err = s.Update(func(w *Writer) error {
		return w.SetReadiness(e.ID, visits.Readiness{StaffTotal: &staff, StaffRD: &rd})
	})
	fieldErr(t, err, "staff_rd", visits.ErrCodeAtMost)
	rd = 4
	must(t, s.Update(func(w *Writer) error { return w.SetReadiness(e.ID, visits.Readiness{StaffTotal: &staff, StaffRD: &rd}) }))
	_ = s.View(func(r *Reader) error {
		if n := r.PendingCount() - pending; n != 2 {
			t.Errorf("readiness queued %d ops, want 2 (readiness, updated_at)", n)
		}
		got, _ := Get[visits.Enterprise](r, e.ID)
		if !got.AboveSize || !got.Private || !got.LittleGiant || got.Specialized || *got.Readiness.StaffRD != 4 {
			t.Errorf("read back %+v", got)
		}
		return nil
	})
	_, err = func() ([]string, error) {
		var c []string
		err := s.Update(func(w *Writer) (err error) { c, err = w.SetEnterpriseFlags("nope", visits.Flags{}); return })
		return c, err
	}()
	var es visits.Errors
	if !errors.As(err, &es) {
		t.Errorf("flags of a missing enterprise: %v", err)
	}
}

// The Writer refuses a save that rewrites an application's recorded
// steps or adds one recorded by someone else (HQ would refuse it:
// hq_funnel.go), and one that breaks the steps' rules (CheckOp).
func TestWriterRefusesRewrittenSteps(t *testing.T) {
	s := openAt(t, time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC))
	var app visits.Application
	err := s.Update(func(w *Writer) error {
		e := &visits.Enterprise{Name: "企业"}
		if err := w.Save(e); err != nil {
			return err
		}
		app = visits.Application{EnterpriseID: e.ID, Kind: visits.TierHNTE, Year: 2026}
		if err := w.AddApplication(&app); err != nil {
			return err
		}
		for _, st := range []string{visits.StepPlanned, visits.StepSubmitted} {
			a, err := w.RecordApplicationStep(app.ID, visits.ApplicationStep{Step: st, Date: "2026-01-05"}, visits.Qualification{})
			if err != nil {
				return err
			}
			app = a
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for what, steps := range map[string][]visits.ApplicationStep{
		"dropped":       app.Steps[:1],
		"rewritten":     {app.Steps[0], {Step: visits.StepReview, Date: "2026-01-06", By: app.Steps[1].By}},
		"forged by":     append(slices.Clone(app.Steps), visits.ApplicationStep{Step: visits.StepReview, Date: "2026-01-06", By: "someone"}),
		"going back":    append(slices.Clone(app.Steps), visits.ApplicationStep{Step: visits.StepPlanned, Date: "2026-01-06", By: app.Steps[0].By}),
		"dated earlier": append(slices.Clone(app.Steps), visits.ApplicationStep{Step: visits.StepReview, Date: "2026-01-01", By: app.Steps[0].By}),
	} {
		a := app
		a.Steps = steps
		err := s.Update(func(w *Writer) error { return w.Save(&a) })
		if !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: %v, want ErrMalformed", what, err)
		}
	}
}
