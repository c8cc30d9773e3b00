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
	seed := rand.Uint64()
	t.Logf("seed %d", seed)
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
