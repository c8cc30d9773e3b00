package xlsx

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
)

// SizeError refuses a workbook whose parts, as read, hold more than a
// limit: Part names the part when one part broke its own limit, "" when
// all the parts read together broke Options.MaxUnzipped.
type SizeError struct {
	Part string
	Max  int64
}

func (e *SizeError) Error() string {
	if e.Part == "" {
		return fmt.Sprintf("xlsx: more than %d bytes unzipped", e.Max)
	}
	return fmt.Sprintf("xlsx: part %s is larger than %d bytes unzipped", e.Part, e.Max)
}

// PartError is a part that could not be read: missing, not unzippable,
// holding more or less than its header says (zip.ErrFormat), failing its
// checksum (zip.ErrChecksum), or not well-formed XML.
type PartError struct {
	Part string
	Err  error
}

func (e *PartError) Error() string { return "xlsx: part " + e.Part + ": " + e.Err.Error() }
func (e *PartError) Unwrap() error { return e.Err }

// Damaged reports whether the part's bytes do not match its zip header
// (its size or its checksum), as opposed to XML that is merely wrong.
func (e *PartError) Damaged() bool {
	return errors.Is(e.Err, zip.ErrFormat) || errors.Is(e.Err, zip.ErrChecksum) || errors.Is(e.Err, io.ErrUnexpectedEOF)
}

// findPart returns the zip entry of a part name ("xl/workbook.xml"),
// matching case and the slash direction loosely as Office does.
func (b *Book) findPart(name string) *zip.File {
	name = strings.TrimPrefix(path.Clean("/"+name), "/")
	for _, zf := range b.zr.File {
		if zf.Name == name {
			return zf
		}
	}
	for _, zf := range b.zr.File {
		if strings.EqualFold(strings.ReplaceAll(zf.Name, "\\", "/"), name) {
			return zf
		}
	}
	return nil
}

// counter counts what is unzipped from one part against the part's limit
// and the book's, and turns archive/zip's errors into a PartError.
type counter struct {
	b    *Book
	part string
	r    io.ReadCloser
	n    int64
	max  int64
}

func (c *counter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	c.b.unzipped += int64(n)
	if c.max > 0 && c.n > c.max {
		return 0, &SizeError{Part: c.part, Max: c.max}
	}
	if c.b.opts.MaxUnzipped > 0 && c.b.unzipped > c.b.opts.MaxUnzipped {
		return 0, &SizeError{Max: c.b.opts.MaxUnzipped}
	}
	if err != nil && err != io.EOF {
		return n, &PartError{Part: c.part, Err: err}
	}
	return n, err
}

// open opens a part for reading within max bytes (0: only the book's
// limit). The caller closes it.
func (b *Book) open(name string, max int64) (*counter, error) {
	zf := b.findPart(name)
	if zf == nil {
		return nil, &PartError{Part: name, Err: errors.New("missing")}
	}
	r, err := zf.Open()
	if err != nil {
		return nil, &PartError{Part: zf.Name, Err: err}
	}
	return &counter{b: b, part: zf.Name, r: r, max: max}, nil
}

func (c *counter) Close() error { return c.r.Close() }

// drain reads what is left of a part, so that archive/zip checks its
// size and checksum.
func (c *counter) drain() error {
	_, err := io.Copy(io.Discard, c)
	return err
}

// resolve turns a relationship's target, relative to the part that holds
// it (base, like "xl/workbook.xml"), into a part name.
func resolve(base, target string) string {
	target = strings.ReplaceAll(target, "\\", "/")
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return strings.TrimPrefix(path.Clean("/"+path.Join(path.Dir(base), target)), "/")
}

// relsOf is the relationships part of a part: xl/workbook.xml's is
// xl/_rels/workbook.xml.rels.
func relsOf(part string) string {
	dir, file := path.Split(part)
	return dir + "_rels/" + file + ".rels"
}
