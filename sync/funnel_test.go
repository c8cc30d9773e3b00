package sync

import (
	"testing"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// An application recorded on one laptop, through to its approval, reaches
// HQ and the officer's other laptop: its steps with who recorded them,
// the qualification the approval wrote into the enterprise (so the tier
// follows there too), the flags and the readiness figures. Nothing is
// rejected.
func TestFunnelSyncs(t *testing.T) {
	h := newTestHQ(t, false)
	ents := h.enterprises(1)
	h.officer("wang", visits.RoleLiaison, ents)
	a := h.laptop("wang", 0)
	entID := ents[0].ID
	app := &visits.Application{EnterpriseID: entID, Kind: visits.TierHNTE, Year: 2026, Batch: 1}
	today := visits.DateOf(a.s.Now())
	yes, staff, rd := true, 100, 12
	a.update(func(w *store.Writer) error {
		if err := w.AddApplication(app); err != nil {
			return err
		}
		if _, err := w.RecordApplicationStep(app.ID, visits.ApplicationStep{Step: visits.StepSubmitted, Date: today.AddDays(-30)}, visits.Qualification{}); err != nil {
			return err
		}
		if _, err := w.SetEnterpriseFlags(entID, visits.Flags{AboveSize: &yes, LittleGiant: &yes}); err != nil {
			return err
		}
		return w.SetReadiness(entID, visits.Readiness{StaffTotal: &staff, StaffRD: &rd})
	})
	a.update(func(w *store.Writer) error {
		_, err := w.RecordApplicationStep(app.ID, visits.ApplicationStep{Step: visits.StepApproved, Date: today},
			visits.Qualification{Certificate: "GR202662000009", Issued: today})
		return err
	})
	if sum := a.mustSync(); sum.Rejected != 0 || a.pending() != 0 {
		t.Fatalf("sync: %+v", sum)
	}
	check := func(who string, s *store.Store) {
		t.Helper()
		_ = s.View(func(r *store.Reader) error {
			got, err := store.Get[visits.Application](r, app.ID)
			if err != nil || got.Current() != visits.StepApproved || len(got.Steps) != 2 || got.Steps[1].By != "wang" {
				t.Errorf("%s: application %+v %v", who, got, err)
			}
			e, err := store.Get[visits.Enterprise](r, entID)
			if err != nil || visits.Tier(e, today) != visits.TierHNTE || !e.AboveSize || !e.LittleGiant ||
				e.Readiness.StaffRD == nil || *e.Readiness.StaffRD != 12 {
				t.Errorf("%s: enterprise %+v %v", who, e, err)
			}
			return nil
		})
	}
	check("HQ", h.cur().Store())
	check("wang's second laptop", h.laptop("wang", 0).s)
}
