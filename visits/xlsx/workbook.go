package xlsx

import (
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// SheetInfo is one sheet of the workbook, in the workbook's order.
type SheetInfo struct {
	Name string
	Part string // the worksheet's part, like "xl/worksheets/sheet1.xml"
}

// decoder reads a part's XML through the token guard. Names are matched
// by their local part throughout, so a document that prefixes its
// elements (<x:row>) reads the same as the usual one.
func (b *Book) decoder(r io.Reader) *tokens {
	g := newGuard(r, b.opts.MaxToken)
	d := xml.NewDecoder(g)
	d.Strict = true
	d.CharsetReader = b.opts.CharsetReader
	return &tokens{d: d, g: g}
}

// tokens reads a part's tokens; the guard's refusal is the error even
// when the decoder, stopped mid-character, reports another.
type tokens struct {
	d *xml.Decoder
	g *guard
}

func (t *tokens) Token() (xml.Token, error) {
	tok, err := t.d.Token()
	if err != nil && t.g.err != nil {
		return nil, t.g.err
	}
	return tok, err
}

// rel is one relationship of a .rels part.
type rel struct{ id, typ, target string }

// readRels reads a relationships part; a missing one has none.
func (b *Book) readRels(part string) ([]rel, error) {
	if b.findPart(part) == nil {
		return nil, nil
	}
	c, err := b.open(part, b.opts.MaxPart)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	var out []rel
	err = b.eachStart(c, part, func(se xml.StartElement) {
		if se.Name.Local == "Relationship" {
			out = append(out, rel{attr(se, "Id"), attr(se, "Type"), attr(se, "Target")})
		}
	})
	return out, err
}

// eachStart calls fn for every start tag of a part and checks the rest of
// it unzips as its header says.
func (b *Book) eachStart(c *counter, part string, fn func(xml.StartElement)) error {
	d := b.decoder(c)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return c.drain()
		}
		if err != nil {
			return partErr(part, err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			fn(se)
		}
	}
}

// partErr names the part in an XML error; size and zip errors pass as
// they are.
func partErr(part string, err error) error {
	var se *SizeError
	var pe *PartError
	if errors.As(err, &se) || errors.As(err, &pe) || errors.Is(err, ErrTokenTooLong) {
		return err
	}
	return &PartError{Part: part, Err: err}
}

func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// readSheets finds the workbook through the package's relationships and
// lists its worksheets (chart sheets and the like are left out).
func (b *Book) readSheets() error {
	rels, err := b.readRels("_rels/.rels")
	if err != nil {
		return err
	}
	wb := "xl/workbook.xml"
	for _, r := range rels {
		if strings.HasSuffix(r.typ, "/officeDocument") {
			wb = resolve("", r.target)
			break
		}
	}
	wrels, err := b.readRels(relsOf(wb))
	if err != nil {
		return err
	}
	b.wbPart, b.wbRels = wb, wrels
	c, err := b.open(wb, b.opts.MaxPart)
	if err != nil {
		return err
	}
	defer c.Close()
	byID := make(map[string]rel, len(wrels))
	for _, r := range wrels {
		byID[r.id] = r
	}
	return b.eachStart(c, wb, func(se xml.StartElement) {
		if se.Name.Local != "sheet" {
			return
		}
		if r, ok := byID[attr(se, "id")]; ok && strings.HasSuffix(r.typ, "/worksheet") {
			b.sheets = append(b.sheets, SheetInfo{Name: attr(se, "name"), Part: resolve(wb, r.target)})
		}
	})
}
