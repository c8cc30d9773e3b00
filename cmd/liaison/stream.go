package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/liaison-dev/liaison/store"
)

// Listings and exports stream (issue 12): each record is written as it is
// read from the database, so what the process holds does not grow with
// the database. The output is byte for byte what the whole-slice writers
// (printJSON, tableWriter, render.ExportJSON/ExportCSV) print, and it is
// made safe record by record: every escape or control sequence that
// safeJSON, clean and visits.SafeDocument remove ends at the end of its
// line, and each record's text ends with one.

// writeList prints the records each gives, one at a time: with --json as
// printJSON prints a slice of them, else as the table tableWriter prints
// with head (a line of tab-separated headings) and row (a record's line).
func writeList[T any](e *env, head string, each func(fn func(T) error) error, row func(T) string) error {
	out := bufio.NewWriterSize(e.out, 64<<10)
	var err error
	if e.jsonOut {
		l := newJSONList(out, "")
		err = each(func(v T) error {
			if err := e.interrupted(); err != nil {
				return err
			}
			return l.add(v)
		})
		if err == nil {
			err = l.close()
		}
		if err == nil {
			_, err = io.WriteString(out, "\n")
		}
	} else {
		err = streamTable(out, listCellWidth, head+"\n", func(print func(string) error) error {
			return each(func(v T) error {
				if err := e.interrupted(); err != nil {
					return err
				}
				return print(row(v))
			})
		})
	}
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	return err
}

// interrupted is why a long listing stops early: Ctrl-C or SIGTERM
// (main's context), else nil.
func (e *env) interrupted() error {
	if e.ctx == nil {
		return nil
	}
	return e.ctx.Err()
}

// jsonList writes a JSON array element by element, laid out as
// json.Encoder with SetIndent(prefix, "  ") lays out a slice (prefix: the
// indentation of the line the array starts on), HTML left unescaped, each
// element through safeJSON. A list with no element is "[]", as an empty
// slice is; close writes the closing bracket.
type jsonList struct {
	w      io.Writer
	prefix string
	n      int
	buf    bytes.Buffer
	enc    *json.Encoder
}

func newJSONList(w io.Writer, prefix string) *jsonList {
	l := &jsonList{w: w, prefix: prefix}
	l.enc = json.NewEncoder(&l.buf)
	l.enc.SetEscapeHTML(false)
	l.enc.SetIndent(prefix+"  ", "  ")
	return l
}

// add writes one element.
func (l *jsonList) add(v any) error {
	l.buf.Reset()
	if l.n == 0 {
		l.buf.WriteString("[\n")
	} else {
		l.buf.WriteString(",\n")
	}
	l.buf.WriteString(l.prefix + "  ")
	if err := l.enc.Encode(v); err != nil {
		return err
	}
	l.n++
	b := bytes.TrimSuffix(l.buf.Bytes(), []byte("\n")) // Encode ends each value with one
	_, err := l.w.Write(safeJSON(b))
	return err
}

// close writes the end of the array (and nothing after it).
func (l *jsonList) close() error {
	end := "[]"
	if l.n > 0 {
		end = "\n" + l.prefix + "]"
	}
	_, err := io.WriteString(l.w, end)
	return err
}

// tableBuffered is how many rows a streamed table keeps in memory; the
// rows of a longer table go, made safe and cut as they will be printed, to
// a temporary file (removed at once where the system allows, so nothing
// is left behind) until the columns' widths are known.
const tableBuffered = 1000

// streamTable prints what writeTable prints for the same rows, reading
// them once from walk, which calls row with the text tableWriter would
// have been given for each record (cells separated by tabs, lines ending
// in a newline).
func streamTable(w io.Writer, maxCell int, head string, walk func(row func(text string) error) error) error {
	var widths []int
	var kept [][]string
	var spill *os.File
	var spillW *bufio.Writer
	noSpill := false
	defer func() {
		if spill != nil {
			spill.Close()
			os.Remove(spill.Name())
		}
	}()
	add := func(text string) error {
		for _, r := range tableRows(text) {
			prepareRow(r, maxCell, &widths)
			if spill == nil && len(kept) >= tableBuffered && !noSpill {
				f, err := os.CreateTemp("", "liaison-list-*") // 0600
				if err == nil {
					spill, spillW = f, bufio.NewWriterSize(f, 64<<10)
					_ = os.Remove(f.Name()) // Unix: gone once closed, whatever happens
				} else {
					noSpill = true // no temporary folder: keep them all, as before
				}
			}
			if spill == nil {
				kept = append(kept, r)
				continue
			}
			// Prepared cells hold no tab or newline (clean).
			if _, err := spillW.WriteString(strings.Join(r, "\t") + "\n"); err != nil {
				return err
			}
		}
		return nil
	}
	if err := add(head); err != nil {
		return err
	}
	if err := walk(add); err != nil {
		return err
	}
	var b strings.Builder
	print := func(rows [][]string) error {
		b.Reset()
		for _, r := range rows {
			writeRow(&b, r, widths)
		}
		_, err := io.WriteString(w, b.String())
		return err
	}
	if err := print(kept); err != nil || spill == nil {
		return err
	}
	if err := spillW.Flush(); err != nil {
		return err
	}
	if _, err := spill.Seek(0, io.SeekStart); err != nil {
		return err
	}
	sc := bufio.NewScanner(spill)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		if err := print([][]string{strings.Split(sc.Text(), "\t")}); err != nil {
			return err
		}
	}
	return sc.Err()
}

// tableRows splits a record's text into rows of cells as tableWriter's
// Flush does.
func tableRows(text string) [][]string {
	text = strings.TrimSuffix(text, "\n")
	var rows [][]string
	for _, line := range strings.Split(text, "\n") {
		rows = append(rows, strings.Split(line, "\t"))
	}
	return rows
}

// prepareRow makes a row's cells safe and short, as writeTable does, and
// widens widths to them (the last cell of a row sets no width).
func prepareRow(r []string, maxCell int, widths *[]int) {
	for i := range r {
		r[i] = clean(r[i])
		if maxCell > 0 {
			r[i] = ansi.Truncate(r[i], maxCell, "…")
		}
		if i == len(r)-1 || widths == nil {
			continue
		}
		for len(*widths) <= i {
			*widths = append(*widths, 0)
		}
		(*widths)[i] = max((*widths)[i], ansi.StringWidth(r[i]))
	}
}

// writeRow writes one prepared row padded to widths, as writeTable does.
func writeRow(b *strings.Builder, r []string, widths []int) {
	for i, c := range r {
		b.WriteString(c)
		if i < len(r)-1 {
			b.WriteString(strings.Repeat(" ", widths[i]-ansi.StringWidth(c)+2))
		}
	}
	b.WriteString("\n")
}

// nameCache names enterprises from their summaries, remembering a bounded
// number of them (a listing names the same few often).
type nameCache struct {
	r     *store.Reader
	names map[string]string
}

func (c *nameCache) of(id string) string {
	if name, ok := c.names[id]; ok {
		return name
	}
	if c.names == nil || len(c.names) >= 4096 {
		c.names = make(map[string]string, 256)
	}
	name := c.r.EnterpriseName(id)
	c.names[id] = name
	return name
}
