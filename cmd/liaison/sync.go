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
	wait := fs.Duration("wait", 0, e.t(helpWait))
	if _, err := flags(fs, args); err != nil {
		return err
	}
	if *wait < 0 {
		return usagef("--wait must not be negative (%s)", "--wait 不能为负（%s）", *wait)
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
		fmt.Fprintln(e.errw, "liaison:", fmt.Sprintf(e.t([2]string{
			"总部暂时无法连接，%s 后重试（--wait 到 %s 为止）", "HQ unreachable, trying again in %s (--wait until %s)"}),
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
		return &exitError{code: exitNeedsPerson, err: errors.New(e.t([2]string{
			"有冲突或被拒绝的修改需要处理（liaison need conflicts）", "conflicts or rejected changes need you (liaison need conflicts)"}))}
	}
	return nil
}

// helpWait is the help of sync --wait (zh, en).
var helpWait = [2]string{
	"最长等待时间（如 30s、10m）：总部无法连接时反复重试，数据库被终端界面占用时等它释放；默认 0 只试一次",
	"how long to keep trying (30s, 10m): retry while HQ cannot be reached, and wait while the terminal UI holds the database; default 0 tries once"}

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
	fmt.Fprintln(e.errw, "liaison:", fmt.Sprintf(e.t([2]string{
		"数据库正被另一个 liaison 进程（多半是终端界面）使用，等它释放，最多到 %s",
		"the database is in use by another liaison process (the terminal UI, most likely); waiting for it until %s"}),
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
