package store

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"unicode/utf8"

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
		&visits.Need{}, &visits.NeedEvent{}, &visits.FollowUp{}, &visits.Application{}} {
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
	if t == nil || len(value) == 0 || string(value) == "null" {
		return nil
	}
	if t.Kind() == reflect.String && value[0] == '"' {
		return nil
	}
	if err := json.Unmarshal(value, reflect.New(t).Interface()); err != nil {
		return fmt.Errorf("%s of a %s cannot be %s (%v)", field, typ, truncateJSON(value, 40), err)
	}
	return nil
}

// truncateJSON shows at most about n bytes of v, cut between characters.
func truncateJSON(v json.RawMessage, n int) string {
	if len(v) <= n {
		return string(v)
	}
	for n > 0 && !utf8.RuneStart(v[n]) {
		n--
	}
	return string(v[:n]) + "…"
}
