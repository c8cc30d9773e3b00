package store

import (
	"fmt"
	"time"

	"github.com/liaison-dev/liaison/visits"
)

// The weekly report reads a few members of tens of thousands of records
// (visits of two weeks and each enterprise's newest, every need, need
// event, assignment and application, every enterprise's plan flags and the
// pipeline's readiness inputs). Read from the records, that was most of
// its time: every lookup pages in whole records (a visit is ≈ 460 bytes,
// an enterprise ≈ 890) and the decoder walks past members it drops.
//
// So each record of those types keeps a report summary beside it, written
// in the same transaction as the record (putSummary, on every write path:
// local edits, pulls and their removals, HQ's merge, imports):
//
//	s:report:<type>: id → the members the report reads, either
//	  binary (visits, need events, assignments, needs: strings, times and
//	  flags only): the members as the report decodes them from the
//	  record, in the summary codec (summary_codec.go), in the order of the
//	  type's flat fields (report_input_flat.go), but for the id (the key);
//	  or JSON (an enterprise's plan flags and readiness inputs, and any
//	  record that does not decode or whose id is not its key): the
//	  record's object with only those members (pickMembers), in the
//	  record's order.
//
// Applications have no report summary: the report reads them whole, and
// the summary would be the record.
//
// Either way the summary decodes to exactly what the record does: the
// binary form holds the decoded values; decoding picked members gives
// what decoding the record does (pickMembers' contract; an odd record the
// picker does not understand is kept whole). decodeFlatInto reads both.
// Check compares every summary with its record; verifyReportSummaries
// compares what they decode to, after every write path
// (TestSummariesFollowEveryWritePath) and random pulls, removals and
// local writes (TestReportSummariesFollowWrites, seed logged).
type reportSummary struct {
	bucket []byte
	names  [][]byte
	// binary, when set, encodes the record's members in the summary
	// codec (summary_codec.go) instead: false when the record does not
	// decode (the picked JSON is kept then, and the report meets the same
	// error reading it as reading the record).
	binary func(id string, rec []byte) ([]byte, bool)
	// idKeys: the summaries' keys are the ids' key form (store/idkey.go),
	// since schema 15; else the ids' text.
	idKeys bool
}

// reportSummaries lists the record types that keep a report summary and the
// members it holds: the ones the report reads (report_input_data.go).
var reportSummaries = map[string]reportSummary{
	visits.TypeVisit:      {[]byte("s:report:visit"), visitNames, binaryOf(visitFlat), true},
	visits.TypeNeedEvent:  {[]byte("s:report:need_event"), eventNames, binaryOf(eventFlat), false},
	visits.TypeAssignment: {[]byte("s:report:assignment"), assignmentNames, binaryOf(assignmentFlat), false},
	visits.TypeNeed:       {[]byte("s:report:need"), flatFieldNames(needFlat), binaryOf(needFlat), false},
	// An enterprise's plan flags and readiness inputs (optional numbers)
	// stay JSON; its other report fields are in s:enterprise.
	// Applications have none: the report reads them whole.
	visits.TypeEnterprise: {[]byte("s:report:enterprise"), append(append([][]byte{}, flagNames...), readinessNames...), nil, false},
}

// binaryOf returns the binary encoder of a record whose report members
// are all strings, times and flags: the members decoded as the report
// decodes the record (decodeFlatInto), then written in fields' order, but
// for the id, which is the key (a record whose decoded id is not its key,
// say through an odd member named "ID", keeps the JSON form).
func binaryOf[T any](fields []flatField[T]) func(id string, rec []byte) ([]byte, bool) {
	names := flatFieldNames(fields)
	return func(id string, rec []byte) ([]byte, bool) {
		var v T
		if decodeFlatInto(rec, nil, fields, names, &v) != nil {
			return nil, false
		}
		return encodeFlatBinary(&v, id, fields)
	}
}

// isIDField reports whether f is the record's id (left out of the binary
// form: the key holds it).
func isIDField[T any](f flatField[T]) bool { return string(f.name) == "id" }

