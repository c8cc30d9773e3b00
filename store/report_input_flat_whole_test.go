package store

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/visits"
)

// Applications and follow-ups decoded flat are the records encoding/json
// decodes whole: plain ones, odd ones (handed back to encoding/json) and
// random ones, seed logged.
func TestFlatWholeMatchesJSON(t *testing.T) {
	at := time.Date(2026, 11, 25, 9, 30, 0, 123456789, time.UTC)
	atJSON, _ := json.Marshal(at)
	apps := []string{
		`{"id":"a1","created_at":` + string(atJSON) + `,"created_by":"wang","updated_at":` + string(atJSON) + `,"enterprise_id":"e1","kind":"hnte","year":2026,"batch":2,"stage":"prepare","milestones":["m1","m2"],"blockers":["缺专利"],"steps":[{"step":"intent","date":"2026-03-01","by":"wang"},{"step":"registered","date":"2026-04-01","note":"注册了"}],"certificate":"GR2026","issued":"2026-11-01","expires":"2029-10-31"}`,
		`{"id":"a1","steps":[],"milestones":[],"blockers":null}`,
		`{"id":"a1","steps":null,"year":null,"batch":0}`,
		`{"id":"a1","year":2026.5}`,
		`{"id":"a1","year":"2026"}`,
		`{"id":"a1","year":99999999999999999999}`,
		`{"id":"a1","year":-3,"batch":01}`,
		`{"id":"a1","steps":[{"step":"a","extra":[1,{"x":2}]}, {"Step":"b"} ]}`,
		`{"id":"a1","steps":[{"step":"a","note":"x"}],"steps":[{"step":"b"}]}`,
		`{"id":"a1","blockers":["a"],"blockers":["b","c"]}`,
		`{"id":"a1","blockers":["a",null]}`,
		`{"id":"a1","blockers":["a\"b"]}`,
		`{"id":"a1","blockers":[1]}`,
		`{"id":"a1","blockers":"x"}`,
		`{"id":"a1","steps":["x"]}`,
		`{"id":"a1","steps":[{"step":"a"},]}`,
		`{"id":"a1","steps":[{"step":"a"}`,
		`{"id":"a1","Blockers":[ "a" , "b" ],"STEPS":[{"DATE":"2026-01-01"}]}`,
		`{"id":"a1","steps":[{"date":"2026-01-01","date":"2026-01-02"}]}`,
	}
	seed := testSeed(t)
	rng := rand.New(rand.NewPCG(seed, 1))
	pieces := []string{`"`, `\`, "\x01", "é", "\xe4\xb8", "中文", "a", " ", `\u4e2d`, `\"`, "[", "]", "{", "}", ",", "null", "1"}
	rnd := func() string {
		var b strings.Builder
		for range rng.IntN(5) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		return b.String()
	}
	// Random texts, kept when the record is valid JSON: stored records are
	// (json.Marshal made them, or a sync message held them).
	for range 600 {
		c := `{"id":"r","blockers":["` + rnd() + `"],"steps":[{"step":"s","note":"` + rnd() + `"}],"year":2026}`
		if json.Valid([]byte(c)) {
			apps = append(apps, c)
		}
	}
	for _, c := range apps {
		raws := [][]byte{[]byte(c)}
		var want visits.Application
		werr := json.Unmarshal(raws[0], &want)
		got, gerr := decodeFlatEach(visits.TypeApplication, raws, applicationFlat)
		if (werr != nil) != (gerr != nil) {
			t.Fatalf("%q: encoding/json error %v, flat error %v", c, werr, gerr)
		}
		if werr == nil && !reflect.DeepEqual(want, got[0]) {
			t.Fatalf("%q:\njson %#v\nflat %#v", c, want, got[0])
		}
	}
	fus := []string{
		`{"id":"f1","created_at":` + string(atJSON) + `,"created_by":"wang","enterprise_id":"e1","need_id":"n1","visit_id":"v1","action":"回访","assignee":"li","due":"2026-12-01","status":"done","result":"好","done_at":` + string(atJSON) + `}`,
		`{"id":"f1","due":null,"done_at":null}`,
		`{"id":"f1","action":"换\n行"}`,
		`{"id":"f1","due":5}`,
	}
	for range 300 {
		if c := `{"id":"r","action":"` + rnd() + `","due":"2026-12-01"}`; json.Valid([]byte(c)) {
			fus = append(fus, c)
		}
	}
	for _, c := range fus {
		raws := [][]byte{[]byte(c)}
		var want visits.FollowUp
		werr := json.Unmarshal(raws[0], &want)
		got, gerr := decodeFlatEach(visits.TypeFollowUp, raws, followUpFlat)
		if (werr != nil) != (gerr != nil) {
			t.Fatalf("%q: encoding/json error %v, flat error %v", c, werr, gerr)
		}
		if werr == nil && !reflect.DeepEqual(want, got[0]) {
			t.Fatalf("%q:\njson %#v\nflat %#v", c, want, got[0])
		}
	}
}

// The shown enterprises' flags and readiness, in one pass, are what
// encoding/json gives on those members.
func TestShownFlatMatchesJSON(t *testing.T) {
	cases := []string{
		`{"id":"e","name":"x","above_size":true,"readiness":{"registered_on":"2020-01-02","ip_class_i":3,"staff_total":120,"staff_rd":0,"sales_3y":1.5e7,"rd_3y":-0.5,"major_violation":false,"total_income":12},"little_giant":true}`,
		`{"readiness":{"ip_class_i":1.5},"private":true}`,
		`{"readiness":{"ip_class_i":01}}`,
		`{"readiness":{"staff_rd":2,"staff_rd":null,"innovation_score":1E3},"Specialized":true}`,
		`{"readiness":null,"private":"yes"}`,
		`{"readiness":[1]}`,
		`{"above_size":true,"above_size":false}`,
		`{}`,
	}
	for _, c := range cases {
		raws := [][]byte{[]byte(c)}
		want, werr := decodeEach[entShown](visits.TypeEnterprise, raws, flatNames(shownFlat))
		got, gerr := decodeFlatEach(visits.TypeEnterprise, raws, shownFlat)
		if (werr != nil) != (gerr != nil) || (werr == nil && !reflect.DeepEqual(want, got)) {
			t.Fatalf("%q: json %+v %v, flat %+v %v", c, want, werr, got, gerr)
		}
	}
}
