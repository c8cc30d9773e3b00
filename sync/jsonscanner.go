package sync

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"unicode/utf8"
	"unsafe"
)

// jsonScanner reads JSON text from b, checking its syntax as it goes.
type jsonScanner struct {
	b     []byte
	i     int
	depth int
	// keep, if set, is a copy of b that nothing writes to: stringValue and
	// rawValue then return parts of it instead of a copy each (decodePush:
	// one allocation per body instead of several per op).
	keep []byte
}

// maxDepth is encoding/json's nesting limit.
const maxDepth = 10000

func (d *jsonScanner) fail(what string) error {
	if d.i >= len(d.b) {
		return fmt.Errorf("unexpected end of JSON input (%s)", what)
	}
	return fmt.Errorf("invalid character %q at offset %d (%s)", d.b[d.i], d.i, what)
}

func (d *jsonScanner) space() {
	for d.i < len(d.b) {
		switch d.b[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

// end checks that only white space follows the top-level value.
func (d *jsonScanner) end() error {
	d.space()
	if d.i != len(d.b) {
		return d.fail("after the top-level value")
	}
	return nil
}

// literal consumes lit (and the white space after it) if it comes next.
func (d *jsonScanner) literal(lit string) bool {
	if !bytes.HasPrefix(d.b[d.i:], []byte(lit)) {
		return false
	}
	d.i += len(lit)
	d.space()
	return true
}

// object reads an object, calling member for each key with the scanner
// at the key's value; member must consume that value.
func (d *jsonScanner) object(member func(name []byte) error) error {
	if d.i >= len(d.b) || d.b[d.i] != '{' {
		return d.fail("expected an object")
	}
	if d.depth++; d.depth > maxDepth {
		return errors.New("exceeded max depth")
	}
	defer func() { d.depth-- }()
	d.i++
	d.space()
	if d.i < len(d.b) && d.b[d.i] == '}' {
		d.i++
		d.space()
		return nil
	}
	for {
		raw, esc, err := d.str()
		if err != nil {
			return err
		}
		name := raw
		if esc {
			var s string
			if err := json.Unmarshal(d.b[d.i-len(raw)-2:d.i], &s); err != nil {
				return err
			}
			name = []byte(s)
		}
		d.space()
		if d.i >= len(d.b) || d.b[d.i] != ':' {
			return d.fail("expected a colon after an object key")
		}
		d.i++
		d.space()
		if err := member(name); err != nil {
			return err
		}
		if d.i >= len(d.b) {
			return d.fail("in an object")
		}
		switch d.b[d.i] {
		case ',':
			d.i++
			d.space()
		case '}':
			d.i++
			d.space()
			return nil
		default:
			return d.fail("after an object value")
		}
	}
}

// array reads an array, calling elem with the scanner at each element;
// elem must consume it.
func (d *jsonScanner) array(elem func() error) error {
	if d.i >= len(d.b) || d.b[d.i] != '[' {
		return d.fail("expected an array")
	}
	if d.depth++; d.depth > maxDepth {
		return errors.New("exceeded max depth")
	}
	defer func() { d.depth-- }()
	d.i++
	d.space()
	if d.i < len(d.b) && d.b[d.i] == ']' {
		d.i++
		d.space()
		return nil
	}
	for {
		if err := elem(); err != nil {
			return err
		}
		if d.i >= len(d.b) {
			return d.fail("in an array")
		}
		switch d.b[d.i] {
		case ',':
			d.i++
			d.space()
		case ']':
			d.i++
			d.space()
			return nil
		default:
			return d.fail("after an array element")
		}
	}
}

// str reads a string and returns the bytes between its quotes, and
// whether they hold an escape (or bytes that are not UTF-8: either way
// they need unquoting).
func (d *jsonScanner) str() (raw []byte, esc bool, err error) {
	if d.i >= len(d.b) || d.b[d.i] != '"' {
		return nil, false, d.fail("expected a string")
	}
	d.i++
	start := d.i
	var high byte // the bits of every plain byte: ASCII needs no UTF-8 check
	for d.i < len(d.b) {
		var h byte
		d.i, h = skipPlain(d.b, d.i)
		high |= h
		if d.i == len(d.b) {
			break
		}
		c := d.b[d.i]
		switch {
		case c == '"':
			raw = d.b[start:d.i]
			d.i++
			return raw, esc || high >= utf8.RuneSelf && !utf8.Valid(raw), nil
		case c == '\\':
			esc = true
			d.i++
			if d.i >= len(d.b) {
				return nil, false, d.fail("in a string escape")
			}
			switch d.b[d.i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				d.i++
			case 'u':
				d.i++
				for range 4 {
					if d.i >= len(d.b) || !isHex(d.b[d.i]) {
						return nil, false, d.fail("in a \\u escape")
					}
					d.i++
				}
			default:
				return nil, false, d.fail("in a string escape")
			}
		case c < 0x20:
			return nil, false, d.fail("in a string")
		default:
			d.i++
		}
	}
	return nil, false, d.fail("in a string")
}

// skipPlain returns the index of the first byte at or after i that is
// not plain (len(b) if none), and the bits of the plain bytes it skipped
// or-ed together.
func skipPlain(b []byte, i int) (int, byte) {
	var high byte
	for ; i < len(b); i++ {
		c := b[i]
		if !plain[c] {
			return i, high
		}
		high |= c
	}
	return i, high
}

// plain marks the bytes that stand for themselves in a string.
var plain = func() (t [256]bool) {
	for c := 0x20; c < 256; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// stringValue reads a string or null (which leaves s as it is).
func (d *jsonScanner) stringValue(s *string) error {
	if d.literal("null") {
		return nil
	}
	start := d.i
	raw, esc, err := d.str()
	if err != nil {
		return err
	}
	switch {
	case esc:
		err = json.Unmarshal(d.b[start:d.i], s)
	case d.keep != nil && len(raw) > 0:
		*s = unsafe.String(&d.keep[d.i-1-len(raw)], len(raw))
	default:
		*s = string(raw)
	}
	d.space()
	return err
}

// intValue reads an integer or null (which leaves n as it is).
func (d *jsonScanner) intValue(n *int) error {
	v := int64(*n)
	if err := d.int64Value(&v); err != nil {
		return err
	}
	*n = int(v)
	return nil
}

// rawValue reads any value and keeps a copy of its bytes.
func (d *jsonScanner) rawValue(out *json.RawMessage) error {
	start := d.i
	if err := d.skipValue(); err != nil {
		return err
	}
	end := d.i
	for end > start && isSpace(d.b[end-1]) {
		end--
	}
	if d.keep != nil {
		*out = json.RawMessage(d.keep[start:end:end])
		return nil
	}
	*out = append(json.RawMessage(nil), d.b[start:end]...)
	return nil
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// skipValue reads any value, checking its syntax, and the white space
// after it.
func (d *jsonScanner) skipValue() error {
	if d.i >= len(d.b) {
		return d.fail("expected a value")
	}
	switch c := d.b[d.i]; {
	case c == '{':
		return d.object(func([]byte) error { return d.skipValue() })
	case c == '[':
		return d.array(d.skipValue)
	case c == '"':
		if _, _, err := d.str(); err != nil {
			return err
		}
	case c == '-' || '0' <= c && c <= '9':
		if err := d.number(); err != nil {
			return err
		}
	case d.literal("true"), d.literal("false"), d.literal("null"):
		return nil
	default:
		return d.fail("expected a value")
	}
	d.space()
	return nil
}

// number reads a number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (d *jsonScanner) number() error {
	digits := func() int {
		n := 0
		for d.i < len(d.b) && '0' <= d.b[d.i] && d.b[d.i] <= '9' {
			d.i++
			n++
		}
		return n
	}
	if d.i < len(d.b) && d.b[d.i] == '-' {
		d.i++
	}
	switch {
	case d.i < len(d.b) && d.b[d.i] == '0':
		d.i++
	case digits() == 0:
		return d.fail("in a number")
	}
	if d.i < len(d.b) && d.b[d.i] == '.' {
		d.i++
		if digits() == 0 {
			return d.fail("after a decimal point")
		}
	}
	if d.i < len(d.b) && (d.b[d.i] == 'e' || d.b[d.i] == 'E') {
		d.i++
		if d.i < len(d.b) && (d.b[d.i] == '+' || d.b[d.i] == '-') {
			d.i++
		}
		if digits() == 0 {
			return d.fail("in an exponent")
		}
	}
	return nil
}
