package store

import (
	"regexp"
	"testing"
)

// IDs made in a burst rise strictly and are well-formed UUIDv7s.
func TestNewIDRisesStrictly(t *testing.T) {
	form := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	prev := NewID()
	for range 100000 {
		id := NewID()
		if !form.MatchString(id) {
			t.Fatalf("%s is not a UUIDv7", id)
		}
		if id <= prev {
			t.Fatalf("%s follows %s", id, prev)
		}
		prev = id
	}
}

// The step over the last ID carries into the upper random bits and, when
// those run out, into the next millisecond, still rising.
func TestNewIDCarries(t *testing.T) {
	idMu.Lock()
	saved := idLast
	idLast.ms, idLast.hi, idLast.lo = 1<<47, 1<<10-1, ^uint64(0)-3
	idMu.Unlock()
	defer func() { idMu.Lock(); idLast = saved; idMu.Unlock() }()
	a, b := NewID(), NewID()
	if a >= b {
		t.Fatalf("%s then %s", a, b)
	}
	if a[:13] != "80000000-0001" {
		t.Errorf("%s: the millisecond did not move on from 80000000-0000", a)
	}
}
