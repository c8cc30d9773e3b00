package pg

import (
	"sort"
)

// overlay holds a write transaction's changes to one bucket, in key order,
// until commit: a put's value, or a delete.
type overlay struct {
	keys []string // sorted
	ents map[string]*ovEntry
}

type ovEntry struct {
	key     []byte
	val     []byte // nil when deleted
	deleted bool
}

func (o *overlay) get(k string) (*ovEntry, bool) {
	e, ok := o.ents[k]
	return e, ok
}

func (o *overlay) set(k string, val []byte, deleted bool) {
	if e, ok := o.ents[k]; ok {
		e.val, e.deleted = val, deleted
		return
	}
	if o.ents == nil {
		o.ents = map[string]*ovEntry{}
	}
	o.ents[k] = &ovEntry{key: []byte(k), val: val, deleted: deleted}
	// Appends (rising keys: logs, seqs, new ids) cost nothing more.
	if n := len(o.keys); n == 0 || o.keys[n-1] < k {
		o.keys = append(o.keys, k)
		return
	}
	i := sort.SearchStrings(o.keys, k)
	o.keys = append(o.keys, "")
	copy(o.keys[i+1:], o.keys[i:])
	o.keys[i] = k
}

func (o *overlay) reset() { *o = overlay{} }

func (o *overlay) empty() bool { return len(o.keys) == 0 }

// after returns the first live (not deleted) key above x (strict) or at or
// above it; x nil means below every key.
func (o *overlay) after(x []byte, strict bool) (string, *ovEntry, bool) {
	i := 0
	if x != nil {
		xs := string(x)
		i = sort.SearchStrings(o.keys, xs)
		if strict && i < len(o.keys) && o.keys[i] == xs {
			i++
		}
	}
	for ; i < len(o.keys); i++ {
		if e := o.ents[o.keys[i]]; !e.deleted {
			return o.keys[i], e, true
		}
	}
	return "", nil, false
}

// before returns the last live key below x (strict) or at or below it; x
// nil means above every key.
func (o *overlay) before(x []byte, strict bool) (string, *ovEntry, bool) {
	i := len(o.keys) - 1
	if x != nil {
		xs := string(x)
		j := sort.SearchStrings(o.keys, xs) // first >= x
		if !strict && j < len(o.keys) && o.keys[j] == xs {
			j++
		}
		i = j - 1
	}
	for ; i >= 0; i-- {
		if e := o.ents[o.keys[i]]; !e.deleted {
			return o.keys[i], e, true
		}
	}
	return "", nil, false
}
