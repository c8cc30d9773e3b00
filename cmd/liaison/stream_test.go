package main

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
	"github.com/liaison-dev/liaison/visits/render"
	"github.com/liaison-dev/liaison/visits/visitstest/testseed"
)

// seedStreamed stores the hostile records (safeout_test.go) and more
// visits than a streamed table keeps in memory, some with tabs, newlines,
// long summaries, formulas and times that collide, so that the table is
// read twice.
func seedStreamed(t *testing.T, db string) {
	t.Helper()
	seedHostile(t, db)
	seed := testseed.Seed(t)
	rng := rand.New(rand.NewPCG(seed, 1))
	s, err := (&env{g: global{db: db}}).store()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	base := time.Date(2026, 11, 2, 1, 0, 0, 0, time.UTC)
	texts := []string{"走访了解经营概况", "a\tb", "第一行\n第二行", "=HYPERLINK(\"x\")", strings.Repeat("很长的内容", 30), "", "-1+2", hostile[0].text}
	var recs []visits.Record
	var ents []*visits.Enterprise
	for i := 0; i < 40; i++ {
		now := base.Add(time.Duration(i) * time.Minute)
		e := &visits.Enterprise{Meta: visits.Meta{ID: store.NewID(), CreatedAt: now, CreatedBy: "li", UpdatedAt: now},
			Name: fmt.Sprintf("兰州%s科技有限公司%d", strings.Repeat("宽", rng.IntN(12)), i), Stage: "apply"}
		ents = append(ents, e)
		recs = append(recs, e)
	}
	for i := 0; i < tableBuffered+300; i++ {
		at := base.Add(time.Duration(rng.IntN(60*24*30)) * time.Minute) // some share a minute
		recs = append(recs, &visits.Visit{Meta: visits.Meta{ID: store.NewID(), CreatedAt: at, CreatedBy: "li", UpdatedAt: at},
			EnterpriseID: ents[rng.IntN(len(ents))].ID, At: at, Occasion: "routine", Method: "phone", Summary: texts[rng.IntN(len(texts))]})
	}
	if err := s.Seed(recs); err != nil {
		t.Fatal(err)
	}
}

