package store

import (
	"bytes"
	"encoding/binary"
	"errors"
)

// The home screen's cache (tui.loadSnapshot): what the first frame would
// otherwise compute over every enterprise, kept with the state of the
// database it was computed from. It is valid only while that state holds:
// the same file (device and inode, so a copy, a restored backup or a
// compacted file never matches) at the same bbolt transaction id (every
// committed write transaction, through whatever path, bumps it: a save,
// a pull, a login, a migration), and the same key (the caller's: the day
// and the build). Writing the cache is itself a write transaction; it
// records that transaction's id, so it stays valid until the next write.
//
// The cache is a copy, never a source: a missing or stale one costs the
// full computation, nothing else.

var (
	bHomeCache = []byte("tui_home_cache")
	homeMagic  = []byte("hc1\x00")
)

// HomeEntry is one cached value and its key (the day's, for instance).
type HomeEntry struct {
	Key     string
	Payload []byte
}

// ErrStaleCache: the database changed between the read a cache was
// computed from and the write that would keep it.
var ErrStaleCache = errors.New("the database changed since the cache was computed")

// Generation is the state of the database a read transaction sees.
type Generation struct {
	Tx       uint64 // bbolt's transaction id
	Dev, Ino uint64 // the file's identity
}

// Generation returns the state r reads; false on another engine than a
// bbolt file, or where the file's identity is unknown.
func (r *Reader) Generation() (Generation, bool) {
	bt := boltTxOf(r.tx)
	if bt == nil {
		return Generation{}, false
	}
	dev, ino, ok := fileID(r.s.path)
	if !ok {
		return Generation{}, false
	}
	return Generation{Tx: uint64(bt.ID()), Dev: dev, Ino: ino}, true
}

// HomeCache returns a copy of the cached bytes stored under key, or nil
// when there are none for key or they were stored at another state of
// the database than the one r reads.
func (r *Reader) HomeCache(key string) []byte {
	gen, ok := r.Generation()
	if !ok {
		return nil
	}
	b := r.tx.Bucket(bHomeCache)
	if b == nil {
		return nil
	}
	stored, k, payload, ok := decodeHomeCache(b.Get([]byte(key)))
	if !ok || stored != gen || k != key {
		return nil
	}
	return bytes.Clone(payload)
}

// PutHomeCache replaces the cache with entries computed at gen, in one
// write transaction; ErrStaleCache (and nothing written) when another
// write committed after gen, or the file is another one.
func (s *Store) PutHomeCache(gen Generation, entries ...HomeEntry) error {
	if s.readOnly {
		return ErrReadOnly
	}
	return s.db.Update(func(tx Tx) error {
		bt := boltTxOf(tx)
		if bt == nil {
			return errNotBolt
		}
		dev, ino, ok := fileID(s.path)
		if !ok || uint64(bt.ID()) != gen.Tx+1 || dev != gen.Dev || ino != gen.Ino {
			return ErrStaleCache
		}
		if err := tx.DeleteBucket(bHomeCache); err != nil { // other days' entries
			return err
		}
		b, err := tx.CreateBucketIfNotExists(bHomeCache)
		if err != nil {
			return err
		}
		now := Generation{Tx: uint64(bt.ID()), Dev: dev, Ino: ino}
		for _, e := range entries {
			if err := b.Put([]byte(e.Key), encodeHomeCache(now, e.Key, e.Payload)); err != nil {
				return err
			}
		}
		return nil
	})
}

func encodeHomeCache(gen Generation, key string, payload []byte) []byte {
	out := make([]byte, 0, len(homeMagic)+24+binary.MaxVarintLen64+len(key)+len(payload))
	out = append(out, homeMagic...)
	out = binary.BigEndian.AppendUint64(out, gen.Tx)
	out = binary.BigEndian.AppendUint64(out, gen.Dev)
	out = binary.BigEndian.AppendUint64(out, gen.Ino)
	out = binary.AppendUvarint(out, uint64(len(key)))
	out = append(out, key...)
	return append(out, payload...)
}

func decodeHomeCache(v []byte) (gen Generation, key string, payload []byte, ok bool) {
	if !bytes.HasPrefix(v, homeMagic) || len(v) < len(homeMagic)+24 {
		return gen, "", nil, false
	}
	v = v[len(homeMagic):]
	gen = Generation{Tx: binary.BigEndian.Uint64(v), Dev: binary.BigEndian.Uint64(v[8:]), Ino: binary.BigEndian.Uint64(v[16:])}
	v = v[24:]
	n, w := binary.Uvarint(v)
	if w <= 0 || uint64(len(v)-w) < n {
		return gen, "", nil, false
	}
	return gen, string(v[w : w+int(n)]), v[w+int(n):], true
}
