package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/liaison-dev/liaison/visits"
)

// reportData returns the records the weekly report of week, counted on
// day ref, reads, and of most of them only the fields it reads, instead of
// every record whole (Reader.Dataset): at 100,000 visits it reads the
// visits of its two weeks and at most a few more per enterprise.
//
// Whole: officers, applications (with their funnel steps), needs. In
// part, the fields the figures read (the rest left zero):
//   - enterprises: their summary (s:enterprise: created, name, USCC,
//     street, domain, stage, batch, qualifications) and the plan's flags
//     (规上, 民营, 专精特新, 小巨人); the "shown" ones (a cultivation stage or
//     an HNTE application of ref's year: the report's rows) also their
//     readiness inputs;
//   - assignments: id, enterprise, officer, role (coverage by officer and
//     by unit; the rows and decisions name the officers);
//   - visits of the two weeks: id, enterprise, time, occasion, method,
//     lead officer, summary, next plan;
//   - of the other visits of ref's year up to ref, only their count
//     (ReportOptions.YearVisits), from the index keys;
//   - before the weeks, per enterprise, only its newest visits on or before
//     each week's as-of day (every visit of that millisecond): whether it
//     was visited that week, month, year or ever, and a shown enterprise's
//     next step, depend on those alone. For shown enterprises they are read
//     as above; for others made from the index key (id, enterprise, time);
//   - need events: id, need, from, to, time, satisfaction;
//   - follow-ups of shown enterprises (whole; the rows' progress and next
//     step), none of others.
//
// Every slice is in id order, as Dataset's are (ties in the report's sorts
// keep that order). TestReportInputMatchesDataset compares the reports.
func (r *Reader) reportData(week visits.Week, ref visits.Date) (_ visits.Dataset, yearVisits int, _ error) {
	var ds visits.Dataset
	var err error
	fail := func(what string, err error) (visits.Dataset, int, error) {
		return visits.Dataset{}, 0, fmt.Errorf("report data: %s: %w", what, err)
	}
	// Assignments, needs and need events do not depend on which
	// enterprises are shown: on a bbolt read transaction (which several
	// goroutines may read at once) they are read beside the rest.
	var other struct {
		ds   visits.Dataset
		what string
		err  error
	}
	readOther := func() {
		o := &other
		if o.ds.Assignments, o.err = r.reportAssignments(); o.err != nil {
			o.what = "assignments"
			return
		}
		r.releaseMapped() // between each group of records: see releaseMapped
		if o.ds.Needs, o.err = allFlat(r, visits.TypeNeed, needFlat); o.err != nil {
			o.what = "needs"
			return
		}
		r.releaseMapped()
		if o.ds.Events, o.err = allFlat(r, visits.TypeNeedEvent, eventFlat); o.err != nil {
			o.what = "need events"
		}
	}
	var wg sync.WaitGroup
	if tx := boltTxOf(r.tx); tx != nil && !tx.Writable() {
		wg.Go(readOther)
	} else {
		readOther()
	}
	ds.Officers, err = All[visits.Officer](r)
	if err != nil {
		wg.Wait()
		return fail("officers", err)
	}
	ds.Applications, err = allFlat(r, visits.TypeApplication, applicationFlat)
	if err != nil {
		wg.Wait()
		return fail("applications", err)
	}
	r.releaseMapped()
	shown := map[string]bool{}
	for _, a := range ds.Applications {
		if a.Kind == visits.TierHNTE && a.Year == ref.Year() {
			shown[a.EnterpriseID] = true
		}
	}
	if ds.Enterprises, err = r.reportEnterprises(shown); err != nil {
		wg.Wait()
		return fail("enterprises", err)
	}
	r.releaseMapped()
	if ds.Visits, yearVisits, err = r.reportVisits(week, ref, shown); err != nil {
		wg.Wait()
		return fail("visits", err)
	}
	r.releaseMapped()
	if ds.FollowUps, err = r.reportFollowUps(shown); err != nil {
		wg.Wait()
		return fail("follow-ups", err)
	}
	r.releaseMapped()
	wg.Wait()
	if other.err != nil {
		return fail(other.what, other.err)
	}
	ds.Assignments, ds.Needs, ds.Events = other.ds.Assignments, other.ds.Needs, other.ds.Events
	return ds, yearVisits, nil
}

