package store

// slab hands out room for values a write transaction stores, many to one
// allocation: bbolt keeps the keys and values it is given until the
// transaction commits, so each needs its own bytes, but not its own
// allocation. A slab is never reused once handed out.
type slab struct{ buf []byte }

const slabSize = 64 << 10

// room returns an empty slice with room for at least n bytes, the slab's
// next free bytes when enough are left.
func (s *slab) room(n int) []byte {
	if cap(s.buf)-len(s.buf) < n {
		if n > slabSize/4 {
			return make([]byte, 0, n)
		}
		s.buf = make([]byte, 0, slabSize)
	}
	return s.buf[len(s.buf):len(s.buf)]
}

// keep takes b, written from room's answer, as used, and returns it
// capped so that appending to it never writes into the slab.
func (s *slab) keep(b []byte) []byte {
	b = b[:len(b):len(b)]
	if free := s.buf[len(s.buf):cap(s.buf)]; len(b) > 0 && len(free) >= len(b) && &free[0] == &b[0] {
		s.buf = s.buf[:len(s.buf)+len(b)]
	}
	return b
}
