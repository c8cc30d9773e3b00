package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"

	"github.com/liaison-dev/liaison/visits"
)

// PendingWork is one record's changes waiting in the outbox, as a person
// thinks of them ("a new visit to 兰州飞天… on 12-02", "the need's status
// is now accepted") rather than one op per field.
type PendingWork struct {
	Type, ID string
	New      bool     // the record was made here (its created_at is pending)
	Deleted  bool     // a deletion is pending
	Fields   []string // fields changed, in the order first changed, meta fields left out
	Ops      int      // outbox entries of the record read
	// Values holds each changed field's latest pending value.
	Values map[string]json.RawMessage
	// EnterpriseID is the enterprise the record belongs to (itself for an
	// enterprise; a need event's need's); "" if unknown.
	EnterpriseID string
	// When is the day that names the record: a visit's time, a
	// follow-up's due day, when a need or event was made; "" if none.
	When visits.Date
	// Title is a need's title or a follow-up's action (raw: clean it
	// before showing it).
	Title string
}

// metaFields are written with every save; they say nothing to a person.
var metaFields = map[string]bool{"id": true, "created_at": true, "created_by": true, "updated_at": true, "updated_by": true}

// PendingWork returns the records with pending changes, oldest change
// first, up to limit records (limit <= 0: all), and the number of outbox
// entries those records account for in what was read. Reading stops at
// the limit, so a large outbox costs only what is shown.
func (r *Reader) PendingWork(limit int) ([]PendingWork, error) {
	var out []PendingWork
	at := map[string]int{}
	c := r.tx.Bucket(bOutbox).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		_, _, ops, err := decodeGroup(v)
		if err != nil {
			return nil, fmt.Errorf("outbox entry %d: %w", binary.BigEndian.Uint64(k), err)
		}
		for _, o := range ops {
			out = r.addPendingWork(out, at, o.op, limit)
		}
	}
	for i := range out {
		r.describe(&out[i])
	}
	return out, nil
}

// addPendingWork counts op in its record's PendingWork.
func (r *Reader) addPendingWork(out []PendingWork, at map[string]int, op Op, limit int) []PendingWork {
	key := op.Type + "\x00" + op.ID
	i, seen := at[key]
	if !seen {
		if limit > 0 && len(out) == limit {
			return out // only count what is already listed
		}
		i = len(out)
		at[key] = i
		out = append(out, PendingWork{Type: op.Type, ID: op.ID, Values: map[string]json.RawMessage{}})
	}
	w := &out[i]
	w.Ops++
	switch {
	case op.Field == "created_at" && op.Base == "":
		w.New = true
	case op.Field == FieldDeleted:
		w.Deleted = string(op.Value) == "true"
	}
	if !metaFields[op.Field] && op.Field != FieldDeleted {
		if _, ok := w.Values[op.Field]; !ok {
			w.Fields = append(w.Fields, op.Field)
		}
		w.Values[op.Field] = op.Value
	}
	return out
}

// describe fills in what names the record from the record as stored.
func (r *Reader) describe(w *PendingWork) {
	var rec struct {
		EnterpriseID string      `json:"enterprise_id"`
		NeedID       string      `json:"need_id"`
		At           string      `json:"at"`
		Due          visits.Date `json:"due"`
		CreatedAt    string      `json:"created_at"`
		Title        string      `json:"title"`
		Action       string      `json:"action"`
	}
	if v, err := recordsOf(r.tx, w.Type).Get([]byte(w.ID)); err != nil || v == nil || json.Unmarshal(v, &rec) != nil {
		return
	}
	day := func(ts string) visits.Date {
		if len(ts) >= 10 {
			if t, err := time.Parse(time.RFC3339Nano, ts); err == nil {
				return visits.DateOf(t)
			}
		}
		return ""
	}
	w.EnterpriseID = rec.EnterpriseID
	switch w.Type {
	case visits.TypeEnterprise:
		w.EnterpriseID = w.ID
	case visits.TypeVisit:
		w.When = day(rec.At)
	case visits.TypeFollowUp:
		w.When, w.Title = rec.Due, rec.Action
	case visits.TypeNeed:
		w.When, w.Title = day(rec.CreatedAt), rec.Title
	case visits.TypeNeedEvent:
		w.When = day(rec.At)
		if n, err := Get[visits.Need](r, rec.NeedID); err == nil {
			w.EnterpriseID, w.Title = n.EnterpriseID, n.Title
		}
	}
}

// PendingRecords counts the records with pending changes (a new visit of
// twelve fields is one), walking outbox_field one record at a time (its
// keys are the record's recordIDKey and an 8-byte entry number).
func (r *Reader) PendingRecords() int {
	c := r.tx.Bucket(bOutboxField).Cursor()
	n := 0
	for k, _ := c.First(); k != nil; {
		if len(k) < 8 {
			k, _ = c.Next()
			continue
		}
		n++
		next := append(append([]byte(nil), k[:len(k)-8]...), 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff)
		k, _ = c.Seek(next)
	}
	return n
}
