package visits

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
)

// 统一社会信用代码 (USCC), GB 32100-2015: 18 characters made of a
// registration department (1), an organisation type (1), the registering
// authority's area code (6 digits), an organisation code (9) and a check
// character (1). The area code names the registering authority; it is not
// proof of where the enterprise is.

// usccChars is the USCC character set; a character's value is its index
// (0..30). I, O, S, V and Z are not used.
const usccChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// usccWeights are 3^(i-1) mod 31 for positions 1..17.
var usccWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// ErrUSCCShape is matched (errors.Is) by every error that refuses a code
// because of its length or a character outside the set. A wrong check
// character is not an error: see USCC.CheckOK.
var ErrUSCCShape = errors.New("malformed unified social credit code")

// USCCShapeError says what is wrong with the shape of a code. Pos is the
// 1-based position of the first bad character in the normalized code, or 0
// when the length is wrong.
type USCCShapeError struct {
	Code string // normalized input
	Len  int    // number of characters (runes) of Code
	Pos  int    // 1-based; 0: the length is wrong
	Char rune   // the bad character when Pos > 0
}

func (e *USCCShapeError) Error() string {
	if e.Pos == 0 {
		return fmt.Sprintf("uscc %q: %d characters, want 18 (or 15 digits for an old registration number)", e.Code, e.Len)
	}
	return fmt.Sprintf("uscc %q: character %q at position %d is not allowed (use 0-9 and A-Z without I, O, S, V, Z)", e.Code, e.Char, e.Pos)
}

// Is makes errors.Is(err, ErrUSCCShape) true.
func (e *USCCShapeError) Is(target error) bool { return target == ErrUSCCShape }

// USCC is a parsed code. For a Legacy 15-digit registration number only
// Code, Area and Legacy are set and CheckOK is true: numbers issued before
// the 2006 rule follow no single check scheme, so none is verified.
type USCC struct {
	Code     string // normalized: what to store
	Dept     byte   // registration department (position 1)
	OrgType  byte   // organisation type (position 2)
	Area     string // registering authority's area code (positions 3-8)
	OrgCode  string // organisation code (positions 9-17)
	Check    byte   // check character as given (position 18)
	CheckOK  bool   // Check is right; when false, warn and ask for confirmation
	Expected byte   // the right check character (0 for Legacy)
	Legacy   bool   // a 15-digit old registration number (工商注册号)
}

// NormalizeUSCC applies the input policy: white space (including the
// full-width space) and hyphens are dropped wherever they are, full-width
// ０-９, Ａ-Ｚ and ａ-ｚ become ASCII, and ASCII letters are upper-cased.
// Other characters are kept so that ParseUSCC can name them. It is
// idempotent.
func NormalizeUSCC(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) || isHyphen(r):
			continue
		case r >= '０' && r <= '９':
			r = '0' + (r - '０')
		case r >= 'Ａ' && r <= 'Ｚ':
			r = 'A' + (r - 'Ａ')
		case r >= 'ａ' && r <= 'ｚ':
			r = 'A' + (r - 'ａ')
		case r >= 'a' && r <= 'z':
			r -= 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isHyphen(r rune) bool {
	switch r {
	case '-', '－', '‐', '‑', '‒', '–', '—', '―', '−', 'ｰ':
		return true
	}
	return false
}

// ParseUSCC normalizes s and parses it. It fails, with an error matching
// ErrUSCCShape, when the length or a character is wrong. A code of the
// right shape whose check character is wrong parses with CheckOK false and
// Expected set: such codes exist (early pilot regions) and may be stored
// once an officer confirms them.
func ParseUSCC(s string) (USCC, error) {
	code := NormalizeUSCC(s)
	n := len([]rune(code))
	switch {
	case n == 15:
		for i, r := range []rune(code) {
			if r < '0' || r > '9' {
				return USCC{}, &USCCShapeError{Code: code, Len: n, Pos: i + 1, Char: r}
			}
		}
		return USCC{Code: code, Area: code[:6], CheckOK: true, Legacy: true}, nil
	case n != 18:
		return USCC{}, &USCCShapeError{Code: code, Len: n}
	}
	for i, r := range []rune(code) {
		if r > unicode.MaxASCII || strings.IndexByte(usccChars, byte(r)) < 0 {
			return USCC{}, &USCCShapeError{Code: code, Len: n, Pos: i + 1, Char: r}
		}
	}
	want, _ := USCCCheckChar(code[:17])
	return USCC{
		Code:     code,
		Dept:     code[0],
		OrgType:  code[1],
		Area:     code[2:8],
		OrgCode:  code[8:17],
		Check:    code[17],
		CheckOK:  code[17] == want,
		Expected: want,
	}, nil
}

// USCCCheckChar returns the check character for the first 17 characters of
// a code (normalized first). The error matches ErrUSCCShape.
func USCCCheckChar(first17 string) (byte, error) {
	code := NormalizeUSCC(first17)
	runes := []rune(code)
	if len(runes) != 17 {
		return 0, &USCCShapeError{Code: code, Len: len(runes)}
	}
	sum := 0
	for i, r := range runes {
		v := -1
		if r <= unicode.MaxASCII {
			v = strings.IndexByte(usccChars, byte(r))
		}
		if v < 0 {
			return 0, &USCCShapeError{Code: code, Len: 17, Pos: i + 1, Char: r}
		}
		sum += v * usccWeights[i]
	}
	c := 31 - sum%31
	if c == 31 {
		c = 0
	}
	return usccChars[c], nil
}

// MakeUSCC returns prefix17 (normalized) followed by its check character.
// It is for seeders and tests, and panics if prefix17 is not 17 characters
// of the USCC set.
func MakeUSCC(prefix17 string) string {
	c, err := USCCCheckChar(prefix17)
	if err != nil {
		panic("visits.MakeUSCC: " + err.Error())
	}
	return NormalizeUSCC(prefix17) + string(c)
}
