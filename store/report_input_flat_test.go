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

// The report's flat decoder gives what encoding/json gives on the picked
// members, for plain records and for the odd ones it hands back to
// encoding/json (escapes, controls, invalid UTF-8, other types, null, names
// in another case, repeated members, bad JSON).
func TestFlatDecodeMatchesJSON(t *testing.T) {
	at := time.Date(2026, 11, 25, 9, 30, 0, 123456789, time.UTC)
	atJSON, _ := json.Marshal(at)
	cases := []string{
		`{"id":"v1","enterprise_id":"e1","at":` + string(atJSON) + `,"occasion":"routine","method":"on_site","summary":"走访了","next_plan":"下周再去","purposes":["a","b"],"corrections":[{"at":"x"}]}`,
		`{"id":"v1","summary":"引号\"和\\反斜杠","at":"2026-11-25T09:30:00+08:00"}`,
		`{"id":"v1","summary":"控制\u0001字符\n换行"}`,
		"{\"id\":\"v1\",\"summary\":\"bad \xff utf8\"}",
		`{"id":"v1","summary":null,"at":null,"occasion":"x"}`,
		`{"ID":"upper","Enterprise_Id":"mixed","id":"later"}`,
		`{"id":"v1","id":"v2"}`,
		`{"id":1}`,
		`{"id":"v1","at":"not a time"}`,
		`{"id":"v1","at":12}`,
		` { "id" : "spaced" , "method" : "phone" } `,
		`{}`,
		`[]`,
		`{"id":"v1",}`,
		`{"id":"v1"`,
		`{"i\u0064":"escaped name"}`,
		`{"id":"v1","lead_officer":"wang","extra":{"nested":[1,2,{"x":"y"}]},"next_plan":""}`,
	}
	seed := testSeed(t)
	rng := rand.New(rand.NewPCG(seed, 1))
	pieces := []string{`"`, `\`, "\x01", "é", "\xe4\xb8", "中文", "a", " ", `\u4e2d`, `\"`}
	for range 300 {
		var b strings.Builder
		for range rng.IntN(6) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		cases = append(cases, `{"id":"r","summary":"`+b.String()+`","at":`+string(atJSON)+`}`)
	}
	for _, c := range cases {
		raws := [][]byte{[]byte(c)}
		want, werr := decodeEach[visits.Visit](visits.TypeVisit, raws, visitNames)
		got, gerr := decodeFlatEach(visits.TypeVisit, raws, visitFlat)
		if (werr != nil) != (gerr != nil) {
			t.Fatalf("%q: encoding/json error %v, flat error %v", c, werr, gerr)
		}
		if werr == nil && !reflect.DeepEqual(want, got) {
			t.Fatalf("%q:\njson %+v\nflat %+v", c, want, got)
		}
	}
	needs := []string{
		`{"id":"n1","enterprise_id":"e","category":"funds","severity":"urgent","title":"标题","description":"长文本","jinanchoupan":true,"lead_unit":"u1","co_units":["u2"],"registered_at":` + string(atJSON) + `,"reply_due":"2026-12-01","close_due":"","extended":false,"status":"registered","created_at":` + string(atJSON) + `,"created_by":"wang"}`,
		`{"id":"n1","reply_due":null,"jinanchoupan":"yes"}`,
		`{"id":"n1","extended":true,"Status":"closed"}`,
	}
	for _, c := range needs {
		raws := [][]byte{[]byte(c)}
		want, werr := decodeEach[visits.Need](visits.TypeNeed, raws, flatNames(needFlat))
		got, gerr := decodeFlatEach(visits.TypeNeed, raws, needFlat)
		if (werr != nil) != (gerr != nil) || (werr == nil && !reflect.DeepEqual(want, got)) {
			t.Fatalf("%q: json %+v %v, flat %+v %v", c, want, werr, got, gerr)
		}
	}
	readiness := []string{
		`{"id":"e","readiness":{"registered_on":"2020-01-02","ip_class_i":3,"staff_total":120,"staff_rd":0,"sales_3y":1.5e7,"rd_3y":-0.5,"major_violation":false,"total_income":12}}`,
		`{"readiness":{"ip_class_i":1.5}}`,
		`{"readiness":{"ip_class_i":01}}`,
		`{"readiness":{"staff_rd":2,"staff_rd":null,"innovation_score":1E3}}`,
		`{"readiness":null}`,
		`{"readiness":{"major_violation":true,"sales_last_year":99999999999999999999}}`,
		`{"readiness":{"ip_class_ii":99999999999999999999}}`,
		`{"readiness":{"registered_on":"2020\u002d01-02"}}`,
		`{"readiness":[1]}`,
	}
	for _, c := range readiness {
		raws := [][]byte{[]byte(c)}
		want, werr := decodeEach[entReadiness](visits.TypeEnterprise, raws, flatNames(readinessFlat))
		got, gerr := decodeFlatEach(visits.TypeEnterprise, raws, readinessFlat)
		if (werr != nil) != (gerr != nil) || (werr == nil && !reflect.DeepEqual(want, got)) {
			t.Fatalf("%q: json %+v %v, flat %+v %v", c, want, werr, got, gerr)
		}
	}
	flags := []string{`{"above_size":true,"private":false,"specialized":true}`, `{"little_giant":1}`, `{"Private":true}`}
	for _, c := range flags {
		raws := [][]byte{[]byte(c)}
		want, werr := decodeEach[entFlags](visits.TypeEnterprise, raws, flagNames)
		got, gerr := decodeFlatEach(visits.TypeEnterprise, raws, flagFlat)
		if (werr != nil) != (gerr != nil) || (werr == nil && !reflect.DeepEqual(want, got)) {
			t.Fatalf("%q: json %+v %v, flat %+v %v", c, want, werr, got, gerr)
		}
	}
}

func flatNames[T any](fields []flatField[T]) [][]byte {
	var out [][]byte
	for _, f := range fields {
		out = append(out, f.name)
	}
	return out
}
