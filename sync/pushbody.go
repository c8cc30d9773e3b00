package sync

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/liaison-dev/liaison/store"
)

// decodePush reads a push body. It gives what encoding/json would give for
// a PushRequest (a fuzz test holds it to that) at several times the speed:
// a push of 500 ops is read without reflection, each op's value kept as the
// bytes it was sent as. It is stricter in one way: a key given twice in one
// object is an error, where encoding/json would merge or overwrite.
func decodePush(body []byte) (PushRequest, error) {
	var req PushRequest
	d := jsonScanner{b: body}
	d.space()
	if d.literal("null") {
		return req, d.end()
	}
	var seen [len(pushKeys)]bool
	err := d.object(func(name []byte) error {
		k, err := keyOf(name, pushKeys[:], seen[:])
		switch k {
		case 0:
			if err := d.intValue(&req.Protocol); err != nil {
				return fmt.Errorf("protocol must be a whole number: %w", err)
			}
			return nil
		case 1:
			return d.stringValue(&req.Epoch)
		case 2:
			return d.stringValue(&req.DeviceID)
		case 3:
			return d.ops(&req.Ops)
		}
		if err != nil {
			return err
		}
		return d.skipValue()
	})
	if err != nil {
		return PushRequest{}, err
	}
	return req, d.end()
}

// The keys of a push body and of an op, in the order their cases are
// numbered below.
var (
	pushKeys = [...]string{"protocol", "epoch", "device_id", "ops"}
	opKeys   = [...]string{"op_id", "type", "id", "field", "value", "stamp", "base", "resolves", "from"}
)

var errDuplicateKey = errors.New("a key appears twice in one object")

// keyOf matches a key as encoding/json does (exactly, or else ignoring
// case) and returns its index in keys, or -1 for a key not in keys. A key
// used twice is an error.
func keyOf(name []byte, keys []string, seen []bool) (int, error) {
	i := slices.Index(keys, string(name))
	for j := 0; i < 0 && j < len(keys); j++ {
		if bytes.EqualFold(name, []byte(keys[j])) {
			i = j
		}
	}
	switch {
	case i < 0:
		return -1, nil
	case seen[i]:
		return -1, errDuplicateKey
	}
	seen[i] = true
	return i, nil
}

func (d *jsonScanner) ops(out *[]store.Op) error {
	if d.literal("null") {
		*out = nil
		return nil
	}
	// About 200 bytes per op: room for a batch without growing, and
	// never more than the body's own size.
	ops := make([]store.Op, 0, min(len(d.b)/200+1, 4096))
	err := d.array(func() error {
		ops = append(ops, store.Op{})
		if d.literal("null") {
			return nil
		}
		return d.op(&ops[len(ops)-1])
	})
	*out = ops
	return err
}

func (d *jsonScanner) op(op *store.Op) error {
	var seen [len(opKeys)]bool
	return d.object(func(name []byte) error {
		k, err := keyOf(name, opKeys[:], seen[:])
		switch k {
		case 0:
			return d.stringValue(&op.OpID)
		case 1:
			return d.stringValue(&op.Type)
		case 2:
			return d.stringValue(&op.ID)
		case 3:
			return d.stringValue(&op.Field)
		case 4:
			return d.rawValue(&op.Value)
		case 5:
			return d.stringValue(&op.Stamp)
		case 6:
			return d.stringValue(&op.Base)
		case 7:
			return d.strings(&op.Resolves)
		case 8:
			return d.rawValue(&op.From)
		}
		if err != nil {
			return err
		}
		return d.skipValue()
	})
}

func (d *jsonScanner) strings(out *[]string) error {
	if d.literal("null") {
		*out = nil
		return nil
	}
	ss := []string{}
	err := d.array(func() error {
		ss = append(ss, "")
		return d.stringValue(&ss[len(ss)-1])
	})
	*out = ss
	return err
}

// jsonScanner reads JSON text from b, checking its syntax as it goes.
type jsonScanner struct {
	b     []byte
	i     int
	depth int
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
	for d.i < len(d.b) {
		d.i = skipPlain(d.b, d.i)
		if d.i == len(d.b) {
			break
		}
		c := d.b[d.i]
		switch {
		case c == '"':
			raw = d.b[start:d.i]
			d.i++
			return raw, esc || !utf8.Valid(raw), nil
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
// not plain (len(b) if none).
func skipPlain(b []byte, i int) int {
	for ; i < len(b); i++ {
		if !plain[b[i]] {
			return i
		}
	}
	return i
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
	if esc {
		err = json.Unmarshal(d.b[start:d.i], s)
	} else {
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
