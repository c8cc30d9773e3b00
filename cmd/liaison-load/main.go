// Command liaison-load plays many laptops against one or more liaison-hq
// instances at the protocol level (docs/performance.md, "Load"):
//
//	liaison-load setup --db hq.db --laptops N [--witnesses 3] [--enterprises 3] --roster roster.json
//	liaison-load run --roster roster.json (--hq URL[,URL…] | --spawn-hq K --hq-bin PATH --db FILE|DSN)
//	    [--laptops N] [--ops 100] [--window 60s] [--inflight 200] [--attempts 8] [--syncs 3]
//	    [--witnesses 3] [--kill-one-after 30s] [--deadline 10m] [--random] [--seed S] [--first-sync-storm N]
//
// Exit status: 0 every check held, 1 a check failed or the run could not
// be made, 2 bad usage.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

type usageError string

func (u usageError) Error() string { return string(u) }

func cli(ctx context.Context, args []string, out, errw io.Writer) int {
	err := dispatch(ctx, args, out)
	var u usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &u):
		fmt.Fprintln(errw, "liaison-load:", err)
		fmt.Fprintln(errw, "usage: liaison-load setup|run … (see go doc ./cmd/liaison-load)")
		return 2
	}
	fmt.Fprintln(errw, "liaison-load:", err)
	return 1
}

var errChecks = errors.New("a check failed")

func dispatch(ctx context.Context, args []string, out io.Writer) error {
	if len(args) == 0 {
		return usageError("setup or run is needed")
	}
	fs := flag.NewFlagSet(args[0], flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	db := fs.String("db", "", "")
	roster := fs.String("roster", "", "")
	laptops := fs.Int("laptops", 0, "")
	witnesses := fs.Int("witnesses", 3, "")
	ents := fs.Int("enterprises", 3, "")
	hq := fs.String("hq", "", "")
	spawn := fs.Int("spawn-hq", 0, "")
	hqBin := fs.String("hq-bin", "liaison-hq", "")
	logDir := fs.String("log-dir", "", "")
	ops := fs.Int("ops", 100, "")
	window := fs.Duration("window", time.Minute, "")
	inflight := fs.Int("inflight", 200, "")
	attempts := fs.Int("attempts", 8, "")
	syncs := fs.Int("syncs", 3, "")
	kill := fs.Duration("kill-one-after", 0, "")
	deadline := fs.Duration("deadline", 0, "")
	random := fs.Bool("random", false, "")
	seed := fs.Uint64("seed", uint64(time.Now().UnixNano()), "")
	storm := fs.Int("first-sync-storm", 0, "")
	if err := fs.Parse(args[1:]); err != nil {
		return usageError(err.Error())
	}
	if *roster == "" {
		return usageError("--roster FILE is needed")
	}
	switch args[0] {
	case "setup":
		if *db == "" || *laptops <= 0 {
			return usageError("setup needs --db FILE|postgres://… and --laptops N")
		}
		_, err := setup(ctx, setupOptions{DB: *db, Laptops: *laptops, Witnesses: *witnesses, Enterprises: max(*ents, 1), Roster: *roster}, out)
		return err
	case "run":
	default:
		return usageError(fmt.Sprintf("unknown command %q", args[0]))
	}
	opt := runOptions{Roster: *roster, SpawnHQ: *spawn, HQBin: *hqBin, DB: *db, LogDir: *logDir, Laptops: *laptops,
		Ops: *ops, Window: *window, Inflight: *inflight, Attempts: *attempts, Syncs: *syncs, Witnesses: *witnesses,
		KillAfter: *kill, Deadline: *deadline, Random: *random, Seed: *seed, Storm: *storm, Out: out}
	if *hq != "" {
		opt.URLs = strings.Split(*hq, ",")
	}
	switch {
	case (*spawn > 0) == (len(opt.URLs) > 0):
		return usageError("give either --hq URL[,URL…] or --spawn-hq K with --hq-bin and --db")
	case *spawn > 0 && *db == "":
		return usageError("--spawn-hq needs --db (a bbolt file or postgres://…)")
	case *spawn > 1 && isBoltFile(*db):
		return usageError("a bbolt file takes one instance (one writer): --spawn-hq 1, or PostgreSQL for several")
	case *kill > 0 && *spawn == 0:
		return usageError("--kill-one-after needs --spawn-hq: the generator kills only what it started")
	case *inflight <= 0 || *attempts <= 0 || *syncs <= 0 || *ops < 0:
		return usageError("--inflight, --attempts and --syncs must be positive")
	}
	if *storm > 0 {
		opt.Witnesses = 0
	}
	fmt.Fprintf(out, "liaison-load: seed %d\n", opt.Seed)
	rep, err := run(ctx, opt)
	if err != nil {
		return err
	}
	rep.write(out)
	if !rep.OK() {
		return errChecks
	}
	return nil
}
