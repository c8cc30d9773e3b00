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

// VisitMarksSince returns the marks (day and occasions) of the visits made
// at or after from, for the enterprises want accepts, keyed by enterprise.
// Only the occasion fields of those visits are read: codes are plain ASCII
// identifiers, so they are taken from the stored record directly, and a
// record that does not look as expected is decoded in full instead.
func (r *Reader) VisitMarksSince(from time.Time, want func(enterpriseID string) bool) (map[string][]visits.VisitMark, error) {
	out := map[string][]visits.VisitMark{}
	rb := r.tx.Bucket(recBucket(visits.TypeVisit))
	c := r.tx.Bucket(ixVisitByEnt).Cursor()
	since := from.UnixMilli()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		ent, at, ok := splitEntKey(k)
		if !ok || at.UnixMilli() < since || !want(ent) {
			continue
		}
		raw := rb.Get([]byte(idOf(k)))
		if raw == nil {
			continue
		}
		occ, err := occasionsOf(raw)
		if err != nil {
			return nil, fmt.Errorf("visit %s: %w", idOf(k), err)
		}
		out[ent] = append(out[ent], visits.VisitMark{Date: visits.DateOf(at), Occasions: occ})
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

// occasionsOf returns the primary occasion, then the extra ones.
func occasionsOf(raw []byte) ([]string, error) {
	occ, ok := plainStringField(raw, `"occasion":`)
	if !ok {
		var v struct {
			Occasion string   `json:"occasion"`
			Extra    []string `json:"extra_occasions"`
		}
		if err := json.Unmarshal(raw, &v); err != nil {
			return nil, err
		}
		return append([]string{v.Occasion}, v.Extra...), nil
	}
	out := []string{occ}
	if i := bytes.Index(raw, []byte(`"extra_occasions":[`)); i >= 0 {
		rest := raw[i+len(`"extra_occasions":`):]
		j := bytes.IndexByte(rest, ']')
		var extra []string
		if j < 0 || json.Unmarshal(rest[:j+1], &extra) != nil {
			return nil, fmt.Errorf("extra_occasions: malformed")
		}
		out = append(out, extra...)
	}
	return out, nil
}

// plainStringField finds a top-level key (preceded by { or ,) whose value
// is a string without escapes.
func plainStringField(raw []byte, key string) (string, bool) {
	i := bytes.Index(raw, []byte(key))
	if i <= 0 || (raw[i-1] != ',' && raw[i-1] != '{') {
		return "", false
	}
	rest := raw[i+len(key):]
	if len(rest) == 0 || rest[0] != '"' {
		return "", false
	}
	j := bytes.IndexByte(rest[1:], '"')
	if j < 0 || bytes.IndexByte(rest[1:j+1], '\\') >= 0 {
		return "", false
	}
	return string(rest[1 : j+1]), true
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
