package store

import (
	"fmt"
	"slices"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// One definition of a well-formed op, for the laptop (before a value
// enters the outbox) and for HQ (before anything of a pushed op is used as
// a key or stored). An op that breaks it is refused with code bad_op and a
// reason that names what is wrong. The limits are far below what any
// decoder on the way breaks on (encoding/json nests 10,000 deep, bbolt
// keys hold 32 KB), so a value HQ takes is one every laptop can read.

// Limits of a well-formed op. HQ announces them (or tighter ones) in
// hello's limits.
const (
	// MaxIDBytes bounds op_id, id, the device of a stamp, every value that
	// names a record (enterprise_id, need_id, …) and short codes that
	// become index keys (status, occasion, uscc). Ids the app makes are
	// UUIDs (36 bytes).
	MaxIDBytes = 128
	// MaxFieldBytes bounds a field name.
	MaxFieldBytes = 64
	// MaxValueBytes bounds a value (and from) as JSON. The forms take at
	// most 4,000 characters in a text (12 KB as UTF-8, 24 KB if every one
	// were escaped), and a visit's corrections hold a few such texts.
	MaxValueBytes = 256 << 10
	// MaxDepth bounds how deeply arrays and objects nest in a value. The
	// app's deepest value (a visit's corrections, an enterprise's
	// qualifications) nests 2 deep.
	MaxDepth = 16
	// MaxResolves bounds the stamps an op resolves.
	MaxResolves = 64
)

// Bounds are the limits CheckOpBounds applies; DefaultBounds are the
// constants above. An HQ may tighten them (never loosen: values beyond
// the constants break laptops).
type Bounds struct {
	IDBytes    int
	FieldBytes int
	ValueBytes int
	Depth      int
	Resolves   int
}

// DefaultBounds are the limits of a well-formed op.
var DefaultBounds = Bounds{IDBytes: MaxIDBytes, FieldBytes: MaxFieldBytes, ValueBytes: MaxValueBytes,
	Depth: MaxDepth, Resolves: MaxResolves}

// CheckOp returns why op is not well-formed (code bad_op), or nil.
func CheckOp(op Op) *OpError { return CheckOpBounds(op, DefaultBounds) }

// CheckOpBounds is CheckOp with limits b, each clamped to the default.
func CheckOpBounds(op Op, b Bounds) *OpError {
	b.IDBytes = clampLimit(b.IDBytes, MaxIDBytes)
	b.ValueBytes = clampLimit(b.ValueBytes, MaxValueBytes)
	b.Depth = clampLimit(b.Depth, MaxDepth)
	b.FieldBytes = clampLimit(b.FieldBytes, MaxFieldBytes)
	b.Resolves = clampLimit(b.Resolves, MaxResolves)
	if r := checkID("op_id", op.OpID, b.IDBytes); r != "" {
		return badOp(r)
	}
	if !slices.Contains(recordTypes, op.Type) {
		return badOp(fmt.Sprintf("type %s is not a record type", quoteShort(op.Type)))
	}
	if r := checkID("id", op.ID, b.IDBytes); r != "" {
		return badOp(r)
	}
	if r := checkFieldName(op.Field, b.FieldBytes); r != "" {
		return badOp(r)
	}
	if r := checkStamp("stamp", op.Stamp, b.IDBytes); r != "" {
		return badOp(r)
	}
	if op.Base != "" {
		if r := checkStamp("base", op.Base, b.IDBytes); r != "" {
			return badOp(r)
		}
	}
	if len(op.Resolves) > b.Resolves {
		return badOp(fmt.Sprintf("resolves names %d stamps; at most %d", len(op.Resolves), b.Resolves))
	}
	for _, s := range op.Resolves {
		if r := checkStamp("resolves", s, b.IDBytes); r != "" {
			return badOp(r)
		}
	}
	if len(op.Value) == 0 {
		return badOp("value of " + op.Field + " is missing")
	}
	if r := checkValue("value of "+op.Field, op.Value, b); r != "" {
		return badOp(r)
	}
	if len(op.From) > 0 {
		if r := checkValue("from", op.From, b); r != "" {
			return badOp(r)
		}
	}
	if r := fieldShapeFits(op.Type, op.Field, op.Value, b.IDBytes); r != "" {
		return badOp(r)
	}
	if err := valueFits(op.Type, op.Field, op.Value); err != nil {
		return badOp(err.Error())
	}
	if r := fieldValueFits(op.Type, op.Field, op.Value, b.IDBytes); r != "" { // fieldvalues.go
		return badOp(r)
	}
	if r := settingFits(op); r != "" {
		return badOp(r)
	}
	return nil
}

func clampLimit(n, max int) int {
	if n <= 0 || n > max {
		return max
	}
	return n
}

func badOp(reason string) *OpError { return &OpError{Code: "bad_op", Reason: reason} }

// checkID checks a record or op id: 1 to max bytes of letters, digits and
// - _ . : @ (no space, control, format or bidi character, no NUL).
func checkID(what, s string, max int) string {
	if s == "" {
		return what + " is empty"
	}
	if len(s) > max {
		return fmt.Sprintf("%s is %d bytes long; at most %d", what, len(s), max)
	}
	if r := idChars(s); r != "" {
		return what + " " + r
	}
	return ""
}

// idChars returns why s holds a character an id may not, or "".
func idChars(s string) string {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if !idASCII[c] {
				return fmt.Sprintf("holds %q at byte %d (only letters, digits and - _ . : @)", c, i)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			return fmt.Sprintf("is not UTF-8 at byte %d", i)
		}
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return fmt.Sprintf("holds %U at byte %d (only letters, digits and - _ . : @)", r, i)
		}
		i += n
	}
	return ""
}

