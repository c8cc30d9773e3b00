// Command liaison-hq is the reference HQ server of docs/sync.md and its
// administration: officers, 包抓联 assignments, master data and the
// district-wide weekly report.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/sync"
	"github.com/liaison-dev/liaison/visits"
)

const usage = `liaison-hq: the reference HQ server

  liaison-hq serve [--addr 127.0.0.1:8080] [--db hq.db]
  liaison-hq officer add --id ID --name N --role R [--db hq.db]   (prints the token once)
  liaison-hq officer revoke ID [--db hq.db]
  liaison-hq assign --officer ID --enterprise USCC [--role R] [--db hq.db]
  liaison-hq enterprise import FILE [--db hq.db]
  liaison-hq report weekly [--week 2026-W48] [--format md|csv|xlsx|json] [-o FILE] [--db hq.db]
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "liaison-hq:", err)
		var u usageError
		if errors.As(err, &u) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

type usageError string

func (u usageError) Error() string { return string(u) + "\n\n" + usage }

func run(ctx context.Context, args []string, out io.Writer) error {
	if len(args) == 0 {
		return usageError("a command is needed")
	}
	cmd := args[0]
	if (cmd == "officer" || cmd == "enterprise" || cmd == "report") && len(args) > 1 {
		cmd, args = cmd+" "+args[1], args[1:]
	}
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	db := fs.String("db", envOr("LIAISON_HQ_DB", "hq.db"), "")
	addr := fs.String("addr", "127.0.0.1:8080", "")
	id := fs.String("id", "", "")
	name := fs.String("name", "", "")
	role := fs.String("role", "", "")
	officer := fs.String("officer", "", "")
	ent := fs.String("enterprise", "", "")
	week := fs.String("week", "", "")
	format := fs.String("format", "md", "")
	outFile := fs.String("o", "", "")
	pos, err := parseInterspersed(fs, args[1:])
	if err != nil {
		return usageError(err.Error())
	}
	if cmd == "help" || cmd == "-h" || cmd == "--help" {
		fmt.Fprint(out, usage)
		return nil
	}
	hq, err := store.OpenHQ(*db, store.Options{})
	if err != nil {
		return err
	}
	defer hq.Close()
	switch cmd {
	case "serve":
		return serve(ctx, hq, *addr)
	case "officer add":
		if *id == "" || *name == "" || *role == "" {
			return usageError("officer add needs --id, --name and --role")
		}
		token, err := hq.AddOfficer(*id, *name, *role)
		if err != nil {
			return err
		}
		fmt.Fprintln(out, token)
		return nil
	case "officer revoke":
		if len(pos) != 1 {
			return usageError("officer revoke needs the officer's id")
		}
		return hq.RevokeOfficer(pos[0])
	case "assign":
		if *officer == "" || *ent == "" {
			return usageError("assign needs --officer and --enterprise")
		}
		return hq.Assign(*officer, *ent, *role)
	case "enterprise import":
		if len(pos) != 1 {
			return usageError("enterprise import needs a file")
		}
		return importEnterprises(hq, pos[0], out)
	case "report weekly":
		return report(hq, *week, *format, *outFile, out)
	}
	return usageError(fmt.Sprintf("unknown command %q", cmd))
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

// parseInterspersed lets flags stand before or after positional arguments.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// serve runs HQ until SIGINT/SIGTERM. Shutdown waits for requests in
// flight, whose replies are sent only after their transaction committed,
// then closes the database: no acknowledged op is lost.
func serve(ctx context.Context, hq *store.HQ, addr string) error {
	logger := log.New(os.Stderr, "", log.LstdFlags|log.LUTC)
	srv := sync.NewServer(addr, logRequests(logger, sync.NewHandler(sync.Bolt{HQ: hq}, sync.ServerOptions{})))
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	logger.Printf("serving protocol %d on http://%s (epoch %s)", sync.Protocol, addr, hq.Epoch())
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Print("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return srv.Shutdown(sctx)
}

// logRequests writes one line per request: method, path, status, bytes,
// duration and client.
func logRequests(l *log.Logger, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		h.ServeHTTP(sw, r)
		l.Printf("%s %s %d %dB %s %s", r.Method, r.URL.Path, sw.status, sw.n, time.Since(start).Round(time.Microsecond), r.RemoteAddr)
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
	n      int
}

func (w *statusWriter) WriteHeader(c int) { w.status = c; w.ResponseWriter.WriteHeader(c) }
func (w *statusWriter) Write(b []byte) (int, error) {
	n, err := w.ResponseWriter.Write(b)
	w.n += n
	return n, err
}

func importEnterprises(hq *store.HQ, path string, out io.Writer) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	rows, err := visits.ReadSheet(f, strings.TrimPrefix(filepath.Ext(path), "."))
	if err != nil {
		return fmt.Errorf("import %s: %w", path, err)
	}
	var existing []visits.Enterprise
	if err := hq.Store().View(func(r *store.Reader) error {
		existing, err = store.All[visits.Enterprise](r)
		return err
	}); err != nil {
		return err
	}
	plan := visits.PlanImport(existing, visits.ParseEnterpriseRows(rows))
	var recs []visits.Record
	for _, set := range [][]visits.PlannedRow{plan.Created, plan.Updated} {
		for i := range set {
			recs = append(recs, &set[i].Enterprise)
		}
	}
	if err := hq.SaveRecords("hq", recs...); err != nil {
		return err
	}
	fmt.Fprintf(out, "created %d, updated %d, unchanged %d, refused %d\n", len(plan.Created), len(plan.Updated), len(plan.Unchanged), len(plan.Refused))
	for _, r := range plan.Refused {
		fmt.Fprintf(out, "  row %d: %s %s %s\n", r.Row, r.Reason, r.Column, r.Value)
	}
	return nil
}

func report(hq *store.HQ, weekArg, format, outFile string, stdout io.Writer) error {
	week := visits.WeekOf(visits.DateOf(time.Now()))
	if weekArg != "" {
		w, err := visits.ParseWeek(weekArg)
		if err != nil {
			return usageError(err.Error())
		}
		week = w
	}
	var ds visits.Dataset
	err := hq.Store().View(func(r *store.Reader) error {
		var err error
		ds, err = r.Dataset()
		return err
	})
	if err != nil {
		return err
	}
	rep := visits.WeeklyReport(ds, week, visits.ReportOptions{GeneratedAt: time.Now(), GeneratedBy: "HQ", DataAsOf: time.Now()})
	w := stdout
	if outFile != "" {
		f, err := os.OpenFile(outFile, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	switch format {
	case "md":
		return visits.RenderMarkdown(w, rep, visits.ZH)
	case "csv":
		return visits.RenderCSV(w, rep, visits.ZH)
	case "xlsx":
		return visits.RenderXLSX(w, rep, visits.ZH)
	case "json":
		return visits.RenderJSON(w, rep)
	}
	return usageError("--format must be md, csv, xlsx or json")
}
