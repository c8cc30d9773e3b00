package store

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/visits"
	"github.com/liaison-dev/liaison/visits/demo"
	"github.com/liaison-dev/liaison/visits/render"
)

// reportJSON renders the report of in as JSON.
func reportJSON(t testing.TB, in visits.ReportInput) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := render.JSON(&b, in.Report()); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// The report built from what WeeklyReportInput reads (summaries, index
// keys, the two weeks' visits) is byte for byte the report built from
// every record (Reader.Dataset), for weeks with and without data, counted
// at the week's end or in the middle of it (a report made on Wednesday),
// on a seeded database where some enterprises have several visits at the
// same instant (ties the report breaks by id).
func TestReportInputMatchesDataset(t *testing.T) {
	seed := testSeed(t)
	rng := rand.New(rand.NewPCG(seed, 12))
	now := time.Date(2026, 12, 2, 10, 30, 0, 0, visits.Shanghai)
	s, err := Open(filepath.Join(t.TempDir(), "t.db"), Options{NoSync: true, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	d := demo.Generate(demo.Options{Enterprises: 300, Visits: 6000, Seed: seed, Now: now, Officer: "wang", NewID: NewID})
	byEnt := map[string][]int{}
	for i, v := range d.Visits {
		byEnt[v.EnterpriseID] = append(byEnt[v.EnterpriseID], i)
	}
	ties := 0
	for _, is := range byEnt {
		if len(is) > 1 && rng.IntN(4) == 0 {
			a, b := is[rng.IntN(len(is))], is[rng.IntN(len(is))]
			d.Visits[a].At = d.Visits[b].At // same instant: the report keeps id order
			d.Visits[a].NextPlan = fmt.Sprintf("计划 %d", a)
			ties++
		}
	}
	// Texts the report's flat decoder hands to encoding/json (escapes,
	// quotes, controls, HTML characters json.Marshal escapes).
	odd := []string{`引号"和\反斜杠`, "换行\n与\t制表", "<b>&amp;</b>", "控制\x01字符", "\u2028分隔"}
	for i := range d.Visits {
		if rng.IntN(10) == 0 {
			d.Visits[i].Summary = odd[rng.IntN(len(odd))]
			d.Visits[i].NextPlan = odd[rng.IntN(len(odd))]
		}
	}
	for i := range d.Needs {
		if rng.IntN(10) == 0 {
			d.Needs[i].Title = odd[rng.IntN(len(odd))]
		}
	}
	// Some visits' ids are not UUIDs (made by another build, or a test):
	// in the report summaries' keys they sort after every UUID, though
	// "0…" sorts before "9…" and after "a…" as text.
	for i := range d.Visits {
		if rng.IntN(20) == 0 {
			d.Visits[i].ID = fmt.Sprintf("%c-visit-%d", "09az"[rng.IntN(4)], i)
		}
	}
	if err := s.Seed(d.Records()); err != nil {
		t.Fatal(err)
	}
	must(t, s.Update(func(w *Writer) error { return w.SetIdentity(Identity{Officer: "wang", Role: "liaison"}) }))

	this := visits.WeekOf(visits.DateOf(now))
	weeks := []visits.Week{{Year: 2026, Num: 1}, {Year: 2025, Num: 30}, {Year: 2027, Num: 3}}
	for w, i := this, 0; i < 12; w, i = w.Prev(), i+1 {
		weeks = append(weeks, w)
	}
	compared, withData := 0, 0
	for _, w := range weeks {
		for _, at := range []time.Time{now, w.Start().AddDays(2).Time().Add(15 * time.Hour)} {
			o := WeeklyReportOptions{GeneratedAt: at, District: "城关区"}
			var full, lean visits.ReportInput
			must(t, s.View(func(r *Reader) (err error) {
				o.Full = true
				if full, err = r.WeeklyReportInput(w, o); err != nil {
					return err
				}
				o.Full = false
				lean, err = r.WeeklyReportInput(w, o)
				return err
			}))
			if len(lean.Data.Visits) >= len(full.Data.Visits) && len(full.Data.Visits) > 1000 {
				t.Errorf("%s: read %d visits of %d: not fewer", w, len(lean.Data.Visits), len(full.Data.Visits))
			}
			a, b := reportJSON(t, full), reportJSON(t, lean)
			if !bytes.Equal(a, b) {
				t.Fatalf("%s made %s: the report from WeeklyReportInput differs from the one from every record\n%s", w, at, firstDiff(a, b))
			}
			// Markdown, what `liaison report weekly` prints by default, and CSV.
			for _, format := range []string{"md", "csv"} {
				var fa, fb bytes.Buffer
				must(t, render.Write(&fa, full.Report(), format, visits.ZH))
				must(t, render.Write(&fb, lean.Report(), format, visits.ZH))
				if !bytes.Equal(fa.Bytes(), fb.Bytes()) {
					t.Fatalf("%s made %s, %s: the report from WeeklyReportInput differs\n%s", w, at, format, firstDiff(fa.Bytes(), fb.Bytes()))
				}
			}
			compared++
			if rep := lean.Report(); rep.Visits.Total.Value > 0 && len(rep.Rows) > 0 && len(rep.Decisions) > 0 {
				withData++
			}
		}
	}
	t.Logf("%d reports compared (%d with visits, rows and decisions), %d enterprises with tied visits", compared, withData, ties)
	if withData < 5 {
		t.Errorf("only %d reports had visits, rows and decisions: the comparison proves little", withData)
	}
}

// firstDiff shows where two texts first differ.
func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-300)
	return fmt.Sprintf("from every record: …%s…\nfrom the input:    …%s…", a[from:min(len(a), i+200)], b[from:min(len(b), i+200)])
}
