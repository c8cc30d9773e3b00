package store

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/visits"
	bolt "go.etcd.io/bbolt"
)

// outboxOps reads an outbox entry of any version as its ops.
func outboxOps(v []byte) ([]Op, error) {
	if len(v) > 0 && v[0] == opGroupV3 {
		_, _, ops, err := decodeGroup(v)
		out := make([]Op, len(ops))
		for i, o := range ops {
			out[i] = o.op
		}
		return out, err
	}
	op, err := decodeOp(v)
	return []Op{op}, err
}

// downgradeOutbox rewrites the outbox as schema 11 and earlier wrote it: an
// entry per op (enc: encodeOp or encodeOpV1) numbered by the bucket's
// sequence, and outbox_field a line per op: type, id, field, 0, seq.
func downgradeOutbox(tx Tx, enc func(Op) []byte) error {
	ob := tx.Bucket(bOutbox)
	var keys [][]byte
	var ops []Op
	err := ob.ForEach(func(k, v []byte) error {
		o, err := outboxOps(v)
		keys, ops = append(keys, append([]byte(nil), k...)), append(ops, o...)
		return err
	})
	if err != nil {
		return err
	}
	for _, k := range keys {
		if err := ob.Delete(k); err != nil {
			return err
		}
	}
	if err := tx.DeleteBucket(bOutboxField); err != nil {
		return err
	}
	of, err := tx.CreateBucketIfNotExists(bOutboxField)
	if err != nil {
		return err
	}
	for _, op := range ops {
		seq, err := ob.NextSequence()
		if err != nil {
			return err
		}
		if err := ob.Put(u64(seq), enc(op)); err != nil {
			return err
		}
		if err := of.Put(append(conflictKey(op.Type, op.ID, op.Field), append([]byte{sep}, u64(seq)...)...), nil); err != nil {
			return err
		}
	}
	return nil
}

// The migration to outbox version 3 (schema 12) on a database of schema 11
// (an entry per op, a field index line per op): the same ops in the same
// order, byte for byte; a line per entry in outbox_field; the same
// pending records and fields; check finds nothing; the ops still
// acknowledge away, and new edits queue after them.
func TestMigrateOutboxGroups(t *testing.T) {
	path := filepath.Join(t.TempDir(), "liaison.db")
	s := schema6DB(t, path, 10, 50) // pending: a new visit, a changed need, a deleted visit
	must(t, s.Update(func(w *Writer) error {
		for range 300 { // more than a page of entries
			v := &visits.Visit{EnterpriseID: firstEnterprise(t, w), At: time.Now(), Occasion: visits.OccRoutine,
				Method: "on_site", Summary: "迁移前的走访", Purposes: []string{"policy"}}
			if err := w.AddVisit(v); err != nil {
				return err
			}
		}
		return nil
	}))
	must(t, s.db.Update(func(tx Tx) error {
		if err := downgradeOutbox(tx, encodeOp); err != nil {
			return err
		}
		return tx.Bucket(bMeta).Put(kSchema, u64(11)) // before the outbox's step (11 → 12); later steps run too
	}))
	before := snapshotDB(t, s)
	var records int
	must(t, s.db.View(func(tx Tx) error {
		records = tx.Bucket(bOutboxField).KeyN() // a line per op
		return nil
	}))
	s.Close()
	s, err := Open(path, Options{NoSync: true})
	must(t, err)
	defer s.Close()
	after := snapshotDB(t, s)
	if after.schema != uint64(SchemaVersion) {
		t.Fatalf("schema %d", after.schema)
	}
	before.compare(t, after)
	var wire [2][]byte
	for i, ops := range [][]Op{before.pending, after.pending} {
		wire[i], _ = json.Marshal(ops)
	}
	if !bytes.Equal(wire[0], wire[1]) {
		t.Fatal("the pending ops' wire JSON changed")
	}
	if p, err := s.Check(); err != nil || len(p) > 0 {
		t.Fatalf("check after the migration: %v %v", p, err)
	}
	must(t, s.View(func(r *Reader) error {
		if n := r.PendingCount(); n != len(before.pending) {
			t.Errorf("%d ops pending, want %d", n, len(before.pending))
		}
		if n := r.PendingRecords(); n != 303 {
			t.Errorf("%d records pending, want 303", n)
		}
		for _, op := range before.pending {
			if !r.HasPending(op.Type, op.ID, op.Field) {
				t.Fatalf("%s %s %s: not pending after the migration", op.Type, op.ID, op.Field)
			}
		}
		if n := tx(r).Bucket(bOutboxField).KeyN(); n != 303 || records != len(before.pending) {
			t.Errorf("outbox_field: %d lines before, %d after; want %d and 303", records, n, len(before.pending))
		}
		return nil
	}))
	all := mustPending(t, s)
	rs := make([]Result, len(all))
	for i, p := range all {
		rs[i] = Result{OpID: p.Op.OpID, Status: StatusApplied, Seq: uint64(i + 1)}
	}
	must(t, s.Ack(all, rs))
	must(t, s.View(func(r *Reader) error {
		if n, m := r.PendingCount(), tx(r).Bucket(bOutboxField).KeyN(); n != 0 || m != 0 {
			t.Errorf("after acknowledging everything: %d ops, %d outbox_field lines", n, m)
		}
		return nil
	}))
}

func tx(r *Reader) Tx { return r.tx }

func firstEnterprise(t *testing.T, w *Writer) string {
	var id string
	_ = w.tx.Bucket(fieldsBucket(visits.TypeEnterprise)).ForEach(func(k, _ []byte) error {
		if id == "" {
			id = string(k)
		}
		return nil
	})
	if id == "" {
		t.Fatal("no enterprise")
	}
	return id
}

// LIAISON_MIGRATE_OUTBOX_FILE=FILE migrates FILE (a COPY of a database of
// schema 10 or older with pending ops: it is changed) and checks that the pending
// ops read back byte for byte (their wire JSON), in the same order, and
// that liaison check finds nothing. It logs how long the open took.
func TestMigrateOutboxFile(t *testing.T) {
	path := os.Getenv("LIAISON_MIGRATE_OUTBOX_FILE")
	if path == "" {
		t.Skip("set LIAISON_MIGRATE_OUTBOX_FILE to a copy of an older database")
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	must(t, err)
	var before []Op
	must(t, db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bOutbox).ForEach(func(_, v []byte) error {
			ops, err := outboxOps(v)
			before = append(before, ops...)
			return err
		})
	}))
	db.Close()
	start := time.Now()
	s, err := Open(path, Options{})
	must(t, err)
	took := time.Since(start)
	defer s.Close()
	var after []Op
	for _, p := range mustPending(t, s) {
		after = append(after, p.Op)
	}
	a, _ := json.Marshal(before)
	b, _ := json.Marshal(after)
	if len(before) == 0 || !bytes.Equal(a, b) {
		t.Fatalf("%d pending ops before, %d after, or their JSON differs", len(before), len(after))
	}
	t.Logf("open with the migration: %v; %d pending ops kept byte for byte", took, len(after))
	start = time.Now()
	if p, err := s.Check(); err != nil || len(p) > 0 {
		t.Fatalf("check: %v %v", p[:min(len(p), 10)], err)
	}
	t.Logf("check: nothing found, in %v", time.Since(start))
}
