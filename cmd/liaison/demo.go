package main

import (
	"flag"
	"fmt"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits/demo"
)

func cmdDemoSeed(e *env, args []string) error {
	fs := flag.NewFlagSet("demo seed", flag.ContinueOnError)
	ents := fs.Int("enterprises", 200, "")
	nv := fs.Int("visits", 2000, "")
	seed := fs.Uint64("seed", 1, "")
	if _, err := flags(fs, args); err != nil {
		return err
	}
	if *ents < 0 || *nv < 0 {
		return usageKey("cli.demo.enterprises_and_visits_must")
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	start := time.Now()
	d, err := seedDemo(s, *ents, *nv, *seed)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.errw, e.text("cli.demo.seeded_enterprises_visits_needs"),
		len(d.Enterprises), len(d.Visits), len(d.Needs), len(d.FollowUps), time.Since(start).Seconds())
	return nil
}

// seedDemo fills s with demo data as if HQ had sent it (nothing is queued
// for upload), logged in as the demo officer "wang".
func seedDemo(s *store.Store, enterprises, nVisits int, seed uint64) (*demo.Data, error) {
	d := demo.Generate(demo.Options{Enterprises: enterprises, Visits: nVisits, Seed: seed, Now: s.Now(), NewID: store.NewID})
	if err := s.Seed(d.Records()); err != nil {
		return nil, err
	}
	return d, nil
}
