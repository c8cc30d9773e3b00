package store

import (
	"bytes"
	"encoding/json"
	"reflect"
	"time"
)

// An index maps sortable keys to nothing: the record id is the key's last
// part. Keys are built from big-endian times, texts (each ended by a NUL)
// and ids in their key form (store/idkey.go), as the index's layout says,
// so a cursor walks them in order and a prefix seek finds one enterprise's
// records without loading anything else.
type index struct {
	typ    string
	bucket []byte
	layout keyLayout
	keys   func(f indexFields) [][]byte // nil or empty: not indexed
}

// indexFields are the fields any index reads, decoded from a record.
type indexFields struct {
	ID           string    `json:"id"`
	EnterpriseID string    `json:"enterprise_id"`
	OfficerID    string    `json:"officer_id"`
	NeedID       string    `json:"need_id"`
	USCC         string    `json:"uscc"`
	Status       string    `json:"status"`
	Due          string    `json:"due"`
	At           time.Time `json:"at"`
	Occasion     string    `json:"occasion"`
	Extra        []string  `json:"extra_occasions"`
}

const sep = 0x00

func key(parts ...[]byte) []byte {
	n := len(parts)
	for _, p := range parts {
		n += len(p)
	}
	b := make([]byte, 0, n)
	for i, p := range parts {
		if i > 0 {
			b = append(b, sep)
		}
		b = append(b, p...)
	}
	return b
}

// ms is a time as sortable bytes; times before 1970 sort as 1970.
func ms(t time.Time) []byte { return u64(uint64(max(t.UnixMilli(), 0))) }

func one(cond bool, k []byte) [][]byte {
	if !cond {
		return nil
	}
	return [][]byte{k}
}

// Index bucket names, used by readers.
var (
	ixUSCC           = []byte("x:enterprise:uscc")
	ixVisitByEnt     = []byte("x:visit:enterprise")
	ixVisitByAt      = []byte("x:visit:at")
	ixVisitByOcc     = []byte("x:visit:occasion")
	ixNeedByStatus   = []byte("x:need:status")
	ixNeedByEnt      = []byte("x:need:enterprise")
	ixEventByNeed    = []byte("x:need_event:need")
	ixFollowUpByDue  = []byte("x:followup:due")
	ixFollowUpByEnt  = []byte("x:followup:enterprise")
	ixAssignByEnt    = []byte("x:assignment:enterprise")
	ixAssignByOffice = []byte("x:assignment:officer")
)

// Index key layouts.
var (
	textID     = keyLayout{partText, partID}
	idID       = keyLayout{partID, partID}
	idMSID     = keyLayout{partID, partMS, partID}
	msID       = keyLayout{partMS, partID}
	textMSIDID = keyLayout{partText, partMS, partID, partID}
)

func str(s string) []byte { return []byte(s) }

var indexes = []index{
	{"enterprise", ixUSCC, textID, func(f indexFields) [][]byte {
		return one(f.USCC != "", textID.key(str(f.USCC), str(f.ID)))
	}},
	{"visit", ixVisitByEnt, idMSID, func(f indexFields) [][]byte {
		return one(f.EnterpriseID != "", idMSID.key(str(f.EnterpriseID), ms(f.At), str(f.ID)))
	}},
	{"visit", ixVisitByAt, msID, func(f indexFields) [][]byte {
		return [][]byte{msID.key(ms(f.At), str(f.ID))}
	}},
	// One key per occasion of the visit (primary and extra), so that
	// "visited this year for qualification expiry" reads no visit.
	{"visit", ixVisitByOcc, textMSIDID, func(f indexFields) [][]byte {
		var ks [][]byte
		for _, o := range append([]string{f.Occasion}, f.Extra...) {
			if o != "" && f.EnterpriseID != "" {
				ks = append(ks, textMSIDID.key(str(o), ms(f.At), str(f.EnterpriseID), str(f.ID)))
			}
		}
		return ks
	}},
	{"need", ixNeedByStatus, textID, func(f indexFields) [][]byte {
		return [][]byte{textID.key(str(f.Status), str(f.ID))}
	}},
	{"need", ixNeedByEnt, idID, func(f indexFields) [][]byte {
		return one(f.EnterpriseID != "", idID.key(str(f.EnterpriseID), str(f.ID)))
	}},
	{"need_event", ixEventByNeed, idMSID, func(f indexFields) [][]byte {
		return one(f.NeedID != "", idMSID.key(str(f.NeedID), ms(f.At), str(f.ID)))
	}},
	{"followup", ixFollowUpByDue, textID, func(f indexFields) [][]byte {
		return [][]byte{textID.key(str(f.Due), str(f.ID))}
	}},
	{"followup", ixFollowUpByEnt, idID, func(f indexFields) [][]byte {
		return one(f.EnterpriseID != "", idID.key(str(f.EnterpriseID), str(f.ID)))
	}},
	{"assignment", ixAssignByEnt, idID, func(f indexFields) [][]byte {
		return one(f.EnterpriseID != "", idID.key(str(f.EnterpriseID), str(f.ID)))
	}},
	// The officer stays text (prefix(officer) finds an officer's keys).
	{"assignment", ixAssignByOffice, textID, func(f indexFields) [][]byte {
		return one(f.OfficerID != "", textID.key(str(f.OfficerID), str(f.ID)))
	}},
}

