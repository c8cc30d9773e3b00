package demo

import (
	"fmt"
	"math/rand/v2"

	"github.com/liaison-dev/liaison/visits"
)

// The applications of the year, in flight: each steps through the funnel
// (visits.FunnelSteps) on a timeline around its deadline, and holds the
// steps whose day has come. One that reached 认定通过 carries its
// certificate, and the enterprise holds the qualification it became (as
// the store writes it), so the tier follows. The rules of the funnel
// hold: steps forward only, days in order and not after today, 认定通过
// with a certificate and its issue day, batches for 高企 only, one
// unfinished application per enterprise, kind and year.

// stepAt is a step and its day offset from the application's deadline.
type stepAt struct {
	step   string
	offset int
}

// Timelines by kind: 高企 around its batch deadline; 省级 around the
// province's deadline (31 July); 科小 around the close of its window (it
// has no district review).
var timelines = map[string][]stepAt{
	visits.TierHNTE: {{visits.StepPlanned, -90}, {visits.StepRegistered, -60}, {visits.StepSubmitted, -20}, {visits.StepRecommended, 5},
		{visits.StepReview, 30}, {visits.StepPublicized, 55}, {visits.StepApproved, 100}},
	visits.TierProv: {{visits.StepPlanned, -90}, {visits.StepRegistered, -45}, {visits.StepSubmitted, -15}, {visits.StepRecommended, 10},
		{visits.StepReview, 60}, {visits.StepPublicized, 95}, {visits.StepApproved, 120}},
	visits.TierTSME: {{visits.StepPlanned, -150}, {visits.StepRegistered, -120}, {visits.StepSubmitted, -100}, {visits.StepPublicized, -80},
		{visits.StepApproved, -70}},
}

// application makes the year's application of kind for e, due on
// deadline (with batch for 高企), with the steps whose day is on or before
// today; nil when none has come yet. A jitter of up to 20 days keeps
// enterprises apart; one in five that reach the end is denied; one 科小 in
// four registers and never submits.
func application(rng *rand.Rand, e *visits.Enterprise, kind string, year, batch int, deadline, today visits.Date, officer string, i int) *visits.Application {
	a := &visits.Application{EnterpriseID: e.ID, Kind: kind, Year: year, Stage: e.Stage}
	if kind == visits.TierHNTE {
		a.Batch = batch
	}
	jitter := rng.IntN(20)
	stall := kind == visits.TierTSME && rng.IntN(4) == 0 // registered, never submitted
	last := visits.Date("")
	for _, s := range timelines[kind] {
		if stall && s.step == visits.StepSubmitted {
			break
		}
		d := deadline.AddDays(s.offset + jitter)
		if d > today {
			break
		}
		if d < last {
			d = last
		}
		step := s.step
		if step == visits.StepApproved && rng.IntN(5) == 0 {
			step = visits.StepDenied
		}
		a.Steps = append(a.Steps, visits.ApplicationStep{Step: step, Date: d, By: officer})
		last = d
		if step == visits.StepApproved {
			a.Issued = d
			switch kind {
			case visits.TierHNTE:
				a.Certificate = fmt.Sprintf("GR%d62000%04d", year, 5000+i%5000)
			case visits.TierProv:
				a.Certificate = fmt.Sprintf("GSKC%d%04d", year, 5000+i%5000)
			default:
				a.Certificate = fmt.Sprintf("%d62010%05d", year, 50000+i%50000)
			}
			e.Qualifications = append(e.Qualifications, visits.Qualification{Kind: kind, Certificate: a.Certificate, Issued: d})
		}
	}
	if len(a.Steps) == 0 {
		return nil
	}
	return a
}

// applications gives each enterprise in the pipeline the application
// its stage and tier call for: 申报一批/成熟一批 apply for 高企 in their
// batch; a provincial-level candidate (a tech SME being cultivated) for 省级;
// one to be listed or renewed as a tech SME for 科小. An enterprise
// approved as 高企 leaves the pipeline (its stage is cleared).
func applications(rng *rand.Rand, d *Data, today visits.Date, officer string, meta func(visits.Date) visits.Meta, batches visits.Batches, window visits.TSMEWindow) {
	year := today.Year()
	_, closes := window.For(year)
	for i := range d.Enterprises {
		e := &d.Enterprises[i]
		tier := visits.Tier(*e, today)
		var kind string
		var deadline visits.Date
		batch := 0
		switch {
		case e.Stage == visits.StageApply || (e.Stage == visits.StageMature && e.Batch > 0):
			kind, batch = visits.TierHNTE, e.Batch
			deadline = batches.Deadline(year, batch)
		case tier == visits.TierTSME && e.Stage == visits.StageCultivate && rng.IntN(2) == 0:
			kind, deadline = visits.TierProv, visits.Date(fmt.Sprintf("%d-07-31", year))
		case tier == visits.TierNone && e.Stage != "" && e.Readiness.RegisteredOn < today.AddDays(-60):
			kind, deadline = visits.TierTSME, closes
		default:
			continue
		}
		a := application(rng, e, kind, year, batch, deadline, today, officer, i)
		if a == nil {
			continue
		}
		a.Meta = meta(a.Steps[0].Date)
		if a.Steps[len(a.Steps)-1].Step == visits.StepApproved && kind == visits.TierHNTE {
			e.Stage, e.Batch = "", 0
		}
		d.Applications = append(d.Applications, *a)
	}
}
