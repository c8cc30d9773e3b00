package store

import (
	"bytes"
	"time"
	"unicode/utf8"
)

// indexFieldsOf reads the index fields of a stored record without
// encoding/json, for the plain records the store writes (materialize):
// lower-case names, texts without escapes, a time, a list of texts.
// Anything else (ok false) is left to encoding/json (indexKeys), which
// then decides as it always did.
func indexFieldsOf(rec []byte) (f indexFields, ok bool) {
	i := skipSpace(rec, 0)
	if i >= len(rec) || rec[i] != '{' {
		return f, false
	}
	i = skipSpace(rec, i+1)
	if i < len(rec) && rec[i] == '}' {
		return f, true
	}
	for i < len(rec) {
		if rec[i] != '"' {
			return f, false
		}
		end := bytes.IndexByte(rec[i+1:], '"')
		if end < 0 {
			return f, false
		}
		name := rec[i+1 : i+1+end]
		i = skipSpace(rec, i+end+2)
		if i >= len(rec) || rec[i] != ':' {
			return f, false
		}
		i = skipSpace(rec, i+1)
		j := skipValue(rec, i)
		if j < 0 {
			return f, false
		}
		if !setIndexField(&f, name, rec[i:j]) {
			return f, false
		}
		i = skipSpace(rec, j)
		switch {
		case i < len(rec) && rec[i] == ',':
			i = skipSpace(rec, i+1)
		case i < len(rec) && rec[i] == '}':
			return f, skipSpace(rec, i+1) == len(rec)
		default:
			return f, false
		}
	}
	return f, false
}

// setIndexField sets the field of f named name (as encoding/json matches
// names: ignoring case) to value; false when value is not of the plain
// form this reader takes.
func setIndexField(f *indexFields, name, value []byte) bool {
	for _, c := range name {
		if c >= utf8.RuneSelf || c == '\\' {
			return false
		}
	}
	null := string(value) == "null"
	text := func(s *string) bool {
		if null {
			return true
		}
		t, ok := plainText(value)
		*s = t
		return ok
	}
	switch {
	case bytes.EqualFold(name, []byte("id")):
		return text(&f.ID)
	case bytes.EqualFold(name, []byte("enterprise_id")):
		return text(&f.EnterpriseID)
	case bytes.EqualFold(name, []byte("officer_id")):
		return text(&f.OfficerID)
	case bytes.EqualFold(name, []byte("need_id")):
		return text(&f.NeedID)
	case bytes.EqualFold(name, []byte("uscc")):
		return text(&f.USCC)
	case bytes.EqualFold(name, []byte("status")):
		return text(&f.Status)
	case bytes.EqualFold(name, []byte("due")):
		return text(&f.Due)
	case bytes.EqualFold(name, []byte("occasion")):
		return text(&f.Occasion)
	case bytes.EqualFold(name, []byte("at")):
		if null {
			return true
		}
		if len(value) == 0 || value[0] != '"' {
			return false
		}
		var t time.Time
		if t.UnmarshalJSON(value) != nil {
			return false
		}
		f.At = t
		return true
	case bytes.EqualFold(name, []byte("extra_occasions")):
		if null {
			f.Extra = nil
			return true
		}
		list, ok := plainTexts(value)
		f.Extra = list
		return ok
	}
	return true // not an index field
}

// plainText decodes a JSON string without escapes that is valid UTF-8.
func plainText(v []byte) (string, bool) {
	if len(v) < 2 || v[0] != '"' || v[len(v)-1] != '"' {
		return "", false
	}
	s := v[1 : len(v)-1]
	if bytes.IndexByte(s, '\\') >= 0 || bytes.IndexByte(s, '"') >= 0 || !utf8.Valid(s) {
		return "", false
	}
	for _, c := range s {
		if c < 0x20 {
			return "", false
		}
	}
	return string(s), true
}

// plainTexts decodes a JSON array of plain texts (plainText).
func plainTexts(v []byte) ([]string, bool) {
	if len(v) < 2 || v[0] != '[' {
		return nil, false
	}
	out := []string{}
	i := skipSpace(v, 1)
	if i < len(v) && v[i] == ']' {
		return out, skipSpace(v, i+1) == len(v)
	}
	for i < len(v) {
		j := skipValue(v, i)
		if j < 0 {
			return nil, false
		}
		s, ok := plainText(v[i:j])
		if !ok {
			return nil, false
		}
		out = append(out, s)
		i = skipSpace(v, j)
		switch {
		case i < len(v) && v[i] == ',':
			i = skipSpace(v, i+1)
		case i < len(v) && v[i] == ']':
			return out, skipSpace(v, i+1) == len(v)
		default:
			return nil, false
		}
	}
	return nil, false
}
