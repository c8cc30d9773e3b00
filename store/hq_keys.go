package store

import (
	"encoding/binary"
	"errors"
)

// HQ's own buckets (hq:recs, hq:seqfeed, hq:entfeed; schema 11) name
// records and enterprises in bytes rather than text: a record type is one
// byte and an id in canonical UUID form is 16 bytes.
//
//	type: one byte, hqTypeCodes[k-1] for k > 0; 0, uvarint length, text
//	      for a type not in the list
//	id:   0x01 and the 16 bytes of a canonical UUID (36 characters,
//	      lowercase hex and dashes); 0x00, uvarint length, text for any
//	      other id (officers' login names, ids in tests)
//
// Both forms are self-delimiting and no encoded id is a prefix of
// another, so an enterprise's entries in hq:entfeed are exactly the keys
// that begin with its encoded id. Decoding gives back every id byte for
// byte. The order of encoded ids is not that of the text: nothing at HQ
// walks these buckets in id order.

// hqTypeCodes are the record types, numbered from 1. Append only: a stored
// number keeps its type forever.
var hqTypeCodes = []string{"officer", "enterprise", "assignment", "visit", "need", "need_event", "followup", "application", "setting"}

var errHQKey = errors.New("malformed HQ key")

const (
	idText = 0x00
	idUUID = 0x01
)

func appendType(b []byte, typ string) []byte { return appendListed(b, hqTypeCodes, typ) }

// readType reads an encoded type and returns what follows it.
func readType(b []byte) (string, []byte, error) { return readListed(b, hqTypeCodes) }

// appendListed writes s as one byte k > 0 when it is list[k-1], else as 0
// and the text (a list holds fewer than 256 strings).
func appendListed(b []byte, list []string, s string) []byte {
	for i, x := range list {
		if x == s {
			return append(b, byte(i+1))
		}
	}
	b = append(b, 0)
	return appendStr(b, s)
}

// readListed reads what appendListed wrote and returns what follows it.
func readListed(b []byte, list []string) (string, []byte, error) {
	if len(b) == 0 {
		return "", nil, errHQKey
	}
	if c := int(b[0]); c > 0 {
		if c > len(list) {
			return "", nil, errHQKey
		}
		return list[c-1], b[1:], nil
	}
	return readText(b[1:])
}

func readText(b []byte) (string, []byte, error) {
	n, k := binary.Uvarint(b)
	if k <= 0 || uint64(len(b)-k) < n {
		return "", nil, errHQKey
	}
	return string(b[k : k+int(n)]), b[k+int(n):], nil
}

// appendID appends an id in its tagged form.
func appendID(b []byte, id string) []byte {
	if u, ok := parseUUID(id); ok {
		b = append(b, idUUID)
		return append(b, u[:]...)
	}
	b = append(b, idText)
	return appendStr(b, id)
}

// readID reads an id in its tagged form and returns what follows it.
func readID(b []byte) (string, []byte, error) {
	if len(b) == 0 {
		return "", nil, errHQKey
	}
	switch b[0] {
	case idUUID:
		if len(b) < 17 {
			return "", nil, errHQKey
		}
		return formatUUID([16]byte(b[1:17])), b[17:], nil
	case idText:
		return readText(b[1:])
	}
	return "", nil, errHQKey
}

// recKey is a record's key in HQ's own buckets: type, then id.
func recKey(typ, id string) []byte {
	b := make([]byte, 0, 2+len(typ)+len(id))
	return appendID(appendType(b, typ), id)
}

// splitRecKey reads a recKey.
func splitRecKey(k []byte) (typ, id string, err error) {
	typ, rest, err := readType(k)
	if err != nil {
		return "", "", err
	}
	id, rest, err = readID(rest)
	if err == nil && len(rest) != 0 {
		err = errHQKey
	}
	return typ, id, err
}

// recKeyType is the type of a recKey ("" if malformed).
func recKeyType(k []byte) string {
	t, _, _ := readType(k)
	return t
}

// parseUUID and formatUUID are fieldcodec2.go's: canonical means 36
// characters of lowercase hex and dashes, so formatUUID gives back the
// very text.
