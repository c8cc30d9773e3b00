package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/tui"
)

// compactCmd runs `liaison-hq compact`: HQ's bbolt file is brought to this
// build's format (the open migrates it) and rewritten into a checked copy
// renamed over it (store.Compact), HQ stopped: a running serve holds the
// file, and the command then refuses. On PostgreSQL, space is PostgreSQL's
// own job (autovacuum, VACUUM; docs/postgres.md).
func compactCmd(ctx context.Context, g global, args []string, out io.Writer) error {
	t := func(key string, a ...any) string { return tui.Text(g.lang, key, a...) }
	fs := flag.NewFlagSet("compact", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	pos, err := parseInterspersed(fs, args)
	if err != nil || len(pos) != 0 {
		return inputError(t("hq.compact.usage"))
	}
	if isPostgres(g.db) {
		return inputError(t("hq.compact.postgres"))
	}
	hq, err := openBackend(ctx, g.db)
	if errors.Is(err, store.ErrInUse) {
		return errors.New(t("hq.compact.in_use", g.db))
	}
	if err != nil {
		return err
	}
	path := hq.Store().Path()
	if err := hq.Close(); err != nil {
		return err
	}
	res, err := store.Compact(path)
	if errors.Is(err, store.ErrInUse) {
		return errors.New(t("hq.compact.in_use", g.db))
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(out, t("hq.compact.done", float64(res.Before)/1e6, float64(res.After)/1e6))
	return nil
}
