package store

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/liaison-dev/liaison/visits"
)

// An op log of before schema 14 (keys officer\0op_id as text, entries of version
// 2, and one of version 1, one JSON, one unreadable) migrates to keys
// with op ids as bytes: every readable entry decodes to what it held and
// is stored in version 3, byte for byte what HQ writes for it now; the
// unreadable one keeps its bytes; a retry of the pushed batch is answered
// duplicate from the migrated log with the original seqs; and the
// officers' keys keep their op ids' order, so a fresh push still finds
// nothing logged above its first op with one seek.
func TestMigrateOpLogKeys(t *testing.T) {
	h := openTestHQ(t)
	wang := Principal{ID: "wang", Role: visits.RoleAdmin}
	var ops []Op
	for range 4 {
		id := NewID()
		for _, f := range []struct{ field, value string }{{"name", "兰州华信科技"}, {"street", "雁滩街道"}} {
			v, _ := json.Marshal(f.value)
			ops = append(ops, Op{OpID: NewID(), Type: visits.TypeEnterprise, ID: id, Field: f.field, Value: v, Stamp: h.s.clock.Now()})
		}
	}
	first, err := h.Push(wang, ops)
	must(t, err)
	kept := map[string]string{}
	entries := map[string]logEntry{}
	must(t, h.s.db.View(func(tx Tx) error {
		return tx.Bucket(bHQOps).ForEach(func(k, v []byte) error {
			kept[string(k)] = string(v)
			e, err := decodeLog(k, v)
			entries[string(k)] = e
			return err
		})
	}))
	if len(kept) != len(ops) {
		t.Fatalf("%d entries logged for %d ops", len(kept), len(ops))
	}
	// Entries of earlier versions, under text keys.
	at := h.s.Now().UTC()
	odd := logEntry{Officer: "li", Op: Op{OpID: "op-7", Type: visits.TypeVisit, ID: "v1", Field: "summary", Value: json.RawMessage(`"走访"`),
		Stamp: "0193a2c4f1b2-0003-devabc123", Resolves: []Stamp{}}, Result: Result{OpID: "op-7", Status: StatusApplied, Seq: 3}, At: at}
	jsonEntry, _ := json.Marshal(logEntry{Officer: "li", Op: Op{OpID: "op-8", Type: visits.TypeVisit, ID: "v1", Field: "method", Value: json.RawMessage(`"on_site"`),
		Stamp: "0193a2c4f1b2-0004-devabc123"}, Result: Result{OpID: "op-8", Status: StatusApplied, Seq: 4}, At: at})
	must(t, h.s.db.Update(func(tx Tx) error {
		b := tx.Bucket(bHQOps)
		for k, e := range entries {
			if err := b.Delete([]byte(k)); err != nil {
				return err
			}
			if err := b.Put(key([]byte(e.Officer), []byte(e.Op.OpID)), encodeLogV2(nil, &e)); err != nil {
				return err
			}
		}
		for k, v := range map[string][]byte{"li\x00op-7": encodeLogV1(&odd), "li\x00op-8": jsonEntry, "li\x00op-9": []byte("\x09unreadable")} {
			if err := b.Put([]byte(k), v); err != nil {
				return err
			}
		}
		return migrateOpLogKeys(tx)
	}))
	got := map[string]string{}
	must(t, h.s.db.View(func(tx Tx) error {
		return tx.Bucket(bHQOps).ForEach(func(k, v []byte) error {
			got[string(k)] = string(v)
			return nil
		})
	}))
	for k, v := range kept {
		if got[k] != v {
			t.Errorf("entry %x: %x after the migration, %x as HQ writes it", k, got[k], v)
		}
	}
	if v := got[string(logKey("li", "op-9"))]; v != "\x09unreadable" {
		t.Errorf("the unreadable entry is %q", v)
	}
	e, err := decodeLog(logKey("li", "op-7"), []byte(got[string(logKey("li", "op-7"))]))
	if err != nil || !reflect.DeepEqual(e, odd) || got[string(logKey("li", "op-7"))][0] != logV3 {
		t.Errorf("version 1 entry: %+v %v", e, err)
	}
	if e, err := decodeLog(logKey("li", "op-8"), []byte(got[string(logKey("li", "op-8"))])); err != nil || e.Op.Field != "method" || e.Result.Seq != 4 {
		t.Errorf("JSON entry: %+v %v", e, err)
	}
	if len(got) != len(kept)+3 {
		t.Errorf("%d entries after the migration, want %d", len(got), len(kept)+3)
	}
	again, err := h.Push(wang, ops)
	must(t, err)
	for i, r := range again {
		if r.Status != StatusDuplicate || r.Seq != first[i].Seq {
			t.Errorf("retried op %d: %s seq %d, first answered %s seq %d", i, r.Status, r.Seq, first[i].Status, first[i].Seq)
		}
	}
	// Keys of UUID op ids sort as the op ids do.
	var prev []byte
	for i := range 200 {
		k := logKey("wang", NewID())
		if prev != nil && bytes.Compare(prev, k) >= 0 {
			t.Fatalf("key %d sorts before the previous one", i)
		}
		prev = k
	}
}
