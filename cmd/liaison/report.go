package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/tui"
	"github.com/liaison-dev/liaison/visits"
	"github.com/liaison-dev/liaison/visits/render"
)

// cmdReportWeekly: liaison report weekly [--week W] [--format md|csv|xlsx|json]
// [-o FILE] [--district NAME]. The 周报告 over this laptop's records; this
// week and Markdown on stdout by default.
func cmdReportWeekly(e *env, args []string) error {
	fs := flag.NewFlagSet("report weekly", flag.ContinueOnError)
	weekFlag := fs.String("week", "", "")
	format := fs.String("format", "md", "")
	out := fs.String("o", "", "")
	district := fs.String("district", "", "")
	pos, err := flags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return usageKey("cli.report.usage_liaison_report_weekly")
	}
	*format = strings.ToLower(strings.TrimSpace(*format))
	switch *format {
	case "md", "markdown", "csv", "xlsx", "json":
	default:
		return usageKey("cli.report.format_must_be_md", *format)
	}
	var week visits.Week
	if *weekFlag != "" {
		if week, err = visits.ParseWeek(*weekFlag); err != nil {
			return usageKey("cli.report.week_is_not_an", *weekFlag)
		}
	}
	if err := e.checkBinaryOut(*format, *out); err != nil {
		return err
	}
	reportMemoryLimit()
	s, err := e.store()
	if err != nil {
		return err
	}
	now := s.Now()
	if *weekFlag == "" {
		week = visits.WeekOf(visits.DateOf(now))
	}
	var in visits.ReportInput
	err = s.View(func(r *store.Reader) (err error) {
		in, err = r.WeeklyReportInput(week, store.WeeklyReportOptions{District: strings.TrimSpace(*district), GeneratedAt: now})
		return err
	})
	if err != nil {
		return err
	}
	rep := in.Report()
	kind := outText
	switch *format {
	case "json":
		kind = outJSON
	case "xlsx":
		kind = outBinary
	}
	// The document is rendered into one buffer, sized here: about 0.5 KB
	// a pipeline row as Markdown or CSV, 1.1 KB as JSON (2.4 and 5.5 MB at
	// 4,993 rows); an xlsx is compressed.
	size := 512 * len(rep.Rows)
	switch *format {
	case "json":
		size = 1152 * len(rep.Rows)
	case "xlsx":
		size = 0
	}
	return e.writeOutSized(*out, kind, size, func(w io.Writer) error {
		switch *format {
		case "csv":
			return render.CSV(w, rep, e.g.lang)
		case "xlsx":
			return render.XLSX(w, rep, e.g.lang)
		case "json":
			return render.JSON(w, rep)
		}
		return render.Markdown(w, rep, e.g.lang)
	})
}

// reportMemoryLimit sets how the report's heap is collected: it holds its
// inputs (≈ 40 MB at 100,000 visits) while it computes and renders, and
// allocates about twice that in all. With the default GOGC the collector
// ran five or six times as the heap grew, and the heap still peaked near
// twice the inputs. Instead: a soft limit of 72 MiB keeps the heap, and so
// the resident set, well under the 100 MB issue 12 allows, and GOGC 400
// lets it grow to that limit with two or three collections (12 % less CPU
// in all, docs/performance.md). A larger database whose inputs approach
// the limit makes the collector run more often (the runtime caps it at
// half the CPU), not the process grow. GOMEMLIMIT and GOGC, when set, win.
func reportMemoryLimit() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(72 << 20)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
}

