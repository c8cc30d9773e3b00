package store

import (
	"fmt"
	"unicode/utf8"
)

// The JSON syntax check of a pushed value (CheckOp's checkValue): one
// pass, no allocation.

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