var idASCII = func() (t [utf8.RuneSelf]bool) {
	for c := range utf8.RuneSelf {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			c == '-' || c == '_' || c == '.' || c == ':' || c == '@'
	}
	return t
}()

// checkFieldName: a field is 1 to max bytes of a-z, 0-9 and _, not
// starting with a digit, and not "id". Lower case only: readers match JSON
// names ignoring case, so "ENTERPRISE_ID" or "ID" would stand in for the
// real field unseen by HQ's checks.
func checkFieldName(f string, max int) string {
	switch {
	case f == "":
		return "field is empty"
	case len(f) > max:
		return fmt.Sprintf("field is %d bytes long; at most %d", len(f), max)
	case f == "id":
		return "field id cannot be changed"
	case '0' <= f[0] && f[0] <= '9':
		return fmt.Sprintf("field %s starts with a digit", quoteShort(f))
	}
	for i := 0; i < len(f); i++ {
		if c := f[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_') {
			return fmt.Sprintf("field %s holds %q (only a-z, 0-9 and _)", quoteShort(f), c)
		}
	}
	return ""
}

// checkStamp checks a stamp strictly: 12 and 4 lower-case hex digits (so
// that strings order stamps), then a device id.
func checkStamp(what, s string, maxID int) string {
	if len(s) < 19 || s[12] != '-' || s[17] != '-' || !lowerHex(s[:12]) || !lowerHex(s[13:17]) {
		return fmt.Sprintf("%s %s: want %%012x-%%04x-device", what, quoteShort(s))
	}
	if r := checkID(what+"'s device", s[18:], maxID); r != "" {
		return r
	}
	return ""
}

func lowerHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// quoteShort quotes s, cut to about 40 bytes, for a reason.
func quoteShort(s string) string {
	if c := CutBytes(s, 40); c != s {
		return strconv.Quote(c[:len(c)-len("…")]) + "…"
	}
	return strconv.Quote(s)
}

// checkValue checks a JSON value: at most b.ValueBytes, one value of
// valid JSON, nested at most b.Depth deep, strings valid UTF-8 without NUL
// or unpaired surrogates.
func checkValue(what string, v []byte, b Bounds) string {
	if len(v) > b.ValueBytes {
		return fmt.Sprintf("%s is %d bytes of JSON; at most %d", what, len(v), b.ValueBytes)
	}
	if r := scanJSON(v, b.Depth); r != "" {
		return what + ": " + r
	}
	return ""
}

// scanJSON returns why v is not one well-formed JSON value within depth
// (at most 64), or "". It reads v once, without allocating.
func scanJSON(v []byte, depth int) string {
	var objects uint64 // bit d: the container at depth d+1 is an object
	d := 0
	i := wsEnd(v, 0)
	for {
		// A value starts at i.
		if i >= len(v) {
			return "ends early"
		}
		switch c := v[i]; {
		case c == '{' || c == '[':
			if d >= depth {
				return fmt.Sprintf("nested more than %d deep", depth)
			}
			if c == '{' {
				objects |= 1 << d
			} else {
				objects &^= 1 << d
			}
			d++
			i = wsEnd(v, i+1)
			if i < len(v) && v[i] == c+2 { // '}' is '{'+2, ']' is '['+2
				d--
				i++
				break
			}
			if c == '{' {
				var r string
				if i, r = scanKey(v, i); r != "" {
					return r
				}
			}
			continue
		case c == '"':
			var r string
			if i, r = scanString(v, i); r != "" {
				return r
			}
		case c == '-' || '0' <= c && c <= '9':
			var ok bool
			if i, ok = scanNumber(v, i); !ok {
				return fmt.Sprintf("malformed number at byte %d", i)
			}
		case c == 't' && hasAt(v, i, "true"), c == 'n' && hasAt(v, i, "null"):
			i += 4
		case c == 'f' && hasAt(v, i, "false"):
			i += 5
		default:
			return fmt.Sprintf("unexpected %q at byte %d", c, i)
		}
		// After a value: close containers, or a comma before the next.
		for {
			i = wsEnd(v, i)
			if d == 0 {
				if i != len(v) {
					return fmt.Sprintf("text after the value at byte %d", i)
				}
				return ""
			}
			if i >= len(v) {
				return "ends early"
			}
			obj := objects>>(d-1)&1 == 1
			c := v[i]
			if obj && c == '}' || !obj && c == ']' {
				d--
				i++
				continue
			}
			if c != ',' {
				return fmt.Sprintf("unexpected %q at byte %d", c, i)
			}
			i = wsEnd(v, i+1)
			if obj {
				var r string
				if i, r = scanKey(v, i); r != "" {
					return r
				}
			}
			break
		}
	}
}