// cmdExport: liaison export [--format json|csv|xlsx] [-o FILE|DIR].
// Everything on this laptop, for the officer's own records. csv makes one
// file per record type, so it needs -o: with a directory, files are
// DIR/liaison-export-<type>.csv; with a file name BASE.csv (or BASE),
// BASE-<type>.csv beside it.
func cmdExport(e *env, args []string) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	format := fs.String("format", "json", "")
	out := fs.String("o", "", "")
	pos, err := flags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return usageKey("cli.report.usage_liaison_export_format")
	}
	*format = strings.ToLower(strings.TrimSpace(*format))
	switch *format {
	case "json", "xlsx":
		if err := e.checkBinaryOut(*format, *out); err != nil {
			return err
		}
	case "csv":
		if *out == "" || *out == "-" {
			return usageKey("cli.report.format_csv_writes_one")
		}
	default:
		return usageKey("cli.report.format_must_be_json", *format)
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	// Every format is streamed from one read transaction (export_stream.go).
	return s.View(func(r *store.Reader) error {
		if *format == "xlsx" {
			return e.streamOut(*out, func(w io.Writer) error { return exportXLSX(e, w, r) }) // binary: nothing to make safe
		}
		if *format == "json" {
			return e.streamOut(*out, func(w io.Writer) error { return exportJSON(e, w, r) })
		}
		for _, p := range exportParts {
			path := csvPath(*out, p.typ)
			if err := streamFile(path, func(w io.Writer) error { return exportCSV(e, w, r, p.typ, p.each) }); err != nil {
				return err
			}
			fmt.Fprintln(e.out, path)
		}
		return nil
	})
}

// csvPath names the CSV file of one record type (see cmdExport).
func csvPath(out, typ string) string {
	if st, err := os.Stat(out); (err == nil && st.IsDir()) || strings.HasSuffix(out, string(os.PathSeparator)) || strings.HasSuffix(out, "/") {
		return filepath.Join(out, "liaison-export-"+typ+".csv")
	}
	base := out
	if ext := filepath.Ext(base); strings.EqualFold(ext, ".csv") {
		base = strings.TrimSuffix(base, ext)
	}
	return base + "-" + typ + ".csv"
}

// checkBinaryOut refuses to write a workbook to a terminal.
func (e *env) checkBinaryOut(format, out string) error {
	if format != "xlsx" || (out != "" && out != "-") {
		return nil
	}
	if f, ok := e.out.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			return usageKey("cli.report.format_xlsx_writes_a")
		}
	}
	return nil
}

// writeOut renders into path (mode 0600), or to stdout when path is "",
// made safe as kind says: a report may hold any text from any laptop.
func (e *env) writeOut(path string, kind outKind, render func(io.Writer) error) error {
	return e.writeOutSized(path, kind, 0, render)
}

// writeOutSized is writeOut with the document's expected size in bytes (0:
// unknown).
func (e *env) writeOutSized(path string, kind outKind, size int, render func(io.Writer) error) error {
	safe := func(w io.Writer) error { return renderSafeSized(w, kind, size, render) }
	if path == "" || path == "-" {
		return safe(e.out)
	}
	return writeFile(path, safe)
}

