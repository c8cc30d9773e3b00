package main

import (
	"errors"
	"flag"
	"fmt"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/sync"
)

func cmdLogin(e *env, args []string) error {
	fs := flag.NewFlagSet("login", flag.ContinueOnError)
	hq := fs.String("hq", "", e.text(helpHQ))
	token := fs.String("token", "", e.text(helpToken))
	ca := fs.String("ca", "", e.text(helpCA))
	pin := fs.String("pin", "", e.text(helpPin))
	insecure := fs.Bool("insecure-http", false, e.text(helpInsecure))
	pos, err := flags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		// Not repeated: it may be the token.
		return usageKey("cli.sync.login_takes_no_positional")
	}
	if err := need("hq", *hq); err != nil {
		return err
	}
	trust, err := loginTrust(*hq, *ca, *pin, *insecure)
	if err != nil {
		return err
	}
	tok, err := e.loginToken(*token)
	if err != nil {
		return err
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	if trust.InsecureHTTP {
		fmt.Fprintln(e.errw, "liaison:", sync.WarnInsecureHTTP)
	}
	h, err := sync.LoginWith(e.ctx, s, sync.LoginOptions{URL: *hq, Token: tok, Trust: trust})
	if err != nil {
		return syncExit(err)
	}
	fmt.Fprintf(e.out, e.text("cli.sync.logged_in_as_at"), clean(h.Officer), clean(h.Role), clean(*hq))
	return nil
}

func cmdSync(e *env, args []string) error {
	fs := flag.NewFlagSet("sync", flag.ContinueOnError)
	fs.BoolVar(&e.jsonOut, "json", false, "")
	wait := fs.Duration("wait", 0, e.text(helpWait))
	if _, err := flags(fs, args); err != nil {
		return err
	}
	if *wait < 0 {
		return usageKey("cli.sync.wait_must_not_be", *wait)
	}
	// One deadline for both waits: for the database (the terminal UI may
	// hold it) and for HQ.
	deadline := time.Now().Add(*wait)
	s, err := e.storeUntil(deadline)
	if err != nil {
		return err
	}
	c := &sync.Client{Store: s}
	sum, err := c.SyncWait(e.ctx, sync.WaitOptions{Wait: time.Until(deadline), Retrying: func(err error, next time.Duration) {
		fmt.Fprintln(e.errw, "liaison:", fmt.Sprintf(e.text("cli.sync.hq_unreachable_trying_again"),
			next.Round(100*time.Millisecond), deadline.Format("15:04:05")))
	}})
	if e.jsonOut {
		out := struct {
			sync.Summary
			Error string `json:"error,omitempty"`
		}{Summary: sum}
		if err != nil {
			out.Error = err.Error()
		}
		if perr := e.printJSON(out); perr != nil {
			return perr
		}
	} else if err == nil || sum.Pushed > 0 || sum.Pulled > 0 {
		e.printSummary(s, sum) // a sync that did nothing gets its reason, not a table of zeros
	}
	if err != nil {
		return syncExit(err)
	}
	if sum.NeedsPerson() {
		return &exitError{code: exitNeedsPerson, err: errors.New(e.text("cli.sync.conflicts_or_rejected_changes"))}
	}
	return nil
}

// helpWait is the help of sync --wait (a key of the catalogue).
const helpWait = "cli.sync.how_long_to_keep"

// storeUntil opens the database like store(), but while another liaison
// process (the terminal UI, another sync) holds it, it waits for it until
// the deadline instead of failing after a second; it says so on standard
// error, once.
func (e *env) storeUntil(deadline time.Time) (*store.Store, error) {
	s, err := e.store()
	if !errors.Is(err, store.ErrInUse) || !time.Now().Before(deadline) {
		return s, err
	}
	path := e.g.db
	if path == "" {
		if path, err = defaultDB(); err != nil {
			return nil, err
		}
	}
	fmt.Fprintln(e.errw, "liaison:", fmt.Sprintf(e.text("cli.sync.the_database_is_in"),
		deadline.Format("15:04:05")))
	for {
		left := time.Until(deadline)
		if left <= 0 {
			return nil, store.ErrInUse
		}
		s, err = store.Open(path, store.Options{LockTimeout: left})
		if err == nil {
			e.st = s
			return s, nil
		}
		if !errors.Is(err, store.ErrInUse) {
			return nil, err
		}
	}
}

// syncExit maps sync errors to the exit codes of docs/cli.md.
func syncExit(err error) error {
	switch {
	case errors.Is(err, sync.ErrUntrusted), errors.Is(err, sync.ErrInsecureHTTP):
		return untrustedExit(err)
	case errors.Is(err, sync.ErrUnauthorized), errors.Is(err, sync.ErrNotLoggedIn):
		return &exitError{code: exitUnauthed, err: err}
	case errors.Is(err, sync.ErrUnreachable):
		return &exitError{code: exitUnreachable, err: err}
	}
	return err
}

func (e *env) printSummary(s *store.Store, sum sync.Summary) {
	tw := e.table()
	fmt.Fprintf(tw, "%s\t%d\n", e.text("cli.sync.pushed"), sum.Pushed)
	fmt.Fprintf(tw, "  %s\t%d\n", e.text("cli.sync.applied"), sum.Applied)
	fmt.Fprintf(tw, "  %s\t%d\n", e.text("cli.sync.duplicates"), sum.Duplicates)
	fmt.Fprintf(tw, "  %s\t%d\n", e.text("cli.sync.conflicts"), sum.Conflicts)
	fmt.Fprintf(tw, "  %s\t%d\n", e.text("cli.sync.rejected"), sum.Rejected)
	fmt.Fprintf(tw, "%s\t%d\n", e.text("cli.sync.pulled"), sum.Pulled)
	fmt.Fprintf(tw, "%s\t%d\n", e.text("cli.sync.open_conflicts"), sum.OpenConflicts)
	fmt.Fprintf(tw, "%s\t%d\n", e.text("cli.sync.rejected_changes_all"), sum.RejectedTotal)
	fmt.Fprintf(tw, "%s\t%d\n", e.text("cli.sync.still_pending"), sum.Pending)
	fmt.Fprintf(tw, "%s\t%d ms\n", e.text("cli.admin.clock_offset"), sum.OffsetMS)
	fmt.Fprintf(tw, "%s\t%s\n", e.text("cli.sync.took"), sum.Duration.Round(1e6))
	_ = tw.Flush()
	if sum.RejectedTotal > 0 {
		_ = s.View(func(r *store.Reader) error {
			rej, _ := r.RejectedOps()
			for _, x := range rej[max(0, len(rej)-5):] {
				fmt.Fprintf(e.out, "  ✗ %s %s %s = %s: %s (%s)\n", clean(x.Op.Type), shortArg(x.Op.ID), clean(x.Op.Field), shortArg(string(x.Op.Value)), clean(x.Code), clean(x.Reason))
			}
			return nil
		})
	}
}
