package main

import (
	"text/tabwriter"

	"github.com/liaison-dev/liaison/visits"
)

// table returns a writer that aligns tab-separated columns.
func (e *env) table() *tabwriter.Writer {
	return tabwriter.NewWriter(e.out, 2, 4, 2, ' ', 0)
}

// clean makes database text safe to print (see visits.PlainText).
func clean(s string) string { return visits.PlainText(s, false) }
