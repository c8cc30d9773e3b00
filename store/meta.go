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
	// Trust is what login verified HQ's certificate against; every sync
	// verifies it the same way.
	Trust Trust `json:"-"`
}

// Trust says how the laptop verifies HQ's identity (docs/sync.md, TLS).
// The zero value: https against the system's roots, or http to loopback.
type Trust struct {
	CAPEM        string // a district CA (PEM), instead of the system's roots
	Pin          string // "sha256:<hex>" of HQ's public key (SPKI), instead of a chain
	InsecureHTTP bool   // plain http:// to a host that is not loopback, on request
}

// Meta keys of the trust stored with the login.
var (
	kHQCA       = []byte("hq_ca_pem")
	kHQPin      = []byte("hq_pin")
	kHQInsecure = []byte("hq_insecure_http")
)

// Identity returns the stored login ("" fields before the first login).
func (r *Reader) Identity() Identity {
	m := r.tx.Bucket(bMeta)
	return Identity{Officer: string(m.Get(kOfficer)), Role: string(m.Get(kRole)),
		HQURL: string(m.Get(kHQURL)), Token: string(m.Get(kToken)),
		Trust: Trust{CAPEM: string(m.Get(kHQCA)), Pin: string(m.Get(kHQPin)), InsecureHTTP: string(m.Get(kHQInsecure)) == "1"}}
}

// SetIdentity stores the login with what it trusted (replacing the
// previous login's trust). The database file is 0600, so the token is
// kept with the data it protects.
func (w *Writer) SetIdentity(id Identity) error {
	m := w.tx.Bucket(bMeta)
	insecure := ""
	if id.Trust.InsecureHTTP {
		insecure = "1"
	}
	for k, v := range map[string]string{string(kOfficer): id.Officer, string(kRole): id.Role,
		string(kHQURL): id.HQURL, string(kToken): id.Token,
		string(kHQCA): id.Trust.CAPEM, string(kHQPin): id.Trust.Pin, string(kHQInsecure): insecure} {
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
		Conflicts: r.tx.Bucket(bConflicts).KeyN(), Rejected: r.tx.Bucket(bRejected).KeyN(),
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
