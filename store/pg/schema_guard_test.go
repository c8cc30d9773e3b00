package pg_test

import (
	"encoding/binary"
	"errors"
	"testing"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/store/pg/pgtest"
	"github.com/liaison-dev/liaison/visits"
)

// TestOlderInstanceStopsWritingAfterUpgrade: an instance that opened the
// database before another one migrated it to a newer schema refuses to
// write (its records would lack what the newer schema keeps beside them),
// and leaves nothing behind; it still serves reads.
func TestOlderInstanceStopsWritingAfterUpgrade(t *testing.T) {
	dsn := pgtest.DB(t)
	old := openHQ(t, dsn, "old")
	ent := visits.Enterprise{Name: "兰州测试科技有限公司"}
	if err := old.SaveRecords("hq", &ent); err != nil {
		t.Fatal(err)
	}
	admin := store.Principal{ID: "boss", Role: visits.RoleAdmin}
	ops := laptopOps(t, 20)
	if _, err := old.Push(admin, ops[:10]); err != nil {
		t.Fatalf("before the upgrade: %v", err)
	}
	seq := old.Seq()

	// What a newer build's open does to the shared database.
	kv := open(t, dsn)
	err := kv.Update(func(tx store.Tx) error {
		return tx.Bucket([]byte("meta")).Put([]byte("schema"), binary.BigEndian.AppendUint64(nil, uint64(store.SchemaVersion+1)))
	})
	if err != nil {
		t.Fatal(err)
	}

	if _, err := old.Push(admin, ops[10:]); !errors.Is(err, store.ErrNewer) {
		t.Errorf("a push through the older instance after the upgrade: %v, want ErrNewer", err)
	}
	if err := old.SaveRecords("hq", &visits.Enterprise{Name: "新企业"}); !errors.Is(err, store.ErrNewer) {
		t.Errorf("HQ's own save through the older instance: %v, want ErrNewer", err)
	}
	if got := old.Seq(); got != seq {
		t.Errorf("seq moved from %d to %d: the refused writes left something", seq, got)
	}
	if _, err := old.Changes(admin, 0, 10); err != nil {
		t.Errorf("reads through the older instance: %v", err)
	}
}
