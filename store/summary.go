package store

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/liaison-dev/liaison/visits"
)

// Screens that list every enterprise (the home screen's visits owed, the
// enterprise table) need a few fields of each, not contacts, addresses or
// readiness inputs; the home screen likewise needs a few fields of each open
// need and of each follow-up due. A summary of each enterprise, need and
// follow-up is kept beside the record, written in the same transaction
// (storeFields, and pull's removal of a record), so such a screen decodes a
// small binary value per record (store/summary_codec.go) instead of the
// record's JSON.

var (
	bEntSummary      = []byte("s:enterprise")
	bNeedSummary     = []byte("s:need")
	bFollowUpSummary = []byte("s:followup")
	bCadenceSummary  = []byte("s:assignment:cadence")
)

// summaryBuckets maps the record types that have a summary to their bucket.
var summaryBuckets = map[string][]byte{
	visits.TypeEnterprise: bEntSummary,
	visits.TypeNeed:       bNeedSummary,
	visits.TypeFollowUp:   bFollowUpSummary,
	visits.TypeAssignment: bCadenceSummary, // only assignments that set a cadence
}

// summaryOf returns the summary of a stored record of typ (nil: the record
// has none, because it is gone, its type has no summaries, or it is an
// assignment without a cadence of its own).
func summaryOf(typ string, rec []byte) ([]byte, error) {
	if rec == nil {
		return nil, nil
	}
	switch typ {
	case visits.TypeEnterprise:
		var e visits.Enterprise
		if err := decodeRecord(rec, &e); err != nil {
			return nil, err
		}
		return encodeEnterpriseSummary(&e), nil
	case visits.TypeNeed:
		var n visits.Need
		if err := decodeRecord(rec, &n); err != nil {
			return nil, err
		}
		return encodeNeedSummary(&n), nil
	case visits.TypeFollowUp:
		var f visits.FollowUp
		if err := decodeRecord(rec, &f); err != nil {
			return nil, err
		}
		return encodeFollowUpSummary(&f), nil
	case visits.TypeAssignment:
		var a visits.Assignment
		if err := decodeRecord(rec, &a); err != nil {
			return nil, err
		}
		if a.CadenceDays <= 0 {
			return nil, nil
		}
		w := newSumEnc(16 + len(a.OfficerID) + len(a.EnterpriseID))
		w.str(a.OfficerID)
		w.str(a.EnterpriseID)
		w.int(int64(a.CadenceDays))
		return w.b, nil
	}
	return nil, nil
}

// decodeRecord decodes a stored record for its summary. A field whose
// value has another type than this build expects (written by another
// build, through sync) is left empty rather than failing the write that
// stores the record: HQ checks only that values are JSON.
func decodeRecord(rec []byte, v any) error {
	var typeErr *json.UnmarshalTypeError
	if err := json.Unmarshal(rec, v); err != nil && !errors.As(err, &typeErr) {
		return err
	}
	return nil
}

// putSummary keeps a record's summary in step with the record (nil: the
// record is gone).
func (t txn) putSummary(typ, id string, rec []byte) error {
	if err := t.putReportSummary(typ, id, rec); err != nil {
		return err
	}
	name, ok := summaryBuckets[typ]
	if !ok {
		return nil
	}
	b := t.tx.Bucket(name)
	sum, err := summaryOf(typ, rec)
	if err != nil {
		return fmt.Errorf("%s %s: summary: %w", typ, id, err)
	}
	if sum == nil {
		return b.Delete([]byte(id))
	}
	return b.Put([]byte(id), sum)
}

// Enterprise summary: created_at, name, short name, USCC, street, domain,
// stage, key, batch, then the qualifications (count, then kind,
// certificate, issued, expires of each).
func encodeEnterpriseSummary(e *visits.Enterprise) []byte {
	size := 32 + len(e.Name) + len(e.ShortName) + len(e.USCC) + len(e.Street) + len(e.Domain) + len(e.Stage)
	for _, q := range e.Qualifications {
		size += 8 + len(q.Kind) + len(q.Certificate) + len(q.Issued) + len(q.Expires)
	}
	w := newSumEnc(size)
	w.time(e.CreatedAt)
	w.str(e.Name)
	w.str(e.ShortName)
	w.str(e.USCC)
	w.str(e.Street)
	w.str(e.Domain)
	w.str(e.Stage)
	w.bool(e.Key)
	w.int(int64(e.Batch))
	w.int(int64(len(e.Qualifications)))
	for _, q := range e.Qualifications {
		w.str(q.Kind)
		w.str(q.Certificate)
		w.str(string(q.Issued))
		w.str(string(q.Expires))
	}
	// Schema 6: the days a 新设立/新落户 visit is owed from (visits.Owed).
	w.str(string(e.Readiness.RegisteredOn))
	w.str(string(e.ArrivedOn))
	return w.b
}

