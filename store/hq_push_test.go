package store

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/liaison-dev/liaison/visits"
)

// A push is answered from the log for every op already logged, whichever
// way the batch is checked: op by op, or (ids rising above everything
// logged) with one look at the log.
func TestPushAnswersRetriesFromTheLog(t *testing.T) {
	h := openTestHQ(t)
	ent := visits.Enterprise{Name: "兰州华信科技"}
	if err := h.SaveRecords("hq", &ent); err != nil {
		t.Fatal(err)
	}
	wang := Principal{ID: "wang", Role: visits.RoleAdmin}
	wang2 := Principal{ID: "wang2", Role: visits.RoleAdmin}
	op := func(field, value string) Op {
		v, _ := json.Marshal(value)
		return Op{OpID: NewID(), Type: visits.TypeEnterprise, ID: ent.ID, Field: field, Value: v, Stamp: h.s.clock.Now()}
	}
	statuses := func(rs []Result) []string {
		var out []string
		for _, r := range rs {
			out = append(out, r.Status)
		}
		return out
	}
	check := func(what string, got []Result, want ...string) {
		t.Helper()
		if g := statuses(got); len(g) != len(want) || func() bool {
			for i := range g {
				if g[i] != want[i] {
					return true
				}
			}
			return false
		}() {
			t.Errorf("%s: %v, want %v", what, g, want)
		}
	}
	push := func(p Principal, ops ...Op) []Result {
		t.Helper()
		rs, err := h.Push(p, ops)
		if err != nil {
			t.Fatal(err)
		}
		return rs
	}
	early := op("street", "雁滩街道") // made first, sent last
	a, b := op("short_name", "华信"), op("domain", "electronic_info")
	check("fresh", push(wang, a, b), StatusApplied, StatusApplied)
	check("the same batch again", push(wang, a, b), StatusDuplicate, StatusDuplicate)
	c := op("address", "城关区东岗西路")
	check("a new op after a retried one", push(wang, b, c), StatusDuplicate, StatusApplied)
	d := op("legal_rep", "张伟")
	check("one op twice in a batch", push(wang, d, d), StatusApplied, StatusDuplicate)
	check("an op older than the log's newest", push(wang, early), StatusApplied)
	// Another officer whose id starts with wang's: their logs are apart.
	check("same op ids, another officer", push(wang2, a, b), StatusApplied, StatusApplied)
	e := op("stage", "mature")
	check("wang after wang2", push(wang, e), StatusApplied)
	check("wang's retry after wang2", push(wang, e), StatusDuplicate)
}

// openTestHQ opens an HQ database in a temporary folder, closed when the
// test ends.
func openTestHQ(t *testing.T) *HQ {
	t.Helper()
	h, err := OpenHQ(filepath.Join(t.TempDir(), "hq.db"), Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	return h
}
