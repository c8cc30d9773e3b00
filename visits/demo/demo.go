// Package demo makes realistic synthetic data for demos, tests and
// benchmarks: Chinese enterprise names in the eight technology domains,
// real streets of 兰州市城关区, valid USCCs, qualifications and cultivation
// stages that agree, readiness figures the checklist can evaluate, the
// year's applications in flight through the funnel, visits on every 六必访
// occasion whose summaries say why they were made, needs led by the unit
// their matter belongs to, in every status with their history, and
// follow-ups both overdue and coming due. The same Options give the same
// data.
package demo

import (
	"math/rand/v2"
	"time"

	"github.com/liaison-dev/liaison/visits"
)

// Options say how much to make.
type Options struct {
	Enterprises int
	Visits      int
	Seed        uint64
	Now         time.Time
	Officer     string        // the officer the data is assigned to ("wang")
	NewID       func() string // record ids
}

// Data is everything Generate made, ready to store.
type Data struct {
	Officers     []visits.Officer
	Enterprises  []visits.Enterprise
	Assignments  []visits.Assignment
	Visits       []visits.Visit
	Needs        []visits.Need
	Events       []visits.NeedEvent
	FollowUps    []visits.FollowUp
	Applications []visits.Application
}

// Records returns every record, parents before children.
func (d *Data) Records() []visits.Record {
	var out []visits.Record
	out = appendRecords(out, d.Officers)
	out = appendRecords(out, d.Enterprises)
	out = appendRecords(out, d.Assignments)
	out = appendRecords(out, d.Visits)
	out = appendRecords(out, d.Needs)
	out = appendRecords(out, d.Events)
	out = appendRecords(out, d.FollowUps)
	return appendRecords(out, d.Applications)
}

// appendRecords appends a pointer to each element of recs.
func appendRecords[T any, P interface {
	*T
	visits.Record
}](out []visits.Record, recs []T) []visits.Record {
	for i := range recs {
		out = append(out, P(&recs[i]))
	}
	return out
}

// Generate makes the data. It is deterministic for a given Options.
func Generate(o Options) *Data {
	if o.Officer == "" {
		o.Officer = "wang"
	}
	rng := rand.New(rand.NewPCG(o.Seed, o.Seed^0x9e3779b97f4a7c15))
	d := &Data{}
	now := o.Now.UTC()
	today := visits.DateOf(now)
	meta := func(created time.Time) visits.Meta {
		return visits.Meta{ID: o.NewID(), CreatedAt: created, CreatedBy: o.Officer, UpdatedAt: created}
	}
	d.Officers = append(d.Officers,
		visits.Officer{Meta: meta(now), Name: "王建国", Roles: []string{visits.RoleLiaison}, Unit: "区科技局", Phone: "13909310001"},
		visits.Officer{Meta: meta(now), Name: "李明", Roles: []string{visits.RoleCommissioner}, Institution: "兰州大学", Phone: "13909310002"})
	d.Officers[0].ID, d.Officers[1].ID = o.Officer, "li"

	for i := 0; i < o.Enterprises; i++ {
		d.Enterprises = append(d.Enterprises, enterprise(rng, i, meta(now.AddDate(0, 0, -400)), today))
	}
	dayMeta := func(day visits.Date) visits.Meta { return meta(day.Time().Add(9 * time.Hour)) }
	applications(rng, d, today, o.Officer, dayMeta, visits.DefaultBatches(today.Year()), visits.TSMEWindow{})
	for i := range d.Enterprises {
		e := &d.Enterprises[i]
		d.Assignments = append(d.Assignments, visits.Assignment{Meta: meta(now), EnterpriseID: e.ID, OfficerID: o.Officer, Role: visits.RoleLiaison})
		if i%3 == 0 {
			d.Assignments = append(d.Assignments, visits.Assignment{Meta: meta(now), EnterpriseID: e.ID, OfficerID: "li", Role: visits.RoleCommissioner})
		}
	}
	if o.Enterprises == 0 {
		return d
	}
	g := &visitGen{rng: rng, now: now, today: today, officer: o.Officer, meta: meta}
	g.owedVisits(d, o.Visits)
	for first := len(d.Visits); len(d.Visits) < o.Visits; {
		// Every enterprise twice first (when there are visits enough), then at random.
		e := &d.Enterprises[rng.IntN(len(d.Enterprises))]
		if k := len(d.Visits) - first; k < 2*len(d.Enterprises) && o.Visits-first >= 2*len(d.Enterprises) {
			e = &d.Enterprises[k%len(d.Enterprises)]
		}
		at := now.Add(-time.Duration(rng.Int64N(int64(365 * 24 * time.Hour))))
		if len(d.Visits)%10 == 0 { // a denser recent fortnight for the charts
			at = now.Add(-time.Duration(rng.Int64N(int64(14 * 24 * time.Hour))))
		}
		g.add(d, g.visit(e, at))
	}
	g.needs(d)
	return d
}
