package store

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/liaison-dev/liaison/visits"
)

// Writer makes local edits inside one transaction. Every changed field
// becomes an op that is applied to the record and queued in the outbox in
// that same transaction.
type Writer struct {
	txn
	officer string
}

// Update runs fn in one write transaction: one user action, committed
// whole or not at all (fn's error rolls everything back).
func (s *Store) Update(fn func(w *Writer) error) error {
	return s.db.Update(func(tx Tx) error {
		fillAppendMostly(tx)
		w := &Writer{txn: txn{tx: tx, s: s}, officer: string(tx.Bucket(bMeta).Get(kOfficer))}
		if err := fn(w); err != nil {
			return err
		}
		return tx.Bucket(bMeta).Put(kClock, []byte(s.clock.Last()))
	})
}

// Officer returns the id of the officer this laptop is logged in as, or
// "local" before the first login.
func (w *Writer) Officer() string {
	if w.officer == "" {
		return "local"
	}
	return w.officer
}

// Save writes rec. A record without an id is new: it gets an id, created_at
// and created_by. Every save sets updated_at. Only fields whose value
// differs from the shown one produce ops.
func (w *Writer) Save(rec visits.Record) error {
	m := rec.RecordMeta()
	stampMeta(m, w.s.Now().UTC(), w.Officer())
	values, err := recordValues(rec)
	if err != nil {
		return fmt.Errorf("save %s: %w", rec.RecordType(), err)
	}
	return w.edit(rec.RecordType(), m.ID, values, true)
}

// Delete marks a record deleted (a surface field: a concurrent edit on
// another laptop shows as a conflict rather than vanishing).
func (w *Writer) Delete(typ, id string) error {
	return w.edit(typ, id, map[string]json.RawMessage{FieldDeleted: json.RawMessage("true")}, false)
}

// SetField writes one field of a record (for example a need's status).
func (w *Writer) SetField(typ, id, field string, value any) error {
	v, err := json.Marshal(value)
	if err != nil {
		return err
	}
	return w.edit(typ, id, map[string]json.RawMessage{field: v}, false)
}

// Resolve settles a conflict on a field by keeping value: the op names the
// shown leaf as its base and every other leaf in resolves.
func (w *Writer) Resolve(typ, id, field string, value json.RawMessage) error {
	fs, err := w.loadFields(typ, id)
	if err != nil {
		return err
	}
	leaves := fs[field]
	shown, ok := Shown(leaves)
	if !ok {
		return fmt.Errorf("resolve %s %s %s: %w", typ, id, field, ErrNotFound)
	}
	if typ == visits.TypeNeed && field == "status" {
		if err := keepsTerminal(leaves, value); err != nil {
			return err
		}
	}
	op := w.newOp(typ, id, field, value, shown.Stamp, w.s.clock.Now())
	op.From = shown.Value
	for _, l := range leaves {
		if l.Stamp != shown.Stamp {
			op.Resolves = append(op.Resolves, l.Stamp)
		}
	}
	return w.commitOps(typ, id, fs, []Op{op})
}

// ErrTerminalStatus: a conflict on a need's status that holds withdrawn or
// rejected can only be settled by a terminal status (HQ refuses any other:
// nothing follows a terminal status).
var ErrTerminalStatus = errors.New("nothing follows withdrawn or rejected: keep the terminal status")

func keepsTerminal(leaves []Leaf, value json.RawMessage) error {
	var to string
	if json.Unmarshal(value, &to) != nil || visits.Terminal(to) {
		return nil
	}
	for _, l := range leaves {
		var v string
		if json.Unmarshal(l.Value, &v) == nil && visits.Terminal(v) {
			return fmt.Errorf("%s over %s: %w", to, v, ErrTerminalStatus)
		}
	}
	return nil
}

// edit turns values into ops for the fields that change (see
// changedFields) and commits them.
func (w *Writer) edit(typ, id string, values map[string]json.RawMessage, whole bool) error {
	fs, err := w.loadFields(typ, id)
	if err != nil {
		return err
	}
	var ops []Op
	var stamp Stamp // one for the action's ops, as a seeded record's fields share one
	for _, c := range scopeFirst(typ, changedFields(fs, values, whole)) {
		if stamp == "" {
			stamp = w.s.clock.Now()
		}
		op := w.newOp(typ, id, c.Field, c.Value, c.Base, stamp)
		op.From = c.From
		ops = append(ops, op)
	}
	return w.commitOps(typ, id, fs, ops)
}

