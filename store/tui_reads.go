package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/liaison-dev/liaison/visits"
)

// Reads for screens that open on a large database. They answer from the
// index keys where the keys hold the answer, so that a start-up does not
// decode every visit.

// LastVisitTimes returns the time of each enterprise's newest visit, read
// from the visit-by-enterprise index keys without loading any visit.
func (r *Reader) LastVisitTimes() map[string]time.Time {
	out := map[string]time.Time{}
	c := r.tx.Bucket(ixVisitByEnt).Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		ent, at, ok := splitEntKey(k)
		if ok {
			out[ent] = at // keys of one enterprise ascend by time: the last wins
		}
	}
	return out
}

// VisitTimesBetween returns the times of the visits with from <= at < to,
// oldest first, read from the index keys alone.
func (r *Reader) VisitTimesBetween(from, to time.Time) []time.Time {
	c := r.tx.Bucket(ixVisitByAt).Cursor()
	end := ms(to)
	var out []time.Time
	for k, _ := c.Seek(ms(from)); k != nil && len(k) >= 8 && bytes.Compare(k[:8], end) < 0; k, _ = c.Next() {
		out = append(out, time.UnixMilli(int64(beU64(k[:8]))).UTC())
	}
	return out
}

// VisitMarksSince returns the marks (day and occasion) of the visits made
// at or after from on any of the occasions, for the enterprises want
// accepts, keyed by enterprise.
// It reads the occasion index alone: a visit with extra occasions gives one
// mark per occasion, which is all obligations need to know.
func (r *Reader) VisitMarksSince(from time.Time, occasions []string, want func(enterpriseID string) bool) (map[string][]visits.VisitMark, error) {
	out := map[string][]visits.VisitMark{}
	c := r.tx.Bucket(ixVisitByOcc).Cursor()
	for _, occ := range occasions {
		p := prefix(occ)
		for k, _ := c.Seek(append(p, ms(from)...)); k != nil && bytes.HasPrefix(k, p); k, _ = c.Next() {
			rest := k[len(p):]
			if len(rest) < 8+1+1 {
				return nil, fmt.Errorf("occasion index key %q: malformed", k)
			}
			at := time.UnixMilli(int64(beU64(rest[:8]))).UTC()
			rest = rest[9:]
			i := bytes.IndexByte(rest, sep)
			if i < 0 {
				return nil, fmt.Errorf("occasion index key %q: malformed", k)
			}
			if ent := string(rest[:i]); want(ent) {
				out[ent] = append(out[ent], visits.VisitMark{Date: visits.DateOf(at), Occasions: []string{occ}})
			}
		}
	}
	return out, nil
}

// splitEntKey reads "enterprise \x00 ms(8) \x00 id".
func splitEntKey(k []byte) (string, time.Time, bool) {
	i := bytes.IndexByte(k, sep)
	if i < 0 || len(k) < i+1+8 {
		return "", time.Time{}, false
	}
	return string(k[:i]), time.UnixMilli(int64(beU64(k[i+1 : i+9]))).UTC(), true
}

// AllParallel is All with the JSON decoding spread over the CPUs; the
// records come back in id order, as with All.
func AllParallel[T any, P recordPtr[T]](r *Reader) ([]T, error) {
	var raws [][]byte
	typ := typeOf[T, P]()
	err := r.tx.Bucket(recBucket(typ)).ForEach(func(_, v []byte) error {
		raws = append(raws, v) // valid for the life of the transaction
		return nil
	})
	if err != nil {
		return nil, err
	}
	return decodeParallel[T](typ, raws)
}

// decodeParallel decodes raw JSON values on every CPU, keeping their order.
func decodeParallel[T any](typ string, raws [][]byte) ([]T, error) {
	out := make([]T, len(raws))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(raws)/256))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(raws); i += workers {
				if err := json.Unmarshal(raws[i], &out[i]); err != nil {
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

// Cadences returns the visit cadence (days) of each enterprise an officer
// is assigned to, where the assignment sets one. Most assignments use the
// default cadence and carry no cadence_days field (it is omitted when
// zero), so only those that mention it are decoded.
func (r *Reader) Cadences(officerID string) (map[string]int, error) {
	out := map[string]int{}
	rb := r.tx.Bucket(recBucket(visits.TypeAssignment))
	for _, id := range r.ids(ixAssignByOffice, prefix(officerID), false, 0) {
		raw := rb.Get([]byte(id))
		if raw == nil || !bytes.Contains(raw, []byte(`"cadence_days"`)) {
			continue
		}
		var a visits.Assignment
		if err := json.Unmarshal(raw, &a); err != nil {
			return nil, fmt.Errorf("assignment %s: %w", id, err)
		}
		if a.CadenceDays > 0 {
			out[a.EnterpriseID] = a.CadenceDays
		}
	}
	return out, nil
}
