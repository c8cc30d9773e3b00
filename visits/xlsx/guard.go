package xlsx

import (
	"bufio"
	"errors"
	"io"
)

// ErrTokenTooLong is returned when one XML token (a text, a tag, a
// comment, a CDATA section) is longer than Options.MaxToken bytes.
var ErrTokenTooLong = errors.New("xlsx: an XML token is over the size limit")

// ErrDirective is returned for a <!DOCTYPE …> or other directive, which no
// spreadsheet part needs.
var ErrDirective = errors.New("xlsx: XML directive (DOCTYPE) refused")

// guard passes an XML stream to encoding/xml byte by byte (it is the
// io.ByteReader the decoder reads from, so an error stops the decoder at
// the very byte) while bounding the bytes of every token the decoder
// would gather in memory: the bytes between two '<' (text may not hold
// '<', and neither may an attribute value), and the whole of a comment, a
// CDATA section or a processing instruction, which may. It refuses
// directives, whose internal subset may nest '<'.
type guard struct {
	r     *bufio.Reader
	max   int
	run   int    // bytes of the current token
	state int    // guardText, guardOpen or guardSpecial
	pre   []byte // bytes after '<' while deciding what it opens
	term  string // what ends the special section
	p     int    // how much of term has been seen
	err   error  // the refusal, once made
}

const (
	guardText    = iota // in text or a tag
	guardOpen           // after '<', deciding
	guardSpecial        // in a comment, CDATA or processing instruction
)

func newGuard(r io.Reader, max int) *guard {
	return &guard{r: bufio.NewReaderSize(r, 32<<10), max: max}
}

// Read is there for io.Reader; the decoder uses ReadByte.
func (g *guard) Read(b []byte) (int, error) {
	for i := range b {
		c, err := g.ReadByte()
		if err != nil {
			return i, err
		}
		b[i] = c
	}
	return len(b), nil
}

func (g *guard) ReadByte() (byte, error) {
	c, err := g.r.ReadByte()
	if err != nil {
		return c, err
	}
	if g.err != nil {
		return 0, g.err
	}
	g.run++
	if g.run > g.max {
		g.err = ErrTokenTooLong
		return 0, g.err
	}
	switch g.state {
	case guardText:
		if c == '<' {
			g.run, g.state, g.pre = 1, guardOpen, g.pre[:0]
		}
	case guardOpen:
		g.pre = append(g.pre, c)
		if g.err = g.decide(); g.err != nil {
			return 0, g.err
		}
	case guardSpecial:
		switch {
		case c == g.term[g.p]:
			g.p++
		case g.p == 2 && g.term[0] == g.term[1] && c == g.term[1]:
			// "]]]>" or "--->": still two seen
		case c == g.term[0]:
			g.p = 1
		default:
			g.p = 0
		}
		if g.p == len(g.term) {
			g.state, g.run = guardText, 0
		}
	}
	return c, nil
}

// decide looks at the bytes after '<': a tag goes on as text, a comment,
// CDATA section or processing instruction becomes special, anything else
// opened by "<!" is a directive and refused.
func (g *guard) decide() error {
	pre := string(g.pre)
	switch {
	case pre[0] != '!' && pre[0] != '?':
		g.state = guardText
	case pre == "?":
		g.state, g.term, g.p = guardSpecial, "?>", 0
	case pre == "!--":
		g.state, g.term, g.p = guardSpecial, "-->", 0
	case pre == "![CDATA[":
		g.state, g.term, g.p = guardSpecial, "]]>", 0
	case len(pre) < len("![CDATA[") && pre == "![CDATA["[:len(pre)], pre == "!-":
		// undecided yet
	default:
		return ErrDirective
	}
	return nil
}