// The streamed listings and exports print exactly what the whole-slice
// writers they replace print, for the same records: the table (read twice
// when long), --json, the JSON export and every CSV file.
func TestStreamedOutputIsTheSame(t *testing.T) {
	db := tempDB(t)
	seedStreamed(t, db)
	var ds visits.Dataset
	var newest []visits.Visit
	s, err := store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	err = s.View(func(r *store.Reader) (err error) {
		if ds, err = r.Dataset(); err != nil {
			return err
		}
		vs, err := r.VisitsBetween(time.Time{}, time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC))
		for i := len(vs) - 1; i >= 0; i-- {
			newest = append(newest, vs[i])
		}
		return err
	})
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(newest) <= tableBuffered {
		t.Fatalf("%d visits: the table would not be read twice", len(newest))
	}
	names := map[string]string{}
	for _, e := range ds.Enterprises {
		names[e.ID] = e.Name
	}
	e := &env{}
	for _, lang := range []visits.Lang{visits.ZH, visits.EN} {
		e.g.lang = lang
		var want bytes.Buffer
		e.out = &want
		tw := e.table()
		fmt.Fprintln(tw, e.text("cli.visit.id_date_enterprise_occasion"))
		for _, v := range newest {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", v.ID, v.Date(), clean(names[v.EnterpriseID]),
				visits.Label(visits.KindOccasion, v.Occasion, lang), visits.Label(visits.KindMethod, v.Method, lang), clean(v.Summary))
		}
		if err := tw.Flush(); err != nil {
			t.Fatal(err)
		}
		args := []string{"visit", "list"}
		if lang == visits.EN {
			args = append(args, "--lang", "en")
		}
		sameStream(t, "visit list "+string(lang), want.String(), mustCLI(t, 0, db, args...))
		if lang == visits.ZH { // no temporary folder: the rows stay in memory
			t.Setenv("TMPDIR", filepath.Join(t.TempDir(), "missing"))
			sameStream(t, "visit list without a temporary folder", want.String(), mustCLI(t, 0, db, args...))
			t.Setenv("TMPDIR", t.TempDir())
		}
	}
	var want bytes.Buffer
	e.g.lang = visits.ZH
	e.out = &want
	today := visits.DateOf(time.Now())
	var ents []enterpriseView
	for _, ent := range ds.Enterprises {
		ents = append(ents, view(ent, today))
	}
	tw := e.table()
	fmt.Fprintln(tw, e.text("cli.enterprise.id_uscc_name_street"))
	for _, v := range ents {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", v.ID, clean(v.USCC), clean(v.Name), clean(v.Street), visits.Label(visits.KindTier, v.Tier, e.g.lang))
	}
	if err := tw.Flush(); err != nil {
		t.Fatal(err)
	}
	sameStream(t, "enterprise list", want.String(), mustCLI(t, 0, db, "enterprise", "list"))
	want.Reset()
	if err := e.printJSON(ents); err != nil {
		t.Fatal(err)
	}
	sameStream(t, "enterprise list --json", want.String(), mustCLI(t, 0, db, "enterprise", "list", "--json"))
	want.Reset()
	if err := e.printJSON(newest); err != nil {
		t.Fatal(err)
	}
	sameStream(t, "visit list --json", want.String(), mustCLI(t, 0, db, "visit", "list", "--json"))
	// Needs (every status, in status order) and follow-ups (all, by due).
	var needs []needView
	var fus []followUpView
	ro, err := store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	err = ro.View(func(r *store.Reader) error {
		ns, err := r.NeedsWithStatus(visits.Codes(visits.KindStatus)...)
		conf := conflictedNeeds(r)
		for _, n := range ns {
			needs = append(needs, needView{Need: n, Overdue: n.Overdue(r.Calendar(), ro.Now()), Conflicts: conf[n.ID]})
		}
		if err != nil {
			return err
		}
		fs, err := r.FollowUpsDue("9999-12-31")
		for _, f := range fs {
			fus = append(fus, followUpView{FollowUp: f, Overdue: f.Overdue(ro.Now())})
		}
		return err
	})
	ro.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(needs) == 0 || len(fus) == 0 {
		t.Fatalf("%d needs, %d follow-ups: nothing to compare", len(needs), len(fus))
	}
	want.Reset()
	if err := e.printJSON(needs); err != nil {
		t.Fatal(err)
	}
	sameStream(t, "need list --json", want.String(), mustCLI(t, 0, db, "need", "list", "--json"))
	want.Reset()
	if err := e.printJSON(fus); err != nil {
		t.Fatal(err)
	}
	sameStream(t, "followup list --all --json", want.String(), mustCLI(t, 0, db, "followup", "list", "--all", "--json"))
	want.Reset()
	if err := renderSafe(&want, outJSON, func(w io.Writer) error { return render.ExportJSON(w, ds) }); err != nil {
		t.Fatal(err)
	}
	sameStream(t, "export", want.String(), mustCLI(t, 0, db, "export"))
	dir := t.TempDir()
	want.Reset()
	if err := render.ExportXLSX(&want, ds); err != nil {
		t.Fatal(err)
	}
	mustCLI(t, 0, db, "export", "--format", "xlsx", "-o", dir+"/all.xlsx")
	if got, err := os.ReadFile(dir + "/all.xlsx"); err != nil || !bytes.Equal(got, want.Bytes()) {
		t.Errorf("export --format xlsx: %d bytes (%v), the dataset's workbook %d bytes: not the same", len(got), err, want.Len())
	}
	mustCLI(t, 0, db, "export", "--format", "csv", "-o", dir+"/")
	if len(exportParts) != len(render.ExportTypes()) {
		t.Fatalf("export parts %d, types %d", len(exportParts), len(render.ExportTypes()))
	}
	for i, typ := range render.ExportTypes() {
		if exportParts[i].typ != typ {
			t.Errorf("export part %d is %s, want %s", i, exportParts[i].typ, typ)
		}
		want.Reset()
		if err := renderSafe(&want, outText, func(w io.Writer) error { return render.ExportCSV(w, ds, typ) }); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(dir, "liaison-export-"+typ+".csv"))
		if err != nil {
			t.Fatal(err)
		}
		sameStream(t, "export csv "+typ, want.String(), string(got))
	}
}

// An empty database streams what the slices gave: an empty table's
// header, [] and null members.
func TestStreamedOutputEmpty(t *testing.T) {
	db := tempDB(t)
	mustCLI(t, 0, db, "status")
	e := &env{}
	var want bytes.Buffer
	e.out = &want
	if err := e.printJSON([]visits.Visit{}); err != nil {
		t.Fatal(err)
	}
	sameStream(t, "visit list --json", want.String(), mustCLI(t, 0, db, "visit", "list", "--json"))
	sameStream(t, "enterprise list --json", want.String(), mustCLI(t, 0, db, "enterprise", "list", "--json"))
	want.Reset()
	if err := renderSafe(&want, outJSON, func(w io.Writer) error { return render.ExportJSON(w, visits.Dataset{}) }); err != nil {
		t.Fatal(err)
	}
	sameStream(t, "export", want.String(), mustCLI(t, 0, db, "export"))
}

func sameStream(t *testing.T, what, want, got string) {
	t.Helper()
	if got == want {
		return
	}
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < min(len(wl), len(gl)); i++ {
		if wl[i] != gl[i] {
			t.Errorf("%s: line %d differs:\nwant %q\ngot  %q", what, i+1, wl[i], gl[i])
			return
		}
	}
	t.Errorf("%s: %d lines, want %d", what, len(gl), len(wl))
}
