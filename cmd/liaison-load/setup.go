package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// setupOptions: how many accounts and enterprises setup makes.
type setupOptions struct {
	DB          string // HQ's bbolt file (created if missing) or postgres://…
	Laptops     int
	Witnesses   int
	Enterprises int // per officer
	Roster      string
}

// setup creates, in HQ's database through store.HQ (the same calls the
// liaison-hq admin commands make), one admin, opt.Laptops + opt.Witnesses
// liaison officers with tokens, and opt.Enterprises enterprises assigned
// to each officer alone, and writes the roster. A bbolt file is written
// without fsync (a throwaway database, synced when closed); PostgreSQL
// (postgres://…) as HQ always writes it.
func setup(ctx context.Context, opt setupOptions, log io.Writer) (*Roster, error) {
	var hq *store.HQ
	var err error
	if isPostgres(opt.DB) {
		hq, err = openHQ(ctx, opt.DB)
	} else {
		hq, err = store.OpenHQ(opt.DB, store.Options{NoSync: true})
	}
	if err != nil {
		return nil, err
	}
	defer hq.Close()
	r := &Roster{Epoch: hq.Epoch()}
	start := time.Now()
	if r.Admin.Token, err = hq.AddOfficer("load-admin", "负载管理员", visits.RoleAdmin); err != nil {
		return nil, err
	}
	r.Admin.ID = "load-admin"
	n := opt.Laptops + opt.Witnesses
	for i := range n {
		o := Officer{ID: fmt.Sprintf("load-%06d", i)}
		if i >= opt.Laptops {
			o.ID = fmt.Sprintf("witness-%03d", i-opt.Laptops)
		}
		if o.Token, err = hq.AddOfficer(o.ID, "干部"+o.ID, visits.RoleLiaison); err != nil {
			return nil, err
		}
		var recs []visits.Record
		for j := range opt.Enterprises {
			e := &visits.Enterprise{Meta: visits.Meta{ID: store.NewID()},
				Name: fmt.Sprintf("测试企业%d-%d有限公司", i, j), Street: "城关街道"}
			recs = append(recs, e)
			recs = append(recs, &visits.Assignment{Meta: visits.Meta{ID: store.NewID()},
				EnterpriseID: e.ID, OfficerID: o.ID, Role: visits.RoleLiaison})
			o.Enterprises = append(o.Enterprises, e.ID)
		}
		// One transaction per officer's enterprises and assignments, the
		// path liaison-hq assign takes (an assignment is a record HQ saves).
		if err := hq.SaveRecords("hq", recs...); err != nil {
			return nil, err
		}
		if i < opt.Laptops {
			r.Laptops = append(r.Laptops, o)
		} else {
			r.Witnesses = append(r.Witnesses, o)
		}
		if (i+1)%1000 == 0 {
			fmt.Fprintf(log, "setup: %d of %d officers (%s)\n", i+1, n, time.Since(start).Round(time.Second))
		}
	}
	r.Seq = hq.Seq()
	if err := writeRoster(opt.Roster, r); err != nil {
		return nil, err
	}
	fmt.Fprintf(log, "setup: %d officers, %d enterprises, HQ seq %d, in %s; roster %s\n",
		n+1, n*opt.Enterprises, r.Seq, time.Since(start).Round(time.Millisecond), opt.Roster)
	return r, nil
}
