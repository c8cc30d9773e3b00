package store

import (
	"encoding/binary"
	"strconv"
	"time"
)

// Values in version 3 field sets (schema 10). Most of a record's bytes are
// its values, and most values are of three shapes: a quoted UUID (an id
// another record is known by), a quoted RFC 3339 time (a record's at,
// created_at and updated_at, often equal), and a code from a short list
// (an occasion, a method, a status). Each is stored in a few bytes:
//
//	uvarint h, kind h&3, n h>>2:
//	  kind 0: n bytes as they are
//	  kind 1: a quoted canonical UUID: 16 bytes follow (n is 0)
//	  kind 2: a quoted time: n 0 is the record's previous time value again;
//	          else layout n-1 (fraction digits (n-1)%10, zone (n-1)/10: 0 "Z",
//	          1 "±hh:mm"), then zigzag varint seconds since 1970 (UTC), uvarint
//	          fraction (its digits as a number) if any, zigzag varint zone
//	          offset in minutes if any
//	  kind 3: valueWords[n]
//
// A value is given another shape only when that shape gives it back byte
// for byte (checked when it is written): anything else is stored as it is.
const (
	valRaw  = 0
	valUUID = 1
	valTime = 2
	valWord = 3
)

// valueWords are the stored values written as one number. Append only: a
// stored number must keep its value forever.
var valueWords = []string{
	`true`, `false`, `null`, `""`, `[]`, `{}`, `0`,
	// occasions
	`"new_entry"`, `"difficulty"`, `"major_change"`, `"application_node"`, `"qualification_expiry"`,
	`"festival_care"`, `"routine"`, `"other"`,
	// methods
	`"on_site"`, `"phone"`, `"online"`, `"symposium"`, `"field_office"`,
	// purposes, as a visit's list of one
	`["policy"]`, `["needs"]`, `["application"]`, `["tech_diagnosis"]`, `["revisit"]`, `["data"]`, `["care"]`, `["other"]`,
	// need statuses, follow-up statuses, need event actions
	`"registered"`, `"accepted"`, `"assigned"`, `"in_progress"`, `"replied"`, `"closed"`, `"suspended"`,
	`"rejected"`, `"withdrawn"`, `"open"`, `"done"`, `"cancelled"`, `"status"`, `"register"`, `"revisit"`,
	// categories, natures, severities, satisfaction
	`"policy"`, `"qualification"`, `"tech"`, `"ip"`, `"talent"`, `"finance"`, `"land_space"`, `"approval"`,
	`"infra"`, `"market"`, `"tax"`, `"regulatory"`, `"consult"`, `"help"`, `"complaint"`, `"suggestion"`,
	`"general"`, `"complex"`, `"urgent"`, `"satisfied"`, `"basic"`, `"unsatisfied"`, `"unreached"`,
	// tiers, application kinds, stages, roles
	`"none"`, `"tsme"`, `"prov"`, `"hnte"`, `"guide"`, `"cultivate"`, `"mature"`, `"apply"`,
	`"liaison"`, `"commissioner"`, `"counselor"`, `"leader"`, `"admin"`,
	// technology domains
	`"electronic_info"`, `"bio_medicine"`, `"aerospace"`, `"new_materials"`, `"high_tech_services"`,
	`"new_energy"`, `"resources_environment"`, `"advanced_manufacturing"`,
	// the zero time of a field never set
	`"0001-01-01T00:00:00Z"`,
}

var valueWordCode = func() map[string]uint64 {
	m := make(map[string]uint64, len(valueWords))
	for i, w := range valueWords {
		if _, dup := m[w]; !dup {
			m[w] = uint64(i)
		}
	}
	return m
}()

