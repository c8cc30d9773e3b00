package xlsx

import (
	"encoding/xml"
	"errors"
	"io"
	"math"
	"strings"
)

// stringTable holds the shared strings as one byte slice and the offset
// where each ends: 4 bytes per string beyond its text, so that a part full
// of tiny strings costs little more than the part.
type stringTable struct {
	buf []byte
	end []uint32
}

func (t *stringTable) get(i int) (string, bool) {
	if i < 0 || i >= len(t.end) {
		return "", false
	}
	start := uint32(0)
	if i > 0 {
		start = t.end[i-1]
	}
	return string(t.buf[start:t.end[i]]), true
}

// loadStrings reads the shared strings part named in the workbook's
// relationships (or xl/sharedStrings.xml); a workbook without one has
// none. Each string is its text runs joined, phonetic runs left out.
func (b *Book) loadStrings() error {
	if b.strs != nil {
		return nil
	}
	b.strs = &stringTable{}
	part := b.stringsPart()
	if part == "" {
		return nil
	}
	c, err := b.open(part, b.opts.MaxStrings)
	if err != nil {
		return err
	}
	defer c.Close()
	d := b.decoder(c)
	t := b.strs
	var text strings.Builder
	inT, skip := false, 0 // in a <t> to keep; depth inside <rPh>
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return c.drain()
		}
		if err != nil {
			return partErr(part, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			switch {
			case skip > 0 || tok.Name.Local == "rPh":
				skip++
			case tok.Name.Local == "si":
				text.Reset()
			case tok.Name.Local == "t":
				inT = true
			}
		case xml.EndElement:
			switch {
			case skip > 0:
				skip--
			case tok.Name.Local == "t":
				inT = false
			case tok.Name.Local == "si":
				t.buf = append(t.buf, unescape(text.String())...)
				if len(t.buf) > math.MaxUint32 {
					return &SizeError{Part: part, Max: math.MaxUint32}
				}
				t.end = append(t.end, uint32(len(t.buf)))
			}
		case xml.CharData:
			if inT && skip == 0 {
				text.Write(tok)
			}
		}
	}
}

// stringsPart finds the shared strings through the workbook's
// relationships, or at the usual name.
func (b *Book) stringsPart() string {
	for _, r := range b.wbRels {
		if strings.HasSuffix(r.typ, "/sharedStrings") {
			if b.findPart(resolve(b.wbPart, r.target)) != nil {
				return resolve(b.wbPart, r.target)
			}
		}
	}
	if b.findPart("xl/sharedStrings.xml") != nil {
		return "xl/sharedStrings.xml"
	}
	return ""
}

var errStringIndex = errors.New("shared string index out of range")
