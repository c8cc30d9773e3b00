package store

import (
	"encoding"
	"encoding/json"
	"reflect"
	"strconv"
	"time"
)

// fitsFast reports whether value, one well-formed JSON value (scanJSON
// has read it) that is not null, certainly decodes into a t as
// encoding/json decodes it, without running encoding/json: the common
// types of a push (times, lists of texts, numbers, yes/no) are checked
// here, allocation-free. false means "not decided here": valueFits then
// asks encoding/json, which also words the reason.
func fitsFast(t reflect.Type, value []byte) bool {
	if t == timeType {
		// encoding/json hands a non-null value to UnmarshalJSON as it is.
		var tm time.Time
		return tm.UnmarshalJSON(value) == nil
	}
	if customDecoder(t) {
		return false
	}
	switch t.Kind() {
	case reflect.String:
		return value[0] == '"'
	case reflect.Bool:
		return string(value) == "true" || string(value) == "false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if len(value) > 24 {
			return false
		}
		_, err := strconv.ParseInt(string(value), 10, t.Bits())
		return err == nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if len(value) > 24 {
			return false
		}
		_, err := strconv.ParseUint(string(value), 10, t.Bits())
		return err == nil
	case reflect.Float32, reflect.Float64:
		if len(value) > 32 || !(value[0] == '-' || '0' <= value[0] && value[0] <= '9') {
			return false
		}
		_, err := strconv.ParseFloat(string(value), t.Bits())
		return err == nil
	case reflect.Slice:
		if t.Elem().Kind() != reflect.String || customDecoder(t.Elem()) {
			return false
		}
		return textList(value)
	}
	return false
}

var (
	timeType        = reflect.TypeFor[time.Time]()
	jsonUnmarshaler = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// customDecoder reports whether encoding/json decodes a t with the type's
// own method rather than by its kind.
func customDecoder(t reflect.Type) bool {
	p := reflect.PointerTo(t)
	return p.Implements(jsonUnmarshaler) || p.Implements(textUnmarshaler) ||
		t.Implements(jsonUnmarshaler) || t.Implements(textUnmarshaler)
}

// textList reports whether the well-formed JSON value v is an array whose
// elements are all strings.
func textList(v []byte) bool {
	if v[0] != '[' {
		return false
	}
	i := wsEnd(v, 1)
	if i < len(v) && v[i] == ']' {
		return true
	}
	for i < len(v) {
		if v[i] != '"' {
			return false
		}
		// The string is well-formed: find its closing quote.
		i++
		for i < len(v) && v[i] != '"' {
			if v[i] == '\\' {
				i++
			}
			i++
		}
		i = wsEnd(v, i+1)
		if i >= len(v) {
			return false
		}
		switch v[i] {
		case ']':
			return true
		case ',':
			i = wsEnd(v, i+1)
		default:
			return false
		}
	}
	return false
}