// reportFollowUps reads the follow-ups of the shown enterprises, whole, in
// id order: one walk of the follow-up-by-enterprise index, then the
// records in id order.
func (r *Reader) reportFollowUps(shown map[string]bool) ([]visits.FollowUp, error) {
	var ids []string
	c := r.tx.Bucket(ixFollowUpByEnt).Cursor()
	var ent []byte // the enterprise of the keys before, in its key form
	isShown := false
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		i := idKeyLen(k)
		if i < 0 {
			continue
		}
		if !bytes.Equal(k[:i], ent) {
			e, _ := idFromKey(k[:i])
			ent, isShown = k[:i], shown[e]
		}
		if isShown {
			ids = append(ids, idID.id(k))
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	slices.Sort(ids)
	recs := recordsOf(r.tx, visits.TypeFollowUp)
	raws := make([][]byte, len(ids))
	for i, id := range ids {
		var err error
		if raws[i], err = recs.Get([]byte(id)); err != nil {
			return nil, err
		}
		if raws[i] == nil {
			return nil, fmt.Errorf("%s %s: %w", visits.TypeFollowUp, id, ErrNotFound)
		}
	}
	return decodeFlatEach(visits.TypeFollowUp, raws, followUpFlat)
}

// The fields the report reads of the records it reads in part.
var (
	visitNames      = jsonNames("id", "enterprise_id", "at", "occasion", "method", "lead_officer", "summary", "next_plan")
	assignmentNames = jsonNames("id", "enterprise_id", "officer_id", "role")
	eventNames      = jsonNames("id", "need_id", "from", "to", "at", "satisfaction")
	flagNames       = jsonNames("above_size", "private", "specialized", "little_giant")
	readinessNames  = jsonNames("readiness")
)

func jsonNames(names ...string) [][]byte {
	out := make([][]byte, len(names))
	for i, n := range names {
		out[i] = []byte(n)
	}
	return out
}

// reportEnterprises returns every enterprise from its summary with the
// plan's flags; the shown ones (given, plus those with a cultivation
// stage, which it adds to shown) also get their readiness inputs (the
// rows' readiness gaps), decoded in the same pass over their records. The
// records are decoded in chunks and the mapped pages released after each
// (releaseMapped): held all at once they mapped most of the enterprise
// records (60 MB of file pages at 10,000 enterprises).
func (r *Reader) reportEnterprises(shown map[string]bool) ([]visits.Enterprise, error) {
	sums := r.tx.Bucket(bEntSummary)
	out := make([]visits.Enterprise, 0, sums.KeyN())
	var raws, shownRaws [][]byte
	var at, shownAt []int
	recs := r.tx.Bucket(reportBucket(visits.TypeEnterprise)) // flags and readiness
	decode := func() error {
		flags, err := decodeFlatEach(visits.TypeEnterprise, raws, flagFlat)
		if err != nil {
			return err
		}
		for i, f := range flags {
			e := &out[at[i]]
			e.AboveSize, e.Private, e.Specialized, e.LittleGiant = f.AboveSize, f.Private, f.Specialized, f.LittleGiant
		}
		rd, err := decodeFlatEach(visits.TypeEnterprise, shownRaws, shownFlat)
		if err != nil {
			return err
		}
		for i, x := range rd {
			e := &out[shownAt[i]]
			e.AboveSize, e.Private, e.Specialized, e.LittleGiant = x.AboveSize, x.Private, x.Specialized, x.LittleGiant
			e.Readiness = x.Readiness
		}
		raws, shownRaws, at, shownAt = raws[:0], shownRaws[:0], at[:0], shownAt[:0]
		r.releaseMapped()
		return nil
	}
	rc := recs.Cursor()
	rk, raw := rc.First()
	err := sums.ForEach(func(k, v []byte) error {
		e, err := decodeEnterpriseSummary(string(k), v)
		if err != nil {
			return err
		}
		if e.Stage != "" {
			shown[e.ID] = true
		}
		// Both buckets hold every enterprise: one cursor keeps step.
		if rk != nil && string(rk) < string(k) {
			rk, raw = rc.Next()
		}
		if rk != nil && string(rk) < string(k) {
			rk, raw = rc.Seek(k)
		}
		if rk == nil || string(rk) != string(k) {
			return fmt.Errorf("enterprise %s: %w", k, ErrNotFound)
		}
		if shown[e.ID] {
			shownRaws, shownAt = append(shownRaws, raw), append(shownAt, len(out))
		} else {
			raws, at = append(raws, raw), append(at, len(out))
		}
		out = append(out, e)
		if len(raws)+len(shownRaws) == recordChunk {
			return decode()
		}
		return nil
	})
	if err == nil {
		err = decode()
	}
	if err != nil {
		return nil, err
	}
	return out, nil
}

// reportAssignments reads every assignment: enterprise, officer, role.
func (r *Reader) reportAssignments() ([]visits.Assignment, error) {
	return allFlat(r, visits.TypeAssignment, assignmentFlat)
}

// reportVisits reads the visits of week and the week before (whole for
// shown enterprises, else in part), and each enterprise's newest visits on
// or before ref and on or before the end of the week before.
func (r *Reader) reportVisits(week visits.Week, ref visits.Date, shown map[string]bool) (_ []visits.Visit, yearVisits int, _ error) {
	prev := week.Prev()
	dayStart := func(d visits.Date) uint64 { return uint64(max(d.Time().UnixMilli(), 0)) }
	// The two weeks, from the visit-by-time index.
	recs := r.tx.Bucket(reportBucket(visits.TypeVisit))
	loMS, hi := dayStart(prev.Start()), dayStart(week.End().AddDays(1))
	lo := u64(loMS)
	// Visit is large: size the result once. The two weeks' visits, then
	// mostly one visit per enterprise (its newest), read or made from the
	// index whatever the size of the database.
	n := 0
	c := r.tx.Bucket(ixVisitByAt).Cursor()
	for k, _ := c.Seek(lo); k != nil && len(k) >= 8 && beU64(k[:8]) < hi; k, _ = c.Next() {
		n++
	}
	out := make([]visits.Visit, 0, n+r.tx.Bucket(bEntSummary).KeyN()+64)
	// Records are decoded in chunks, and the mapped pages released after
	// each (releaseMapped): the visits of two weeks lie all over the file.
	var raws, keys [][]byte
	names := flatFieldNames(visitFlat)
	decode := func() error { // into out's spare room: no copy
		at := len(out)
		out = slices.Grow(out, len(raws))[:at+len(raws)]
		if err := decodeFlatEachInto(visits.TypeVisit, raws, keys, visitFlat, names, out[at:]); err != nil {
			return err
		}
		raws, keys = raws[:0], keys[:0]
		r.releaseMapped()
		return nil
	}
	take := func(key, raw []byte) error {
		if raws, keys = append(raws, raw), append(keys, key); len(raws) == visitChunk {
			return decode()
		}
		return nil
	}
	// Records are read in id order, not time order: neighbours in the
	// records bucket share leaf pages, so each page is mapped once, not
	// once per visit (ids are made in creation order, unrelated to the
	// visit's time). The order of out does not matter: it is sorted by id
	// at the end.
	// One cursor walks forward through them: the next id is usually a few
	// keys on (a sixth of the visits are read), cheaper to step to than to
	// look up from the root.
	// The summaries' keys are the ids' key form (store/idkey.go), as the
	// indexes hold them: ids is in that form, and read in its order.
	readSorted := func(ids [][]byte) error {
		slices.SortFunc(ids, bytes.Compare)
		cur := recs.Cursor()
		var k, v []byte
		for i, id := range ids {
			for step := 0; i > 0 && k != nil && bytes.Compare(k, id) < 0 && step < 64; step++ {
				k, v = cur.Next()
			}
			if i == 0 || k == nil || bytes.Compare(k, id) < 0 {
				k, v = cur.Seek(id)
			}
			if k == nil || !bytes.Equal(k, id) {
				text, _ := idFromKey(id)
				return fmt.Errorf("visit %s: %w", text, ErrNotFound)
			}
			text, _ := idFromKey(k)
			if err := take([]byte(text), v); err != nil {
				return err
			}
		}
		return decode()
	}
	weekIDs := make([][]byte, 0, n)
	for k, _ := c.Seek(lo); k != nil && len(k) >= 8 && beU64(k[:8]) < hi; k, _ = c.Next() {
		weekIDs = append(weekIDs, k[8:])
	}
	if err := readSorted(weekIDs); err != nil {
		return nil, 0, err
	}
	made := len(out)      // out[:made] is in id order; the visits made from keys follow
	var shownIDs [][]byte // read after the walk of the index, in key order
	// Before them, each enterprise's newest visits on or before each as-of
	// day, from the visit-by-enterprise index (enterprise, time, id): read
	// for shown enterprises, else made from the key.
	type group struct {
		at  uint64
		ids [][]byte
	}
	limits := [2]uint64{dayStart(ref.AddDays(1)), dayStart(prev.End().AddDays(1))}
	yearFrom := dayStart(visits.Date(ref[:4] + "-01-01"))
	var groups [2]group
	var ent []byte
	// A group already read: its time lies in the two weeks (every visit of
	// that millisecond was read from the visit-by-time index), or it is
	// the newer group's (both as-of days fall after the same newest visit).
	flush := func() error {
		entID, _ := idFromKey(ent)
		isShown := shown[entID]
		for gi := range groups {
			g := &groups[gi]
			if g.at >= loMS && g.at < hi || gi == 1 && len(groups[0].ids) > 0 && groups[0].at == g.at {
				continue
			}
			for _, idk := range g.ids {
				if isShown {
					shownIDs = append(shownIDs, idk)
					continue
				}
				id, _ := idFromKey(idk)
				out = append(out, visits.Visit{Meta: visits.Meta{ID: id}, EnterpriseID: entID,
					At: time.UnixMilli(int64(g.at)).UTC()})
			}
		}
		for gi := range groups {
			groups[gi].at, groups[gi].ids = 0, groups[gi].ids[:0]
		}
		return nil
	}
	c = r.tx.Bucket(ixVisitByEnt).Cursor()
	n = 0
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		if n++; n%indexChunk == 0 {
			r.releaseMapped()
		}
		e, at, ok := splitEntMS(k)
		if !ok {
			continue
		}
		if !bytes.Equal(e, ent) {
			if err := flush(); err != nil {
				return nil, 0, err
			}
			ent = e
		}
		ms, id := beU64(at), k[len(e)+8:]
		if ms >= yearFrom && ms < limits[0] {
			yearVisits++
		}
		for gi, lim := range limits {
			g := &groups[gi]
			switch {
			case ms >= lim:
			case ms == g.at && len(g.ids) > 0:
				g.ids = append(g.ids, id)
			default: // a newer visit: the group starts again (its slice kept)
				g.at, g.ids = ms, append(g.ids[:0], id)
			}
		}
	}
	if err := flush(); err != nil {
		return nil, 0, err
	}
	read := len(out) // out[read:] will be in id order too
	if err := readSorted(shownIDs); err != nil {
		return nil, 0, err
	}
	out = sortVisitsByID(out, made, read)
	// The runs read above are in the order of the ids' key form, which is
	// their text order unless canonical UUIDs and other ids are mixed
	// (UUIDs sort first): then the merge's result is sorted again.
	if !slices.IsSortedFunc(out, func(a, b visits.Visit) int { return strings.Compare(a.ID, b.ID) }) {
		slices.SortFunc(out, func(a, b visits.Visit) int { return strings.Compare(a.ID, b.ID) })
	}
	return out, yearVisits, nil
}

