package store

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// randomID returns an id of one of the kinds the codec meets: a canonical
// UUID (often sharing a start with others), an id that looks like one but
// is not canonical (upper case, a dash moved, one character short), a short
// text id made of characters that sort around the tags and the hex digits,
// or the empty id.
func randomID(rng *rand.Rand) string {
	uuid := func() string {
		var u [16]byte
		for i := range u {
			u[i] = byte(rng.IntN(256))
		}
		if rng.IntN(2) == 0 { // a shared start: near neighbours in the order
			u[0], u[1], u[2] = 0x01, 0x9a, byte(rng.IntN(3))
		}
		return formatUUID(u)
	}
	switch rng.IntN(8) {
	case 0, 1, 2:
		return uuid()
	case 3:
		return strings.ToUpper(uuid())
	case 4:
		u := uuid()
		return u[:rng.IntN(36)]
	case 5:
		u := []byte(uuid())
		u[8], u[9] = u[9], u[8]
		return string(u)
	case 6:
		return ""
	}
	const chars = "\x00\x01\x02\xff-0129afgz@.:_wang"
	n := 1 + rng.IntN(6)
	b := make([]byte, n)
	for i := range b {
		b[i] = chars[rng.IntN(len(chars))]
	}
	return string(b)
}

// idOrder is the order the key form promises: canonical UUIDs first, then
// other ids, each kind in the order of its text.
func idOrder(a, b string) int {
	_, ua := parseUUID(a)
	_, ub := parseUUID(b)
	if ua != ub {
		if ua {
			return -1
		}
		return 1
	}
	return strings.Compare(a, b)
}

// The key form of an id reads back as the id and its length, no id's form
// starts another's, and forms sort as idOrder.
func TestIDKeyProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(testSeed(t), 1))
	ids := make([]string, 2000)
	for i := range ids {
		ids[i] = randomID(rng)
	}
	forms := make([][]byte, len(ids))
	for i, id := range ids {
		forms[i] = idKey(id)
		tail := []byte{0x00, 0x01, 0xff}[rng.IntN(3)]
		got, n := idFromKey(append(append([]byte(nil), forms[i]...), tail)) // something follows it
		if got != id || n != len(forms[i]) {
			t.Fatalf("%q: form %x reads back as %q, %d bytes", id, forms[i], got, n)
		}
		if _, u := parseUUID(id); u && len(forms[i]) != 17 {
			t.Fatalf("UUID %q: form of %d bytes", id, len(forms[i]))
		}
		v := appendIDValue([]byte{summaryBinaryIDs}, id)
		d, _ := newSumDecOf(v)
		if got := d.id(); got != id || d.end() != nil {
			t.Fatalf("%q: value form %x reads back as %q (%v)", id, v, got, d.err)
		}
	}
	for i := range ids {
		for j := range ids {
			if ids[i] != ids[j] && bytes.HasPrefix(forms[j], forms[i]) {
				t.Fatalf("form of %q starts the form of %q", ids[i], ids[j])
			}
			if got, want := bytes.Compare(forms[i], forms[j]), idOrder(ids[i], ids[j]); got != want {
				t.Fatalf("%q vs %q: forms compare %d, ids %d", ids[i], ids[j], got, want)
			}
		}
	}
}

// Keys of every layout read back as their parts, sort as their parts do
// (part by part), and a seek to an id's form as the first part finds
// exactly the keys of that id. Keys of schemas 1 to 12 are never taken for
// keys of this form, and convert to the key made from the same parts.
func TestIndexKeyLayouts(t *testing.T) {
	rng := rand.New(rand.NewPCG(testSeed(t), 2))
	texts := []string{"", "routine", "走访", "走访企业", "accepted", "2026-12-01", "2026-12-0", "wang"}
	for _, l := range []keyLayout{textID, idID, idMSID, msID, textMSIDID} {
		type entry struct {
			parts []string // texts, ids, and times as 8 bytes
			key   []byte
		}
		pool := make([]string, 40) // few ids, so that keys share their first parts
		for i := range pool {
			if pool[i] = randomID(rng); pool[i] == "" || strings.IndexByte(pool[i], 0) >= 0 {
				pool[i] = "x" // record ids are never empty, and V1 keys held no NUL
			}
		}
		var es []entry
		for range 600 {
			parts := make([]string, len(l))
			raw := make([][]byte, len(l))
			for p, kind := range l {
				switch kind {
				case partText:
					parts[p] = texts[rng.IntN(len(texts))]
				case partMS:
					parts[p] = string(u64(uint64(rng.Int64N(4)) * 0x0100_0000_0000)) // NULs and repeats
				case partID:
					parts[p] = pool[rng.IntN(len(pool))]
				}
				raw[p] = []byte(parts[p])
			}
			k := l.key(raw...)
			if !l.holds(k) || l.id(k) != parts[len(l)-1] {
				t.Fatalf("%v %q: key %x reads as id %q", l, parts, k, l.id(k))
			}
			for p, kind := range l {
				got := l.part(k, p)
				switch kind {
				case partText:
					got = bytes.TrimSuffix(got, []byte{0})
				case partID:
					id, _ := idFromKey(got)
					got = []byte(id)
				}
				if string(got) != parts[p] {
					t.Fatalf("%v %q: part %d reads %q", l, parts, p, got)
				}
			}
			// Ids of schemas 1 to 12 passed checkID (no control character).
			valid := true
			for p, kind := range l {
				valid = valid && (kind != partID || idChars(parts[p]) == "")
			}
			v1 := key(raw...)
			conv := make([][]byte, len(l))
			if valid && (l.holds(v1) || !partsV1(v1, l, conv) || !bytes.Equal(l.key(conv...), k)) {
				t.Fatalf("%v %q: schema 12 key %x taken as this form or converted wrongly", l, parts, v1)
			}
			es = append(es, entry{parts, k})
		}
		byParts := func(a, b entry) int {
			for p, kind := range l {
				c := strings.Compare(a.parts[p], b.parts[p])
				if kind == partID {
					c = idOrder(a.parts[p], b.parts[p])
				}
				if c != 0 {
					return c
				}
			}
			return 0
		}
		sorted := slices.Clone(es)
		slices.SortStableFunc(sorted, func(a, b entry) int { return bytes.Compare(a.key, b.key) })
		for i := 1; i < len(sorted); i++ {
			if c := byParts(sorted[i-1], sorted[i]); c > 0 || c == 0 && !bytes.Equal(sorted[i-1].key, sorted[i].key) {
				t.Fatalf("%v: key order %q before %q", l, sorted[i-1].parts, sorted[i].parts)
			}
		}
		if l[0] != partID {
			continue
		}
		for _, id := range pool {
			p := idPrefix(id)
			for _, e := range es {
				if got, want := bytes.HasPrefix(e.key, p), e.parts[0] == id; got != want {
					t.Fatalf("%v: prefix of %q on the key of %q: %v", l, id, e.parts, got)
				}
			}
		}
	}
}
