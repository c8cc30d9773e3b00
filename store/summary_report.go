package store

import (
	"fmt"

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
//	s:report:<type>: id → the record's JSON object with only the members
//	                  the report reads (pickMembers), in the record's order
//
// The summary is the record as the report's decoder sees it: decoding the
// picked members gives exactly what decoding the record does (pickMembers'
// contract; an odd record the picker does not understand is kept whole),
// so the report decodes summaries with the same flat decoder
// (decodeFlatEach) and gets the same values. Check compares every summary
// with its record; TestReportSummariesFollowWrites does after random
// writes, pulls and removals.
type reportSummary struct {
	bucket []byte
	names  [][]byte
}

// reportSummaries lists the record types that keep a report summary and the
// members it holds: the ones the report reads (report_input_data.go).
var reportSummaries = map[string]reportSummary{
	visits.TypeVisit:       {[]byte("s:report:visit"), visitNames},
	visits.TypeNeedEvent:   {[]byte("s:report:need_event"), eventNames},
	visits.TypeAssignment:  {[]byte("s:report:assignment"), assignmentNames},
	visits.TypeNeed:        {[]byte("s:report:need"), flatFieldNames(needFlat)},
	visits.TypeApplication: {[]byte("s:report:application"), flatFieldNames(applicationFlat)},
	// An enterprise's plan flags and readiness inputs (its other report
	// fields are in s:enterprise): no id, the key is the enterprise's.
	visits.TypeEnterprise: {[]byte("s:report:enterprise"), append(append([][]byte{}, flagNames...), readinessNames...)},
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
func reportSummaryOf(rs reportSummary, rec []byte) []byte {
	if rec == nil {
		return nil
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
		return b.Delete([]byte(id))
	}
	return b.Put([]byte(id), reportSummaryOf(rs, rec))
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
			return b.Put(id, reportSummaryOf(rs, rec))
		})
		if err != nil {
			return fmt.Errorf("%s: %w", rs.bucket, err)
		}
	}
	return nil
}
