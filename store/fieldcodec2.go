package store

import (
	"encoding/binary"
	"encoding/hex"
)

// Version 2 of stored field sets (schema 7) stores once what the leaves of
// a record share: most fields of a record are written by one op, so they
// carry the same stamp and author, and their op ids (UUIDv7 made in one
// burst) differ only in their last bytes.
//
//	0x02, uvarint n, n strings (the record's distinct stamps, authors and
//	bases, in order of first use), uvarint field count, then per field
//	(sorted by name):
//	  uvarint name (k > 0: fieldNames[k-1]; 0: a string follows),
//	  uvarint leaf count, then per leaf:
//	    bytes value, uvarint stamp, uvarint author (indexes into the
//	    strings), uvarint base (0: none, else index+1), op id, optional
//	    bytes from
//
// An op id in canonical UUID form (36 characters, lowercase hex) is
// uvarint 1+p followed by the last 16-p of its 16 bytes, the first p being
// those of the previous such op id of the record; any other op id is 0 and
// a string. Decoding gives back every string byte for byte.
//
// Version 3 (schema 10) is version 2 with values in the form of
// fieldvalue3.go instead of bytes.
const (
	fieldsV2 = 0x02
	fieldsV3 = 0x03
)

// fieldNames are the names of stored fields, numbered from 1. Append only:
// a stored number must keep its name forever.
var fieldNames = []string{
	FieldDeleted, "at", "created_at", "created_by", "updated_at", "enterprise_id", "lead_officer", "method",
	"occasion", "people_met", "purposes", "summary", "companions", "address", "contacts", "domain", "legal_rep",
	"name", "private", "readiness", "short_name", "specialized", "street", "uscc", "need_id", "visit_id",
	"status", "title", "description", "category", "severity", "nature", "lead_unit", "co_units", "jinanchoupan",
	"due", "reply_due", "officer_id", "role", "kind", "note", "stage", "year", "batch", "application_id",
	"value", "key", "text", "action", "date", "deadline", "first_receiver", "assignee", "by", "detail",
	"next_step", "next_plan", "result", "satisfaction", "solved_on_spot", "tier", "target", "qualifications",
	"registered_on", "arrived_on", "tech_domain", "owner_unit", "registered_at", "expected", "done_at",
	"approved", "issued", "certificate", "expires", "submitted", "publicized", "above_size", "little_giant",
	"phone", "reason", "step", "progress", "cadence_days", "plan", "subject", "measure", "basis", "decisions",
}

var fieldNameCode = func() map[string]uint64 {
	m := make(map[string]uint64, len(fieldNames))
	for i, n := range fieldNames {
		if _, dup := m[n]; !dup {
			m[n] = uint64(i + 1)
		}
	}
	return m
}()

func encodeFieldsV2(fs fieldSet) []byte {
	return encodeFieldsVersion(fs, sortedFieldNames(fs), fieldsV2)
}

// encodeFieldsSorted encodes a field set in the current version (3)
// given the field names sorted (sortedFieldNames).
func encodeFieldsSorted(fs fieldSet, names []string) []byte {
	return encodeFieldsVersion(fs, names, fieldsV3)
}

// encodeFieldsVersion encodes in version 2 or 3.
func encodeFieldsVersion(fs fieldSet, names []string, version byte) []byte {
	size := 8
	// A record has few distinct stamps and authors: a linear search in a
	// small array costs less than a map.
	var strsArr [8]string
	strs := strsArr[:0]
	find := func(s string) uint64 {
		for i, x := range strs {
			if x == s {
				return uint64(i)
			}
		}
		return ^uint64(0)
	}
	intern := func(s string) {
		if find(s) == ^uint64(0) {
			strs = append(strs, s)
			size += len(s) + binary.MaxVarintLen64
		}
	}
	for _, n := range names {
		ls := fs[n]
		size += len(n) + 2*binary.MaxVarintLen64
		for _, l := range ls {
			size += len(l.Value) + len(l.From) + len(l.OpID) + 7*binary.MaxVarintLen64
		}
	}
	for _, n := range names {
		for _, l := range fs[n] {
			intern(l.Stamp)
			intern(l.Author)
			if l.Base != "" {
				intern(l.Base)
			}
		}
	}
	b := make([]byte, 0, size)
	b = append(b, version)
	var prevTime []byte
	b = binary.AppendUvarint(b, uint64(len(strs)))
	for _, s := range strs {
		b = appendStr(b, s)
	}
	b = binary.AppendUvarint(b, uint64(len(names)))
	var prev [16]byte
	for _, n := range names {
		if c, ok := fieldNameCode[n]; ok {
			b = binary.AppendUvarint(b, c)
		} else {
			b = append(b, 0)
			b = appendStr(b, n)
		}
		b = binary.AppendUvarint(b, uint64(len(fs[n])))
		for _, l := range fs[n] {
			if version == fieldsV3 {
				b = appendValue3(b, l.Value, &prevTime)
			} else {
				b = appendBytes(b, l.Value)
			}
			b = binary.AppendUvarint(b, find(l.Stamp))
			b = binary.AppendUvarint(b, find(l.Author))
			if l.Base == "" {
				b = append(b, 0)
			} else {
				b = binary.AppendUvarint(b, find(l.Base)+1)
			}
			b = appendOpID(b, l.OpID, &prev)
			if l.From == nil {
				b = append(b, 0)
			} else {
				b = binary.AppendUvarint(b, uint64(len(l.From))+1)
				b = append(b, l.From...)
			}
		}
	}
	return b
}

