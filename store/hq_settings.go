package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/liaison-dev/liaison/visits"
)

// SetSettings writes HQ's settings (id → value as JSON; null clears one)
// in one transaction, as master data authored by "hq": each value is
// checked (visits.CheckSetting) before anything is written, and laptops
// pull them on their next sync. A value equal to the stored one writes
// nothing.
func (h *HQ) SetSettings(values map[string]json.RawMessage) error {
	for id, v := range values {
		if err := visits.CheckSetting(id, v); err != nil {
			return err
		}
		if e := CheckOp(Op{OpID: "check", Type: visits.TypeSetting, ID: id, Field: "value", Value: v,
			Stamp: "000000000000-0000-check"}); e != nil {
			return fmt.Errorf("%w: %s: %s", visits.ErrSetting, id, e.Reason)
		}
	}
	return h.s.db.Update(func(tx Tx) error {
		r := &Reader{tx: tx, s: h.s}
		var recs []visits.Record
		for _, id := range sortedKeys(values) {
			rec, err := Get[visits.Setting](r, id)
			if err != nil && !errors.Is(err, ErrNotFound) {
				return err
			}
			if err == nil && bytes.Equal(compact(rec.Value), compact(values[id])) {
				continue
			}
			rec.ID = id
			rec.Value = values[id]
			recs = append(recs, &rec)
		}
		return h.saveTx(tx, "hq", recs...)
	})
}

// hqOnlyPushed refuses a pushed op on a record only HQ itself writes (a
// setting), whoever pushes it: an officer's laptop, an admin's included,
// never sets the rules; liaison-hq settings does.
func (x *hqTx) hqOnlyPushed(typ string) *OpError {
	if x.pushed && hqOnly(typ) {
		return &OpError{Code: "forbidden", Reason: typ + " records are set at HQ only (liaison-hq settings)"}
	}
	return nil
}

// SettingRecords returns every setting record HQ holds, in id order.
func (r *Reader) SettingRecords() ([]visits.Setting, error) { return All[visits.Setting](r) }

func sortedKeys(m map[string]json.RawMessage) []string {
	return slices.Sorted(maps.Keys(m))
}
