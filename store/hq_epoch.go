package store

import (
	"crypto/rand"
	"encoding/hex"
)

// newEpoch is a fresh random epoch (16 hex digits).
func newEpoch() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// RenewEpoch gives the database a new epoch, in one Update, and returns
// the old and the new one. After a restore from an older backup HQ's seqs
// are below the laptops' cursors; with a new epoch every laptop gets 410
// reset_required on its next sync, pushes its outbox and pulls from 0.
// Other processes serving this database cache the epoch at open
// (hq_shared.go): they must be restarted.
func (h *HQ) RenewEpoch() (old, renewed string, err error) {
	renewed = newEpoch()
	err = h.s.db.Update(func(tx Tx) error {
		m := tx.Bucket(bHQMeta)
		old = string(m.Get(kHQEpoch))
		for renewed == old {
			renewed = newEpoch()
		}
		return m.Put(kHQEpoch, []byte(renewed))
	})
	if err != nil {
		return "", "", err
	}
	h.epoch = renewed
	return old, renewed, nil
}