// layoutOf returns the key layout of an index bucket.
func layoutOf(bucket []byte) keyLayout {
	for _, ix := range indexes {
		if bytes.Equal(ix.bucket, bucket) {
			return ix.layout
		}
	}
	return nil
}

// indexKeys returns, per index bucket of typ, the keys of a stored record
// (nil record: none).
func indexKeys(typ string, rec []byte) map[string][][]byte {
	if rec == nil || !indexed[typ] {
		return nil // read as empty
	}
	out := map[string][][]byte{}
	f, ok := indexFieldsFor(rec)
	if !ok {
		return out
	}
	for _, ix := range indexesOf[typ] {
		out[string(ix.bucket)] = ix.keys(f)
	}
	return out
}

// indexFieldsFor reads the indexed fields of a stored record; false: the
// record (nil, or not an object encoding/json reads) has no index keys.
func indexFieldsFor(rec []byte) (indexFields, bool) {
	if rec == nil {
		return indexFields{}, false
	}
	if f, ok := indexFieldsOf(rec); ok { // index_fields.go
		return f, true
	}
	var f indexFields
	if err := json.Unmarshal(pickMembers(rec, indexNames), &f); err != nil {
		return indexFields{}, false
	}
	return f, true
}

// indexesOf holds each record type's indexes, in the order of indexes.
var indexesOf = func() map[string][]index {
	m := map[string][]index{}
	for _, ix := range indexes {
		m[ix.typ] = append(m[ix.typ], ix)
	}
	return m
}()

// indexed holds the record types with at least one index.
var indexed = func() map[string]bool {
	m := map[string]bool{}
	for _, ix := range indexes {
		m[ix.typ] = true
	}
	return m
}()

// indexNames are the JSON names of indexFields.
var indexNames = func() [][]byte {
	var out [][]byte
	t := reflect.TypeFor[indexFields]()
	for i := range t.NumField() {
		out = append(out, []byte(t.Field(i).Tag.Get("json")))
	}
	return out
}()

// pickMembers returns the members of the JSON object rec whose names match
// one of names as encoding/json matches them (ignoring case), in order, as
// an object: decoding it into a struct with those names gives what
// decoding rec would, without reading past long texts field by field. If
// rec is not the plain object it expects (say, a name with an escape), it
// returns rec whole.
func pickMembers(rec []byte, names [][]byte) []byte {
	out := make([]byte, 0, 256)
	out = append(out, '{')
	i := skipSpace(rec, 0)
	if i >= len(rec) || rec[i] != '{' {
		return rec
	}
	i = skipSpace(rec, i+1)
	if i < len(rec) && rec[i] == '}' {
		return rec
	}
	for i < len(rec) {
		if rec[i] != '"' {
			return rec
		}
		end := bytes.IndexByte(rec[i+1:], '"')
		if end < 0 {
			return rec
		}
		name := rec[i+1 : i+1+end]
		if bytes.IndexByte(name, '\\') >= 0 {
			return rec
		}
		start := i
		i = skipSpace(rec, i+end+2)
		if i >= len(rec) || rec[i] != ':' {
			return rec
		}
		j := skipValue(rec, skipSpace(rec, i+1))
		if j < 0 {
			return rec
		}
		for _, n := range names {
			if bytes.EqualFold(name, n) {
				if len(out) > 1 {
					out = append(out, ',')
				}
				out = append(out, rec[start:j]...)
				break
			}
		}
		i = skipSpace(rec, j)
		switch {
		case i < len(rec) && rec[i] == ',':
			i = skipSpace(rec, i+1)
		case i < len(rec) && rec[i] == '}':
			return append(out, '}')
		default:
			return rec
		}
	}
	return rec
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipValue returns the index just past the JSON value at b[i], or -1. It
// finds the value's end; it does not check the value.
func skipValue(b []byte, i int) int {
	depth := 0
	for i < len(b) {
		switch b[i] {
		case '"':
			i++
			for i < len(b) && b[i] != '"' {
				if b[i] == '\\' {
					i++
				}
				i++
			}
			if i >= len(b) {
				return -1
			}
			i++
			if depth == 0 {
				return i
			}
			continue
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 {
				return i
			}
			if depth--; depth == 0 {
				return i + 1
			}
		case ',':
			if depth == 0 {
				return i
			}
		}
		i++
	}
	if depth == 0 {
		return i
	}
	return -1
}

// idIn returns the record id at the end of a key of an index bucket.
func idIn(bucket, k []byte) string { return layoutOf(bucket).id(k) }