// appendValue3 appends a value in the form above. prevTime is the
// record's previous time value (as written), updated.
func appendValue3(b, v []byte, prevTime *[]byte) []byte {
	if c, ok := valueWordCode[string(v)]; ok {
		return binary.AppendUvarint(b, c<<2|valWord)
	}
	if len(v) == 38 && v[0] == '"' && v[37] == '"' {
		if u, ok := parseUUID(string(v[1:37])); ok {
			b = append(b, valUUID)
			return append(b, u[:]...)
		}
	}
	if len(v) >= 22 && len(v) <= 37 && v[0] == '"' && v[len(v)-1] == '"' {
		if string(v) == string(*prevTime) {
			return append(b, valTime)
		}
		if enc, ok := encodeTime(v[1 : len(v)-1]); ok {
			*prevTime = v
			return append(b, enc...)
		}
	}
	b = binary.AppendUvarint(b, uint64(len(v))<<2|valRaw)
	return append(b, v...)
}

// timeBuf holds an encoded time: header, seconds, fraction, offset.
type timeBuf [1 + 3*binary.MaxVarintLen64]byte

// encodeTime encodes the text of an RFC 3339 time as kind 2 (header
// included), if formatting it back gives the same text.
func encodeTime(s []byte) ([]byte, bool) {
	// YYYY-MM-DDTHH:MM:SS[.fraction](Z|±hh:mm)
	if len(s) < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' {
		return nil, false
	}
	num := func(p string) (int, bool) {
		n, err := strconv.Atoi(p)
		return n, err == nil && p[0] >= '0' && p[0] <= '9'
	}
	y, ok1 := num(string(s[0:4]))
	mo, ok2 := num(string(s[5:7]))
	d, ok3 := num(string(s[8:10]))
	h, ok4 := num(string(s[11:13]))
	mi, ok5 := num(string(s[14:16]))
	se, ok6 := num(string(s[17:19]))
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) {
		return nil, false
	}
	rest := s[19:]
	frac, digits := 0, 0
	if len(rest) > 0 && rest[0] == '.' {
		i := 1
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			i++
		}
		digits = i - 1
		if digits < 1 || digits > 9 {
			return nil, false
		}
		frac, _ = strconv.Atoi(string(rest[1:i]))
		rest = rest[i:]
	}
	zone, off := 0, 0
	switch {
	case len(rest) == 1 && rest[0] == 'Z':
	case len(rest) == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':':
		oh, okh := num(string(rest[1:3]))
		om, okm := num(string(rest[4:6]))
		if !okh || !okm {
			return nil, false
		}
		zone, off = 1, oh*60+om
		if rest[0] == '-' {
			off = -off
		}
	default:
		return nil, false
	}
	sec := time.Date(y, time.Month(mo), d, h, mi, se, 0, time.UTC).Unix() - int64(off)*60
	var tb timeBuf
	e := binary.AppendUvarint(tb[:0], uint64(1+zone*10+digits)<<2|valTime)
	e = binary.AppendVarint(e, sec)
	if digits > 0 {
		e = binary.AppendUvarint(e, uint64(frac))
	}
	if zone == 1 {
		e = binary.AppendVarint(e, int64(off))
	}
	// Only what comes back byte for byte (no 24:00, no 02-30, no -00:00).
	var back [40]byte
	got, err := appendTimeText(back[:0], e)
	if err != nil || string(got) != `"`+string(s)+`"` {
		return nil, false
	}
	return append([]byte(nil), e...), true
}

// encodedTime is a time of kind 2 read from its encoding.
type encodedTime struct {
	sec, off     int64 // seconds since 1970 (UTC); zone offset, minutes
	frac         uint64
	digits, zone int
}

// readTime reads an encoded time (kind 2 with a layout, header included)
// and checks that it can be formatted.
func readTime(e []byte) (t encodedTime, err error) {
	d := decoder{b: e}
	h := d.uvarint()
	if h&3 != valTime || h>>2 == 0 || h>>2 > 20 {
		return t, errFieldsCorrupt
	}
	layout := h>>2 - 1
	t.digits, t.zone = int(layout%10), int(layout/10)
	t.sec = d.varint()
	if t.digits > 0 {
		t.frac = d.uvarint()
	}
	if t.zone == 1 {
		t.off = d.varint()
	}
	if d.err != nil || len(d.b) != 0 || t.off <= -24*60 || t.off >= 24*60 || t.frac >= pow10[t.digits] ||
		t.sec < -62135596800 || t.sec > 253402300799 {
		return t, errFieldsCorrupt
	}
	return t, nil
}