// writeFile renders into a temporary file beside path (created 0600) and
// renames it into place, so that a failed render leaves no half-written
// file and an older file with wider permissions is replaced.
func writeFile(path string, render func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		return err
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil { // -o newdir/file: make the folder
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	name := tmp.Name() // os.CreateTemp makes it 0600
	_, err = tmp.Write(buf.Bytes())
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

// cmdEnterpriseImport: liaison enterprise import FILE.xlsx|FILE.csv
// [--dry-run] [--json] [--confirm-checksum USCC,…]. Upsert by USCC; a
// refused row never stops the good ones. Exit 0 when the file was read
// (refused rows are listed and counted), 2 when it cannot be read at all.
func cmdEnterpriseImport(e *env, args []string) error {
	fs := flag.NewFlagSet("enterprise import", flag.ContinueOnError)
	dry := fs.Bool("dry-run", false, "")
	confirm := fs.String("confirm-checksum", "", "")
	fs.BoolVar(&e.jsonOut, "json", false, "")
	pos, err := flags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageKey("cli.report.usage_liaison_enterprise_import")
	}
	path := pos[0]
	format := strings.TrimPrefix(strings.ToLower(filepath.Ext(path)), ".")
	if format != "xlsx" && format != "csv" {
		return usageKey("cli.report.the_file_must_be", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return usageKey("cli.report.cannot_open", path, err)
	}
	sheet, err := visits.ReadSheetWith(f, format, visits.SheetLimits{})
	f.Close()
	rows := sheet.Rows
	var limit *visits.SheetLimitError
	if errors.As(err, &limit) {
		return usageKey("cli.report.file_problem", path, tui.TextFunc(limit.Message))
	}
	if err != nil {
		return usageKey("cli.report.cannot_read_it_as", path, format, err)
	}
	opts := visits.ImportOptions{}
	for _, c := range strings.Split(*confirm, ",") {
		if c = visits.NormalizeUSCC(c); c != "" {
			if opts.ConfirmedUSCC == nil {
				opts.ConfirmedUSCC = map[string]bool{}
			}
			opts.ConfirmedUSCC[c] = true
		}
	}
	parsed := visits.ParseEnterpriseRowsWith(rows, opts)
	parsed.Encoding = sheet.Encoding
	if parsed.HeaderRow == 0 {
		msg := visits.RowError{Reason: visits.ReasonNoHeader}
		return usageKey("cli.report.file_problem", path, tui.TextFunc(msg.Message))
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	im, err := s.ImportEnterprises(parsed, *dry)
	if err != nil {
		return err
	}
	if e.jsonOut {
		return e.printJSON(importView(im, e.g.lang))
	}
	return e.printImport(im)
}

type importRow struct {
	Row     int      `json:"row"`
	ID      string   `json:"id,omitempty"`
	USCC    string   `json:"uscc"`
	Name    string   `json:"name"`
	Changed []string `json:"changed,omitempty"`
}

type importIssue struct {
	visits.RowError
	Message string `json:"message"`
}

type importJSON struct {
	DryRun    bool          `json:"dry_run"`
	Counts    importCounts  `json:"counts"`
	Created   []importRow   `json:"created"`
	Updated   []importRow   `json:"updated"`
	Unchanged []importRow   `json:"unchanged"`
	Refused   []importIssue `json:"refused"`
	Warnings  []importIssue `json:"warnings"`
	Unknown   []string      `json:"unknown_columns"`
	Encoding  string        `json:"encoding,omitempty"`
	// Applications: the funnel changes of rows with 申报 cells.
	Applications []visits.PlannedApplication `json:"applications"`
}

type importCounts struct {
	Created   int `json:"created"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
	Refused   int `json:"refused"`
	Warnings  int `json:"warnings"`
}

// importView is what --json prints: codes and row numbers, plus each
// issue's message in the chosen language.
func importView(im store.Import, lang visits.Lang) importJSON {
	rows := func(prs []visits.PlannedRow) []importRow {
		out := make([]importRow, 0, len(prs))
		for _, p := range prs {
			out = append(out, importRow{Row: p.Row, ID: p.Enterprise.ID, USCC: p.Enterprise.USCC, Name: p.Enterprise.Name, Changed: p.Changed})
		}
		return out
	}
	issues := func(es []visits.RowError) []importIssue {
		out := make([]importIssue, 0, len(es))
		for _, x := range es {
			out = append(out, importIssue{RowError: x, Message: im.Message(x, lang)})
		}
		return out
	}
	unknown := im.Unknown
	if unknown == nil {
		unknown = []string{}
	}
	return importJSON{DryRun: im.DryRun, Counts: counts(im),
		Created: rows(im.Created), Updated: rows(im.Updated), Unchanged: rows(im.Unchanged),
		Refused: issues(im.Refused), Warnings: issues(im.Warnings), Unknown: unknown, Encoding: im.Encoding,
		Applications: append([]visits.PlannedApplication{}, im.Applications...)}
}

func counts(im store.Import) importCounts {
	return importCounts{Created: len(im.Created), Updated: len(im.Updated), Unchanged: len(im.Unchanged),
		Refused: len(im.Refused), Warnings: len(im.Warnings)}
}

// printImport prints the summary line, then every refused row and every
// warning with its row number and reason (tui.WriteImport, shared with
// liaison-hq's import).
func (e *env) printImport(im store.Import) error {
	tui.WriteImport(e.out, e.errw, e.g.lang, "liaison", im)
	return nil
}
