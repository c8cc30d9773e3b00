package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/liaison-dev/liaison/visits"
	"github.com/liaison-dev/liaison/visits/demo"
)

// The migration to field sets in version 2 (schema 7) on a database of the
// previous schema: seeded records, local edits still pending, a pulled
// conflict and a deleted record. Every field reads the same, every other
// bucket (records, indexes, summaries, outbox, conflicts) is byte for byte
// as it was, the dataset and pending ops are the same, and check finds
// nothing. LIAISON_MIGRATE_SIZE=10000,100000 runs it on a district of that
// size (slow; the default is small).
func TestMigrateFieldsV2(t *testing.T) {
	ents, nv := 20, 200
	if spec := os.Getenv("LIAISON_MIGRATE_SIZE"); spec != "" {
		e, v, _ := strings.Cut(spec, ",")
		ents, _ = strconv.Atoi(e)
		nv, _ = strconv.Atoi(v)
	}
	path := filepath.Join(t.TempDir(), "liaison.db")
	s := schema6DB(t, path, ents, nv)
	before := snapshotDB(t, s)
	s.Close()

	start := time.Now()
	s, err := Open(path, Options{})
	must(t, err)
	defer s.Close()
	t.Logf("migrated %d enterprises, %d visits in %v", ents, nv, time.Since(start))
	after := snapshotDB(t, s)
	if before.schema != 6 || after.schema != uint64(SchemaVersion) {
		t.Fatalf("schema %d → %d, want 6 → %d", before.schema, after.schema, SchemaVersion)
	}
	if before.v1 == 0 || after.v1 != 0 {
		t.Fatalf("field sets in version 1: %d before, %d after", before.v1, after.v1)
	}
	before.compare(t, after)
	if p, err := s.Check(); err != nil || len(p) > 0 {
		t.Fatalf("check after the migration: %v %v", p, err)
	}
}

// A migration that does not finish (the process is killed, or it fails)
// changes nothing: it runs in the one transaction that opening an old
// database writes, and that transaction is not committed. Here it fails
// after rewriting every field set; the database still reads as schema 6
// with every field set as it was, and a later open migrates it.
func TestMigrateFieldsV2UnfinishedChangesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "liaison.db")
	s := schema6DB(t, path, 5, 30)
	before := snapshotDB(t, s)
	errKilled := errors.New("killed")
	if err := s.db.Update(func(tx Tx) error {
		if err := migrateCompactV2(tx); err != nil {
			return err
		}
		return errKilled
	}); !errors.Is(err, errKilled) {
		t.Fatal(err)
	}
	mid := snapshotDB(t, s)
	if mid.v1 != before.v1 || mid.schema != 6 {
		t.Fatalf("after an unfinished migration: %d field sets in version 1 (was %d), schema %d", mid.v1, before.v1, mid.schema)
	}
	before.compare(t, mid)
	s.Close()
	s, err := Open(path, Options{})
	must(t, err)
	defer s.Close()
	before.compare(t, snapshotDB(t, s))
}

// schema6DB makes a database as schema 6 wrote it: field sets in version 1.
func schema6DB(t *testing.T, path string, ents, nv int) *Store {
	t.Helper()
	s, err := Open(path, Options{NoSync: true})
	must(t, err)
	d := demo.Generate(demo.Options{Enterprises: ents, Visits: nv, Seed: 7, Now: time.Now(), NewID: NewID})
	must(t, s.Seed(d.Records()))
	must(t, s.db.Update(func(tx Tx) error { return tx.Bucket(bMeta).Put(kOfficer, []byte("wang")) }))
	// Local edits, pending: a new visit, a changed need, a deleted visit.
	must(t, s.Update(func(w *Writer) error {
		v := &visits.Visit{EnterpriseID: d.Enterprises[0].ID, At: time.Now(), Occasion: visits.OccRoutine,
			Method: "on_site", Summary: "迁移前的走访", Purposes: []string{"policy"}}
		return errors.Join(w.AddVisit(v), w.SetField(visits.TypeNeed, d.Needs[0].ID, "title", "改过的标题"),
			w.Delete(visits.TypeVisit, d.Visits[1].ID))
	}))
	// A conflict pulled from HQ: two live leaves of a need's status.
	ms := time.Now().Add(time.Hour).UnixMilli()
	must(t, s.ApplyPull([]Change{{Type: visits.TypeNeed, ID: d.Needs[1].ID, Field: "status", Seq: 1, Leaves: []Leaf{
		{Value: json.RawMessage(`"accepted"`), Stamp: FormatStamp(ms, 0, "hq"), Author: "li", OpID: NewID()},
		{Value: json.RawMessage(`"handed_over"`), Stamp: FormatStamp(ms, 1, "deva"), Author: "zhao", OpID: NewID()},
	}}}, 1))
	must(t, s.db.Update(func(tx Tx) error {
		for _, typ := range recordTypes {
			b := tx.Bucket(fieldsBucket(typ))
			var keys, vals [][]byte
			err := b.ForEach(func(k, v []byte) error {
				fs, err := decodeFields(v)
				keys, vals = append(keys, append([]byte(nil), k...)), append(vals, encodeFieldsV1(fs))
				return err
			})
			if err != nil {
				return err
			}
			for i := range keys {
				if err := b.Put(keys[i], vals[i]); err != nil {
					return err
				}
			}
		}
		if err := downgradeOutbox(tx, encodeOpV1); err != nil {
			return err
		}
		if err := withRecordCopies(tx); err != nil {
			return err
		}
		return tx.Bucket(bMeta).Put(kSchema, u64(6))
	}))
	return s
}

