package store

import (
	"encoding/json"
	"reflect"
	"testing"
)

// checkPick fails unless decoding pickMembers(rec) into indexFields gives
// what decoding rec does.
func checkPick(t *testing.T, rec []byte) {
	t.Helper()
	if !json.Valid(rec) {
		return
	}
	var want, got indexFields
	wantErr := json.Unmarshal(rec, &want)
	gotErr := json.Unmarshal(pickMembers(rec, indexNames), &got)
	if (wantErr == nil) != (gotErr == nil) || !reflect.DeepEqual(got, want) {
		t.Fatalf("%s:\n got %+v (%v)\nwant %+v (%v)", rec, got, gotErr, want, wantErr)
	}
}

func TestPickMembers(t *testing.T) {
	for _, rec := range []string{
		`{"id":"v1","at":"2026-11-29T10:00:00Z","enterprise_id":"e1","extra_occasions":["a","b"],"occasion":"routine","summary":"企业反映“融资难”——需对接银行……\"}{,"}`,
		`{"id":"n1","nested":{"status":"x","a":[1,{"b":"}"}]},"status":"accepted","due":"2026-12-01"}`,
		`{"ID":"v2","Enterprise_ID":"e2","enterprise_id":"e3"}`, `{"at":"bad time"}`, `{"at":5}`,
		`{"id":"\u0076"}`, `{"i\u0064":"v"}`, ` { "id" : "v" , "n" : -1.5e3 , "t" : true } `, `{}`, `[]`, `"x"`, `null`,
		`{"extra_occasions":null,"status":null}`, `{"uscc":"91620102MA7XXXXX1K","a":[],"b":{}}`,
	} {
		checkPick(t, []byte(rec))
	}
}

func FuzzPickMembers(f *testing.F) {
	f.Add([]byte(`{"id":"v1","at":"2026-11-29T10:00:00Z","summary":"x\"y","extra_occasions":["a"]}`))
	f.Add([]byte(`{"a":{"id":[1,"]"]},"id":"b"}`))
	f.Fuzz(func(t *testing.T, rec []byte) { checkPick(t, rec) })
}