// appendOpID appends an op id as described above; prev is the previous
// UUID-form op id's bytes, updated.
func appendOpID(b []byte, id string, prev *[16]byte) []byte {
	u, ok := parseUUID(id)
	if !ok {
		b = append(b, 0)
		return appendStr(b, id)
	}
	p := 0
	for p < 16 && u[p] == prev[p] {
		p++
	}
	*prev = u
	b = binary.AppendUvarint(b, uint64(1+p))
	return append(b, u[p:]...)
}

// parseUUID reads a canonical lowercase UUID string.
func parseUUID(s string) (u [16]byte, ok bool) {
	if len(s) != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
		return u, false
	}
	j := 0
	for i := 0; i < 36; {
		if i == 8 || i == 13 || i == 18 || i == 23 {
			i++
			continue
		}
		hi, lo := unhex(s[i]), unhex(s[i+1])
		if hi > 15 || lo > 15 {
			return u, false
		}
		u[j] = hi<<4 | lo
		j++
		i += 2
	}
	return u, true
}

func unhex(c byte) byte { return unhexTable[c] }

// unhexTable holds the value of each lower-case hex digit, 255 for any
// other byte.
var unhexTable = func() (t [256]byte) {
	for c := range t {
		switch {
		case c >= '0' && c <= '9':
			t[c] = byte(c - '0')
		case c >= 'a' && c <= 'f':
			t[c] = byte(c - 'a' + 10)
		default:
			t[c] = 255
		}
	}
	return t
}()

func formatUUID(u [16]byte) string {
	var s [36]byte
	return string(appendUUID(s[:0], u))
}

// appendUUID appends u in canonical form (36 bytes).
func appendUUID(b []byte, u [16]byte) []byte {
	n := len(b)
	b = append(b, make([]byte, 36)...)
	s := b[n : n+36]
	hex.Encode(s[0:8], u[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], u[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], u[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], u[8:10])
	s[23] = '-'
	hex.Encode(s[24:36], u[10:16])
	return b
}

// decodeFieldsV2 reads a version 2 or 3 field set; buf is a private copy
// of the stored value after its version byte.
func decodeFieldsV2(buf []byte, version byte) (fieldSet, error) {
	d := decoder{b: buf}
	var prevTime []byte
	ns := d.uvarint()
	if ns > uint64(len(d.b)) {
		return nil, errFieldsCorrupt
	}
	strs := make([]string, 0, ns)
	for i := uint64(0); i < ns && d.err == nil; i++ {
		strs = append(strs, string(d.bytes()))
	}
	str := func(i uint64) string {
		if i >= uint64(len(strs)) {
			d.err = errFieldsCorrupt
			return ""
		}
		return strs[i]
	}
	n := d.uvarint()
	fs := make(fieldSet, min(n, 256))
	var prev [16]byte
	for i := uint64(0); i < n && d.err == nil; i++ {
		var name string
		if c := d.uvarint(); c == 0 {
			name = string(d.bytes())
		} else if c <= uint64(len(fieldNames)) {
			name = fieldNames[c-1]
		} else {
			return nil, errFieldsCorrupt
		}
		nl := d.uvarint()
		if nl > uint64(len(d.b)) {
			return nil, errFieldsCorrupt
		}
		ls := make([]Leaf, 0, nl)
		for j := uint64(0); j < nl && d.err == nil; j++ {
			var l Leaf
			if version == fieldsV3 {
				if span := d.valueSpan(&prevTime); d.err == nil {
					l.Value, d.err = valueOf(span)
				}
			} else {
				l.Value = d.bytes()
			}
			l.Stamp = str(d.uvarint())
			l.Author = str(d.uvarint())
			if k := d.uvarint(); k > 0 {
				l.Base = str(k - 1)
			}
			switch h := d.uvarint(); {
			case h == 0:
				l.OpID = string(d.bytes())
			case h <= 17:
				p := int(h - 1)
				copy(prev[p:], d.take(uint64(16-p)))
				l.OpID = formatUUID(prev)
			default:
				d.err = errFieldsCorrupt
			}
			if k := d.uvarint(); k > 0 {
				l.From = d.take(k - 1)
			}
			ls = append(ls, l)
		}
		fs[name] = ls
	}
	if d.err != nil || len(d.b) != 0 {
		return nil, errFieldsCorrupt
	}
	return fs, nil
}
