package tui

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
	"github.com/liaison-dev/liaison/visits/demo"
)

// seedAt opens a new store at dir/name with demo data generated for now.
func seedAt(t *testing.T, path string, ents, nVisits int, seed uint64, now time.Time) *store.Store {
	t.Helper()
	s, err := store.Open(path, store.Options{NoSync: true, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	n := 0
	d := demo.Generate(demo.Options{Enterprises: ents, Visits: nVisits, Seed: seed, Now: now,
		NewID: func() string { n++; return fmt.Sprintf("0000-%08d", n) }})
	if err := s.Seed(d.Records()); err != nil {
		t.Fatal(err)
	}
	if err := s.Update(func(w *store.Writer) error { return w.SetIdentity(store.Identity{Officer: "wang", Role: "liaison"}) }); err != nil {
		t.Fatal(err)
	}
	return s
}

// mustEncode is encodeHome that fails the test on an error.
func mustEncode(t *testing.T, sn *snapshot) []byte {
	t.Helper()
	b, err := encodeHome(sn)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// load is loadSnapshot that fails the test on an error.
func load(t *testing.T, s *store.Store, now time.Time) *snapshot {
	t.Helper()
	sn, err := loadSnapshot(s, now)
	if err != nil {
		t.Fatal(err)
	}
	return sn
}

// keep stores what sn may keep, as the model does after the first frame.
func keep(t *testing.T, s *store.Store, sn *snapshot) {
	t.Helper()
	if sn.save == nil {
		t.Fatal("a snapshot computed from one state of the database has nothing to keep")
	}
	if err := s.PutHomeCache(sn.save.gen, store.HomeEntry{Key: sn.save.key, Payload: mustEncode(t, sn)}); err != nil {
		t.Fatal(err)
	}
}

// sameSnapshot fails unless a (read from the cache) and b (computed) are
// equal in everything, and the home screens they draw are byte-identical.
func sameSnapshot(t *testing.T, s *store.Store, now time.Time, a, b *snapshot) {
	t.Helper()
	ca, cb := *a, *b
	ca.cached, ca.save, cb.cached, cb.save = false, nil, false, nil
	ca.gen, ca.consistent, cb.gen, cb.consistent = store.Generation{}, false, store.Generation{}, false // the state each was read at
	if !reflect.DeepEqual(ca.owed, cb.owed) {
		t.Fatalf("visits owed: %d from the cache, %d computed; first difference %s", len(ca.owed), len(cb.owed), firstDiff(ca.owed, cb.owed))
	}
	if !reflect.DeepEqual(ca, cb) {
		t.Fatal("the snapshots differ beyond their visits owed")
	}
	if fa, fb := frameOf(s, now, a, visits.ZH, 120, 40), frameOf(s, now, b, visits.ZH, 120, 40); fa != fb {
		t.Fatalf("the first frames differ:\n%s\n---\n%s", fa, fb)
	}
}

func firstDiff(a, b []owedRow) string {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return fmt.Sprintf("row %d: %+v vs %+v", i, a[i], b[i])
		}
	}
	return "in length"
}

// frameOf is the home screen of 120×40 drawn from sn (the home cache's
// when sn is early, as the first frame is).
func frameOf(s *store.Store, now time.Time, sn *snapshot, lang visits.Lang, w, h int) string {
	m := New(Options{Store: s, Lang: lang, Now: func() time.Time { return now }})
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	if sn.early {
		m.Update(homeMsg{snap: sn})
	} else {
		m.Update(snapshotMsg{snap: sn})
	}
	return m.View()
}

// sameFirstFrame fails unless the home cache kept from full draws the
// same first frame as full, in both languages and two sizes.
func sameFirstFrame(t *testing.T, s *store.Store, now time.Time, full *snapshot) {
	t.Helper()
	var raw []byte
	_ = s.View(func(r *store.Reader) error { raw = r.HomeCache(homeCacheKey(visits.DateOf(now))); return nil })
	early, ok := decodeHome(raw, now)
	if !ok {
		t.Fatal("the kept home cache does not read")
	}
	for _, f := range []struct {
		lang visits.Lang
		w, h int
		head string
	}{{visits.ZH, 120, 40, "应走访"}, {visits.EN, 80, 24, "owed"}, {visits.ZH, 60, 16, "应走访"}} {
		if a, b := frameOf(s, now, early, f.lang, f.w, f.h), frameOf(s, now, full, f.lang, f.w, f.h); a != b || !strings.Contains(a, f.head) {
			t.Fatalf("the first frame from the home cache differs:\n%s\n---\n%s", a, b)
		}
	}
}

// TestHomeCacheMatchesFullComputation: on random data and random days,
// the visits owed read back from the home cache are those computed, and
// the first frame is the same.
func TestHomeCacheMatchesFullComputation(t *testing.T) {
	seed := testSeed(t)
	rng := rand.New(rand.NewPCG(seed, 1))
	for round := range 4 {
		now := time.Date(2026, 1, 1, 1, 0, 0, 0, time.UTC).Add(time.Duration(rng.IntN(365*24)) * time.Hour)
		ents, nv := 20+rng.IntN(200), rng.IntN(2000)
		s := seedAt(t, filepath.Join(t.TempDir(), "t.db"), ents, nv, rng.Uint64(), now)
		full := load(t, s, now)
		if full.cached {
			t.Fatal("a new database has a home cache")
		}
		keep(t, s, full)
		got := load(t, s, now)
		if !got.cached {
			t.Fatalf("round %d: the kept visits owed were not read", round)
		}
		if got.save != nil {
			t.Fatal("a snapshot read from the cache keeps it again")
		}
		t.Logf("round %d: %s, %d enterprises, %d visits, %d owed", round, visits.DateOf(now), ents, nv, len(got.owed))
		sameSnapshot(t, s, now, got, full)
		sameFirstFrame(t, s, now, full)
	}
}

// TestHomeCacheInvalidated: a write, a pull, another day, another file
// and a write between computing and keeping each stop the cache from
// being read; then the rows are computed, and equal the full computation.
func TestHomeCacheInvalidated(t *testing.T) {
	dir := t.TempDir()
	now := fixedNow
	s := seedAt(t, filepath.Join(dir, "a.db"), 120, 1500, 3, now)
	warm := func() *snapshot {
		t.Helper()
		sn := load(t, s, now)
		if sn.save != nil {
			keep(t, s, sn)
		}
		if sn = load(t, s, now); !sn.cached {
			t.Fatal("the cache was not read on an unchanged database")
		}
		return sn
	}
	computed := func(label string) *snapshot {
		t.Helper()
		sn := load(t, s, now)
		if sn.cached {
			t.Fatalf("%s: the cache was read", label)
		}
		return sn
	}

	// A write: a visit settles the first visit owed.
	before := warm()
	o := before.owed[0]
	v := visits.Visit{Meta: visits.Meta{ID: "0000-new-visit"}, EnterpriseID: o.EnterpriseID, Occasion: o.Occasion,
		At: now.Add(-time.Hour), Summary: "走访"}
	if err := s.Update(func(w *store.Writer) error { return w.Save(&v) }); err != nil {
		t.Fatal(err)
	}
	after := computed("after a write")
	if reflect.DeepEqual(before.owed, after.owed) {
		t.Fatal("the visit changed nothing owed: the test proves nothing")
	}
	keep(t, s, after)
	sameSnapshot(t, s, now, load(t, s, now), after)

	// A pull: HQ's copy of the same data marks open needs urgent (each
	// then owes a difficulty visit).
	before = warm()
	b := seedAt(t, filepath.Join(dir, "b.db"), 120, 1500, 3, now)
	var changes []store.Change
	for _, n := range before.open {
		if n.Severity == visits.SeverityUrgent || len(changes) == 5 {
			continue
		}
		if err := b.Update(func(w *store.Writer) error {
			return w.SetField(visits.TypeNeed, n.ID, "severity", visits.SeverityUrgent)
		}); err != nil {
			t.Fatal(err)
		}
		var leaves []store.Leaf
		if err := b.View(func(r *store.Reader) (err error) {
			leaves, err = r.Leaves(visits.TypeNeed, n.ID, "severity")
			return err
		}); err != nil {
			t.Fatal(err)
		}
		changes = append(changes, store.Change{Type: visits.TypeNeed, ID: n.ID, Field: "severity", Seq: uint64(len(changes) + 1), Leaves: leaves})
	}
	if err := s.ApplyPull(changes, uint64(len(changes))); err != nil {
		t.Fatal(err)
	}
	after = computed("after a pull")
	if reflect.DeepEqual(before.owed, after.owed) {
		t.Fatal("the pull changed nothing owed: the test proves nothing")
	}

	// Another day.
	warm()
	if sn := load(t, s, now.Add(24*time.Hour)); sn.cached {
		t.Fatal("the cache was read on another day")
	}

	// Another file: a copy of the database (as a restored backup is).
	warm()
	raw, err := os.ReadFile(filepath.Join(dir, "a.db"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "c.db"), raw, 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := store.Open(filepath.Join(dir, "c.db"), store.Options{NoSync: true, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if sn := load(t, c, now); sn.cached {
		t.Fatal("the cache was read from a copy of the file")
	}

	// A write between computing and keeping: nothing is kept.
	sn := load(t, c, now)
	if err := c.Update(func(w *store.Writer) error { return w.SetField(visits.TypeEnterprise, o.EnterpriseID, "key", true) }); err != nil {
		t.Fatal(err)
	}
	if err := c.PutHomeCache(sn.save.gen, store.HomeEntry{Key: sn.save.key, Payload: mustEncode(t, sn)}); !errors.Is(err, store.ErrStaleCache) {
		t.Fatalf("kept over a later write: %v", err)
	}
	if sn := load(t, c, now); sn.cached {
		t.Fatal("the cache was read after a refused keep")
	}
}

// TestHomeCacheAhead: what is kept at quit serves the same day and the
// next one, equal to their full computation, until the next write.
func TestHomeCacheAhead(t *testing.T) {
	seed := testSeed(t)
	rng := rand.New(rand.NewPCG(seed, 2))
	for round := range 3 {
		now := time.Date(2026, 1, 1, 1, 0, 0, 0, time.UTC).Add(time.Duration(rng.IntN(364*24)) * time.Hour)
		next := now.Add(24 * time.Hour)
		s := seedAt(t, filepath.Join(t.TempDir(), "t.db"), 20+rng.IntN(200), rng.IntN(2000), rng.Uint64(), now)
		fullToday, fullNext := load(t, s, now), load(t, s, next) // computed: nothing kept yet
		if fullToday.cached || fullNext.cached {
			t.Fatal("a new database has a home cache")
		}
		if err := keepAhead(s, now); err != nil {
			t.Fatal(err)
		}
		txid := func() uint64 {
			var g store.Generation
			_ = s.View(func(r *store.Reader) error { g, _ = r.Generation(); return nil })
			return g.Tx
		}
		before := txid()
		if err := keepAhead(s, now); err != nil { // kept already: no write
			t.Fatal(err)
		}
		if txid() != before {
			t.Fatal("a second keep of the same state wrote")
		}
		for _, c := range []struct {
			at   time.Time
			full *snapshot
		}{{now, fullToday}, {next, fullNext}} {
			got := load(t, s, c.at)
			if !got.cached {
				t.Fatalf("round %d: %s was not kept", round, visits.DateOf(c.at))
			}
			sameSnapshot(t, s, c.at, got, c.full)
			sameFirstFrame(t, s, c.at, c.full)
		}
		t.Logf("round %d: %s and the next day, %d and %d owed", round, visits.DateOf(now), len(fullToday.owed), len(fullNext.owed))
		if err := s.Update(func(w *store.Writer) error { return w.SetIdentity(store.Identity{Officer: "li", Role: "liaison"}) }); err != nil {
			t.Fatal(err)
		}
		if load(t, s, next).cached {
			t.Fatal("the next day's cache was read after a write")
		}
	}
}

// TestHomeCacheEncodesEveryField: the encoding holds each field of an
// obligation (a new field must be added to it, and the version changed),
// and a cut one never reads.
func TestHomeCacheEncodesEveryField(t *testing.T) {
	if n := reflect.TypeFor[visits.Obligation]().NumField(); n != 6 {
		t.Fatalf("visits.Obligation has %d fields; encodeHome knows 6", n)
	}
	s := fixture(t, 40, 400)
	full := load(t, s, fixedNow)
	if len(full.owed) == 0 || len(full.overdue) == 0 {
		t.Fatalf("the fixture has %d owed, %d overdue: the test proves little", len(full.owed), len(full.overdue))
	}
	full.settings = visits.Settings{District: "兰州新区", Calendars: map[int]visits.CalendarYear{2026: {Name: "x", Holidays: []visits.Date{"2026-10-01"}}},
		Batches: map[int][3]visits.Date{2026: {"2026-06-30"}}, Targets: map[int][]visits.Target{2026: {{Code: "visits", Year: 2026, Value: 1.5}}},
		Units: []visits.UnitTerm{{Code: "u", ZH: "单位"}}, Wording: visits.Wording{"occasion": {"routine": {ZH: "日常", EN: "Routine"}}},
		Notes:       map[visits.Week]visits.WeeklyNote{{Year: 2026, Num: 48}: {Plan: "计划"}},
		TSMEWindows: map[int]visits.TSMEWindow{2026: {Year: 2026, Opens: "2026-03-01", Closes: "2026-09-30"}}}
	enc := mustEncode(t, full)
	early, ok := decodeHome(enc, fixedNow)
	if !ok || !reflect.DeepEqual(early.owed, full.owed) || !reflect.DeepEqual(early.overdueDue, full.overdueDue) ||
		early.perDay != full.perDay || !reflect.DeepEqual(early.byStat, full.byStat) || early.noCal != full.noCal ||
		early.officer != full.officer || !reflect.DeepEqual(early.settings, full.settings) {
		t.Fatalf("round trip: %v", ok)
	}
	for cut := range len(enc) {
		if _, ok := decodeHome(enc[:cut], fixedNow); ok {
			t.Fatalf("a cut encoding (%d bytes) was read", cut)
		}
	}
}

// TestHomeCacheTextMadeSafe: a cache whose stored text carries escape
// sequences and controls (written by anything that can write the file)
// shows none of them: names, reasons, actions and titles read from it are
// made safe as record text is.
func TestHomeCacheTextMadeSafe(t *testing.T) {
	s := fixture(t, 40, 400)
	full := load(t, s, fixedNow)
	if len(full.owed) == 0 || len(full.fus) == 0 || len(full.overdue) == 0 {
		t.Fatalf("the fixture has %d owed, %d follow-ups, %d overdue: the test proves little", len(full.owed), len(full.fus), len(full.overdue))
	}
	const evil = "\x1b]52;c;ZXZpbA==\x07\x1b[2J名称\u202e"
	full.owed[0].name, full.owed[0].Detail = evil, evil
	full.fus[0].Action, full.overdue[0].Title = evil, evil
	early, ok := decodeHome(mustEncode(t, full), fixedNow)
	if !ok {
		t.Fatal("the cache did not read")
	}
	for what, got := range map[string]string{"name": early.owed[0].name, "detail": early.owed[0].Detail,
		"action": early.fus[0].Action, "title": early.overdue[0].Title} {
		if strings.ContainsAny(got, "\x1b\x07\u202e") || !strings.Contains(got, "名称") {
			t.Errorf("%s from the cache: %q, want the text without controls", what, got)
		}
	}
}
