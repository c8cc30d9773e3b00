package main

import (
	"bytes"
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/liaison-dev/liaison/visits"
)

// listCellWidth is the most display columns one cell of a list takes; a
// longer cell ends in "…" (show and --json have the whole text).
const listCellWidth = 40

// tableWriter aligns tab-separated columns by display width: a Chinese
// character takes two columns, a combining or zero-width one none
// (text/tabwriter counts characters, so Chinese tables came out ragged).
// Write collects lines; Flush prints them.
type tableWriter struct {
	w       io.Writer
	maxCell int // 0: cells are never cut (show)
	buf     bytes.Buffer
}

// table returns a writer for a list: columns aligned, long cells cut.
func (e *env) table() *tableWriter { return &tableWriter{w: e.out, maxCell: listCellWidth} }

// fields returns a writer for a show: label and value aligned, values whole.
func (e *env) fields() *tableWriter { return &tableWriter{w: e.out} }

func (t *tableWriter) Write(p []byte) (int, error) { return t.buf.Write(p) }

// Flush prints the collected lines, aligned.
func (t *tableWriter) Flush() error {
	text := strings.TrimSuffix(t.buf.String(), "\n")
	t.buf.Reset()
	if text == "" {
		return nil
	}
	var rows [][]string
	for _, line := range strings.Split(text, "\n") {
		rows = append(rows, strings.Split(line, "\t"))
	}
	return writeTable(t.w, rows, t.maxCell)
}

// writeTable prints rows with columns two spaces apart, each column as
// wide as its widest cell in display columns. With maxCell > 0 a cell
// wider than that is cut and ends in "…". A row's last cell is not padded.
// Cells pass through clean, whatever the caller did.
func writeTable(w io.Writer, rows [][]string, maxCell int) error {
	var widths []int
	for _, r := range rows {
		for i := range r {
			r[i] = clean(r[i]) // every cell, ids included: a table never drives the terminal
			if maxCell > 0 {
				r[i] = ansi.Truncate(r[i], maxCell, "…")
			}
			if i == len(r)-1 {
				continue // the last cell of a row sets no column's width
			}
			for len(widths) <= i {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], ansi.StringWidth(r[i]))
		}
	}
	var b strings.Builder
	for _, r := range rows {
		for i, c := range r {
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-ansi.StringWidth(c)+2))
			}
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// clean makes database text safe to print (see visits.PlainText).
func clean(s string) string { return visits.PlainText(s, false) }
