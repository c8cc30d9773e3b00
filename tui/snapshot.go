package tui

import (
	"cmp"
	"errors"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// snapshot is the data the home screen and the enterprise table show. It
// is built from summaries and index keys (store/summary.go,
// store/tui_reads.go): no visit is decoded, nor any full enterprise, need
// or follow-up record.
type snapshot struct {
	at      time.Time
	ents    []entRow
	byID    map[string]int
	owed    []owedRow
	fus     []visits.FollowUp // open follow-ups due within a week, earliest first (summaries)
	open    []visits.Need     // needs in an open status (summaries)
	overdue []visits.Need     // open needs past their due date
	perDay  [14]int           // visits per day, oldest first, ending today
	byStat  map[string]int    // open needs by status
	status  store.Status
	officer string
	noCal   bool // no working-day calendar: Monday to Friday
	// settings are HQ's rules as last synced (labels, units, batches).
	settings visits.Settings
	// cached: the visits owed were read from the home cache
	// (snapshot_cache.go); save: they were computed from one state of
	// the database, and may be kept for the next start-up.
	cached bool
	save   *homeSave
	// gen is the state of the database every read saw, if consistent.
	gen        store.Generation
	consistent bool
	// overdueDue is the due date each overdue need shows (DueDate).
	overdueDue []visits.Date
	// early: the home screen's data alone, read from the cache for the
	// first frame (homeMsg); no enterprise rows, and names holds the
	// names of the enterprises of its rows.
	early bool
	names map[string]string
	// nameW is the widest name of the home screen's items (visits owed,
	// follow-ups, overdue needs), measured where the snapshot is made, off
	// the update loop; nameWKnown: it was (today.build measures otherwise).
	nameW      int
	nameWKnown bool
}

// entRow is one enterprise with what the table shows. Its tier and 三清单
// are worked out when its row is drawn (enterprises.entCells), not for
// every enterprise at start-up.
type entRow struct {
	ent  *visits.Enterprise // the summary: see store.EnterpriseSummaries
	name string             // cleaned for the terminal
	last visits.Date
	open int
}

// owedRow is a visit owed.
type owedRow struct {
	visits.Obligation
	name string
}

// owedChunk is the fewest enterprises worth another core when computing
// visits owed (a variable for tests).
var owedChunk = 1000

var openStatuses = []string{visits.StatusRegistered, visits.StatusAccepted, visits.StatusAssigned,
	visits.StatusInProgress, visits.StatusReplied, visits.StatusSuspended}

// loadSnapshot reads everything the home screen needs.
func loadSnapshot(st *store.Store, now time.Time) (*snapshot, error) {
	sn := &snapshot{at: now, byStat: map[string]int{}}
	today := visits.DateOf(now)
	var (
		needs   []visits.Need
		needsOf map[string][]visits.Need
		marks   *store.VisitMarks
		cadence map[string]int
		cal     *visits.Calendar
		batches visits.Batches
		tsme    visits.TSMEWindow
	)
	// Five read transactions side by side (bbolt transactions are not
	// shared between goroutines). The enterprise rows are built as they
	// are read; the marks of this year's visits are read for every
	// enterprise (Owed looks at them only for those on a list, in the
	// HNTE pipeline or with open needs).
	// The home cache first: with it, the occasion index is not read and
	// no obligation computed. gens are the states each read saw.
	key := homeCacheKey(today)
	var (
		gen0   store.Generation
		known  bool
		cached []byte
		gens   [5]store.Generation
	)
	if key != "" {
		_ = st.View(func(r *store.Reader) error {
			if gen0, known = r.Generation(); known {
				cached = r.HomeCache(key)
			}
			return nil
		})
	}
	errs := parallel(
		func() error {
			return st.View(func(r *store.Reader) error {
				gens[0], _ = r.Generation()
				ents, err := r.EnterpriseSummaries()
				sn.ents = make([]entRow, len(ents))
				sn.byID = make(map[string]int, len(ents))
				for i := range ents {
					e := &ents[i]
					sn.ents[i] = entRow{ent: e, name: clean(e.Name)}
					sn.byID[e.ID] = i
				}
				joinLastVisits(sn.ents, r.EachLastVisit) // both in id order
				return err
			})
		},
		func() error {
			return st.View(func(r *store.Reader) (err error) {
				gens[1], _ = r.Generation()
				cal = r.Calendar()
				if needs, err = r.NeedSummariesWithStatus(openStatuses...); err != nil {
					return err
				}
				needsOf = openNeeds(sn, needs, cal, today)
				return nil
			})
		},
		func() error {
			return st.View(func(r *store.Reader) (err error) {
				gens[2], _ = r.Generation()
				fus, err := r.FollowUpSummariesDue(today.AddDays(7))
				sn.fus = slices.DeleteFunc(fus, func(f visits.FollowUp) bool { return f.Status != visits.FollowUpOpen })
				return err
			})
		},
		func() error {
			return st.View(func(r *store.Reader) (err error) {
				if gens[3], _ = r.Generation(); cached != nil {
					return nil
				}
				marks, err = r.VisitMarksSince(visits.ObligationVisitsFrom(today).Time(), visits.OwedOccasions(), func(string) bool { return true })
				return err
			})
		},
		func() error {
			return st.View(func(r *store.Reader) (err error) {
				gens[4], _ = r.Generation()
				// Oldest first, ending today.
				copy(sn.perDay[:], r.VisitsPerDay(today.AddDays(-13), len(sn.perDay)))
				sn.status = r.Status()
				sn.officer = r.Identity().Officer
				sn.settings = r.Settings()
				batches = sn.settings.BatchesFor(today.Year()) // HQ's, else the defaults
				tsme = sn.settings.TSMEWindowFor(today.Year())
				cadence, err = cadences(r)
				return err
			})
		},
	)
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	sn.noCal = !cal.Covers(visits.DateOf(now))
	for i := range sn.ents {
		row := &sn.ents[i]
		row.open = len(needsOf[row.ent.ID])
	}
	// Every read saw the state of the database the cache is of: its
	// rows stand; otherwise they are computed.
	same := known
	for _, g := range gens {
		same = same && g == gen0
	}
	sn.gen, sn.consistent = gen0, same
	if cached != nil && same {
		if home, ok := decodeHome(cached, now); ok {
			sn.owed, sn.cached = home.owed, true
			sn.nameW, sn.nameWKnown = sn.homeNameWidth(), true
			return sn, nil
		}
	}
	if cached != nil && marks == nil { // read after all: the database changed meanwhile
		same, sn.consistent = false, false
		if err := st.View(func(r *store.Reader) (err error) {
			marks, err = r.VisitMarksSince(visits.ObligationVisitsFrom(today).Time(), visits.OwedOccasions(), func(string) bool { return true })
			return err
		}); err != nil {
			return nil, err
		}
	}
	if same {
		sn.save = &homeSave{gen: gen0, key: key}
	}
	// Visits owed, the enterprises split between the cores, in order.
	horizon := today.AddDays(14)
	workers := min(runtime.GOMAXPROCS(0), max(1, len(sn.ents)/owedChunk))
	parts := make([][]owedRow, workers)
	widths := make([]int, workers+1) // each worker's widest name; the last, the other sections'
	tasks := make([]func() error, workers, workers+1)
	for w := range workers {
		rows := sn.ents[w*len(sn.ents)/workers : (w+1)*len(sn.ents)/workers]
		tasks[w] = func() error {
			day := visits.NewOwedDay(today) // one per worker: it remembers working days
			var buf []visits.Obligation
			for _, row := range rows {
				in := visits.ObligationInput{Enterprise: *row.ent, LastVisit: row.last, Visits: marks.Of(row.ent.ID),
					Needs: needsOf[row.ent.ID], CadenceDays: cadence[row.ent.ID], Calendar: cal, Batches: batches,
					TSMEWindow: tsme}
				buf = day.Append(buf[:0], in)
				for _, o := range buf {
					if o.Due <= horizon {
						parts[w] = append(parts[w], owedRow{Obligation: o, name: row.name})
						widths[w] = max(widths[w], displayWidth(row.name))
					}
				}
			}
			return nil
		}
	}
	tasks = append(tasks, func() error { widths[workers] = sn.otherNamesWidth(); return nil })
	parallel(tasks...)
	sn.nameW, sn.nameWKnown = slices.Max(widths), true
	sn.owed = slices.Concat(parts...)
	owedDue := make([]visits.Date, len(sn.owed))
	for i, o := range sn.owed {
		owedDue[i] = o.Due
	}
	sn.owed = sortedBy(sn.owed, owedDue)
	return sn, nil
}

// openNeeds sets the snapshot's open needs, their counts by status and
// the overdue ones (earliest due first), and returns the needs of each
// enterprise, in the order read. It runs beside the other reads.
func openNeeds(sn *snapshot, needs []visits.Need, cal *visits.Calendar, today visits.Date) map[string][]visits.Need {
	// One array cut per enterprise: counted first, then filled.
	count := map[string]int{}
	for i := range needs {
		count[needs[i].EnterpriseID]++
	}
	all := make([]visits.Need, len(needs))
	needsOf := make(map[string][]visits.Need, len(count))
	at := 0
	for i := range needs {
		id := needs[i].EnterpriseID
		if _, ok := needsOf[id]; !ok {
			needsOf[id] = all[at : at : at+count[id]]
			at += count[id]
		}
	}
	// The overdue ones are copied once, in their order (earliest due
	// first, then as read).
	var overdueAt []int
	var overdueDue []visits.Date
	for i := range needs {
		n := &needs[i]
		needsOf[n.EnterpriseID] = append(needsOf[n.EnterpriseID], *n)
		sn.byStat[n.Status]++
		// Overdue (Need.Overdue) is past the deadline it is measured
		// against, which is then its due date (Need.DueDate).
		if kind, due := n.Deadline(cal, ""); kind != visits.DeadlineNone && today > due {
			overdueAt = append(overdueAt, i)
			overdueDue = append(overdueDue, due)
		}
	}
	sn.open = needs
	overdueAt = sortedBy(overdueAt, overdueDue)
	sn.overdue = make([]visits.Need, len(overdueAt))
	sn.overdueDue = make([]visits.Date, len(overdueAt))
	for j, i := range overdueAt {
		sn.overdue[j] = needs[i]
		sn.overdueDue[j] = needs[i].DueDate(nil)
	}
	return needsOf
}

// otherNamesWidth is the widest name of the follow-ups and overdue needs.
func (sn *snapshot) otherNamesWidth() int {
	w := 0
	for i := range sn.fus {
		w = max(w, displayWidth(sn.entName(sn.fus[i].EnterpriseID)))
	}
	for i := range sn.overdue {
		w = max(w, displayWidth(sn.entName(sn.overdue[i].EnterpriseID)))
	}
	return w
}

// homeNameWidth is the widest name of the home screen's items: the
// visits owed, the follow-ups and the overdue needs.
func (sn *snapshot) homeNameWidth() int {
	if sn.nameWKnown {
		return sn.nameW
	}
	w := sn.otherNamesWidth()
	for i := range sn.owed {
		w = max(w, displayWidth(sn.owed[i].name))
	}
	return w
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
	if sn != nil {
		if name, ok := sn.names[id]; ok {
			return name
		}
	}
	return id
}

// parallel runs the functions side by side and returns their errors.
func parallel(fns ...func() error) []error {
	errs := make([]error, len(fns))
	var wg sync.WaitGroup
	for i, fn := range fns {
		wg.Go(func() { errs[i] = fn() })
	}
	wg.Wait()
	return errs
}

// sortedBy returns xs stably sorted by their keys (keys[i] is that of
// xs[i]).
func sortedBy[T any](xs []T, keys []visits.Date) []T {
	idx := make([]int, len(xs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int { return cmp.Or(cmp.Compare(keys[a], keys[b]), cmp.Compare(a, b)) })
	out := make([]T, len(xs))
	for i, j := range idx {
		out[i] = xs[j]
	}
	return out
}
