package main

import (
	"errors"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/tui"
	"github.com/liaison-dev/liaison/visits"
	"github.com/liaison-dev/liaison/visits/render"
)

// importEnterprises imports an enterprise sheet as the laptop's import
// reads it (the same limits, header search, columns and funnel steps) and
// says what it did in the laptop's words (tui.WriteImport).
func importEnterprises(g global, hq *store.HQ, path string, out io.Writer) error {
	t := func(key string, a ...any) string { return tui.Text(g.lang, key, a...) }
	format := strings.TrimPrefix(strings.ToLower(filepath.Ext(path)), ".")
	if format != "xlsx" && format != "csv" {
		return inputError(t("cli.report.the_file_must_be", path))
	}
	f, err := g.openFile(path) // adminio.go: the operator's file, also over the admin socket
	if errors.Is(err, errNeedFile) {
		return err
	}
	if err != nil {
		return inputError(t("cli.report.cannot_open", path, err))
	}
	sheet, err := visits.ReadSheetWith(f, format, visits.SheetLimits{})
	f.Close()
	var limit *visits.SheetLimitError
	if errors.As(err, &limit) {
		return inputError(t("cli.report.file_problem", path, tui.TextFunc(limit.Message)))
	}
	if err != nil {
		return inputError(t("cli.report.cannot_read_it_as", path, format, err))
	}
	parsed := visits.ParseEnterpriseRows(sheet.Rows)
	parsed.Encoding = sheet.Encoding
	if parsed.HeaderRow == 0 {
		msg := visits.RowError{Reason: visits.ReasonNoHeader}
		return inputError(t("cli.report.file_problem", path, tui.TextFunc(msg.Message)))
	}
	var existing []visits.Enterprise
	var apps []visits.Application
	if err := hq.Store().View(func(r *store.Reader) error {
		if existing, err = store.All[visits.Enterprise](r); err != nil {
			return err
		}
		apps, err = store.All[visits.Application](r)
		return err
	}); err != nil {
		return err
	}
	plan := visits.PlanImport(existing, parsed)
	today := visits.DateOf(time.Now())
	visits.PlanApplications(&plan, parsed, existing, apps, today)
	for i := range plan.Created { // the applications of new enterprises name them
		plan.Created[i].Enterprise.ID = store.NewID()
	}
	var recs []visits.Record
	for _, set := range [][]visits.PlannedRow{plan.Created, plan.Updated} {
		for i := range set {
			recs = append(recs, &set[i].Enterprise)
		}
	}
	for _, a := range visits.ImportApplications(&plan, apps, today, "hq") {
		recs = append(recs, a)
	}
	if err := hq.SaveRecords("hq", recs...); err != nil {
		return err
	}
	tui.WriteImport(out, g.stderr(), g.lang, "liaison-hq", store.Import{ImportPlan: plan})
	return nil
}

func report(g global, hq *store.HQ, weekArg, format, outFile string, stdout io.Writer) error {
	lang := g.lang
	week := visits.WeekOf(visits.DateOf(time.Now()))
	if weekArg != "" {
		w, err := visits.ParseWeek(weekArg)
		if err != nil {
			return usageKey("hq.report_week", err)
		}
		week = w
	}
	var in visits.ReportInput
	now := time.Now()
	err := hq.Store().View(func(r *store.Reader) (err error) {
		in, err = r.WeeklyReportInput(week, store.WeeklyReportOptions{GeneratedAt: now, GeneratedBy: "HQ", DataAsOf: now})
		return err
	})
	if err != nil {
		return err
	}
	rep := in.Report()
	w := stdout
	if outFile != "" {
		f, err := g.createFile(outFile) // 0600; over the admin socket the client writes it
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	switch format {
	case "md", "csv", "xlsx", "json": // escape-safe: names come from every laptop
		return render.Write(w, rep, format, lang)
	}
	return usageKey("hq.report_format")
}
