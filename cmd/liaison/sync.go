package main

import (
	"errors"
	"flag"
	"fmt"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/sync"
)

func cmdLogin(e *env, args []string) error {
	fs := flag.NewFlagSet("login", flag.ContinueOnError)
	hq := fs.String("hq", "", e.t(helpHQ))
	token := fs.String("token", "", e.t(helpToken))
	ca := fs.String("ca", "", e.t(helpCA))
	pin := fs.String("pin", "", e.t(helpPin))
	insecure := fs.Bool("insecure-http", false, e.t(helpInsecure))
	pos, err := flags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		// Not repeated: it may be the token.
		return usagef("login takes no positional argument (the token goes on standard input, in LIAISON_TOKEN or after --token)",
			"login 不接受位置参数（令牌请从标准输入、LIAISON_TOKEN 或 --token 给出）")
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
	fmt.Fprintf(e.out, e.t([2]string{"已登录：%s（%s），总部 %s\n", "logged in as %s (%s) at %s\n"}), clean(h.Officer), clean(h.Role), clean(*hq))
	return nil
}

func cmdSync(e *env, args []string) error {
	fs := flag.NewFlagSet("sync", flag.ContinueOnError)
	fs.BoolVar(&e.jsonOut, "json", false, "")
	if _, err := flags(fs, args); err != nil {
		return err
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	c := &sync.Client{Store: s}
	sum, err := c.Sync(e.ctx)
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
		return &exitError{code: exitNeedsPerson, err: errors.New(e.t([2]string{
			"有冲突或被拒绝的修改需要处理（liaison need conflicts）", "conflicts or rejected changes need you (liaison need conflicts)"}))}
	}
	return nil
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
	fmt.Fprintf(tw, "%s\t%d\n", e.t([2]string{"已上传修改", "Pushed"}), sum.Pushed)
	fmt.Fprintf(tw, "  %s\t%d\n", e.t([2]string{"已接受", "applied"}), sum.Applied)
	fmt.Fprintf(tw, "  %s\t%d\n", e.t([2]string{"重复（已收到过）", "duplicates"}), sum.Duplicates)
	fmt.Fprintf(tw, "  %s\t%d\n", e.t([2]string{"形成冲突", "conflicts"}), sum.Conflicts)
	fmt.Fprintf(tw, "  %s\t%d\n", e.t([2]string{"被拒绝", "rejected"}), sum.Rejected)
	fmt.Fprintf(tw, "%s\t%d\n", e.t([2]string{"已下载变更", "Pulled"}), sum.Pulled)
	fmt.Fprintf(tw, "%s\t%d\n", e.t([2]string{"待处理冲突", "Open conflicts"}), sum.OpenConflicts)
	fmt.Fprintf(tw, "%s\t%d\n", e.t([2]string{"被拒绝的修改（累计）", "Rejected changes (all)"}), sum.RejectedTotal)
	fmt.Fprintf(tw, "%s\t%d\n", e.t([2]string{"尚未上传", "Still pending"}), sum.Pending)
	fmt.Fprintf(tw, "%s\t%d ms\n", e.t([2]string{"时钟偏差", "Clock offset"}), sum.OffsetMS)
	fmt.Fprintf(tw, "%s\t%s\n", e.t([2]string{"用时", "Took"}), sum.Duration.Round(1e6))
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