func decodeEnterpriseSummary(id string, v []byte) (visits.Enterprise, error) {
	var e visits.Enterprise
	err := decodeEnterpriseSummaryInto(&e, id, v)
	return e, err
}

// decodeEnterpriseSummaryInto decodes into *e, which must be zero (a
// start-up decodes 10,000 in place); on an error *e is zero again.
func decodeEnterpriseSummaryInto(e *visits.Enterprise, id string, v []byte) error {
	d := newSumDec(v)
	e.Meta = visits.Meta{ID: id, CreatedAt: d.time()}
	e.Name, e.ShortName, e.USCC, e.Street, e.Domain, e.Stage = d.str(), d.str(), d.str(), d.str(), d.str(), d.str()
	e.Key = d.bool()
	e.Batch = int(d.int())
	if n := d.int(); n > 0 && n <= int64(len(d.s)) {
		e.Qualifications = make([]visits.Qualification, n)
		for i := range e.Qualifications {
			q := &e.Qualifications[i]
			q.Kind, q.Certificate, q.Issued, q.Expires = d.str(), d.str(), visits.Date(d.str()), visits.Date(d.str())
		}
	} else if n != 0 {
		d.fail()
	}
	if d.err == nil && len(d.s) > 0 { // written by schema 6 or later
		e.Readiness.RegisteredOn, e.ArrivedOn = visits.Date(d.str()), visits.Date(d.str())
	}
	if err := d.end(); err != nil {
		*e = visits.Enterprise{}
		return fmt.Errorf("enterprise %s: %w", id, err)
	}
	return nil
}

// Need summary: enterprise id, title, status, severity, registered_at,
// reply_due, close_due, extended, updated_at: what the home screen shows
// and what visits owed and the due date are computed from (a replied
// need's revisit is dated from its last change).
func encodeNeedSummary(n *visits.Need) []byte {
	w := newSumEnc(48 + len(n.EnterpriseID) + len(n.Title) + len(n.Status) + len(n.Severity) + len(n.ReplyDue) + len(n.CloseDue))
	w.str(n.EnterpriseID)
	w.str(n.Title)
	w.str(n.Status)
	w.str(n.Severity)
	w.time(n.RegisteredAt)
	w.str(string(n.ReplyDue))
	w.str(string(n.CloseDue))
	w.bool(n.Extended)
	w.time(n.UpdatedAt)
	return w.b
}

func decodeNeedSummary(id string, v []byte) (visits.Need, error) {
	d := newSumDec(v)
	n := visits.Need{Meta: visits.Meta{ID: id}}
	n.EnterpriseID, n.Title, n.Status, n.Severity = d.str(), d.str(), d.str(), d.str()
	n.RegisteredAt = d.time()
	n.ReplyDue, n.CloseDue = visits.Date(d.str()), visits.Date(d.str())
	n.Extended = d.bool()
	n.UpdatedAt = d.time()
	if err := d.end(); err != nil {
		return visits.Need{}, fmt.Errorf("need %s: %w", id, err)
	}
	return n, nil
}

// Follow-up summary: enterprise id, action, due, status.
func encodeFollowUpSummary(f *visits.FollowUp) []byte {
	w := newSumEnc(8 + len(f.EnterpriseID) + len(f.Action) + len(f.Due) + len(f.Status))
	w.str(f.EnterpriseID)
	w.str(f.Action)
	w.str(string(f.Due))
	w.str(f.Status)
	return w.b
}

func decodeFollowUpSummary(id string, v []byte) (visits.FollowUp, error) {
	d := newSumDec(v)
	f := visits.FollowUp{Meta: visits.Meta{ID: id}}
	f.EnterpriseID, f.Action, f.Due, f.Status = d.str(), d.str(), visits.Date(d.str()), d.str()
	if err := d.end(); err != nil {
		return visits.FollowUp{}, fmt.Errorf("followup %s: %w", id, err)
	}
	return f, nil
}