func hasAt(v []byte, i int, lit string) bool {
	return len(v)-i >= len(lit) && string(v[i:i+len(lit)]) == lit
}

func wsEnd(v []byte, i int) int {
	for i < len(v) && (v[i] == ' ' || v[i] == '\t' || v[i] == '\n' || v[i] == '\r') {
		i++
	}
	return i
}

// scanKey reads an object key and its colon; i ends at the value.
func scanKey(v []byte, i int) (int, string) {
	if i >= len(v) || v[i] != '"' {
		return i, fmt.Sprintf("expected a key at byte %d", i)
	}
	i, r := scanString(v, i)
	if r != "" {
		return i, r
	}
	i = wsEnd(v, i)
	if i >= len(v) || v[i] != ':' {
		return i, fmt.Sprintf("expected a colon at byte %d", i)
	}
	return wsEnd(v, i+1), ""
}

// scanString reads a string starting at the quote at i.
func scanString(v []byte, i int) (int, string) {
	start := i
	i++
	for i < len(v) {
		c := v[i]
		switch {
		case c == '"':
			return i + 1, ""
		case c == '\\':
			if i+1 >= len(v) {
				return i, "ends in a string escape"
			}
			switch v[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				r, ok := hex4(v, i+2)
				switch {
				case !ok:
					return i, fmt.Sprintf("malformed \\u escape at byte %d", i)
				case r == 0:
					return i, fmt.Sprintf("a NUL character (\\u0000) in a string at byte %d", i)
				case utf16IsHigh(r):
					lo, ok := rune(0), hasAt(v, i+6, `\u`)
					if ok {
						lo, ok = hex4(v, i+8)
					}
					if !ok || !utf16IsLow(lo) {
						return i, fmt.Sprintf("an unpaired surrogate \\u%04x at byte %d", r, i)
					}
					i += 12
				case utf16IsLow(r):
					return i, fmt.Sprintf("an unpaired surrogate \\u%04x at byte %d", r, i)
				default:
					i += 6
				}
			default:
				return i, fmt.Sprintf("malformed escape at byte %d", i)
			}
		case c < 0x20:
			return i, fmt.Sprintf("control character %q in a string at byte %d", c, i)
		case c < utf8.RuneSelf:
			i++
		default:
			r, n := utf8.DecodeRune(v[i:])
			if r == utf8.RuneError && n == 1 {
				return i, fmt.Sprintf("a string is not UTF-8 at byte %d", i)
			}
			i += n
		}
	}
	return start, "a string does not end"
}

func hex4(v []byte, i int) (rune, bool) {
	if i+4 > len(v) {
		return 0, false
	}
	var r rune
	for _, c := range v[i : i+4] {
		switch {
		case '0' <= c && c <= '9':
			r = r<<4 | rune(c-'0')
		case 'a' <= c && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case 'A' <= c && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}

func utf16IsHigh(r rune) bool { return 0xd800 <= r && r < 0xdc00 }
func utf16IsLow(r rune) bool  { return 0xdc00 <= r && r < 0xe000 }

// scanNumber reads -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func scanNumber(v []byte, i int) (int, bool) {
	digits := func() int {
		n := 0
		for i < len(v) && '0' <= v[i] && v[i] <= '9' {
			i++
			n++
		}
		return n
	}
	if v[i] == '-' {
		i++
	}
	switch {
	case i < len(v) && v[i] == '0':
		i++
	case digits() == 0:
		return i, false
	}
	if i < len(v) && v[i] == '.' {
		i++
		if digits() == 0 {
			return i, false
		}
	}
	if i < len(v) && (v[i] == 'e' || v[i] == 'E') {
		i++
		if i < len(v) && (v[i] == '+' || v[i] == '-') {
			i++
		}
		if digits() == 0 {
			return i, false
		}
	}
	return i, true
}
