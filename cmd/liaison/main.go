// Command liaison is the officer's tool: a terminal UI for logging visits,
// needs and follow-ups, and a command line for scripts (docs/cli.md).
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is main without the process: it parses, dispatches and maps errors
// to exit codes, so tests can call it.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	g, rest, err := parseGlobal(args)
	e := &env{ctx: ctx, g: g, stdin: stdin, out: stdout, errw: stderr}
	defer e.close()
	if err != nil {
		return e.fail(err)
	}
	if len(rest) == 0 || isTUIFlag(rest[0]) || (g.demo && !isHelpFlag(rest[0]) && rest[0] != "--version") {
		return e.fail(cmdTUI(e, rest))
	}
	name, rest := rest[0], rest[1:]
	switch {
	case isHelpFlag(name) || name == "help":
		if len(rest) > 0 && name == "help" { // liaison help visit add
			return run(ctx, append(append(rest, "--help"), globalArgs(g)...), stdin, stdout, stderr)
		}
		e.printUsage(stdout)
		return exitOK
	case name == "--version":
		fmt.Fprintln(stdout, versionLine())
		return exitOK
	case name == "completion": // not in commands: completion reads that table
		return e.fail(cmdCompletion(e, rest))
	case name == completeCmd:
		e.cmd = completeCmd
		return e.fail(cmdComplete(e, rest))
	}
	c, ok := commands[name]
	if !ok {
		return e.fail(usageKey("cli.main.unknown_command_liaison_help", name))
	}
	if c.sub != nil {
		if len(rest) == 0 || isHelpFlag(rest[0]) {
			if len(rest) > 0 {
				e.printGroupHelp(stdout, name)
				return exitOK
			}
			e.printGroupHelp(stderr, name)
			return e.fail(usageKey("cli.main.needs_a_subcommand", name))
		}
		f, ok := c.sub[rest[0]]
		if !ok {
			e.printGroupHelp(stderr, name)
			return e.fail(usageKey("cli.main.unknown_command", name+" "+rest[0]))
		}
		e.cmd = name + " " + rest[0]
		return e.fail(f(e, rest[1:]))
	}
	e.cmd = name
	return e.fail(c.run(e, rest))
}

// globalArgs gives the global flags back as arguments.
func globalArgs(g global) []string {
	out := []string{"--lang", string(g.lang)}
	if g.db != "" {
		out = append(out, "--db", g.db)
	}
	return out
}

type command struct {
	run func(e *env, args []string) error
	sub map[string]func(e *env, args []string) error
}

var commands = map[string]command{
	"enterprise": {sub: map[string]func(*env, []string) error{
		"add": cmdEnterpriseAdd, "list": cmdEnterpriseList, "show": cmdEnterpriseShow, "import": cmdEnterpriseImport,
		"set": cmdEnterpriseSet}},
	"application": {sub: map[string]func(*env, []string) error{
		"add": cmdApplicationAdd, "step": cmdApplicationStep, "list": cmdApplicationList, "show": cmdApplicationShow}},
	"visit": {sub: map[string]func(*env, []string) error{
		"add": cmdVisitAdd, "list": cmdVisitList, "show": cmdVisitShow, "correct": cmdVisitCorrect}},
	"need": {sub: map[string]func(*env, []string) error{
		"add": cmdNeedAdd, "status": cmdNeedStatus, "list": cmdNeedList, "show": cmdNeedShow,
		"conflicts": cmdNeedConflicts, "resolve": cmdNeedResolve}},
	"followup": {sub: map[string]func(*env, []string) error{
		"add": cmdFollowUpAdd, "done": cmdFollowUpDone, "list": cmdFollowUpList}},
	"status":  {run: cmdStatus},
	"login":   {run: cmdLogin},
	"sync":    {run: cmdSync},
	"report":  {sub: map[string]func(*env, []string) error{"weekly": cmdReportWeekly}},
	"export":  {run: cmdExport},
	"backup":  {run: cmdBackup},
	"restore": {run: cmdRestore},
	"check":   {run: cmdCheck},
	"compact": {run: cmdCompact},
	"demo":    {sub: map[string]func(*env, []string) error{"seed": cmdDemoSeed}},
	"calendar": {sub: map[string]func(*env, []string) error{
		"import": cmdCalendarImport, "show": cmdCalendarShow}},
	"version": {run: cmdVersion},
}

// Exit codes (docs/cli.md).
const (
	exitOK          = 0
	exitFailed      = 1
	exitUsage       = 2
	exitNeedsPerson = 3
	exitUnreachable = 4
	exitUnauthed    = 5
)

// exitError carries a specific exit code (sync uses 3, 4 and 5).
type exitError struct {
	code int
	err  error
}

func (x *exitError) Error() string { return x.err.Error() }
func (x *exitError) Unwrap() error { return x.err }

// fail prints err (if any) and returns the exit code it maps to.
func (e *env) fail(err error) int {
	if err == nil {
		return exitOK
	}
	var h *helpRequest
	if errors.As(err, &h) {
		e.printHelp(e.out, h.fs)
		return exitOK
	}
	var x *exitError
	if errors.As(err, &x) {
		if x.err != nil && x.err.Error() != "" {
			fmt.Fprintln(e.errw, "liaison:", visits.PlainText(e.message(x.err), true)) // messages may quote stored text
		}
		return x.code
	}
	fmt.Fprintln(e.errw, "liaison:", visits.PlainText(e.message(err), true))
	if isUsage(err) || isNotFound(err) || errors.Is(err, store.ErrTerminalStatus) || errors.Is(err, store.ErrSettingAtHQ) {
		return exitUsage // an id that names nothing, a value the lifecycle refuses: bad input
	}
	return exitFailed
}
