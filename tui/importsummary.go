package tui

import (
	"fmt"
	"io"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// WriteImport prints an enterprise import's summary to out as both
// command lines say it (liaison's and liaison-hq's): the counts, the
// file's encoding if it was not UTF-8, the applications the funnel
// columns create or move, every refused row and warning (the first
// visits.MaxListed of each) and the ignored columns; the refused count
// also goes to errw, prefixed with prog. Text from the file is made
// plain first: it never drives the terminal.
func WriteImport(out, errw io.Writer, lang visits.Lang, prog string, im store.Import) {
	clean := func(s string) string { return visits.PlainText(s, false) }
	head := Text(lang, "cli.report.imported")
	if im.DryRun {
		head = Text(lang, "cli.report.dry_run_nothing_written")
	}
	fmt.Fprintf(out, Text(lang, "cli.report.created_updated_unchanged_refused"),
		head, len(im.Created), len(im.Updated), len(im.Unchanged), len(im.Refused))
	if note := visits.EncodingNote(im.Encoding, lang); note != "" {
		fmt.Fprintln(out, note)
	}
	writeImportApplications(out, lang, im)
	for _, list := range []struct {
		key  string
		rows []visits.RowError
	}{{"cli.report.refused_rows", im.Refused}, {"cli.report.warnings", im.Warnings}} {
		if len(list.rows) == 0 {
			continue
		}
		fmt.Fprintln(out, Text(lang, list.key))
		for i, x := range list.rows {
			if i == visits.MaxListed {
				fmt.Fprintln(out, "  "+visits.MoreRows(len(list.rows)-i, lang))
				break
			}
			fmt.Fprintln(out, "  "+clean(im.Message(x, lang)))
		}
	}
	if len(im.Unknown) > 0 {
		fmt.Fprintf(out, Text(lang, "cli.report.unknown_columns_ignored"), clean(visits.ListColumns(im.Unknown, visits.MaxListedColumns, lang)))
	}
	if len(im.Refused) > 0 {
		fmt.Fprintf(errw, Text(lang, "cli.report.liaison_rows_refused_listed"), prog, len(im.Refused))
	}
}

// writeImportApplications lists the funnel changes (behind ones are among
// the warnings).
func writeImportApplications(out io.Writer, lang visits.Lang, im store.Import) {
	shown := false
	for i, pa := range im.Applications {
		if i == visits.MaxListed {
			fmt.Fprintln(out, "  "+visits.MoreRows(len(im.Applications)-i, lang))
			break
		}
		kind := visits.Label(visits.KindAppKind, pa.Sheet.Kind, lang)
		step := visits.Label(visits.KindFunnelStep, pa.Sheet.Step, lang)
		var line string
		switch pa.Action {
		case visits.AppCreate:
			line = Text(lang, "cli.import.app_create", pa.Row, kind, pa.Sheet.Year, step, pa.Sheet.Date)
		case visits.AppAdvance:
			from := visits.Label(visits.KindFunnelStep, pa.From, lang)
			line = Text(lang, "cli.import.app_advance", pa.Row, kind, pa.Sheet.Year, from, step, pa.Sheet.Date)
		case visits.AppUnchanged:
			line = Text(lang, "cli.import.app_same", pa.Row, kind, pa.Sheet.Year, step)
		default:
			continue
		}
		if !shown {
			fmt.Fprintln(out, Text(lang, "cli.import.applications"))
			shown = true
		}
		fmt.Fprintln(out, visits.PlainText(line, false))
	}
}