// isRefField reports whether f holds another record's id (kept in the
// value form of store/idkey.go).
func isRefField[T any](f flatField[T]) bool {
	return string(f.name) == "enterprise_id" || string(f.name) == "need_id"
}

// encodeFlatBinary writes v's fields (strings, times and flags only), all
// but its id, which must be id.
func encodeFlatBinary[T any](v *T, id string, fields []flatField[T]) ([]byte, bool) {
	w := newSumEnc(160)
	w.b[0] = summaryBinaryIDs
	for _, f := range fields {
		switch p := f.at(v).(type) {
		case *string:
			if isIDField(f) {
				if *p != id {
					return nil, false
				}
				continue
			}
			if isRefField(f) {
				w.id(*p)
				continue
			}
			w.str(*p)
		case *time.Time:
			w.time(*p)
		case *bool:
			w.bool(*p)
		default:
			return nil, false
		}
	}
	return w.b, true
}

// decodeFlatBinary reads what encodeFlatBinary wrote into out, the id
// from key (or what it wrote before schema 13, with every id as text). Its
// other strings share one allocation, but for UUIDs.
func decodeFlatBinary[T any](v, key []byte, fields []flatField[T], out *T) bool {
	d, format := newSumDecOf(v)
	for _, f := range fields {
		switch p := f.at(out).(type) {
		case *string:
			if isIDField(f) {
				if key == nil {
					return false
				}
				*p = string(key)
				continue
			}
			if format == summaryBinaryIDs && isRefField(f) {
				*p = d.id()
				continue
			}
			*p = d.str()
		case *time.Time:
			*p = d.time()
		case *bool:
			*p = d.bool()
		default:
			return false
		}
	}
	return d.end() == nil
}

func flatFieldNames[T any](fields []flatField[T]) [][]byte {
	out := make([][]byte, len(fields))
	for i, f := range fields {
		out[i] = f.name
	}
	return out
}

// reportSummaryOf returns the report summary of a stored record (nil: the
// record is gone).
func reportSummaryOf(rs reportSummary, id string, rec []byte) []byte {
	if rec == nil {
		return nil
	}
	if rs.binary != nil {
		if b, ok := rs.binary(id, rec); ok {
			return b
		}
	}
	p := pickMembers(rec, rs.names)
	if &p[0] == &rec[0] { // rec whole: do not keep a slice of the caller's buffer
		p = append([]byte(nil), rec...)
	}
	return p
}

// putReportSummary keeps a record's report summary in step with the record
// (nil: the record is gone).
func (t txn) putReportSummary(typ, id string, rec []byte) error {
	rs, ok := reportSummaries[typ]
	if !ok {
		return nil
	}
	b := t.tx.Bucket(rs.bucket)
	if b == nil {
		return fmt.Errorf("%s %s: no report summary bucket %s", typ, id, rs.bucket)
	}
	if rec == nil {
		return b.Delete(rs.key(id))
	}
	return b.Put(rs.key(id), reportSummaryOf(rs, id, rec))
}

// key returns the key of a record's report summary: the id's key form
// (store/idkey.go) for visits since schema 15, else the id.
func (rs reportSummary) key(id string) []byte {
	if rs.idKeys {
		return idKey(id)
	}
	return []byte(id)
}

// migrateReportSummaries (schema 8) creates the report summaries and fills
// them from the records already stored.
func migrateReportSummaries(tx Tx) error {
	for typ, rs := range reportSummaries {
		if tx.Bucket(rs.bucket) != nil {
			if err := tx.DeleteBucket(rs.bucket); err != nil {
				return err
			}
		}
		b, err := tx.CreateBucketIfNotExists(rs.bucket)
		if err != nil {
			return fmt.Errorf("%s: %w", rs.bucket, err)
		}
		b.SetFillPercent(0.9) // filled in key order
		err = tx.Bucket(recBucket(typ)).ForEach(func(id, rec []byte) error {
			return b.Put(id, reportSummaryOf(rs, string(id), rec))
		})
		if err != nil {
			return fmt.Errorf("%s: %w", rs.bucket, err)
		}
	}
	return nil
}
