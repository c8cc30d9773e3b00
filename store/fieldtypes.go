package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"unicode"

	"github.com/liaison-dev/liaison/visits"
)

// HQ takes a field's value only if it fits the field: a text where the
// record has a text, a number where it has a number, and so on. A value
// of another type would be stored, sent to every laptop, and then make
// every reader of that record fail.

// fieldTypes maps each record type to its fields' JSON names and Go types.
var fieldTypes = func() map[string]map[string]reflect.Type {
	out := map[string]map[string]reflect.Type{}
	for _, r := range []visits.Record{&visits.Officer{}, &visits.Enterprise{}, &visits.Assignment{}, &visits.Visit{},
		&visits.Need{}, &visits.NeedEvent{}, &visits.FollowUp{}, &visits.Application{}, &visits.Setting{}} {
		fields := map[string]reflect.Type{}
		for _, f := range reflect.VisibleFields(reflect.TypeOf(r).Elem()) {
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if f.Anonymous || !f.IsExported() || name == "" || name == "-" {
				continue
			}
			fields[name] = f.Type
		}
		out[r.RecordType()] = fields
	}
	return out
}()

// valueFits returns why a JSON value cannot be a record field's value, or
// nil. Fields this build does not know (a newer laptop's) and null fit.
func valueFits(typ, field string, value json.RawMessage) error {
	t := fieldTypes[typ][field]
	if t == nil {
		t = indexFieldTypes[field]
	}
	if t == nil || len(value) == 0 || string(value) == "null" {
		return nil
	}
	if fitsFast(t, value) { // fieldtypes_fast.go
		return nil
	}
	if err := json.Unmarshal(value, reflect.New(t).Interface()); err != nil {
		return fmt.Errorf("%s of a %s cannot be %s (%v)", field, typ, truncateJSON(value, 40), err)
	}
	return nil
}

// Fields whose values become parts of keys (HQ's scope index, the
// indexes every laptop keeps) or name other records have a shape beyond
// their Go type: a record id (or "" for none), a short printable code, or
// a date. A 200 KB status would otherwise make a key bbolt cannot hold,
// and a NUL in an enterprise_id would split an index key in two.
type shape uint8

const (
	shapeAny   shape = iota
	shapeRef         // a record id or ""
	shapeRefs        // a list of record ids
	shapeCode        // a short printable text (becomes an index key)
	shapeCodes       // a list of them
	shapeDate        // "" or YYYY-MM-DD
	shapeUSCC        // "" or a USCC as the app stores it (normalized, of a USCC's shape)
)

// fieldShapes maps "type.field" to its shape; the rest are shapeAny
// (Date fields are found from fieldTypes).
var fieldShapes = func() map[string]shape {
	m := map[string]shape{}
	for typ, fields := range fieldTypes {
		for name, t := range fields {
			if t == reflect.TypeFor[visits.Date]() {
				m[typ+"."+name] = shapeDate
			}
		}
	}
	for _, k := range []string{"visit.enterprise_id", "need.enterprise_id", "followup.enterprise_id",
		"application.enterprise_id", "assignment.enterprise_id", "assignment.officer_id",
		"need_event.need_id", "followup.need_id", "need.visit_id", "followup.visit_id"} {
		m[k] = shapeRef
	}
	m["visit.need_ids"] = shapeRefs
	m["enterprise.uscc"] = shapeUSCC
	for _, k := range []string{"need.status", "followup.status", "visit.occasion"} {
		m[k] = shapeCode
	}
	m["visit.extra_occasions"] = shapeCodes
	return m
}()

// scopeLinks are the fields that link a record to another one whose
// enterprise decides who may see it: the target must be in the officer's
// scope. (enterprise_id, and a need event's need_id, decide the record's
// own enterprise; see ownerField.)
var scopeLinks = map[string]string{
	"need.visit_id":     visits.TypeVisit,
	"followup.need_id":  visits.TypeNeed,
	"followup.visit_id": visits.TypeVisit,
	"visit.need_ids":    visits.TypeNeed,
}

// indexFieldTypes are the fields the indexes read, by name, whatever the
// record's type (indexFields): a field a type does not have (say "at" of
// an enterprise) must still fit them, or the record's index entries
// (its USCC among them) would be lost on every laptop.
var indexFieldTypes = func() map[string]reflect.Type {
	m := map[string]reflect.Type{}
	for _, f := range reflect.VisibleFields(reflect.TypeFor[indexFields]()) {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		m[name] = f.Type
	}
	return m
}()

// fieldShapeFits returns why value does not have its field's shape, or "".
// null always fits.
func fieldShapeFits(typ, field string, value []byte, maxID int) string {
	sh, ok := fieldShapes[typ+"."+field]
	if t := indexFieldTypes[field]; !ok && t != nil && fieldTypes[typ][field] == nil {
		switch t.Kind() {
		case reflect.String:
			sh = shapeCode
		case reflect.Slice:
			sh = shapeCodes
		}
	}
	if sh == shapeAny || string(value) == "null" {
		return ""
	}
	one := func(s string) string {
		switch sh {
		case shapeRef, shapeRefs:
			if s == "" {
				return ""
			}
			return checkID(field, s, maxID)
		case shapeCode, shapeCodes:
			return checkCode(field, s, maxID)
		case shapeUSCC:
			if s == "" {
				return ""
			}
			if r := checkCode(field, s, maxID); r != "" {
				return r
			}
			// Stored normalized, so that looking it up (which normalizes
			// what the officer types) finds it.
			if _, err := visits.ParseUSCC(s); err != nil || visits.NormalizeUSCC(s) != s {
				return fmt.Sprintf("%s %s is not a USCC as stored (normalized, 18 or 15 characters)", field, quoteShort(s))
			}
		case shapeDate:
			if s == "" {
				return ""
			}
			if _, err := visits.ParseDate(s); err != nil {
				return field + ": " + err.Error()
			}
		}
		return ""
	}
	if sh == shapeRefs || sh == shapeCodes {
		var ss []string
		if json.Unmarshal(value, &ss) != nil {
			return fmt.Sprintf("%s of a %s must be a list of texts", field, typ)
		}
		for _, s := range ss {
			if r := one(s); r != "" {
				return r
			}
		}
		return ""
	}
	s, ok := jsonText(value)
	if !ok {
		return fmt.Sprintf("%s of a %s must be a text", field, typ)
	}
	return one(s)
}

// checkCode checks a short code: at most max bytes, printable (no
// control, format or bidi character).
func checkCode(what, s string, max int) string {
	if len(s) > max {
		return fmt.Sprintf("%s is %d bytes long; at most %d", what, len(s), max)
	}
	for i, r := range s {
		if !unicode.IsPrint(r) {
			return fmt.Sprintf("%s holds %U at byte %d", what, r, i)
		}
	}
	return ""
}

// jsonText decodes a JSON string value (without allocating when it holds
// no escape).
func jsonText(v []byte) (string, bool) {
	if len(v) < 2 || v[0] != '"' {
		return "", false
	}
	if bytes.IndexByte(v, '\\') < 0 {
		return string(v[1 : len(v)-1]), true
	}
	var s string
	return s, json.Unmarshal(v, &s) == nil
}

// truncateJSON shows at most about n bytes of v, cut between characters.
func truncateJSON(v json.RawMessage, n int) string { return CutBytes(string(v), n) }
