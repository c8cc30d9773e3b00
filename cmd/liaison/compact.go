package main

import (
	"errors"
	"flag"
	"fmt"

	"github.com/liaison-dev/liaison/store"
)

// cmdCompact: liaison compact. Brings the database to this build's format
// (the open migrates it, in one transaction), then rewrites the file into
// a checked copy that is renamed over it (store.Compact): nothing is lost
// if it is killed, so it asks for no confirmation. It needs the database
// to itself: while the terminal UI or a sync holds it, it refuses.
func cmdCompact(e *env, args []string) error {
	pos, err := flags(flag.NewFlagSet("compact", flag.ContinueOnError), args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return usageKey("cli.compact.usage")
	}
	s, err := e.store()
	if errors.Is(err, store.ErrInUse) {
		return failKey("cli.compact.in_use")
	}
	if err != nil {
		return err
	}
	path := s.Path()
	e.close()
	res, err := store.Compact(path)
	if errors.Is(err, store.ErrInUse) {
		return failKey("cli.compact.in_use")
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(e.out, e.text("cli.compact.done", float64(res.Before)/1e6, float64(res.After)/1e6))
	return nil
}