// EnterpriseSummaries returns every enterprise, in id order, with only the
// fields lists need: id, created_at, name, short name, USCC, street,
// domain, qualifications (for tier and 三清单), key flag, stage, batch,
// readiness.registered_on and arrived_on (for visits owed). Other fields
// are empty; open a record with Get for the rest.
func (r *Reader) EnterpriseSummaries() ([]visits.Enterprise, error) {
	b := r.tx.Bucket(bEntSummary)
	out := make([]visits.Enterprise, 0, b.KeyN()) // Stats counts without decoding
	err := b.ForEach(func(k, v []byte) error {
		out = append(out, visits.Enterprise{})
		return decodeEnterpriseSummaryInto(&out[len(out)-1], string(k), v)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// NeedSummariesWithStatus returns the needs currently in any of the
// statuses, read from their summaries: id, enterprise id, title, status,
// severity, registered_at, reply_due, close_due and extended are set
// (enough for DueDate, Overdue and visits owed); open a record with Get for
// the rest.
func (r *Reader) NeedSummariesWithStatus(statuses ...string) ([]visits.Need, error) {
	var ids []string
	for _, st := range statuses {
		ids = append(ids, r.ids(ixNeedByStatus, prefix(st), false, 0)...)
	}
	return loadSummaries(r, bNeedSummary, ids, decodeNeedSummary)
}

// FollowUpSummariesDue is FollowUpsDue read from the summaries: id,
// enterprise id, action, due and status are set.
func (r *Reader) FollowUpSummariesDue(until visits.Date) ([]visits.FollowUp, error) {
	return loadSummaries(r, bFollowUpSummary, r.followUpIDsDue(until), decodeFollowUpSummary)
}

// loadSummaries decodes the summaries of ids, in order. A record without a
// summary (which Check reports) is read from the record instead.
func loadSummaries[T any, P recordPtr[T]](r *Reader, bucket []byte, ids []string, dec func(id string, v []byte) (T, error)) ([]T, error) {
	// One cursor for every id: a Get each would make (and grow) a cursor
	// each.
	c := r.tx.Bucket(bucket).Cursor()
	out := make([]T, 0, len(ids))
	for _, id := range ids {
		k, v := c.Seek([]byte(id))
		if string(k) != id {
			v = nil
		}
		if v == nil {
			rec, err := Get[T, P](r, id)
			if err != nil {
				return nil, err
			}
			out = append(out, rec)
			continue
		}
		rec, err := dec(id, v)
		if err != nil {
			return nil, err
		}
		out = append(out, rec)
	}
	return out, nil
}

// migrateSummaries (migration 2, shipped: do not change) creates the
// enterprise summary bucket and fills it from the enterprises already
// stored, in the JSON form of that schema. Migration 3 rewrites them.
func migrateSummaries(tx Tx) error {
	b, err := tx.CreateBucketIfNotExists(bEntSummary)
	if err != nil {
		return err
	}
	return tx.Bucket(recBucket(visits.TypeEnterprise)).ForEach(func(id, rec []byte) error {
		sum, err := enterpriseSummaryJSON(rec)
		if err != nil {
			return err
		}
		return b.Put(id, sum)
	})
}

// enterpriseSummaryJSON is the enterprise summary of schema 2, kept for
// migration 2 only.
func enterpriseSummaryJSON(rec []byte) ([]byte, error) {
	if rec == nil {
		return nil, nil
	}
	var e visits.Enterprise
	if err := json.Unmarshal(rec, &e); err != nil {
		return nil, err
	}
	return json.Marshal(visits.Enterprise{
		Meta: visits.Meta{ID: e.ID, CreatedAt: e.CreatedAt}, Name: e.Name, ShortName: e.ShortName, USCC: e.USCC,
		Street: e.Street, Domain: e.Domain, Qualifications: e.Qualifications, Key: e.Key, Stage: e.Stage, Batch: e.Batch,
	})
}

// migrateBinarySummaries (migration 3) rewrites the enterprise summaries in
// the binary form, adds the need, follow-up and assignment cadence
// summaries and each enterprise's last visit (store/summary_visit.go).
func migrateBinarySummaries(tx Tx) error {
	for typ, name := range summaryBuckets {
		if tx.Bucket(name) != nil {
			if err := tx.DeleteBucket(name); err != nil {
				return err
			}
		}
		b, err := tx.CreateBucketIfNotExists(name)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		b.SetFillPercent(0.9) // filled in key order
		err = tx.Bucket(recBucket(typ)).ForEach(func(id, rec []byte) error {
			sum, err := summaryOf(typ, rec)
			if err != nil || sum == nil {
				return err
			}
			return b.Put(id, sum)
		})
		if err != nil {
			return err
		}
	}
	return migrateLastVisits(tx)
}

// migrateEnterpriseSummaries rebuilds the enterprise summaries, which
// gained the registration and arrival days (schema 6).
func migrateEnterpriseSummaries(tx Tx) error {
	b := tx.Bucket(bEntSummary)
	return tx.Bucket(recBucket(visits.TypeEnterprise)).ForEach(func(id, rec []byte) error {
		sum, err := summaryOf(visits.TypeEnterprise, rec)
		if err != nil || sum == nil {
			return err
		}
		return b.Put(id, sum)
	})
}

// migrateNeedSummaries rebuilds the need summaries, which gained the
// need's last change (schema 4).
func migrateNeedSummaries(tx Tx) error {
	b := tx.Bucket(bNeedSummary)
	return tx.Bucket(recBucket(visits.TypeNeed)).ForEach(func(id, rec []byte) error {
		sum, err := summaryOf(visits.TypeNeed, rec)
		if err != nil || sum == nil {
			return err
		}
		return b.Put(id, sum)
	})
}
