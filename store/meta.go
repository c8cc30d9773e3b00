package store

import (
	"encoding/json"
	"time"
)

// Identity is who this laptop is logged in as, and where HQ is.
type Identity struct {
	Officer string `json:"officer"`
	Role    string `json:"role"`
	HQURL   string `json:"hq_url"`
	Token   string `json:"-"`
}

// Identity returns the stored login ("" fields before the first login).
func (r *Reader) Identity() Identity {
	m := r.tx.Bucket(bMeta)
	return Identity{Officer: string(m.Get(kOfficer)), Role: string(m.Get(kRole)),
		HQURL: string(m.Get(kHQURL)), Token: string(m.Get(kToken))}
}

// SetIdentity stores the login. The database file is 0600, so the token
// is kept with the data it protects.
func (w *Writer) SetIdentity(id Identity) error {
	m := w.tx.Bucket(bMeta)
	for k, v := range map[string]string{string(kOfficer): id.Officer, string(kRole): id.Role,
		string(kHQURL): id.HQURL, string(kToken): id.Token} {
		if err := m.Put([]byte(k), []byte(v)); err != nil {
			return err
		}
	}
	w.officer = id.Officer
	return nil
}

// SyncState is what the laptop remembers between syncs.
type SyncState struct {
	Cursor   uint64    `json:"cursor"`
	Epoch    string    `json:"epoch"`
	LastSync time.Time `json:"last_sync"`
	OffsetMS int64     `json:"offset_ms"`
}

// SyncState returns the pull cursor, HQ epoch, last successful sync and
// clock offset.
func (r *Reader) SyncState() SyncState {
	m := r.tx.Bucket(bMeta)
	var st SyncState
	if v := m.Get(kCursor); len(v) == 8 {
		st.Cursor = beU64(v)
	}
	st.Epoch = string(m.Get(kEpoch))
	if v := m.Get(kLastSync); v != nil {
		_ = st.LastSync.UnmarshalText(v)
	}
	st.OffsetMS = r.s.clock.Offset()
	return st
}

// Status is the one-screen summary of local sync state.
type Status struct {
	Pending   int       `json:"pending_ops"`
	LastSync  time.Time `json:"last_sync"`
	Conflicts int       `json:"conflicts"`
	Rejected  int       `json:"rejected_ops"`
	OffsetMS  int64     `json:"clock_offset_ms"`
	Officer   string    `json:"officer"`
	HQURL     string    `json:"hq_url"`
	Device    string    `json:"device_id"`
}

// Status summarises pending work, conflicts and the last sync.
func (r *Reader) Status() Status {
	st := r.SyncState()
	id := r.Identity()
	return Status{Pending: r.PendingCount(), LastSync: st.LastSync,
		Conflicts: r.tx.Bucket(bConflicts).Stats().KeyN, Rejected: r.tx.Bucket(bRejected).Stats().KeyN,
		OffsetMS: st.OffsetMS, Officer: id.Officer, HQURL: id.HQURL, Device: r.s.clock.Device()}
}

// Draft returns a saved form draft ("" if none). Drafts are local only.
func (r *Reader) Draft(name string) []byte {
	v := r.tx.Bucket(bDrafts).Get([]byte(name))
	return append([]byte(nil), v...)
}

// SaveDraft keeps a half-typed form; nil data removes it.
func (s *Store) SaveDraft(name string, data []byte) error {
	return s.Update(func(w *Writer) error {
		if data == nil {
			return w.tx.Bucket(bDrafts).Delete([]byte(name))
		}
		return w.tx.Bucket(bDrafts).Put([]byte(name), data)
	})
}

// Rejected is an op HQ refused, kept for the officer to see and export.
type Rejected struct {
	Op     Op        `json:"op"`
	Code   string    `json:"code"`
	Reason string    `json:"reason"`
	At     time.Time `json:"at"`
}

// RejectedOps returns every op HQ refused, oldest first.
func (r *Reader) RejectedOps() ([]Rejected, error) {
	var out []Rejected
	err := r.tx.Bucket(bRejected).ForEach(func(_, v []byte) error {
		var x Rejected
		if err := json.Unmarshal(v, &x); err != nil {
			return err
		}
		out = append(out, x)
		return nil
	})
	return out, err
}

func beU64(b []byte) uint64 {
	var n uint64
	for _, c := range b {
		n = n<<8 | uint64(c)
	}
	return n
}