// ScopeField is the field that links a record of type typ to what decides
// who may see it: enterprise_id, or need_id for a need event. An
// enterprise is its own scope and an officer has none: "".
func ScopeField(typ string) string {
	switch typ {
	case visits.TypeEnterprise, visits.TypeOfficer:
		return ""
	case visits.TypeNeedEvent:
		return "need_id"
	}
	return "enterprise_id"
}

// scopeFirst puts the change of the record's scope field first. A new
// record's ops then start with its link to its enterprise: HQ learns where
// the record belongs from its first op, however a push cuts the outbox.
func scopeFirst(typ string, cs []fieldChange) []fieldChange {
	f := ScopeField(typ)
	for i, c := range cs {
		if c.Field == f && i > 0 {
			copy(cs[1:i+1], cs[:i])
			cs[0] = c
			break
		}
	}
	return cs
}

// newOp makes an op stamped stamp. The ops one edit makes on one record
// share a stamp: a stamp orders the values of one field, and each op of an
// edit is the only one of its field, so they need no order among
// themselves (a record's field set then stores the stamp once,
// fieldcodec2.go, and so does its outbox entry, outboxcodec.go).
func (w *Writer) newOp(typ, id, field string, v json.RawMessage, base, stamp Stamp) Op {
	return Op{OpID: NewID(), Type: typ, ID: id, Field: field, Value: compact(v),
		Stamp: stamp, Base: base, Resolves: []Stamp{}}
}

// commitOps applies ops to fs, stores the record and queues the ops. An op
// that is not well-formed (CheckOp: ids, field names, size, depth and
// type of the value) refuses the whole write before anything is stored:
// it would never reach HQ, or would break other laptops if it did.
func (w *Writer) commitOps(typ, id string, fs fieldSet, ops []Op) error {
	if len(ops) == 0 {
		return nil
	}
	if typ == visits.TypeSetting {
		return ErrSettingAtHQ
	}
	for _, op := range ops {
		if e := CheckOp(op); e != nil {
			return &MalformedError{Type: typ, ID: id, Field: op.Field, Reason: e.Reason}
		}
		if r := w.stepsChangeFits(op); r != "" { // writer_funnel.go
			return &MalformedError{Type: typ, ID: id, Field: op.Field, Reason: r}
		}
	}
	for _, op := range ops {
		fs[op.Field], _ = Merge(fs[op.Field], op, w.Officer(), Surface(typ, op.Field))
	}
	if err := w.enqueue(typ, id, ops); err != nil { // outbox.go
		return err
	}
	return w.storeFields(typ, id, fs)
}

// Reader returns a reader over the writer's transaction, which sees the
// writer's own changes.
func (w *Writer) Reader() *Reader { return &Reader{tx: w.tx, s: w.s} }

// ErrMalformed is wrapped by a MalformedError.
var ErrMalformed = errors.New("value not well-formed")

// MalformedError refuses a local write holding a value no laptop or HQ
// would take (store.CheckOp): nothing of the write is stored.
type MalformedError struct {
	Type, ID, Field string
	Reason          string // CheckOp's, in English
}

func (e *MalformedError) Error() string {
	f := visits.PlainText(Abbrev(e.Field, 64), false)
	r := visits.PlainText(Abbrev(e.Reason, MaxReasonRunes), false)
	return fmt.Sprintf("不能保存%s的字段 %s：值不合规，未保存任何内容（%s）（cannot save field %s of a %s: %s; nothing was saved）",
		typeLabel(e.Type), f, r, f, visits.PlainText(Abbrev(e.Type, 64), false), r)
}

func (e *MalformedError) Unwrap() error { return ErrMalformed }

// typeLabel names a record type in Chinese.
func typeLabel(typ string) string {
	switch typ {
	case visits.TypeEnterprise:
		return "企业"
	case visits.TypeVisit:
		return "走访"
	case visits.TypeNeed:
		return "诉求"
	case visits.TypeNeedEvent:
		return "诉求记录"
	case visits.TypeFollowUp:
		return "跟进事项"
	case visits.TypeAssignment:
		return "包抓联"
	case visits.TypeApplication:
		return "申报"
	case visits.TypeOfficer:
		return "干部"
	}
	return visits.PlainText(Abbrev(typ, 64), false)
}
