package tui

import (
	"reflect"
	"slices"
	"testing"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// The snapshot, built from summaries and index keys, says what the full
// records say: visits owed, overdue needs, follow-ups due, visits per day
// and each enterprise's last visit and open needs.
func TestSnapshotMatchesTheRecords(t *testing.T) {
	s := fixture(t, 60, 900)
	sn, err := loadSnapshot(s, fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	today := visits.DateOf(fixedNow)
	var (
		owed          []owedRow
		overdue, fus  []string
		perDay        [14]int
		last          = map[string]visits.Date{}
		open          = map[string]int{}
		gotOver, gotF []string
	)
	err = s.View(func(r *store.Reader) error {
		ents, err := store.All[visits.Enterprise](r)
		if err != nil {
			return err
		}
		needs, err := r.NeedsWithStatus(openStatuses...)
		if err != nil {
			return err
		}
		all, err := store.All[visits.Visit](r)
		if err != nil {
			return err
		}
		cadence, err := cadences(r)
		if err != nil {
			return err
		}
		cal := r.Calendar()
		for _, v := range all {
			if d := v.Date(); d > last[v.EnterpriseID] {
				last[v.EnterpriseID] = d
			}
			if i := 13 - v.Date().DaysUntil(today); i >= 0 && i < 14 && v.At.Before(today.AddDays(1).Time()) {
				perDay[i]++
			}
		}
		for _, e := range ents {
			var marks []visits.VisitMark
			for _, v := range all {
				if v.EnterpriseID == e.ID && v.Date() >= visits.ObligationVisitsFrom(today) {
					marks = append(marks, visits.MarkVisit(v))
				}
			}
			var ns []visits.Need
			for _, n := range needs {
				if n.EnterpriseID == e.ID {
					ns = append(ns, n)
				}
			}
			open[e.ID] = len(ns)
			in := visits.ObligationInput{Enterprise: e, LastVisit: last[e.ID], Visits: marks, Needs: ns,
				CadenceDays: cadence[e.ID], Calendar: cal}
			for _, o := range visits.Owed(in, today) {
				if o.Due <= today.AddDays(14) {
					owed = append(owed, owedRow{Obligation: o, name: clean(e.Name)})
				}
			}
		}
		slices.SortStableFunc(owed, func(a, b owedRow) int { return compareDates(a.Due, b.Due) })
		var over []visits.Need
		for _, n := range needs {
			if n.Overdue(cal, fixedNow) {
				over = append(over, n)
			}
		}
		slices.SortStableFunc(over, func(a, b visits.Need) int { return compareDates(a.DueDate(nil), b.DueDate(nil)) })
		for _, n := range over {
			overdue = append(overdue, n.ID)
		}
		fs, err := r.FollowUpsDue(today.AddDays(7))
		for _, f := range fs {
			if f.Status == visits.FollowUpOpen {
				fus = append(fus, f.ID)
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	occasions, days := map[string]bool{}, 0
	for _, o := range owed {
		occasions[o.Occasion] = true
	}
	for _, n := range perDay {
		days += n
	}
	if len(occasions) < 3 || len(overdue) == 0 || len(fus) == 0 || days == 0 {
		t.Fatalf("the fixture has too little to compare: visits owed on %v, %d overdue, %d follow-ups, %d recent visits",
			occasions, len(overdue), len(fus), days)
	}
	if !reflect.DeepEqual(sn.owed, owed) {
		t.Errorf("visits owed\n got %v\nwant %v", sn.owed, owed)
	}
	for _, n := range sn.overdue {
		gotOver = append(gotOver, n.ID)
	}
	for _, f := range sn.fus {
		gotF = append(gotF, f.ID)
	}
	if !reflect.DeepEqual(gotOver, overdue) || !reflect.DeepEqual(gotF, fus) {
		t.Errorf("overdue needs %v, want %v; follow-ups %v, want %v", gotOver, overdue, gotF, fus)
	}
	if sn.perDay != perDay {
		t.Errorf("visits per day %v, want %v", sn.perDay, perDay)
	}
	for _, row := range sn.ents {
		if row.last != last[row.ent.ID] || row.open != open[row.ent.ID] {
			t.Errorf("%s: last %s, %d open; want %s, %d", row.ent.ID, row.last, row.open, last[row.ent.ID], open[row.ent.ID])
		}
	}
}

// Visits owed come out the same however many cores compute them.
func TestSnapshotOwedSameOnEveryCoreCount(t *testing.T) {
	s := fixture(t, 120, 600)
	defer func(n int) { owedChunk = n }(owedChunk)
	owedChunk = 1 << 30
	one, err := loadSnapshot(s, fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	owedChunk = 7
	many, err := loadSnapshot(s, fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	if len(one.owed) == 0 || !reflect.DeepEqual(one.owed, many.owed) {
		t.Fatalf("visits owed differ between one core (%d) and several (%d)", len(one.owed), len(many.owed))
	}
}

func compareDates(a, b visits.Date) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// The widest name of the home screen's items, measured where a snapshot is
// made (computed or read from the home cache), is the one today.build
// measured over every item on the update loop.
func TestHomeNameWidthMeasuredWhereMade(t *testing.T) {
	s := fixture(t, 60, 900)
	sn, err := loadSnapshot(s, fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	early, ok := decodeHome(mustEncode(t, sn), fixedNow)
	if !ok {
		t.Fatal("the home cache does not decode")
	}
	for _, got := range []*snapshot{sn, early} {
		want := 0
		for _, o := range got.owed {
			want = max(want, displayWidth(o.name))
		}
		for _, f := range got.fus {
			want = max(want, displayWidth(got.entName(f.EnterpriseID)))
		}
		for _, n := range got.overdue {
			want = max(want, displayWidth(got.entName(n.EnterpriseID)))
		}
		if !got.nameWKnown || got.nameW != want || want == 0 {
			t.Errorf("early %v: widest name %d (measured: %v), want %d", got.early, got.nameW, got.nameWKnown, want)
		}
	}
}
