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
	// The reason is worded only for an op that needs one.
	if !valueOK(op.Value, b) {
		return badOp(checkValue("value of "+op.Field, op.Value, b))
	}
	if len(op.From) > 0 && !valueOK(op.From, b) {
		return badOp(checkValue("from", op.From, b))
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
	i := 0
	for i < len(s) && idByte[s[i]] { // the common case: all ASCII
		i++
	}
	for i < len(s) {
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

// idByte is idASCII for every byte (false at and above utf8.RuneSelf).
var idByte = func() (t [256]bool) {
	copy(t[:], idASCII[:])
	return t
}()

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
	if d := s[18:]; d != "" && len(d) <= maxID && idChars(d) == "" {
		return "" // checkID would pass: its reason is not worded
	}
	return checkID(what+"'s device", s[18:], maxID)
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

// valueOK reports whether checkValue finds nothing wrong with v.
func valueOK(v []byte, b Bounds) bool {
	return len(v) <= b.ValueBytes && scanJSON(v, b.Depth) == ""
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