// How many visit records reportVisits decodes, and how many index keys it
// reads, between two releases of the mapped pages.
const (
	visitChunk  = 512
	indexChunk  = 4096
	recordChunk = 512 // allFlat: records read in key order
)

// sortVisitsByID sorts vs in id order, in place, moving each (large) visit
// at most once plus once per cycle: sorting the structs themselves swaps
// them many times over, and a sorted copy doubles them in memory. vs[:a]
// and vs[b:] are already in id order: only vs[a:b] is sorted, then the
// three runs are merged.
func sortVisitsByID(vs []visits.Visit, a, b int) []visits.Visit {
	byID := func(x, y int32) int { return strings.Compare(vs[x].ID, vs[y].ID) }
	mid := make([]int32, b-a)
	for i := range mid {
		mid[i] = int32(a + i)
	}
	slices.SortFunc(mid, byID)
	order := make([]int32, 0, len(vs))
	i, j, k := 0, 0, b // indexes into vs[:a], mid, vs[b:]
	for len(order) < len(vs) {
		best := int32(-1)
		if i < a {
			best = int32(i)
		}
		if j < len(mid) && (best < 0 || byID(mid[j], best) < 0) {
			best = mid[j]
		}
		if k < len(vs) && (best < 0 || byID(int32(k), best) < 0) {
			best = int32(k)
		}
		switch {
		case i < a && best == int32(i):
			i++
		case j < len(mid) && best == mid[j]:
			j++
		default:
			k++
		}
		order = append(order, best)
	}
	// vs[i] must become the old vs[order[i]]: follow each cycle once.
	for i := range order {
		if order[i] < 0 {
			continue
		}
		tmp := vs[i]
		j := i
		for {
			k := int(order[j])
			order[j] = -1
			if k == i {
				vs[j] = tmp
				break
			}
			vs[j] = vs[k]
			j = k
		}
	}
	return vs
}

