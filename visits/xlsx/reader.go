package xlsx

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Options bound what reading unzips and holds. A zero field takes the
// default named beside it.
type Options struct {
	MaxUnzipped int64 // all the parts read, together; default 128 MiB
	MaxPart     int64 // the workbook and relationship parts, each; default 8 MiB
	MaxStrings  int64 // the shared strings part; default 32 MiB
	MaxToken    int   // one XML token, and one cell's text, in bytes; default 1 MiB
	MaxColumns  int   // a cell with a value beyond this column is refused; default 16,384
	// CharsetReader, when set, reads a part whose XML declares an encoding
	// other than UTF-8 (some Chinese tools write GBK); without it such a
	// part is refused.
	CharsetReader func(charset string, input io.Reader) (io.Reader, error)
}

func (o Options) withDefaults() Options {
	if o.MaxUnzipped <= 0 {
		o.MaxUnzipped = 128 << 20
	}
	if o.MaxPart <= 0 {
		o.MaxPart = 8 << 20
	}
	if o.MaxStrings <= 0 {
		o.MaxStrings = 32 << 20
	}
	if o.MaxToken <= 0 {
		o.MaxToken = 1 << 20
	}
	if o.MaxColumns <= 0 {
		o.MaxColumns = 16_384
	}
	return o
}

// Book is an opened workbook.
type Book struct {
	zr       *zip.Reader
	opts     Options
	sheets   []SheetInfo
	wbPart   string
	wbRels   []rel
	strs     *stringTable
	unzipped int64
}

// Open reads a workbook's zip directory and its list of sheets; the
// shared strings are read with the first sheet.
func Open(r io.ReaderAt, size int64, opts Options) (*Book, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fmt.Errorf("xlsx: not a zip file: %w", err)
	}
	b := &Book{zr: zr, opts: opts.withDefaults()}
	if err := b.readSheets(); err != nil {
		return nil, err
	}
	return b, nil
}

// Sheets lists the worksheets in the workbook's order.
func (b *Book) Sheets() []SheetInfo { return b.sheets }

// CellError refuses a cell: Err is ErrColumns (a value beyond
// Options.MaxColumns) or ErrTokenTooLong (the cell's text is over
// Options.MaxToken bytes). Row and Column are 1-based.
type CellError struct {
	Row, Column int
	Err         error
}

func (e *CellError) Error() string {
	return fmt.Sprintf("xlsx: cell %s: %v", CellName(e.Column, e.Row), e.Err)
}
func (e *CellError) Unwrap() error { return e.Err }

// ErrColumns is a value in a column beyond Options.MaxColumns.
var ErrColumns = errors.New("value beyond the column limit")

// Rows streams the sheet's rows in the file's order: fn gets each row
// that has an element in the file, with its 1-based number (rows left out
// of the file are not called) and its cells as text, a cell left out
// being "". Values are raw: a number as written (a date is its day
// serial), a boolean 1 or 0, a string its text. fn owns cells. An error
// from fn stops the reading and is returned.
func (b *Book) Rows(sheet int, fn func(row int, cells []string) error) error {
	if sheet < 0 || sheet >= len(b.sheets) {
		return fmt.Errorf("xlsx: no sheet %d", sheet)
	}
	if err := b.loadStrings(); err != nil {
		return err
	}
	part := b.sheets[sheet].Part
	c, err := b.open(part, 0)
	if err != nil {
		return err
	}
	defer c.Close()
	s := sheetReader{b: b, d: b.decoder(c), part: part, fn: fn}
	if err := s.read(); err != nil {
		return err
	}
	return c.drain()
}

// sheetReader is the state of one sheet's streaming read.
type sheetReader struct {
	b    *Book
	d    *tokens
	part string
	fn   func(int, []string) error

	row, col int      // the current row and cell, 1-based
	cells    []string // the current row's cells
	typ      string   // the current cell's t attribute
	v, is    strings.Builder
	inV, inT bool // in the cell's <v>, in a <t> of its <is>
	hasIs    bool
	skip     int // depth inside <rPh> or <f>
}

func (s *sheetReader) read() error {
	for {
		tok, err := s.d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			if errors.Is(err, ErrTokenTooLong) {
				return &CellError{Row: s.row, Column: s.col, Err: ErrTokenTooLong}
			}
			return partErr(s.part, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if err := s.start(tok); err != nil {
				return err
			}
		case xml.EndElement:
			done, err := s.end(tok.Name.Local)
			if done || err != nil {
				return err
			}
		case xml.CharData:
			if err := s.text(tok); err != nil {
				return err
			}
		}
	}
}

func (s *sheetReader) start(se xml.StartElement) error {
	if s.skip > 0 {
		s.skip++
		return nil
	}
	switch se.Name.Local {
	case "row":
		n := s.row + 1
		if r := attr(se, "r"); r != "" {
			var ok bool
			if n, ok = parseNum(r); !ok || n == 0 {
				return &PartError{Part: s.part, Err: fmt.Errorf("row number %q", r)}
			}
		}
		s.row, s.col, s.cells = n, 0, nil
	case "c":
		s.col++
		if r := attr(se, "r"); r != "" {
			col, _, ok := parseRef(r)
			if !ok {
				return &PartError{Part: s.part, Err: fmt.Errorf("cell reference %q", r)}
			}
			s.col = col
		}
		s.typ = attr(se, "t")
		s.v.Reset()
		s.is.Reset()
		s.hasIs = false
	case "v":
		s.inV = true
	case "is":
		s.hasIs = true
	case "t":
		s.inT = s.hasIs
	case "rPh", "f":
		s.skip = 1
	}
	return nil
}

func (s *sheetReader) text(b []byte) error {
	var dst *strings.Builder
	switch {
	case s.skip > 0:
		return nil
	case s.inV:
		dst = &s.v
	case s.inT:
		dst = &s.is
	default:
		return nil
	}
	if dst.Len()+len(b) > s.b.opts.MaxToken {
		return &CellError{Row: s.row, Column: s.col, Err: ErrTokenTooLong}
	}
	dst.Write(b)
	return nil
}

// end handles a closing tag; done is true at the end of the sheet data.
func (s *sheetReader) end(local string) (done bool, err error) {
	if s.skip > 0 {
		s.skip--
		return false, nil
	}
	switch local {
	case "v":
		s.inV = false
	case "t":
		s.inT = false
	case "c":
		return false, s.endCell()
	case "row":
		if s.row > 0 {
			cells := s.cells
			s.cells = nil
			return false, s.fn(s.row, cells)
		}
	case "sheetData":
		return true, nil
	}
	return false, nil
}

// endCell places the finished cell's value in its row.
func (s *sheetReader) endCell() error {
	val := s.v.String()
	switch s.typ {
	case "s":
		if val == "" {
			break
		}
		i, err := strconv.Atoi(strings.TrimSpace(val))
		str, ok := s.b.strs.get(i)
		if err != nil || !ok {
			return &PartError{Part: s.part, Err: fmt.Errorf("cell %s: %w %q", CellName(s.col, s.row), errStringIndex, val)}
		}
		val = str
	case "inlineStr":
		if s.hasIs {
			val = unescape(s.is.String())
		}
	}
	if val == "" || s.row == 0 {
		return nil
	}
	if s.col > s.b.opts.MaxColumns {
		return &CellError{Row: s.row, Column: s.col, Err: ErrColumns}
	}
	for len(s.cells) < s.col {
		s.cells = append(s.cells, "")
	}
	s.cells[s.col-1] = val
	return nil
}
