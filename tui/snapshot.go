package tui

import (
	"sort"
	"sync"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// snapshot is the data the home screen and the enterprise table show,
// loaded in one read transaction. It is built from the indexes: no visit is
// decoded except for the occasion codes obligations need.
type snapshot struct {
	at      time.Time
	ents    []entRow
	byID    map[string]int
	owed    []owedRow
	fus     []visits.FollowUp // open follow-ups due within a week, earliest first
	open    []visits.Need     // needs in an open status
	overdue []visits.Need     // open needs past their due date
	perDay  [14]int           // visits per day, oldest first, ending today
	byStat  map[string]int    // open needs by status
	status  store.Status
	officer string
	noCal   bool // no working-day calendar: Monday to Friday
}

// entRow is one enterprise with what the table shows.
type entRow struct {
	ent   visits.Enterprise
	name  string // cleaned for the terminal
	tier  string
	lists []string
	last  visits.Date
	open  int
}

// owedRow is a visit owed.
type owedRow struct {
	visits.Obligation
	name string
}

var openStatuses = []string{visits.StatusRegistered, visits.StatusAccepted, visits.StatusAssigned,
	visits.StatusInProgress, visits.StatusReplied, visits.StatusSuspended}

// loadSnapshot reads everything the home screen needs.
func loadSnapshot(st *store.Store, now time.Time) (*snapshot, error) {
	sn := &snapshot{at: now, byID: map[string]int{}, byStat: map[string]int{}}
	today := visits.DateOf(now)
	yearStart := visits.Date(today[:4] + "-01-01").Time()
	var (
		wg               sync.WaitGroup
		ents             []visits.Enterprise
		needs            []visits.Need
		fus              []visits.FollowUp
		last             map[string]time.Time
		times            []time.Time
		cadence          map[string]int
		cal              *visits.Calendar
		entErr, otherErr error
	)
	// Four read transactions side by side (bbolt transactions are not
	// shared between goroutines): enterprises, needs, follow-ups, and the
	// index-only reads.
	var needErr, fuErr error
	wg.Add(4)
	go func() {
		defer wg.Done()
		entErr = st.View(func(r *store.Reader) (err error) {
			ents, err = r.EnterpriseSummaries()
			return err
		})
	}()
	go func() {
		defer wg.Done()
		needErr = st.View(func(r *store.Reader) (err error) {
			needs, err = r.NeedsWithStatus(openStatuses...)
			return err
		})
	}()
	go func() {
		defer wg.Done()
		fuErr = st.View(func(r *store.Reader) (err error) {
			fus, err = r.FollowUpsDue(today.AddDays(7))
			return err
		})
	}()
	go func() {
		defer wg.Done()
		otherErr = st.View(func(r *store.Reader) (err error) {
			last = r.LastVisitTimes()
			times = r.VisitTimesBetween(today.AddDays(-13).Time(), today.AddDays(1).Time())
			sn.status = r.Status()
			sn.officer = r.Identity().Officer
			cal = r.Calendar()
			cadence, err = cadences(r)
			return err
		})
	}()
	wg.Wait()
	for _, err := range []error{entErr, needErr, fuErr, otherErr} {
		if err != nil {
			return nil, err
		}
	}
	sn.noCal = cal.Default()
	needsOf := map[string][]visits.Need{}
	for _, n := range needs {
		needsOf[n.EnterpriseID] = append(needsOf[n.EnterpriseID], n)
		sn.byStat[n.Status]++
		if n.Overdue(cal, now) {
			sn.overdue = append(sn.overdue, n)
		}
	}
	sn.open = needs
	for _, f := range fus {
		if f.Status == visits.FollowUpOpen {
			sn.fus = append(sn.fus, f)
		}
	}
	for _, t := range times {
		if i := 13 - visits.DateOf(t).DaysUntil(today); i >= 0 && i < 14 {
			sn.perDay[i]++
		}
	}
	// Obligations that depend on this year's visits need their occasions:
	// only for enterprises on a list, in the HNTE pipeline, or with open
	// needs (a difficulty visit settles an urgent or overdue need).
	listed := map[string]bool{}
	sn.ents = make([]entRow, len(ents))
	for i, e := range ents {
		row := entRow{ent: e, name: clean(e.Name), tier: visits.Tier(e, today), lists: visits.Lists(e, today),
			open: len(needsOf[e.ID])}
		if t, ok := last[e.ID]; ok {
			row.last = visits.DateOf(t)
		}
		if len(row.lists) > 0 || e.Stage == visits.StageMature || e.Stage == visits.StageApply || row.open > 0 {
			listed[e.ID] = true
		}
		sn.ents[i] = row
		sn.byID[e.ID] = i
	}
	var marks map[string][]visits.VisitMark
	err := st.View(func(r *store.Reader) (err error) {
		marks, err = r.VisitMarksSince(yearStart, visits.OwedOccasions(), func(id string) bool { return listed[id] })
		return err
	})
	for _, row := range sn.ents {
		in := visits.ObligationInput{Enterprise: row.ent, LastVisit: row.last, Visits: marks[row.ent.ID],
			Needs: needsOf[row.ent.ID], CadenceDays: cadence[row.ent.ID], Calendar: cal}
		for _, o := range visits.Owed(in, today) {
			if o.Due <= today.AddDays(14) {
				sn.owed = append(sn.owed, owedRow{Obligation: o, name: row.name})
			}
		}
	}
	if err != nil {
		return nil, err
	}
	sort.SliceStable(sn.owed, func(i, j int) bool { return sn.owed[i].Due < sn.owed[j].Due })
	sort.SliceStable(sn.overdue, func(i, j int) bool { return sn.overdue[i].DueDate(nil) < sn.overdue[j].DueDate(nil) })
	return sn, nil
}

// cadences returns each enterprise's visit cadence from the logged-in
// officer's assignments (absent: the default).
func cadences(r *store.Reader) (map[string]int, error) {
	officer := r.Identity().Officer
	if officer == "" {
		return map[string]int{}, nil
	}
	return r.Cadences(officer)
}

// ent returns the row of an enterprise id.
func (sn *snapshot) ent(id string) (entRow, bool) {
	if sn == nil {
		return entRow{}, false
	}
	i, ok := sn.byID[id]
	if !ok {
		return entRow{}, false
	}
	return sn.ents[i], true
}

// entName is the cleaned name of an enterprise, or its id.
func (sn *snapshot) entName(id string) string {
	if row, ok := sn.ent(id); ok {
		return row.name
	}
	return id
}