// allPicked returns every record of a type with only the named fields
// decoded (the rest zero).
func allPicked[T any, P recordPtr[T]](r *Reader, names [][]byte) ([]T, error) {
	var raws [][]byte
	typ := typeOf[T, P]()
	err := recordsOf(r.tx, typ).ForEach(func(_, v []byte) error {
		raws = append(raws, bytes.Clone(v)) // v's buffer is reused
		return nil
	})
	if err != nil {
		return nil, err
	}
	return decodeEach[T](typ, raws, names)
}

// reportBucket is where the report reads records of typ, a type with
// report summaries (store/summary_report.go).
func reportBucket(typ string) []byte { return reportSummaries[typ].bucket }

// allFlat returns every record of typ with only fields decoded, from their
// report summaries.
// It decodes them in chunks and releases the mapped pages after each
// (releaseMapped).
func allFlat[T any](r *Reader, typ string, fields []flatField[T]) ([]T, error) {
	// A type without report summaries (applications) is read from its
	// records, each built from its fields into a buffer of its own.
	b := r.tx.Bucket(fieldsBucket(typ))
	each := func(fn func(k, v []byte) error) error {
		return recordsOf(r.tx, typ).ForEach(func(k, v []byte) error { return fn(k, bytes.Clone(v)) })
	}
	if rs, ok := reportSummaries[typ]; ok {
		b = r.tx.Bucket(rs.bucket)
		each = b.ForEach
		if rs.idKeys {
			each = func(fn func(k, v []byte) error) error { return eachByTextID(b, fn) }
		}
	}
	// Counted with a cursor first (the summaries are small), so the result
	// is made once at its size: appended chunk by chunk it was copied as
	// it grew, the largest part of what the report allocated. Not with
	// b.KeyN(): bbolt's Stats touches every page of the bucket. (Counted
	// in f:, deleted records are counted too: n only sizes the result.)
	n := 0
	c := b.Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		n++
	}
	out := make([]T, n)
	names := flatFieldNames(fields)
	raws, keys := make([][]byte, 0, recordChunk), make([][]byte, 0, recordChunk)
	at := 0
	decode := func() error {
		if at+len(raws) > len(out) {
			return fmt.Errorf("%s: the bucket changed while read", typ)
		}
		if err := decodeFlatEachInto(typ, raws, keys, fields, names, out[at:at+len(raws)]); err != nil {
			return err
		}
		at, raws, keys = at+len(raws), raws[:0], keys[:0]
		r.releaseMapped()
		return nil
	}
	err := each(func(k, v []byte) error {
		raws, keys = append(raws, v), append(keys, k)
		if len(raws) == recordChunk {
			return decode()
		}
		return nil
	})
	if err == nil {
		err = decode()
	}
	if err != nil {
		return nil, err
	}
	return out[:at], nil
}

