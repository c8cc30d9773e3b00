package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
	"github.com/liaison-dev/liaison/visits/render"
)

func importEnterprises(g global, hq *store.HQ, path string, out io.Writer) error {
	f, err := g.openFile(path) // adminio.go: the operator's file, also over the admin socket
	if err != nil {
		return err
	}
	defer f.Close()
	rows, err := visits.ReadSheet(f, strings.TrimPrefix(filepath.Ext(path), "."))
	if err != nil {
		return fmt.Errorf("import %s: %w", path, err)
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
	parsed := visits.ParseEnterpriseRows(rows)
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
	fmt.Fprintf(out, "created %d, updated %d, unchanged %d, refused %d\n", len(plan.Created), len(plan.Updated), len(plan.Unchanged), len(plan.Refused))
	for _, a := range plan.Applications {
		fmt.Fprintf(out, "  row %d: application %s %s %d %s\n", a.Row, a.Action, a.Sheet.Kind, a.Sheet.Year, a.Sheet.Step)
	}
	for _, w := range plan.Warnings {
		if w.Reason == visits.ReasonStepBehind {
			fmt.Fprintf(out, "  row %d: %s %s (kept %s)\n", w.Row, w.Reason, w.Column, w.Detail)
		}
	}
	for _, r := range plan.Refused {
		fmt.Fprintf(out, "  row %d: %s %s %s\n", r.Row, r.Reason, r.Column, r.Value)
	}
	return nil
}

func report(g global, hq *store.HQ, weekArg, format, outFile string, stdout io.Writer) error {
	lang := g.lang
	week := visits.WeekOf(visits.DateOf(time.Now()))
	if weekArg != "" {
		w, err := visits.ParseWeek(weekArg)
		if err != nil {
			return usageError(err.Error())
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
	return usageError("--format must be md, csv, xlsx or json")
}
