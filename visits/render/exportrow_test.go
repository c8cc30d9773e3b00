package render

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/liaison-dev/liaison/visits"
)

// exportRowJSON is ExportRow by encoding/json alone: the oracle.
func exportRowJSON(t *testing.T, head []string, rec any) []string {
	t.Helper()
	b, err := json.Marshal(rec)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	row := make([]string, len(head))
	for j, k := range head {
		row[j] = ""
		if raw := m[k]; len(raw) > 0 && string(raw) != "null" {
			var s string
			if raw[0] == '"' && json.Unmarshal(raw, &s) == nil {
				row[j] = s
			} else {
				row[j] = string(raw)
			}
		}
	}
	return row
}

// TestExportRowMatchesJSON: the member scanner lays out every record type
// exactly as decoding it with encoding/json does, for random records full
// of quotes, escapes, HTML characters, controls, nesting and invalid
// UTF-8, with fields left empty (omitted) at random.
func TestExportRowMatchesJSON(t *testing.T) {
	seed := rand.Uint64()
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 7))
	texts := []string{"", "兰州", `a "quoted" \\ text`, "<b>&amp;</b>", "line\nbreak\ttab", "\x1b[31mred", "bad \xff utf-8", "{[,]}", "=SUM(A1)", "emoji 🙂", "\u2028"}
	text := func() string { return texts[rng.IntN(len(texts))] + texts[rng.IntN(len(texts))] }
	for i := range 2000 {
		var recs []any
		v := visits.Visit{Meta: visits.Meta{ID: text(), CreatedBy: text()}, EnterpriseID: text(), Summary: text(), Occasion: text(), Method: text()}
		if rng.IntN(2) == 0 {
			v.At = time.Date(2026, 3, rng.IntN(28)+1, 9, 0, 0, 0, time.UTC)
			v.Companions, v.PeopleMet, v.Note = []string{text(), text()}, text(), text()
			v.Corrections = []visits.Correction{{Reason: text()}}
		}
		recs = append(recs, v)
		recs = append(recs, visits.Enterprise{Meta: visits.Meta{ID: text()}, Name: text(), USCC: text(), Street: text()})
		recs = append(recs, visits.Need{Meta: visits.Meta{ID: text()}, Title: text(), Description: text(), Jinanchoupan: rng.IntN(2) == 0, CoUnits: []string{text()}})
		for _, rec := range recs {
			head := jsonFieldNames(reflect.TypeOf(rec))
			got, err := ExportRow(head, rec)
			if err != nil {
				t.Fatal(err)
			}
			if want := exportRowJSON(t, head, rec); !reflect.DeepEqual(got, want) {
				t.Fatalf("record %d (%T):\n got %q\nwant %q", i, rec, got, want)
			}
		}
	}
}

// FuzzEachMember: for any JSON object in json.Marshal's compact form,
// the scanner reads the members encoding/json reads (raw values equal),
// and it refuses nothing whose keys have no escapes. (It never sees
// anything but json.Marshal's output, so invalid text is out of scope.)
func FuzzEachMember(f *testing.F) {
	for _, s := range []string{`{}`, `{"a":1}`, `{"a":"x,y}","b":[1,{"c":"]"}],"d":null}`, `{"a":"\"}"}`, `{"a":{}}`, `{"a":1,}`, `{"a"}`, `[1]`, `{"a":"}`, `{ "a" : [ ] }`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !json.Valid([]byte(s)) || !utf8.ValidString(s) { // Marshal writes valid UTF-8
			return
		}
		var buf bytes.Buffer
		if err := json.Compact(&buf, []byte(s)); err != nil {
			t.Fatal(err)
		}
		var m map[string]json.RawMessage
		if json.Unmarshal(buf.Bytes(), &m) != nil || m == nil {
			return // not an object
		}
		got := map[string]string{}
		ok := eachMember(buf.Bytes(), func(k, raw []byte) { got[string(k)] = string(raw) })
		if !ok {
			if !bytes.Contains(buf.Bytes(), []byte(`\`)) {
				t.Fatalf("refused %q, a compact object without escapes", buf.Bytes())
			}
			return
		}
		if len(m) != len(got) {
			t.Fatalf("%q: %d members, encoding/json %d", buf.Bytes(), len(got), len(m))
		}
		for k, raw := range m {
			if got[k] != string(raw) {
				t.Fatalf("%q: member %q = %q, encoding/json %q", buf.Bytes(), k, got[k], raw)
			}
		}
	})
}
