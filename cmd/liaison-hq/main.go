// Command liaison-hq is the reference HQ server of docs/sync.md and its
// administration: officers, 包抓联 assignments, master data, the
// district-wide weekly report and HQ's TLS certificate.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/tui"
	"github.com/liaison-dev/liaison/visits"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout)
	stop()
	if err != nil {
		var served servedExit
		if errors.As(err, &served) { // the command ran inside serve (adminsock_client.go)
			fmt.Fprint(os.Stderr, served.stderr)
			os.Exit(served.code)
		}
		fmt.Fprintln(os.Stderr, "liaison-hq:", say(err, langOf(os.Args[1:])))
		os.Exit(exitCode(err))
	}
}

// exitCode is the exit code for a command's error: 2 bad usage or input,
// else 1.
func exitCode(err error) int {
	var u usageError
	if errors.As(err, &u) || errors.As(err, new(inputError)) {
		return 2
	}
	return 1
}

// usageError is bad usage: exit 2, said with the usage text after it.
// Its words are a key of the catalogue, said in the operator's language
// when printed (say); Error is the English, for logs and wrapping.
type usageError struct{ msg tui.Message }

func (u usageError) Error() string {
	return u.msg.Text(visits.EN) + "\n\n" + tui.Text(visits.EN, "hq.usage")
}

// usageKey is a usage error with the words of key, formatted with args.
func usageKey(key string, args ...any) error { return usageError{msg: tui.Msg(key, args...)} }

// say renders err for the operator in lang.
func say(err error, lang visits.Lang) string {
	var u usageError
	if errors.As(err, &u) {
		return u.msg.Text(lang) + "\n\n" + tui.Text(lang, "hq.usage")
	}
	var m tui.Message
	if errors.As(err, &m) && err.Error() == m.Error() { // not wrapped in other words
		return m.Text(lang)
	}
	return err.Error()
}

// langOf is the language the command line asks for (--lang, then
// LIAISON_LANG), Chinese when it asks for none it has.
func langOf(args []string) visits.Lang {
	if g, _, err := splitGlobal(args); err == nil {
		return g.lang
	}
	return visits.ZH
}

// run is main without the process.
func run(ctx context.Context, args []string, out io.Writer) error {
	g, args, err := splitGlobal(args)
	if err != nil {
		return err
	}
	return dispatch(ctx, g, args, out)
}

// dispatch runs one command; inside serve (g.admin set) only the admin
// commands. An admin command on a bbolt file that a running serve holds
// is sent to that serve over its admin socket (adminsock_client.go).
func dispatch(ctx context.Context, g global, args []string, out io.Writer) error {
	if len(args) == 0 {
		return usageKey("hq.no_command")
	}
	whole, cmd := args, args[0]
	if (cmd == "officer" || cmd == "enterprise" || cmd == "report" || cmd == "cert") && len(args) > 1 {
		cmd, args = cmd+" "+args[1], args[1:]
	}
	if cmd == "help" || cmd == "-h" || cmd == "--help" || wantsHelp(args[1:]) {
		fmt.Fprint(out, tui.Text(g.lang, "hq.usage"))
		return nil
	}
	if g.admin != nil && !adminCommands[cmd] {
		return usageKey("hq.not_admin_command", cmd, adminCommandList())
	}
	if g.admin == nil && adminCommands[cmd] && !isPostgres(g.db) {
		if sock, held := heldByServe(g.db); held { // adminsock_client.go
			return sendToServe(ctx, sock, g, whole, out)
		}
	}
	switch cmd {
	case "cert init":
		return certInit(args[1:], out)
	case "cert pin":
		return certPin(args[1:], out)
	case "settings":
		return settingsCmd(ctx, g, args[1:], out) // settings.go
	case "migrate":
		return migrateCmd(ctx, args[1:], out) // migrate.go
	case "epoch":
		return epochCmd(ctx, g, args[1:], out) // epoch.go
	case "compact":
		return compactCmd(ctx, g, args[1:], out) // compact.go
	}
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	addr := fs.String("addr", "127.0.0.1:8080", "")
	tlsCert := fs.String("tls-cert", "", "")
	tlsKey := fs.String("tls-key", "", "")
	behindProxy := fs.Bool("behind-proxy", false, "")
	groupOps := fs.Int("group-ops", store.DefaultGroupLimits.Ops, "")
	var proxies cidrList
	fs.Var(&proxies, "trusted-proxy", "")
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
		return usageKey("hq.bad_flags", err)
	}
	var cfg serveConfig
	if cmd == "serve" {
		// Checked before the database is opened: a refused start changes
		// nothing.
		if cfg, err = newServeConfig(*addr, *tlsCert, *tlsKey, *behindProxy, proxies); err != nil {
			return err
		}
	}
	if cmd == "serve" {
		tuneGC()                          // gc.go
		hq, err := openBackend(ctx, g.db) // backend.go: a bbolt file or postgres://
		if err != nil {
			return err
		}
		defer hq.Close()
		// Pushes waiting at once share a transaction, up to this many
		// ops (1: one push per transaction; store/hq_group.go).
		hq.SetGroupLimits(store.GroupLimits{Ops: *groupOps, Bytes: store.DefaultGroupLimits.Bytes})
		hup := make(chan os.Signal, 1)
		signal.Notify(hup, syscall.SIGHUP)
		defer signal.Stop(hup)
		cfg.reload = hup
		if !isPostgres(g.db) {
			cfg.adminSock = adminSocketPath(g.db)
		}
		cfg.ready = readyFrom(ctx)
		return serve(ctx, hq, cfg)
	}
	if !adminCommands[cmd] {
		return usageKey("hq.unknown_command", cmd)
	}
	hq, done, err := g.openHQ(ctx) // adminio.go: the database, or serve's when inside it
	if err != nil {
		return err
	}
	defer done()
	switch cmd {
	case "officer add":
		if *id == "" || *name == "" || *role == "" {
			return usageKey("hq.officer_add_needs")
		}
		token, err := hq.AddOfficer(*id, *name, *role)
		if err != nil {
			return err
		}
		fmt.Fprintln(out, token)
		return nil
	case "officer revoke":
		if len(pos) != 1 {
			return usageKey("hq.officer_revoke_id")
		}
		return hq.RevokeOfficer(pos[0])
	case "assign":
		if *officer == "" || *ent == "" {
			return usageKey("hq.assign_needs")
		}
		return hq.Assign(*officer, *ent, *role)
	case "enterprise import":
		if len(pos) != 1 {
			return usageKey("hq.import_needs_file")
		}
		return importEnterprises(g, hq, pos[0], out)
	case "report weekly":
		return report(g, hq, *week, *format, *outFile, out)
	}
	return usageKey("hq.unknown_command", cmd)
}