// eachByTextID calls fn with each summary of a bucket keyed by the ids'
// key form (store/idkey.go), in the text order of the ids, the id as text:
// the key order unless canonical UUIDs and other ids are mixed.
func eachByTextID(b Bucket, fn func(k, v []byte) error) error {
	type kv struct{ k, v []byte }
	var all []kv
	err := b.ForEach(func(k, v []byte) error {
		id, n := idFromKey(k)
		if n != len(k) {
			return fmt.Errorf("report summary key %q is not an id", k)
		}
		all = append(all, kv{[]byte(id), v})
		return nil
	})
	if err != nil {
		return err
	}
	slices.SortStableFunc(all, func(a, b kv) int { return bytes.Compare(a.k, b.k) })
	for _, e := range all {
		if err := fn(e.k, e.v); err != nil {
			return err
		}
	}
	return nil
}

// decodeEach decodes raw records on every CPU, keeping their order; with
// names, only those members (pickMembers).
func decodeEach[T any](typ string, raws [][]byte, names [][]byte) ([]T, error) {
	out := make([]T, len(raws))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(raws)/256))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(raws); i += workers {
				raw := raws[i]
				if names != nil {
					raw = pickMembers(raw, names)
				}
				if err := json.Unmarshal(raw, &out[i]); err != nil {
					errs[w] = fmt.Errorf("%s: %w", typ, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// releaseMapped gives back the file pages the report has read so far
// (ReleasePages): each read of a page maps the 64 KB around it too (the
// kernel's fault-around), so without it the report's resident set grew
// with every part of the file it touched (215 MB of file pages at 100,000
// visits) though it holds only what it decoded.
func (r *Reader) releaseMapped() { r.ReleasePages() }
