package sync

import (
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
	"github.com/liaison-dev/liaison/visits/demo"
)

// TestStorageFigures measures bytes on disk per visit (docs/performance.md,
// "Storage"): a district seeded on a laptop, the same imported at HQ, a
// laptop that pulled it all, then P visits added on that laptop (pending)
// and pushed (synced), each file as written and after store.CompactFile.
// Slow at full size, so it runs only when asked:
//
//	LIAISON_STORAGE_FIGURES=10000,100000,10000 go test ./sync -run StorageFigures -v -timeout 60m
func TestStorageFigures(t *testing.T) {
	spec := os.Getenv("LIAISON_STORAGE_FIGURES")
	if spec == "" {
		t.Skip("set LIAISON_STORAGE_FIGURES=ENTERPRISES,VISITS,PENDING to measure storage")
	}
	var n [3]int
	for i, f := range strings.SplitN(spec, ",", 3) {
		n[i], _ = strconv.Atoi(f)
	}
	ents, nv, np := n[0], n[1], n[2]
	dir := t.TempDir()
	if d := os.Getenv("LIAISON_STORAGE_DIR"); d != "" {
		dir = d
	}
	opt := store.Options{NoSync: true}
	src, err := store.Open(filepath.Join(dir, "seeded.db"), opt)
	if err != nil {
		t.Fatal(err)
	}
	d := demo.Generate(demo.Options{Enterprises: ents, Visits: nv, Seed: 1, Now: time.Now(), NewID: store.NewID})
	if err := src.Seed(d.Records()); err != nil {
		t.Fatal(err)
	}
	hqPath := filepath.Join(dir, "hq.db")
	hq, err := store.OpenHQ(hqPath, opt)
	if err != nil {
		t.Fatal(err)
	}
	defer hq.Close()
	if err := hq.ImportFields(src); err != nil {
		t.Fatal(err)
	}
	src.Close()
	tok, err := hq.AddOfficer("boss", "Boss", visits.RoleAdmin)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(NewHandler(Bolt{hq}, ServerOptions{}))
	defer srv.Close()
	lapPath := filepath.Join(dir, "laptop.db")
	lap, err := store.Open(lapPath, opt)
	if err != nil {
		t.Fatal(err)
	}
	defer lap.Close()
	if _, err := LoginWith(t.Context(), lap, LoginOptions{URL: srv.URL, Token: tok}); err != nil {
		t.Fatal(err)
	}
	c := &Client{Store: lap}
	if _, err := c.Sync(t.Context()); err != nil {
		t.Fatal(err)
	}
	report := func(what, path string, perVisits int) {
		t.Helper()
		sp := measure(t, path)
		cp := path + ".compacted"
		if err := store.CompactFile(path, cp); err != nil {
			t.Fatal(err)
		}
		csp := measure(t, cp)
		t.Logf("%s: %d bytes (%.2f KB per visit); compacted %d bytes (%.2f KB per visit)\n%s\ncompacted:\n%s", what,
			sp.FileBytes, float64(sp.FileBytes)/float64(perVisits)/1000, csp.FileBytes, float64(csp.FileBytes)/float64(perVisits)/1000,
			spaceTable(sp), spaceTable(csp))
	}
	// Files are measured closed: copy the open ones first.
	snap := func(s interface{ Backup(string) error }, name string) string {
		p := filepath.Join(dir, name)
		if err := s.Backup(p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	report("seeded laptop (demo seed)", filepath.Join(dir, "seeded.db"), nv)
	report("HQ, district imported", snap(hq.Store(), "hq-imported.db"), nv)
	report("laptop, district pulled", snap(lap, "laptop-pulled.db"), nv)
	if np == 0 {
		return
	}
	ent := d.Enterprises[0]
	for i := 0; i < np; i += 100 {
		err := lap.Update(func(w *store.Writer) error {
			for j := i; j < min(i+100, np); j++ {
				v := &visits.Visit{EnterpriseID: ent.ID, At: time.Now().Add(-time.Hour), Occasion: visits.OccRoutine,
					Method: "on_site", Summary: fmt.Sprintf("第%d次走访：了解企业研发投入与融资需求", j), Purposes: []string{"policy"},
					PeopleMet: "赵磊（总经理）"}
				if err := w.AddVisit(v); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	report(fmt.Sprintf("laptop, district pulled + %d pending visits", np), snap(lap, "laptop-pending.db"), nv+np)
	if _, err := c.Sync(t.Context()); err != nil {
		t.Fatal(err)
	}
	report(fmt.Sprintf("laptop, district pulled + %d visits pushed", np), snap(lap, "laptop-pushed.db"), nv+np)
	report(fmt.Sprintf("HQ, district imported + %d visits pushed", np), snap(hq.Store(), "hq-pushed.db"), nv+np)
}

func measure(t *testing.T, path string) store.Space {
	t.Helper()
	sp, err := store.SpaceOf(path)
	if err != nil {
		t.Fatal(err)
	}
	return sp
}

func spaceTable(sp store.Space) string {
	var b strings.Builder
	fmt.Fprintf(&b, "| bucket | keys | key bytes | value bytes | pages | in use |\n|---|---|---|---|---|---|\n")
	var other store.BucketSpace
	for _, bs := range sp.Buckets {
		if bs.Alloc < sp.FileBytes/100 {
			other.Keys += bs.Keys
			other.KeyBytes += bs.KeyBytes
			other.ValueBytes += bs.ValueBytes
			other.Alloc += bs.Alloc
			other.InUse += bs.InUse
			continue
		}
		fmt.Fprintf(&b, "| %s | %d | %.1f MB | %.1f MB | %.1f MB | %.1f MB |\n", bs.Name, bs.Keys,
			spaceMB(bs.KeyBytes), spaceMB(bs.ValueBytes), spaceMB(bs.Alloc), spaceMB(bs.InUse))
	}
	fmt.Fprintf(&b, "| (others) | %d | %.1f MB | %.1f MB | %.1f MB | %.1f MB |\n", other.Keys,
		spaceMB(other.KeyBytes), spaceMB(other.ValueBytes), spaceMB(other.Alloc), spaceMB(other.InUse))
	fmt.Fprintf(&b, "| free pages | | | | %.1f MB | |\n", spaceMB(sp.FreeBytes))
	return b.String()
}

func spaceMB(n int64) float64 { return float64(n) / 1e6 }
