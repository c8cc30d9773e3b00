package demo

import (
	"time"

	"github.com/liaison-dev/liaison/visits"
)

// needs raises the needs: from difficulty visits (the need the visit's
// summary speaks of) and from other visits; the first ones recent and in
// every status, some late. Each need is led by the unit its matter
// belongs to (PlausibleUnits), linked from its visit, and followed up.
func (g *visitGen) needs(d *Data) {
	rng, now, today, officer := g.rng, g.now, g.today, g.officer
	statuses := visits.Codes(visits.KindStatus)
	nNeeds := max(len(statuses)*2, len(d.Visits)/20)
	var recent []int
	for i, v := range d.Visits {
		if now.Sub(v.At) < 20*24*time.Hour && now.Sub(v.At) > 24*time.Hour {
			recent = append(recent, i)
		}
	}
	ents := map[string]*visits.Enterprise{}
	for i := range d.Enterprises {
		ents[d.Enterprises[i].ID] = &d.Enterprises[i]
	}
	for i := 0; i < nNeeds && len(d.Visits) > 0; i++ {
		vi := rng.IntN(len(d.Visits))
		if i < len(statuses)*2 && len(recent) > 0 { // recent needs in every status, some late
			vi = recent[rng.IntN(len(recent))]
		}
		v := &d.Visits[vi]
		k := g.kinds[vi]
		if k < 0 {
			k = rng.IntN(len(needKinds) + 2)
		}
		nk := needOf(k, ents[v.EnterpriseID])
		sev := []string{visits.SeverityGeneral, visits.SeverityGeneral, visits.SeverityComplex, visits.SeverityUrgent}[rng.IntN(4)]
		if nk.nature == "consult" {
			sev = visits.SeverityConsult
		}
		reg := v.At.Add(time.Duration(rng.IntN(120)+10) * time.Minute)
		if reg.After(now.Add(-time.Minute)) { // raised at a visit of the last minutes
			reg = v.At
		}
		if !reg.Before(now) { // its history must fit before now
			reg = now.Add(-time.Minute)
		}
		n := visits.Need{Meta: g.meta(reg), EnterpriseID: v.EnterpriseID, VisitID: v.ID, Nature: nk.nature, Category: nk.cat,
			Severity: sev, Title: nk.title, Description: nk.summary, Jinanchoupan: sev == visits.SeverityUrgent,
			FirstReceiver: officer, LeadUnit: nk.lead, CoUnits: nk.co, RegisteredAt: reg, Status: visits.StatusRegistered}
		if nk.cat == "tech" {
			n.TechDomain, n.Partner, n.Tried = ents[v.EnterpriseID].Domain, partners[rng.IntN(len(partners))], "企业自行试验多次，效果不稳定"
		}
		n.ReplyDue, n.CloseDue = visits.NeedDue(nil, sev, visits.DateOf(reg), false)
		v.NeedIDs = append(v.NeedIDs, n.ID)
		target := statuses[i%len(statuses)]
		d.Events = append(d.Events, visits.NeedEvent{Meta: g.meta(reg), NeedID: n.ID, Action: "register", To: n.Status, Actor: officer, At: reg, Text: n.Title})
		at := reg
		steps := path(target)
		// Steps strictly in order, all before now: history reads in order.
		gap := now.Sub(reg) / time.Duration(len(steps)+1)
		for _, step := range steps {
			at = at.Add(gap/2 + time.Duration(rng.Int64N(int64(gap/2)+1)))
			ev := visits.NeedEvent{Meta: g.meta(at), NeedID: n.ID, Action: "status", From: n.Status, To: step, Actor: officer, At: at, Text: "办理进展"}
			if n.Status == visits.StatusReplied {
				ev.Action, ev.Satisfaction = "revisit", visits.SatSatisfied
				n.Satisfaction = visits.SatSatisfied
			}
			n.Status = step
			d.Events = append(d.Events, ev)
		}
		d.Needs = append(d.Needs, n)
		due := today.AddDays(rng.IntN(21) - 10) // half overdue, half coming due
		d.FollowUps = append(d.FollowUps, visits.FollowUp{Meta: g.meta(reg), EnterpriseID: n.EnterpriseID, NeedID: n.ID,
			VisitID: v.ID, Action: "跟进：" + n.Title, Assignee: officer, Due: due, Status: visits.FollowUpOpen})
	}
}

// path is a legal sequence of statuses from registered to target.
func path(target string) []string {
	switch target {
	case visits.StatusRegistered:
		return nil
	case visits.StatusAccepted, visits.StatusRejected, visits.StatusWithdrawn:
		return []string{target}
	case visits.StatusAssigned:
		return []string{visits.StatusAccepted, visits.StatusAssigned}
	case visits.StatusInProgress:
		return []string{visits.StatusAccepted, visits.StatusAssigned, visits.StatusInProgress}
	case visits.StatusSuspended:
		return []string{visits.StatusAccepted, visits.StatusAssigned, visits.StatusSuspended}
	case visits.StatusReplied:
		return []string{visits.StatusAccepted, visits.StatusAssigned, visits.StatusInProgress, visits.StatusReplied}
	default: // closed
		return []string{visits.StatusAccepted, visits.StatusAssigned, visits.StatusInProgress, visits.StatusReplied, visits.StatusClosed}
	}
}