// appendTimeText appends the quoted text of an encoded time (kind 2 with
// a layout, header included).
func appendTimeText(b, e []byte) ([]byte, error) {
	et, err := readTime(e)
	if err != nil {
		return nil, err
	}
	sec, off, frac, digits, zone := et.sec, et.off, et.frac, et.digits, et.zone
	t := time.Unix(sec+off*60, 0).UTC()
	y, mo, dd := t.Date()
	hh, mi, ss := t.Clock()
	b = append(b, '"')
	b = appendDigits(b, y, 4)
	b = append(b, '-')
	b = appendDigits(b, int(mo), 2)
	b = append(b, '-')
	b = appendDigits(b, dd, 2)
	b = append(b, 'T')
	b = appendDigits(b, hh, 2)
	b = append(b, ':')
	b = appendDigits(b, mi, 2)
	b = append(b, ':')
	b = appendDigits(b, ss, 2)
	if digits > 0 {
		b = append(b, '.')
		b = appendDigits(b, int(frac), digits)
	}
	if zone == 0 {
		b = append(b, 'Z')
	} else {
		sign := byte('+')
		if off < 0 {
			sign, off = '-', -off
		}
		b = append(b, sign)
		b = appendDigits(b, int(off/60), 2)
		b = append(b, ':')
		b = appendDigits(b, int(off%60), 2)
	}
	return append(b, '"'), nil
}

var pow10 = [10]uint64{1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000}

// appendDigits appends n in exactly width decimal digits (n < 10^width).
func appendDigits(b []byte, n, width int) []byte {
	for i := width - 1; i >= 0; i-- {
		b = append(b, byte('0'+n/int(pow10[i])%10))
	}
	return b
}

// valueSpan reads one value of the form above and returns its encoded
// bytes, header included, resolving a repeated time to the time it
// repeats (prevTime, updated).
func (d *decoder) valueSpan(prevTime *[]byte) []byte {
	start := d.b
	h := d.uvarint()
	switch h & 3 {
	case valRaw:
		d.take(h >> 2)
	case valUUID:
		if h>>2 != 0 {
			d.err = errFieldsCorrupt
		}
		d.take(16)
	case valTime:
		if h>>2 == 0 {
			if *prevTime == nil {
				d.err = errFieldsCorrupt
			}
			return *prevTime
		}
		layout := h>>2 - 1
		d.varint()
		if layout%10 > 0 {
			d.uvarint()
		}
		if layout/10 == 1 {
			d.varint()
		}
		if d.err == nil {
			if _, err := readTime(start[:len(start)-len(d.b)]); err != nil {
				d.err = err
			}
		}
	case valWord:
		if h>>2 >= uint64(len(valueWords)) {
			d.err = errFieldsCorrupt
		}
	}
	if d.err != nil {
		return nil
	}
	span := start[:len(start)-len(d.b)]
	if h&3 == valTime {
		*prevTime = span
	}
	return span
}

// valueOf returns the JSON text of a value read by valueSpan: a value
// stored as it is is a slice of span, any other is made.
func valueOf(span []byte) ([]byte, error) {
	if h, n := binary.Uvarint(span); n > 0 && h&3 == valRaw {
		return span[n:len(span):len(span)], nil
	}
	return appendValueText(nil, span)
}

// appendValueText appends the JSON text of a value read by valueSpan.
func appendValueText(b, span []byte) ([]byte, error) {
	d := decoder{b: span}
	h := d.uvarint()
	switch h & 3 {
	case valRaw:
		return append(b, d.b...), nil
	case valUUID:
		var u [16]byte
		copy(u[:], d.b)
		b = append(b, '"')
		b = appendUUID(b, u)
		return append(b, '"'), nil
	case valTime:
		return appendTimeText(b, span)
	default:
		return append(b, valueWords[h>>2]...), nil
	}
}

func (d *decoder) varint() int64 {
	if d.err != nil {
		return 0
	}
	x, n := binary.Varint(d.b)
	if n <= 0 {
		d.err = errFieldsCorrupt
		return 0
	}
	d.b = d.b[n:]
	return x
}
