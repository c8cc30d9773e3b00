package xlsx

import (
	"bytes"
	"errors"
	"io"
)

// ErrTokenTooLong is returned when one XML token (a text, a tag, a
// comment, a CDATA section) is longer than Options.MaxToken bytes.
var ErrTokenTooLong = errors.New("xlsx: an XML token is over the size limit")

// ErrDirective is returned for a <!DOCTYPE …> or other directive, which no
// spreadsheet part needs.
var ErrDirective = errors.New("xlsx: XML directive (DOCTYPE) refused")

// guard passes an XML stream through while bounding the bytes of every
// token encoding/xml would gather in memory: the bytes between two '<'
// (text may not hold '<', and neither may an attribute value), and the
// whole of a comment, a CDATA section or a processing instruction, which
// may. It refuses directives, whose internal subset may nest '<'.
type guard struct {
	r     io.Reader
	max   int
	run   int    // bytes of the current token
	state int    // guardText, guardOpen or guardSpecial
	pre   []byte // bytes after '<' while deciding what it opens
	term  string // what ends the special section
	p     int    // how much of term has been seen
}

const (
	guardText    = iota // in text or a tag
	guardOpen           // after '<', deciding
	guardSpecial        // in a comment, CDATA or processing instruction
)

func newGuard(r io.Reader, max int) *guard { return &guard{r: r, max: max} }

func (g *guard) Read(b []byte) (int, error) {
	n, err := g.r.Read(b)
	if cerr := g.scan(b[:n]); cerr != nil {
		return 0, cerr
	}
	return n, err
}

func (g *guard) scan(b []byte) error {
	for len(b) > 0 {
		switch g.state {
		case guardText:
			i := bytes.IndexByte(b, '<')
			if i < 0 {
				g.run += len(b)
				return g.check()
			}
			g.run += i
			if err := g.check(); err != nil {
				return err
			}
			g.run, g.state, g.pre = 1, guardOpen, g.pre[:0]
			b = b[i+1:]
		case guardOpen:
			c := b[0]
			b = b[1:]
			g.run++
			g.pre = append(g.pre, c)
			if err := g.decide(); err != nil {
				return err
			}
		case guardSpecial:
			c := b[0]
			b = b[1:]
			g.run++
			if err := g.check(); err != nil {
				return err
			}
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
	}
	return nil
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
	case len(pre) <= len("![CDATA[") && pre == "![CDATA["[:len(pre)], pre == "!-":
		// undecided yet
	default:
		return ErrDirective
	}
	return nil
}

func (g *guard) check() error {
	if g.run > g.max {
		return ErrTokenTooLong
	}
	return nil
}
