package store

import (
	"bytes"
	"context"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/liaison-dev/liaison/visits"
)

// hqDump is HQ's own buckets as stored.
func hqDump(t *testing.T, h *HQ) map[string]map[string]string {
	t.Helper()
	out := map[string]map[string]string{}
	must(t, h.s.db.View(func(tx Tx) error {
		for _, b := range [][]byte{bHQRecs, bHQSeqFeed, bHQEFeed} {
			m := map[string]string{}
			out[string(b)] = m
			if err := tx.Bucket(b).ForEach(func(k, v []byte) error {
				m[string(k)] = string(v)
				return nil
			}); err != nil {
				return err
			}
		}
		return nil
	}))
	return out
}

func hqProblems(t *testing.T, h *HQ) {
	t.Helper()
	must(t, h.s.db.View(func(tx Tx) error {
		for _, p := range checkHQ(tx) {
			t.Error(p)
		}
		return nil
	}))
}

// legacy is how HQ's own buckets looked before schema 11.
type legacy int

const (
	legacyLast       legacy = iota // hq:seqs, hq:owner, hq:owned, hq:feed, hq:efeed
	legacyNoEFeed                  // before hq:efeed
	legacyFeedFields               // and the feed one entry per field
	legacyFieldSeq                 // and one hq:fieldseq key per field
)

