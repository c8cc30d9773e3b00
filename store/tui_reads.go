package store

import (
	"bytes"
	"fmt"
	"time"

	"github.com/liaison-dev/liaison/visits"
)

// Reads for screens that open on a large database. They answer from the
// index keys where the keys hold the answer, or from small summaries
// (store/summary.go, store/summary_visit.go), so that a start-up does not
// decode every visit.

// VisitsPerDay returns how many visits were made on each of the n days
// from first on (Asia/Shanghai), read from the index keys alone and
// counted as they are read: no time is made per visit.
func (r *Reader) VisitsPerDay(first visits.Date, n int) []int {
	out := make([]int, n)
	if n <= 0 {
		return out
	}
	// ends[i] is the first millisecond after day i.
	ends := make([]int64, n)
	for i := range ends {
		ends[i] = first.AddDays(i + 1).Time().UnixMilli()
	}
	c := r.tx.Bucket(ixVisitByAt).Cursor()
	end, day := ms(first.AddDays(n).Time()), 0
	for k, _ := c.Seek(ms(first.Time())); k != nil && len(k) >= 8 && bytes.Compare(k[:8], end) < 0; k, _ = c.Next() {
		at := int64(beU64(k[:8]))
		for day < n-1 && at >= ends[day] { // keys come in time order
			day++
		}
		out[day]++
	}
	return out
}

// VisitMarks are the marks of VisitMarksSince, by enterprise: the number
// each enterprise was given as its keys were read, and one array cut per
// enterprise (no second map of every enterprise).
type VisitMarks struct {
	num   map[string]int32 // enterprise id (key form) → its number, -1 if not wanted
	start []int            // the marks of number n are all[start[n]:start[n+1]]
	all   []visits.VisitMark
}

// Of returns the marks of an enterprise (nil if none). They share their
// Occasions slices: callers must not change them.
func (m *VisitMarks) Of(enterpriseID string) []visits.VisitMark {
	if m == nil {
		return nil
	}
	var buf [64]byte
	n, ok := m.num[string(appendIDKey(buf[:0], enterpriseID))]
	if !ok || n < 0 {
		return nil
	}
	return m.all[m.start[n]:m.start[n+1]:m.start[n+1]]
}

// VisitMarksSince returns the marks (day and occasion) of the visits made
// at or after from on any of the occasions, for the enterprises want
// accepts, by enterprise.
// It reads the occasion index alone: a visit with extra occasions gives one
// mark per occasion, which is all obligations need to know.
func (r *Reader) VisitMarksSince(from time.Time, occasions []string, want func(enterpriseID string) bool) (*VisitMarks, error) {
	// One map lookup per key, without allocating: enterprise id → its
	// number, or -1 if not wanted. The marks are collected as small
	// numbers (enterprise, day, occasion), then cut from one array per
	// enterprise.
	num := map[string]int32{}
	var nents int32 // enterprises wanted so far
	type flat struct{ ent, day, occ int32 }
	var marks []flat
	occs := make([][]string, len(occasions))
	c := r.tx.Bucket(ixVisitByOcc).Cursor()
	var days dayOf
	for o, occ := range occasions {
		p := prefix(occ)
		occs[o] = []string{occ}
		for k, _ := c.Seek(append(p, ms(from)...)); k != nil && bytes.HasPrefix(k, p); k, _ = c.Next() {
			rest := k[len(p):]
			if len(rest) < 8+1+1 {
				return nil, fmt.Errorf("occasion index key %q: malformed", k)
			}
			at := int64(beU64(rest[:8]))
			rest = rest[8:]
			i := idKeyLen(rest)
			if i < 0 {
				return nil, fmt.Errorf("occasion index key %q: malformed", k)
			}
			n, seen := num[string(rest[:i])]
			if !seen {
				ent, _ := idFromKey(rest[:i])
				n = -1
				if want(ent) {
					n = nents
					nents++
				}
				num[string(rest[:i])] = n
			}
			if n >= 0 {
				marks = append(marks, flat{n, days.of(at), int32(o)})
			}
		}
	}
	start := make([]int, nents+1)
	for _, m := range marks {
		start[m.ent+1]++
	}
	for i := range nents {
		start[i+1] += start[i]
	}
	all := make([]visits.VisitMark, len(marks))
	next := append([]int(nil), start[:nents]...)
	for _, m := range marks {
		all[next[m.ent]] = visits.VisitMark{Date: days.dates[m.day], Occasions: occs[m.occ]}
		next[m.ent]++
	}
	return &VisitMarks{num: num, start: start, all: all}, nil
}

// dayOf numbers the days (Asia/Shanghai) of Unix milliseconds, remembering
// the bounds of the last day: index keys come in time order, so most keys
// fall on the day of the key before them.
type dayOf struct {
	dates      []visits.Date
	start, end int64 // the last day, [start, end) in ms
}

func (d *dayOf) of(at int64) int32 {
	if len(d.dates) == 0 || at < d.start || at >= d.end {
		day := visits.DateOf(time.UnixMilli(at))
		d.dates = append(d.dates, day)
		d.start, d.end = day.Time().UnixMilli(), day.AddDays(1).Time().UnixMilli()
	}
	return int32(len(d.dates) - 1)
}

// AllParallel is All with the JSON decoding spread over the CPUs; the
// records come back in id order, as with All.
func AllParallel[T any, P recordPtr[T]](r *Reader) ([]T, error) {
	return allPicked[T, P](r, nil)
}

// Cadences returns the visit cadence (days) of each enterprise an officer
// is assigned to, where the assignment sets one. Most assignments use the
// default cadence, so only those that set one have an entry in
// s:assignment:cadence (officer, enterprise, days), and only that small
// bucket is read.
func (r *Reader) Cadences(officerID string) (map[string]int, error) {
	out := map[string]int{}
	err := r.tx.Bucket(bCadenceSummary).ForEach(func(id, v []byte) error {
		d := newSumDec(v)
		officer, ent, days := d.str(), d.str(), d.int()
		if err := d.end(); err != nil {
			return fmt.Errorf("assignment %s: %w", id, err)
		}
		if officer == officerID {
			out[ent] = int(days)
		}
		return nil
	})
	return out, err
}
