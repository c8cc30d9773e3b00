package demo

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/visits"
)

func gen(seed uint64) *Data {
	n := 0
	return Generate(Options{Enterprises: 300, Visits: 3000, Seed: seed,
		Now:   time.Date(2026, 11, 29, 4, 0, 0, 0, time.UTC),
		NewID: func() string { n++; return fmt.Sprintf("id%06d", n) }})
}

func TestDemoDataIsValidAndCoversEverything(t *testing.T) {
	d := gen(1)
	now := time.Date(2026, 11, 29, 4, 0, 0, 0, time.UTC)
	seen := map[string]bool{}
	for _, e := range d.Enterprises {
		u, err := visits.ParseUSCC(e.USCC)
		if err != nil || !u.CheckOK {
			t.Fatalf("enterprise %s: USCC %s invalid: %v", e.Name, e.USCC, err)
		}
		if seen[e.USCC] || seen[e.Name] {
			t.Fatalf("duplicate USCC or name: %s %s", e.USCC, e.Name)
		}
		seen[e.USCC], seen[e.Name] = true, true
		if err := visits.ValidateEnterprise(e); err != nil {
			t.Fatalf("enterprise %s: %v", e.Name, err)
		}
	}
	occasions := map[string]bool{}
	for _, v := range d.Visits {
		if err := visits.ValidateVisit(v, now); err != nil {
			t.Fatalf("visit: %v", err)
		}
		occasions[v.Occasion] = true
	}
	if len(occasions) != len(visits.Codes(visits.KindOccasion)) {
		t.Errorf("visits cover %d occasions, want all %d", len(occasions), len(visits.Codes(visits.KindOccasion)))
	}
	statuses := map[string]bool{}
	byNeed := map[string][]visits.NeedEvent{}
	for _, ev := range d.Events {
		byNeed[ev.NeedID] = append(byNeed[ev.NeedID], ev)
	}
	for _, n := range d.Needs {
		if err := visits.ValidateNeed(n); err != nil {
			t.Fatalf("need: %v", err)
		}
		statuses[n.Status] = true
		st := ""
		var last time.Time
		for _, ev := range byNeed[n.ID] {
			if !ev.At.After(last) || ev.At.After(now) {
				t.Fatalf("need %s: event at %v after %v, or after now", n.ID, ev.At, last)
			}
			last = ev.At
			if ev.Action == "register" {
				st = ev.To
				continue
			}
			if err := visits.CheckTransition(st, ev.To, ev.Text, ev.Satisfaction); err != nil {
				t.Fatalf("need %s history: %v", n.ID, err)
			}
			st = ev.To
		}
		if st != n.Status {
			t.Fatalf("need %s: history ends at %s, status %s", n.ID, st, n.Status)
		}
	}
	if len(statuses) != len(visits.Codes(visits.KindStatus)) {
		t.Errorf("needs cover %d statuses, want all", len(statuses))
	}
	var overdue, coming int
	for _, f := range d.FollowUps {
		if f.Overdue(now) {
			overdue++
		} else {
			coming++
		}
	}
	if overdue == 0 || coming == 0 {
		t.Errorf("follow-ups: %d overdue, %d coming", overdue, coming)
	}
}

func TestDemoIsDeterministic(t *testing.T) {
	if !reflect.DeepEqual(gen(7), gen(7)) {
		t.Fatal("same seed, different data")
	}
	if reflect.DeepEqual(gen(7).Visits, gen(8).Visits) {
		t.Fatal("different seeds, same visits")
	}
}