// downgradeHQ rewrites HQ's own buckets as they were stored in format l,
// from the current ones, which it removes.
func downgradeHQ(tx Tx, l legacy) error {
	for _, b := range legacyBuckets {
		if _, err := tx.CreateBucketIfNotExists(b); err != nil {
			return err
		}
	}
	seqs, owner, owned, feed, efeed := tx.Bucket(bLegacySeqs), tx.Bucket(bLegacyOwner), tx.Bucket(bLegacyOwned), tx.Bucket(bLegacyFeed), tx.Bucket(bLegacyEFeed)
	fieldseq, err := tx.CreateBucketIfNotExists(bHQFieldSeq)
	if err != nil {
		return err
	}
	err = tx.Bucket(bHQRecs).ForEach(func(k, v []byte) error {
		typ, id, err := splitRecKey(k)
		if err != nil {
			return err
		}
		o, fs, err := decodeRec(v)
		if err != nil {
			return err
		}
		tk := key([]byte(typ), []byte(id))
		if o != "" {
			if err := owner.Put(tk, []byte(o)); err != nil {
				return err
			}
			if err := owned.Put(key([]byte(o), []byte(typ), []byte(id)), nil); err != nil {
				return err
			}
		}
		if len(fs) == 0 {
			return nil
		}
		top := (&recSeqs{fields: fs}).max()
		if l >= legacyFieldSeq {
			for _, f := range fs {
				if err := fieldseq.Put(key([]byte(typ), []byte(id), []byte(f.name)), u64(f.seq)); err != nil {
					return err
				}
			}
		} else if err := seqs.Put(tk, encodeLegacySeqs(fs)); err != nil {
			return err
		}
		if l >= legacyFeedFields {
			for _, f := range fs {
				if err := feed.Put(u64(f.seq), key([]byte(typ), []byte(id), []byte(f.name))); err != nil {
					return err
				}
			}
		} else if err := feed.Put(u64(top), tk); err != nil {
			return err
		}
		if f, ok := efeedOf(typ, o); ok && l == legacyLast {
			return efeed.Put(legacyEFeedKey(f, top), tk)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if l < legacyFieldSeq {
		if err := tx.DeleteBucket(bHQFieldSeq); err != nil {
			return err
		}
	}
	for _, b := range [][]byte{bHQRecs, bHQSeqFeed, bHQEFeed} {
		if err := tx.DeleteBucket(b); err != nil {
			return err
		}
	}
	meta := tx.Bucket(bHQMeta)
	if l < legacyFeedFields {
		if err := meta.Put(kHQFeedByRecord, []byte{1}); err != nil {
			return err
		}
	}
	if l == legacyLast {
		return meta.Put(kHQEFeedBuilt, []byte{1})
	}
	return nil
}

// A database in any of HQ's earlier formats of its own buckets migrates
// to exactly what HQ keeps up as it writes (byte for byte), passes
// checkHQ, and pages the same changes to every officer and to an admin.
func TestMigrateHQRecs(t *testing.T) {
	seed := testSeed(t)
	rng := rand.New(rand.NewPCG(seed, 21))
	for _, l := range []legacy{legacyLast, legacyNoEFeed, legacyFeedFields, legacyFieldSeq} {
		h := openTestHQ(t)
		officers := randomDistrict(t, h, rng, 150)
		hqProblems(t, h)
		kept := hqDump(t, h)
		ps := []Principal{{ID: "boss", Role: visits.RoleAdmin}}
		for _, off := range officers {
			ps = append(ps, Principal{ID: off, Role: visits.RoleLiaison})
		}
		before := map[string]ChangesPage{}
		for _, p := range ps {
			page, err := h.changes(context.Background(), p, 0, 1_000_000, nil, true)
			must(t, err)
			before[p.ID] = page
		}
		must(t, h.s.db.Update(func(tx Tx) error {
			if err := downgradeHQ(tx, l); err != nil {
				return err
			}
			return migrateHQRecs(tx)
		}))
		if got := hqDump(t, h); !reflect.DeepEqual(got, kept) {
			for b := range kept {
				t.Errorf("format %d: %s has %d entries after the migration, %d as kept (equal: %v)", l, b, len(got[b]), len(kept[b]), reflect.DeepEqual(got[b], kept[b]))
			}
		}
		hqProblems(t, h)
		for _, p := range ps {
			page, err := h.changes(context.Background(), p, 0, 1_000_000, nil, true)
			must(t, err)
			if !reflect.DeepEqual(page, before[p.ID]) {
				t.Errorf("format %d, %s: %d changes to %d after the migration, %d to %d before", l, p.ID, len(page.Changes), page.Next, len(before[p.ID].Changes), before[p.ID].Next)
			}
		}
		must(t, h.s.db.Update(func(tx Tx) error { return migrateHQRecs(tx) })) // again: nothing to do
		if got := hqDump(t, h); !reflect.DeepEqual(got, kept) {
			t.Errorf("format %d: a second run changed HQ's buckets", l)
		}
		h.Close()
	}
}

// Ids and types in HQ's keys: a canonical UUID is 16 bytes, anything else
// is kept as text, every one comes back byte for byte, and no encoded id
// is a prefix of another.
func TestHQKeys(t *testing.T) {
	ids := []string{"", "wang", "ent-1", NewID(), "0190a5b2-7c3d-7e4f-8a1b-2c3d4e5f6a7b", "0190A5B2-7C3D-7E4F-8A1B-2C3D4E5F6A7B",
		"0190a5b2-7c3d-7e4f-8a1b-2c3d4e5f6a7", "0190a5b2x7c3d-7e4f-8a1b-2c3d4e5f6a7b", "企业\x00甲", string(make([]byte, 300))}
	for _, typ := range append(append([]string{}, hqTypeCodes...), "unknown_type") {
		for _, id := range ids {
			k := recKey(typ, id)
			gt, gi, err := splitRecKey(k)
			if err != nil || gt != typ || gi != id {
				t.Errorf("%q %q: back as %q %q (%v)", typ, id, gt, gi, err)
			}
			if recKeyType(k) != typ {
				t.Errorf("%q %q: type %q", typ, id, recKeyType(k))
			}
		}
	}
	if n := len(recKey(visits.TypeVisit, NewID())); n != 18 {
		t.Errorf("a visit's key is %d bytes, want 18", n)
	}
	for _, a := range ids {
		for _, b := range ids {
			ea, eb := appendID(nil, a), appendID(nil, b)
			if a != b && bytes.HasPrefix(eb, ea) {
				t.Errorf("%q encoded is a prefix of %q encoded", a, b)
			}
		}
	}
	for i := 1; i < len(recKey(visits.TypeVisit, NewID())); i++ {
		if _, _, err := splitRecKey(recKey(visits.TypeVisit, NewID())[:i]); err == nil {
			t.Errorf("a key cut to %d bytes reads", i)
		}
	}
}

// A record's value in hq:recs comes back as written, a field costs two
// bytes when its seq lies near the record's top, and a value cut before
// its top field (here the last) never reads.
func TestRecEncoding(t *testing.T) {
	fs := []fieldSeq{{"name", 1}, {"状态", 7}, {FieldDeleted, 1<<60 - 3}, {"summary", 1 << 60}}
	for _, owner := range []string{"", "wang", NewID()} {
		enc := encodeRec(owner, fs, 1<<60)
		o, got, err := decodeRec(enc)
		if err != nil || o != owner || !reflect.DeepEqual(got, fs) {
			t.Fatalf("round trip: %q %v %v", o, got, err)
		}
		for i := 0; i < len(enc); i++ {
			if _, _, err := decodeRec(enc[:i]); err == nil {
				t.Errorf("owner %q, cut at %d: no error", owner, i)
			}
		}
	}
	if o, got, err := decodeRec(encodeRec("wang", nil, 0)); err != nil || o != "wang" || len(got) != 0 {
		t.Errorf("owner without seqs: %q %v %v", o, got, err)
	}
	near := []fieldSeq{{"at", 100}, {"summary", 101}, {"enterprise_id", 102}}
	if n := len(encodeRec(NewID(), near, 102)); n != 17+1+3*2 {
		t.Errorf("%d bytes for an owner and three fields", n)
	}
}
