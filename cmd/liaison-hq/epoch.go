package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/tui"
)

// liaison-hq epoch renew: after restoring HQ from an older backup its
// seqs are below the cursors laptops hold, and laptops would page past
// the changes HQ numbers again. A new epoch makes every laptop's next
// sync answer 410 reset_required: it pushes its outbox and pulls from 0
// (docs/sync.md, docs/postgres.md). HQ must be stopped meanwhile: a
// running serve caches the epoch (store/hq_shared.go).

// epochStdin is where the confirmation is read (tests replace it).
var epochStdin io.Reader = os.Stdin

// epochCmd runs `liaison-hq epoch renew [--yes]`.
func epochCmd(ctx context.Context, g global, args []string, out io.Writer) error {
	t := func(key string, a ...any) string { return tui.Text(g.lang, key, a...) }
	fs := flag.NewFlagSet("epoch", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	yes := fs.Bool("yes", false, "")
	pos, err := parseInterspersed(fs, args)
	if err != nil || len(pos) != 1 || pos[0] != "renew" {
		return inputError(t("hq.epoch.usage"))
	}
	hq, err := openBackend(ctx, g.db)
	if errors.Is(err, store.ErrInUse) {
		return errors.New(t("hq.epoch.in_use", g.db))
	}
	if err != nil {
		return err
	}
	defer hq.Close()
	if !*yes {
		fmt.Fprint(out, t("hq.epoch.confirm", hq.Epoch(), hq.Seq()))
		line, _ := bufio.NewReader(epochStdin).ReadString('\n')
		if a := strings.ToLower(strings.TrimSpace(line)); a != "y" && a != "yes" && a != "是" {
			return inputError(t("hq.epoch.not_confirmed"))
		}
	}
	old, renewed, err := hq.RenewEpoch()
	if err != nil {
		return err
	}
	fmt.Fprintln(out, t("hq.epoch.renewed", old, renewed))
	return nil
}
