package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
	"github.com/liaison-dev/liaison/visits/render"
)

// exportParts are the record types of an export in the order of
// visits.Dataset (render.ExportJSON's members) and render.ExportTypes
// (the CSV files): each with its member's name and a walk over its
// records, one at a time, in id order.
var exportParts = []struct {
	key, typ string
	each     func(r *store.Reader, fn func(any) error) error
}{
	{"officers", visits.TypeOfficer, eachAny[visits.Officer]},
	{"enterprises", visits.TypeEnterprise, eachAny[visits.Enterprise]},
	{"assignments", visits.TypeAssignment, eachAny[visits.Assignment]},
	{"visits", visits.TypeVisit, eachAny[visits.Visit]},
	{"needs", visits.TypeNeed, eachAny[visits.Need]},
	{"need_events", visits.TypeNeedEvent, eachAny[visits.NeedEvent]},
	{"followups", visits.TypeFollowUp, eachAny[visits.FollowUp]},
	{"applications", visits.TypeApplication, eachAny[visits.Application]},
}

func eachAny[T any, P interface {
	*T
	visits.Record
}](r *store.Reader, fn func(any) error) error {
	return store.EachRecord[T, P](r, func(v T) error { return fn(v) })
}

// exportJSON writes what render.ExportJSON writes for the whole dataset
// (a type without records is null, as a nil slice is), record by record,
// each made safe (safeJSON).
func exportJSON(e *env, w io.Writer, r *store.Reader) error {
	for i, p := range exportParts {
		sep := ",\n"
		if i == 0 {
			sep = "{\n"
		}
		if _, err := fmt.Fprintf(w, "%s  %q: ", sep, p.key); err != nil {
			return err
		}
		l := newJSONList(w, "  ")
		add := func(v any) error {
			if err := e.interrupted(); err != nil {
				return err
			}
			return l.add(v)
		}
		if err := p.each(r, add); err != nil {
			return err
		}
		end := l.close
		if l.n == 0 {
			end = func() error { _, err := io.WriteString(w, "null"); return err }
		}
		if err := end(); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, "\n}\n")
	return err
}

// exportXLSX writes what render.ExportXLSX writes for the whole dataset,
// reading each record type twice (its columns are sized first) and holding
// one record at a time.
func exportXLSX(e *env, w io.Writer, r *store.Reader) error {
	return render.ExportXLSXFrom(w, func(typ string, fn func(any) error) error {
		for _, p := range exportParts {
			if p.typ == typ {
				return p.each(r, func(rec any) error {
					if err := e.interrupted(); err != nil {
						return err
					}
					return fn(rec)
				})
			}
		}
		return fmt.Errorf("export: no record type %q", typ)
	})
}

// exportCSV writes what render.ExportCSV writes for one record type, row
// by row: a byte order mark, the header, one row per record with formulas
// defused (visits.CSVRow), each line made safe (visits.SafeDocument).
func exportCSV(e *env, w io.Writer, r *store.Reader, typ string, each func(r *store.Reader, fn func(any) error) error) error {
	head, err := render.ExportHead(typ)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	cw.UseCRLF = true
	write := func(prefix string, row []string) error {
		buf.Reset()
		buf.WriteString(prefix)
		_ = cw.Write(row)
		cw.Flush()
		if err := cw.Error(); err != nil {
			return err
		}
		_, err := io.WriteString(w, visits.SafeDocument(buf.String()))
		return err
	}
	if err := write("\ufeff", head); err != nil {
		return err
	}
	return each(r, func(rec any) error {
		if err := e.interrupted(); err != nil {
			return err
		}
		row, err := render.ExportRow(head, rec)
		if err != nil {
			return fmt.Errorf("export %s: %w", typ, err)
		}
		return write("", visits.CSVRow(row)) // a name like =HYPERLINK(…) stays text in Excel
	})
}

// streamOut writes what render writes (already made safe) to path (mode
// 0600, see streamFile), or to standard output when path is "" or "-".
func (e *env) streamOut(path string, render func(io.Writer) error) error {
	if path != "" && path != "-" {
		return streamFile(path, render)
	}
	bw := bufio.NewWriterSize(e.out, 64<<10)
	err := render(bw)
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	return err
}

// streamFile is writeFile without holding the document: it is written
// into a temporary file beside path (created 0600) as it is rendered,
// then renamed into place, so a failed render leaves no half-written file.
func streamFile(path string, render func(io.Writer) error) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil { // -o newdir/file: make the folder
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	name := tmp.Name() // os.CreateTemp makes it 0600
	bw := bufio.NewWriterSize(tmp, 64<<10)
	if err := render(bw); err != nil {
		tmp.Close()
		os.Remove(name)
		return err
	}
	err = bw.Flush()
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(name, path)
	}
	if err != nil {
		os.Remove(name)
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
