package store

import (
	"bytes"
	"encoding/binary"
)

// Ids in index keys (schema 13). Most ids are canonical UUIDs (36
// characters of text, 16 bytes of value); some are not (officers' login
// names, ids made by tests or by other builds). An id in a key is tagged
// so that both kinds fit, parts need no separator after it, and keys keep
// sorting and prefix-seeking as before:
//
//	0x01, then 16 bytes                  a canonical (lower-case) UUID
//	0x02, then the text, then 0x00 0x01  any other id; a NUL in the text
//	                                     is written 0x00 0xff
//
// The form is prefix-free (no id's form is the start of another's) and
// ends where it says whatever follows it, so the form of an id is a
// prefix that finds exactly its keys, and the parts after it are read
// from where it ends. Two ids of the same kind sort as their texts do
// (hex digits sort as their values; in the text form the end, 0x00 0x01,
// sorts before an escaped NUL, 0x00 0xff, which sorts before any other
// byte); every UUID sorts before every other id.
//
// In a value (a summary, summary_codec.go) an id needs no order and is
// one byte shorter:
//
//	0x00, then 16 bytes            a canonical UUID
//	uvarint length+1, then text    any other id
const (
	idKeyUUID = 0x01
	idKeyText = 0x02
)

// appendIDKey appends the key form of id.
func appendIDKey(b []byte, id string) []byte {
	if u, ok := parseUUID(id); ok {
		return append(append(b, idKeyUUID), u[:]...)
	}
	b = append(b, idKeyText)
	for {
		i := bytesIndexNUL(id)
		if i < 0 {
			break
		}
		b = append(append(b, id[:i]...), 0x00, 0xff)
		id = id[i+1:]
	}
	return append(append(b, id...), 0x00, 0x01)
}

func bytesIndexNUL(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] == 0 {
			return i
		}
	}
	return -1
}

// idKey returns the key form of id.
func idKey(id string) []byte { return appendIDKey(make([]byte, 0, 19+len(id)), id) }

// idKeyLen returns the length of the id form at the start of k, or -1 if
// k does not start with one.
func idKeyLen(k []byte) int {
	if len(k) == 0 {
		return -1
	}
	switch k[0] {
	case idKeyUUID:
		if len(k) < 17 {
			return -1
		}
		return 17
	case idKeyText:
		for i := 1; i < len(k); {
			j := bytes.IndexByte(k[i:], 0x00)
			if j < 0 {
				return -1
			}
			i += j
			if i+1 >= len(k) {
				return -1
			}
			switch k[i+1] {
			case 0xff:
				i += 2
				continue
			case 0x01:
				return i + 2
			}
			return -1
		}
	}
	return -1
}

// idFromKey decodes the id form at the start of k: the id and the length
// of its form (n < 0: k does not start with one).
func idFromKey(k []byte) (id string, n int) {
	n = idKeyLen(k)
	if n < 0 {
		return "", -1
	}
	if k[0] == idKeyUUID {
		return formatUUID([16]byte(k[1:17])), n
	}
	text := k[1 : n-2]
	if bytes.IndexByte(text, 0x00) < 0 {
		return string(text), n
	}
	return string(bytes.ReplaceAll(text, []byte{0x00, 0xff}, []byte{0x00})), n
}

// appendIDValue appends the value form of id.
func appendIDValue(b []byte, id string) []byte {
	if u, ok := parseUUID(id); ok {
		return append(append(b, 0x00), u[:]...)
	}
	b = binary.AppendUvarint(b, uint64(len(id))+1)
	return append(b, id...)
}

// Index key layouts: the parts of an index's keys, in order. The record's
// id is always the last part.
type keyPart byte

const (
	partText keyPart = iota // text, then 0x00 (texts hold no NUL)
	partMS                  // 8 bytes, big-endian Unix milliseconds
	partID                  // an id's key form (appendIDKey)
)

type keyLayout []keyPart

// key builds a key of the layout from its parts: texts and ids as
// strings, times as ms bytes.
func (l keyLayout) key(parts ...[]byte) []byte {
	n := 0
	for _, p := range parts {
		n += len(p) + 2
	}
	b := make([]byte, 0, n)
	for i, kind := range l {
		switch kind {
		case partText:
			b = append(append(b, parts[i]...), 0x00)
		case partMS:
			b = append(b, parts[i]...)
		case partID:
			b = appendIDKey(b, string(parts[i]))
		}
	}
	return b
}

// partEnd returns where the part of kind starting at k[i] ends, or -1.
func partEnd(kind keyPart, k []byte, i int) int {
	switch kind {
	case partText:
		j := bytes.IndexByte(k[i:], 0x00)
		if j < 0 {
			return -1
		}
		return i + j + 1
	case partMS:
		if len(k) < i+8 {
			return -1
		}
		return i + 8
	default:
		n := idKeyLen(k[i:])
		if n < 0 {
			return -1
		}
		return i + n
	}
}

// part returns the bytes of part n of k as stored (a text with its
// terminator, an id in its key form), or nil if k is not of the layout.
func (l keyLayout) part(k []byte, n int) []byte {
	i := 0
	for p, kind := range l {
		j := partEnd(kind, k, i)
		if j < 0 {
			return nil
		}
		if p == n {
			return k[i:j]
		}
		i = j
	}
	return nil
}

// id returns the record id of a key of the layout ("" if k is not one).
func (l keyLayout) id(k []byte) string {
	i := 0
	for _, kind := range l[:len(l)-1] {
		if i = partEnd(kind, k, i); i < 0 {
			return ""
		}
	}
	id, n := idFromKey(k[i:])
	if n != len(k)-i {
		return ""
	}
	return id
}

// holds reports whether k is a key of the layout, to its end. A key of
// schemas 1 to 12 never is: where this form has an id's tag (0x01, 0x02),
// that form has an id's first character (a letter, digit or one of
// -_.:@) or the NUL after a time.
func (l keyLayout) holds(k []byte) bool {
	i := 0
	for _, kind := range l {
		if i = partEnd(kind, k, i); i < 0 {
			return false
		}
	}
	return i == len(k)
}

// idPrefix is the prefix of the keys whose first part is the id.
func idPrefix(id string) []byte { return idKey(id) }
