package store

import (
	"encoding/json"
	"reflect"
	"testing"
)

// indexFieldsOf, where it decides, gives what encoding/json gives.
func TestIndexFieldsOfAgreesWithEncodingJSON(t *testing.T) {
	recs := []string{
		`{"id":"v1","at":"2026-12-02T10:00:00+08:00","enterprise_id":"e1","occasion":"routine","summary":"走访","purposes":["policy"]}`,
		`{"id":"n1","enterprise_id":"e1","status":"open","description":"x\"y"}`,
		`{"id":"f1","due":"2026-12-09","need_id":"n1","enterprise_id":"e1","status":"done"}`,
		`{"id":"a1","officer_id":"wang","enterprise_id":"e1","role":"liaison"}`,
		`{"id":"e1","uscc":"91350100M000100Y43","name":"兰州","qualifications":[{"kind":"hnte"}]}`,
		`{"id":"v2","extra_occasions":["a","b"],"at":null,"ENTERPRISE_ID":"E9"}`,
		`{"id":"v3","extra_occasions":[],"Status":"open","status":"closed"}`,
		` { "id" : "v4" , "at" : "2026-12-02T10:00:00Z" } `,
		`{"id":"v5","status":5}`, `{"id":"v6","at":"yesterday"}`, `{"id":"v7","extra_occasions":["a",1]}`,
		`{"id":"v8","status":"a\u0041"}`, `{"id":"v9","status":"` + "\xff" + `"}`, `{"id":"v10","extra_occasions":null}`,
		`{"id":"v11","n":{"status":"x"},"status":"y"}`, `{}`, `{"id":"v12"}x`, `[1]`, `{"id":"v13","at":"2026-12-02T10:00:00Z",}`,
	}
	decided := 0
	for _, r := range recs {
		var want indexFields
		werr := json.Unmarshal(pickMembers([]byte(r), indexNames), &want)
		got, ok := indexFieldsOf([]byte(r))
		if !ok {
			continue
		}
		decided++
		if werr != nil {
			t.Errorf("%s: indexFieldsOf decided, encoding/json fails: %v", r, werr)
			continue
		}
		if !reflect.DeepEqual(got, want) || !got.At.Equal(want.At) {
			t.Errorf("%s:\n got %+v\nwant %+v", r, got, want)
		}
	}
	if decided < 8 {
		t.Errorf("only %d records decided without encoding/json", decided)
	}
}
