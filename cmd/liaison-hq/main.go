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
)

const usage = `liaison-hq: the reference HQ server

  liaison-hq serve [--addr 127.0.0.1:8080] --tls-cert FILE --tls-key FILE [--trusted-proxy CIDR,…]
  liaison-hq serve [--addr 127.0.0.1:8080]                  (plain HTTP: loopback only)
  liaison-hq serve --addr ADDR --behind-proxy --trusted-proxy CIDR,…     (plain HTTP, answering only that TLS proxy)
  liaison-hq cert init --name HOST [--ip ADDR] --out DIR [--days 825] [--key FILE] [--force]
                                                            (self-signed; prints the pin first)
  liaison-hq cert pin FILE                                  (the pin of a certificate)
  liaison-hq officer add --id ID --name N --role R          (prints the token once)
  liaison-hq officer revoke ID
  liaison-hq assign --officer ID --enterprise USCC [--role R]
  liaison-hq enterprise import FILE
  liaison-hq report weekly [--week 2026-W48] [--format md|csv|xlsx|json] [-o FILE]
  liaison-hq migrate --from hq.db --to postgres://…       (HQ stopped; into an empty database)
  liaison-hq epoch renew [--yes]                            (HQ stopped; after restoring a backup)
  liaison-hq settings [show] [--year 2026] [--json]          (HQ's rules every laptop follows)
  liaison-hq settings set district NAME | calendar FILE.json | batches --year Y D1,D2,D3
  liaison-hq settings set targets --year Y FILE.json | targets --year Y --code C --value N
  liaison-hq settings set units FILE | wording occasion|unit CODE LABEL [--en LABEL]
  liaison-hq settings set note --week 2026-W48 [--plan TEXT] [--problems TEXT]
  liaison-hq settings unset ID                              (back to the built-in rule)

Global flags, before or after the command: --db hq.db (or LIAISON_HQ_DB), --lang zh|en.
--db postgres://user@host/db?pool_max_conns=8 runs HQ on PostgreSQL (several instances at once).
The admin commands work while serve runs (bbolt: through serve's socket hq.db.admin.sock,
this user only). SIGHUP makes serve reload its certificate. See docs/sync.md and docs/cli.md.
`

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
		fmt.Fprintln(os.Stderr, "liaison-hq:", err)
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

type usageError string

func (u usageError) Error() string { return string(u) + "\n\n" + usage }

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
		return usageError("a command is needed")
	}
	whole, cmd := args, args[0]
	if (cmd == "officer" || cmd == "enterprise" || cmd == "report" || cmd == "cert") && len(args) > 1 {
		cmd, args = cmd+" "+args[1], args[1:]
	}
	if cmd == "help" || cmd == "-h" || cmd == "--help" || wantsHelp(args[1:]) {
		fmt.Fprint(out, usage)
		return nil
	}
	if g.admin != nil && !adminCommands[cmd] {
		return usageError(fmt.Sprintf("%q is not an admin command: the admin socket runs only %s", cmd, adminCommandList()))
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
	}
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	addr := fs.String("addr", "127.0.0.1:8080", "")
	tlsCert := fs.String("tls-cert", "", "")
	tlsKey := fs.String("tls-key", "", "")
	behindProxy := fs.Bool("behind-proxy", false, "")
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
		return usageError(err.Error())
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
		hq, err := openBackend(ctx, g.db) // backend.go: a bbolt file or postgres://
		if err != nil {
			return err
		}
		defer hq.Close()
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
		return usageError(fmt.Sprintf("unknown command %q", cmd))
	}
	hq, done, err := g.openHQ(ctx) // adminio.go: the database, or serve's when inside it
	if err != nil {
		return err
	}
	defer done()
	switch cmd {
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
		return importEnterprises(g, hq, pos[0], out)
	case "report weekly":
		return report(g, hq, *week, *format, *outFile, out)
	}
	return usageError(fmt.Sprintf("unknown command %q", cmd))
}
