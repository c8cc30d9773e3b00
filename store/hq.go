package store

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	gosync "sync"
	"time"

	"github.com/liaison-dev/liaison/visits"
)

// HQ is the reference HQ server's storage: the same records as a laptop
// (so reports and checks read it the same way), plus the global change
// sequence, the op log that makes pushes idempotent, officers' token
// hashes and the epoch. Its buckets (hq:*) are created when a database is
// first opened as HQ; a laptop's database never has them.
type HQ struct {
	s     *Store
	epoch string

	group     *pushGroup // pushes waiting to be applied (hq_group.go)
	groupOnce gosync.Once
}

// Errors of HQ's officer management and authentication.
var (
	ErrUnauthorized = errors.New("unknown or revoked token")
	ErrOfficerTaken = errors.New("officer id already exists")
)

// Principal is an authenticated officer: who HQ takes as the author of
// every op in a request, whatever the client claims.
type Principal struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Role string `json:"role"`
}

// Admin reports whether p sees and edits everything.
func (p Principal) Admin() bool { return p.Role == visits.RoleAdmin }

var (
	bHQMeta     = []byte("hq:meta")
	bHQOps      = []byte("hq:ops")      // logKey(officer, op_id) → logEntry (hq_log.go)
	bHQOfficers = []byte("hq:officers") // id → credential
	bHQHistory  = []byte("hq:history")  // type\0id\0field\0stamp → value, for status checks
	kHQSeq      = []byte("seq")
	kHQEpoch    = []byte("epoch")
	// hq:recs, hq:seqfeed (hq_seqs.go) and hq:entfeed (hq_efeed.go) hold
	// each record's owner and seqs and the feeds of changes.
	hqBuckets = [][]byte{bHQMeta, bHQRecs, bHQSeqFeed, bHQEFeed, bHQOps, bHQOfficers, bHQHistory}
)

// OpenHQ opens (creating if needed) an HQ database in a bbolt file, for
// a single HQ process. A new database gets a new random epoch, which tells
// laptops that synced with an older one to start over.
func OpenHQ(path string, opt Options) (*HQ, error) {
	s, err := Open(path, opt)
	if err != nil {
		return nil, err
	}
	h, err := openHQ(s)
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("open HQ %s: %w", path, err)
	}
	return h, nil
}

