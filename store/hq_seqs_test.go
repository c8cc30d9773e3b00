package store

import (
	"bytes"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/liaison-dev/liaison/visits"
)

// An HQ database written with one hq:fieldseq key per field opens with
// the same seqs in hq:seqs, the old bucket gone, and the same feed.
func TestMigrateFieldSeqs(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hq.db")
	h, err := OpenHQ(path, Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	ent := visits.Enterprise{Name: "兰州华信科技"}
	if err := h.SaveRecords("hq", &ent); err != nil {
		t.Fatal(err)
	}
	v := visits.Visit{EnterpriseID: ent.ID, Occasion: visits.OccRoutine, Method: "on_site", Summary: "走访"}
	if err := h.SaveRecords("hq", &v); err != nil {
		t.Fatal(err)
	}
	ent.Street = "东岗西路街道"
	if err := h.SaveRecords("hq", &ent); err != nil {
		t.Fatal(err)
	}
	admin := Principal{ID: "hq", Role: visits.RoleAdmin}
	before, err := h.Changes(admin, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]fieldSeq{}
	// Rewrite the seqs in the old layout.
	err = h.s.db.Update(func(tx Tx) error {
		old, err := tx.CreateBucketIfNotExists(bHQFieldSeq)
		if err != nil {
			return err
		}
		err = tx.Bucket(bHQSeqs).ForEach(func(k, v []byte) error {
			fs, err := decodeSeqs(v)
			if err != nil {
				return err
			}
			want[string(k)] = fs
			for _, f := range fs {
				if err := old.Put(append(append(append([]byte{}, k...), sep), f.name...), u64(f.seq)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		if err := tx.DeleteBucket(bHQSeqs); err != nil {
			return err
		}
		_, err = tx.CreateBucketIfNotExists(bHQSeqs)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(want) < 2 {
		t.Fatalf("only %d records have seqs", len(want))
	}
	h.Close()

	h, err = OpenHQ(path, Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	got := map[string][]fieldSeq{}
	err = h.s.db.View(func(tx Tx) error {
		if tx.Bucket(bHQFieldSeq) != nil {
			t.Error("hq:fieldseq is still there")
		}
		return tx.Bucket(bHQSeqs).ForEach(func(k, v []byte) error {
			fs, err := decodeSeqs(v)
			got[string(k)] = fs
			return err
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	for k, fs := range want {
		m := map[string]uint64{}
		for _, f := range fs {
			m[f.name] = f.seq
		}
		g := map[string]uint64{}
		for _, f := range got[k] {
			g[f.name] = f.seq
		}
		if !reflect.DeepEqual(g, m) {
			t.Errorf("%q: seqs %v, want %v", k, g, m)
		}
	}
	after, err := h.Changes(admin, 0, 1000)
	if err != nil || !reflect.DeepEqual(after, before) {
		t.Errorf("changes differ after the migration (%v)", err)
	}
	// A field changed after the migration moves in the feed: its old seq
	// is gone and the page holds each field once.
	ent.Street = "雁滩街道"
	if err := h.SaveRecords("hq", &ent); err != nil {
		t.Fatal(err)
	}
	page, _ := h.Changes(admin, 0, 1000)
	seen := map[string]bool{}
	for _, c := range page.Changes {
		k := c.Type + "/" + c.ID + "/" + c.Field
		if seen[k] {
			t.Errorf("%s appears twice in the feed", k)
		}
		seen[k] = true
	}
	if len(page.Changes) != len(before.Changes) {
		t.Errorf("%d changes after an edit, want %d", len(page.Changes), len(before.Changes))
	}
}

func TestSeqsEncoding(t *testing.T) {
	fs := []fieldSeq{{"name", 1}, {"", 1 << 60}, {"状态", 7}}
	got, err := decodeSeqs(encodeSeqs(fs))
	if err != nil || !reflect.DeepEqual(got, fs) {
		t.Fatalf("round trip: %v %v", got, err)
	}
	enc := encodeSeqs(fs)
	for i := 1; i < len(enc); i++ {
		if _, err := decodeSeqs(enc[:i]); err == nil && i != len(encodeSeqs(fs[:1])) && i != len(encodeSeqs(fs[:2])) {
			t.Errorf("truncated at %d: no error", i)
		}
	}
}

// An HQ database whose feed holds one entry per field (as before hq:seqs
// fed it per record) opens with a feed of one entry per record at its
// highest seq, and pages the same changes.
func TestMigrateFeedByRecord(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hq.db")
	h, err := OpenHQ(path, Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	ent := visits.Enterprise{Name: "兰州华信科技"}
	must(t, h.SaveRecords("hq", &ent))
	for i := range 3 {
		v := visits.Visit{EnterpriseID: ent.ID, Occasion: visits.OccRoutine, Method: "on_site", Summary: fmt.Sprint("走访", i)}
		must(t, h.SaveRecords("hq", &v))
	}
	ent.Street = "雁滩街道"
	must(t, h.SaveRecords("hq", &ent))
	admin := Principal{ID: "hq", Role: visits.RoleAdmin}
	before, err := h.Changes(admin, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	records := 0
	err = h.s.db.Update(func(tx Tx) error {
		if err := tx.DeleteBucket(bHQFeed); err != nil {
			return err
		}
		feed, err := tx.CreateBucketIfNotExists(bHQFeed)
		if err != nil {
			return err
		}
		err = tx.Bucket(bHQSeqs).ForEach(func(k, v []byte) error {
			fs, err := decodeSeqs(v)
			records++
			for _, f := range fs {
				if err := feed.Put(u64(f.seq), append(append(append([]byte{}, k...), sep), f.name...)); err != nil {
					return err
				}
			}
			return err
		})
		if err != nil {
			return err
		}
		return tx.Bucket(bHQMeta).Delete(kHQFeedByRecord)
	})
	must(t, err)
	h.Close()

	h, err = OpenHQ(path, Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	n := 0
	must(t, h.s.db.View(func(tx Tx) error {
		return tx.Bucket(bHQFeed).ForEach(func(k, v []byte) error {
			n++
			if bytes.Count(v, []byte{sep}) != 1 {
				t.Errorf("feed entry %d is %q, not type\\0id", beU64(k), v)
			}
			return nil
		})
	}))
	if n != records {
		t.Errorf("%d feed entries for %d records", n, records)
	}
	after, err := h.Changes(admin, 0, 1000)
	if err != nil || !reflect.DeepEqual(after, before) {
		t.Errorf("changes differ after the migration (%v)\n got %+v\nwant %+v", err, after, before)
	}
}