type dbSnapshot struct {
	schema  uint64
	v1      int
	fields  map[string]fieldSet // type\0id → decoded fields
	raw     map[string]string   // bucket\0key → value, every bucket but f:* and meta's schema
	dataset []byte
	pending []Op // in the outbox's order, whatever its format
}

func snapshotDB(t *testing.T, s *Store) dbSnapshot {
	t.Helper()
	sn := dbSnapshot{fields: map[string]fieldSet{}, raw: map[string]string{}}
	must(t, s.db.View(func(tx Tx) error {
		if v := tx.Bucket(bMeta).Get(kSchema); len(v) == 8 {
			sn.schema = binary.BigEndian.Uint64(v)
		}
		return boltTxOf(tx).ForEach(func(name []byte, b *bolt.Bucket) error {
			typ, isFields := strings.CutPrefix(string(name), "f:")
			return b.ForEach(func(k, v []byte) error {
				switch {
				case bytes.Equal(name, bOutbox):
					if v[0] == opBinary {
						sn.v1++
					}
					ops, err := outboxOps(v)
					sn.pending = append(sn.pending, ops...)
					return err
				case bytes.Equal(name, bOutboxField): // its format follows the outbox's
				case isFields:
					if v[0] == fieldsBinary {
						sn.v1++
					}
					fs, err := decodeFields(v)
					if err != nil {
						return err
					}
					sn.fields[typ+"\x00"+string(k)] = fs
				case bytes.Equal(name, bMeta) && bytes.Equal(k, kSchema):
				case bytes.HasPrefix(name, []byte("r:")):
					// Records' copies, which schema 9 drops: the dataset
					// compares what readers see.
				default:
					sn.raw[string(name)+"\x00"+string(k)] = string(v)
				}
				return nil
			})
		})
	}))
	must(t, s.View(func(r *Reader) error {
		ds, err := r.Dataset()
		if err != nil {
			return err
		}
		sn.dataset, err = json.Marshal(ds)
		return err
	}))
	return sn
}

func (a dbSnapshot) compare(t *testing.T, b dbSnapshot) {
	t.Helper()
	if len(a.fields) != len(b.fields) || !reflect.DeepEqual(a.fields, b.fields) {
		for k, fs := range a.fields {
			if !reflect.DeepEqual(fs, b.fields[k]) {
				t.Fatalf("record %q: fields\n%+v\nthen\n%+v", k, fs, b.fields[k])
			}
		}
		t.Fatalf("%d records with fields, then %d", len(a.fields), len(b.fields))
	}
	if !reflect.DeepEqual(a.raw, b.raw) {
		for k, v := range a.raw {
			if b.raw[k] != v {
				t.Fatalf("key %q: %q then %q", k, v, b.raw[k])
			}
		}
		t.Fatalf("%d keys outside field sets, then %d", len(a.raw), len(b.raw))
	}
	if !bytes.Equal(a.dataset, b.dataset) {
		t.Fatal("the dataset changed")
	}
	if len(a.pending) == 0 || !reflect.DeepEqual(a.pending, b.pending) {
		t.Fatalf("pending ops: %d, then %d (or changed)", len(a.pending), len(b.pending))
	}
}

// The migration to field sets in version 3 (schema 10): every field reads
// the same, every other bucket is as it was, check finds nothing, and the
// field sets take less room.
func TestMigrateFieldsV3(t *testing.T) {
	path := filepath.Join(t.TempDir(), "liaison.db")
	s := seededWithADeletedVisit(t, path, 300)
	v2Bytes := 0
	must(t, s.db.Update(func(tx Tx) error {
		for _, typ := range recordTypes {
			err := rewriteBucket(tx.Bucket(fieldsBucket(typ)), func(_, v []byte) ([]byte, error) {
				fs, err := decodeFields(v)
				enc := encodeFieldsV2(fs)
				v2Bytes += len(enc)
				return enc, err
			})
			if err != nil {
				return err
			}
		}
		return tx.Bucket(bMeta).Put(kSchema, u64(9))
	}))
	before := snapshotDB(t, s)
	s.Close()
	s, err := Open(path, Options{})
	must(t, err)
	defer s.Close()
	after := snapshotDB(t, s)
	before.compare(t, after)
	v3Bytes := 0
	must(t, s.db.View(func(tx Tx) error {
		for _, typ := range recordTypes {
			err := tx.Bucket(fieldsBucket(typ)).ForEach(func(k, v []byte) error {
				if v[0] != fieldsV3 {
					t.Errorf("%s %s: version %d after the migration", typ, k, v[0])
				}
				v3Bytes += len(v)
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	}))
	if after.schema != uint64(SchemaVersion) || v3Bytes*10 > v2Bytes*8 {
		t.Fatalf("schema %d; field sets took %d bytes, now %d", after.schema, v2Bytes, v3Bytes)
	}
	t.Logf("field sets: %d bytes in version 2, %d in version 3", v2Bytes, v3Bytes)
	if p, err := s.Check(); err != nil || len(p) > 0 {
		t.Fatalf("check: %v %v", p, err)
	}
}