// openHQ readies an open store as HQ: its buckets, their migrations and
// the epoch, in one Update (serialised, so of several HQ processes
// opening one new database exactly one makes the epoch).
func openHQ(s *Store) (*HQ, error) {
	h := &HQ{s: s}
	s.hq = true
	err := s.db.Update(func(tx Tx) error {
		for _, b := range hqBuckets {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		// Earlier formats of HQ's own buckets were converted when the
		// store opened (migrateHQRecs, schema 9).
		m := tx.Bucket(bHQMeta)
		if e := m.Get(kHQEpoch); e != nil {
			h.epoch = string(e)
			return nil
		}
		h.epoch = newEpoch() // hq_epoch.go
		return m.Put(kHQEpoch, []byte(h.epoch))
	})
	if err != nil {
		return nil, err
	}
	return h, nil
}

// Close closes the database.
func (h *HQ) Close() error { return h.s.Close() }

// Store returns the underlying store, for reading records (reports).
func (h *HQ) Store() *Store { return h.s }

// Epoch identifies this HQ database; it changes only when the database is
// replaced or restored (RenewEpoch, `liaison-hq epoch renew`).
func (h *HQ) Epoch() string { return h.epoch }

// Seq returns the last sequence number given to a change.
func (h *HQ) Seq() uint64 {
	if v, err := getOne(h.s.db, bHQMeta, kHQSeq); err == nil && len(v) == 8 {
		return beU64(v)
	}
	return 0
}

// credential is what HQ keeps of an officer: never the token, only its
// SHA-256.
type credential struct {
	Name      string    `json:"name"`
	Role      string    `json:"role"`
	TokenHash string    `json:"token_hash"`
	Revoked   bool      `json:"revoked,omitempty"`
	Created   time.Time `json:"created"`
}

// AddOfficer creates an officer and returns the bearer token, which is
// shown once: HQ keeps only its hash. The officer also becomes a record
// (with a seq) so laptops learn colleagues' names.
func (h *HQ) AddOfficer(id, name, role string) (string, error) {
	// The token is "id.secret", so no dot; otherwise an id as every record id.
	if r := checkID("officer id", id, MaxIDBytes); r != "" || strings.Contains(id, ".") {
		if r == "" {
			r = "officer id holds a dot"
		}
		return "", fmt.Errorf("%s: 干部编号只能由字母、数字和 - _ : @ 组成，不含点 (%s)", visits.PlainText(quoteShort(id), false), r)
	}
	var secret [32]byte
	_, _ = rand.Read(secret[:])
	token := id + "." + base64.RawURLEncoding.EncodeToString(secret[:])
	sum := sha256.Sum256([]byte(token))
	err := h.s.db.Update(func(tx Tx) error {
		b := tx.Bucket(bHQOfficers)
		if b.Get([]byte(id)) != nil {
			return fmt.Errorf("officer %s: %w", id, ErrOfficerTaken)
		}
		enc, err := json.Marshal(credential{Name: name, Role: role, TokenHash: hex.EncodeToString(sum[:]), Created: h.s.Now().UTC()})
		if err != nil {
			return err
		}
		if err := b.Put([]byte(id), enc); err != nil {
			return err
		}
		if recordsOf(tx, visits.TypeOfficer).Has([]byte(id)) {
			return nil // the record exists (imported): keep it as it is
		}
		rec := &visits.Officer{Meta: visits.Meta{ID: id}, Name: name, Roles: []string{role}}
		return h.saveTx(tx, "hq", rec)
	})
	if err != nil {
		return "", err
	}
	return token, nil
}

// RevokeOfficer makes an officer's token fail from now on.
func (h *HQ) RevokeOfficer(id string) error {
	return h.s.db.Update(func(tx Tx) error {
		b := tx.Bucket(bHQOfficers)
		c, err := loadCredential(b, id)
		if err != nil {
			return err
		}
		c.Revoked = true
		enc, err := json.Marshal(c)
		if err != nil {
			return err
		}
		return b.Put([]byte(id), enc)
	})
}

func loadCredential(b Bucket, id string) (credential, error) {
	return decodeCredential(id, b.Get([]byte(id)))
}

// decodeCredential decodes officer id's stored credential v (nil: none).
func decodeCredential(id string, v []byte) (credential, error) {
	var c credential
	if v == nil {
		return c, fmt.Errorf("officer %s: %w", id, ErrNotFound)
	}
	err := json.Unmarshal(v, &c)
	return c, err
}

// Authenticate finds the officer a bearer token belongs to. Hashes are
// compared in constant time; unknown, malformed and revoked tokens all
// give ErrUnauthorized.
func (h *HQ) Authenticate(token string) (Principal, error) {
	i := strings.LastIndexByte(token, '.')
	if i <= 0 {
		return Principal{}, ErrUnauthorized
	}
	id := token[:i]
	sum := sha256.Sum256([]byte(token))
	// One key, read as its own snapshot (on PostgreSQL one round trip):
	// every request pays for this.
	v, err := getOne(h.s.db, bHQOfficers, []byte(id))
	if err != nil {
		return Principal{}, err
	}
	c, err := decodeCredential(id, v)
	if err != nil {
		return Principal{}, ErrUnauthorized
	}
	want, err := hex.DecodeString(c.TokenHash)
	if err != nil || subtle.ConstantTimeCompare(want, sum[:]) != 1 || c.Revoked {
		return Principal{}, ErrUnauthorized
	}
	return Principal{ID: id, Name: c.Name, Role: c.Role}, nil
}
