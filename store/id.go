package store

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"sync"
	"time"
)

// The last ID made: its millisecond and its 74 random bits (hi: 10, lo:
// 64), so that the next one can be made greater.
var (
	idMu   sync.Mutex
	idLast struct{ ms, hi, lo uint64 }
)

// NewID returns a UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then
// random bits. Its string form sorts by creation time, which keeps record
// keys roughly in insertion order. IDs made by one process also rise
// strictly (RFC 9562's monotonic random, method 2): within a millisecond,
// or if the clock steps back, the next ID is the last one plus a random
// step, so ops made in a burst reach HQ's log in key order.
func NewID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on supported platforms
	ms := uint64(time.Now().UnixMilli())
	idMu.Lock()
	if ms <= idLast.ms {
		// The 74 random bits of the last ID, plus a step of 1 to 2^32.
		ms = idLast.ms
		step := uint64(binary.BigEndian.Uint32(b[12:16])) + 1
		lo := idLast.lo + step
		hi := idLast.hi
		if lo < idLast.lo {
			hi++
		}
		if hi >= 1<<10 { // the 74 bits ran out: move on a millisecond
			ms, hi, lo = ms+1, 0, step
		}
		idLast.hi, idLast.lo = hi, lo
	} else {
		idLast.hi = uint64(binary.BigEndian.Uint16(b[6:8])) & 0x0fff >> 2 // 10 bits
		idLast.lo = binary.BigEndian.Uint64(b[8:16])
	}
	idLast.ms = ms
	hi, lo := idLast.hi, idLast.lo
	idMu.Unlock()
	// Layout: ms(48) | ver(4) | hi(10) lo top 2 bits (12 bits rand_a) |
	// var(2) | lo's low 62 bits (rand_b).
	var t [8]byte
	binary.BigEndian.PutUint64(t[:], ms)
	copy(b[0:6], t[2:8])
	randA := hi<<2 | lo>>62
	b[6] = 0x70 | byte(randA>>8)&0x0f
	b[7] = byte(randA)
	binary.BigEndian.PutUint64(b[8:16], lo&(1<<62-1))
	b[8] |= 0x80
	var s [36]byte
	hex.Encode(s[0:8], b[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], b[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], b[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], b[8:10])
	s[23] = '-'
	hex.Encode(s[24:36], b[10:16])
	return string(s[:])
}
