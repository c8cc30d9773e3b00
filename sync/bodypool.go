package sync

// Push bodies are read into pooled buffers of two sizes. A buffer of at
// most maxPooledBuffer fits every push's reservation (minReserve); one of
// a large push (2,000 ops are about 500 KB of JSON) is kept apart, up to
// maxPooledLarge, and handed only to a push whose reservation covers it
// (or can grow to): without it each large push grew a new buffer from 32
// KB to 512 KB, a megabyte allocated, zeroed and copied per push, about
// 8 % of HQ's CPU in a push of 10,000 visits. Buffers of bodies larger
// still are not kept (a pool that kept every 4 MiB buffer a burst made
// would hold that memory until the collector empties the pool).

import gosync "sync"

const maxPooledLarge = 1 << 20

var largeBodyBuffers gosync.Pool // *[]byte, cap above maxPooledBuffer, at most maxPooledLarge

// takeBodyBuffer returns an empty buffer to read a push's body into: a
// pooled one whose size res holds, or can grow to, when there is one.
func takeBodyBuffer(res *reservation) []byte {
	if res.held > maxPooledBuffer {
		if b, ok := largeBodyBuffers.Get().(*[]byte); ok {
			if res.growTo(int64(cap(*b))) {
				return (*b)[:0]
			}
			largeBodyBuffers.Put(b)
		}
	}
	if b, ok := bodyBuffers.Get().(*[]byte); ok {
		return (*b)[:0]
	}
	return make([]byte, 0, 32<<10)
}

// putBodyBuffer gives a body's buffer back to its pool, unless it is
// larger than any pool keeps.
func putBodyBuffer(body []byte) {
	b := body[:0]
	switch {
	case cap(b) <= maxPooledBuffer:
		bodyBuffers.Put(&b)
	case cap(b) <= maxPooledLarge:
		largeBodyBuffers.Put(&b)
	}
}
