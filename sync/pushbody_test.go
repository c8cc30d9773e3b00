package sync

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"testing"

	"github.com/liaison-dev/liaison/store"
)

// samplePush is a push body as the client sends it.
func samplePush(n int) []byte {
	req := PushRequest{Protocol: Protocol, Epoch: "3f2a9c", DeviceID: "dev7f3a"}
	for i := range n {
		op := store.Op{OpID: fmt.Sprintf("0190f3a2-7c1e-7d3a-9b1e-%012d", i), Type: "visit", ID: "01JD5K2Q8Z0000000000000000",
			Field: fmt.Sprintf("f%d", i%10), Value: json.RawMessage(`"企业反映“融资难”——需对接银行……\n\u001b[2J"`),
			Stamp: "0193a2c4f1b2-0003-dev7f3a", Resolves: []string{}}
		if i%7 == 0 {
			op.Base, op.From = "0193a2c4e0aa-0000-devb21c", json.RawMessage(`{"a":[1,2.5e3,true,null]}`)
			op.Resolves = []string{"0193a2c4e0ab-0000-devc33d"}
		}
		req.Ops = append(req.Ops, op)
	}
	b, err := json.Marshal(req)
	if err != nil {
		panic(err)
	}
	return b
}

// checkSameAsStd fails unless decodePush and encoding/json agree on b:
// both refuse it, or both read the same request. A duplicate key, which
// decodePush refuses on purpose, is the one allowed difference.
func checkSameAsStd(t *testing.T, b []byte) {
	t.Helper()
	var want PushRequest
	stdErr := json.Unmarshal(b, &want)
	got, err := decodePush(b)
	if errors.Is(err, errDuplicateKey) {
		return
	}
	if (stdErr == nil) != (err == nil) {
		t.Fatalf("%q: encoding/json says %v, decodePush says %v", b, stdErr, err)
	}
	if err == nil && !reflect.DeepEqual(got, want) {
		t.Fatalf("%q:\n got %#v\nwant %#v", b, got, want)
	}
}

func TestDecodePushAgreesWithEncodingJSON(t *testing.T) {
	cases := []string{
		string(samplePush(20)),
		`null`, ` {} `, `{"ops":null}`, `{"ops":[]}`, `{"ops":[null,{}]}`,
		`{"protocol":1,"ops":[{"value":null,"from":null,"resolves":null}]}`,
		`{"PROTOCOL":1,"Ops":[{"OP_ID":"x","Value":[ 1 , {"k" : "v"} ] }]}`,
		`{"op\u0073":[{"op_id":"a\"b\\c\u00e9\ud83d\ude00"}]}`,
		`{"ops":[{"op_id":"\ud800"}]}`, "{\"ops\":[{\"op_id\":\"\xff\xfe\"}]}",
		`{"unknown":{"deep":[[[{}]]],"n":-0.5e-7},"protocol":1}`,
		`{"protocol":1.0}`, `{"protocol":"1"}`, `{"protocol":99999999999999999999}`, `{"protocol":-0}`,
		`{"ops":[{"op_id":5}]}`, `{"ops":[{"resolves":[1]}]}`, `{"ops":[{"resolves":["a",null]}]}`,
		`{"ops":{}}`, `{"ops":[1]}`, `[]`, `"x"`, `5`, `true`, ``, ` `, `{`, `{"a"}`, `{"a":}`, `{"a":1,}`,
		`{"a":01}`, `{"a":1.}`, `{"a":.5}`, `{"a":1e}`, `{"a":-}`, `{"a":tru}`, `{"a":nul}`, `{"a":"\x"}`,
		`{"a":"\u12G4"}`, "{\"a\":\"\n\"}", `{} {}`, `{}x`, `nullx`, `{"ops":[{"value":1 2}]}`,
		`{"ops":[{"value":{"a":1,"a":2}}]}`, `{"ops":[{"value":"x"}]} `,
	}
	for _, c := range cases {
		checkSameAsStd(t, []byte(c))
	}
}

func TestDecodePushRefusesDuplicateKeys(t *testing.T) {
	for _, c := range []string{`{"ops":[],"ops":[]}`, `{"ops":[{"op_id":"a","OP_ID":"b"}]}`} {
		if _, err := decodePush([]byte(c)); !errors.Is(err, errDuplicateKey) {
			t.Errorf("%s: err = %v, want a duplicate-key error", c, err)
		}
	}
}

func FuzzDecodePush(f *testing.F) {
	f.Add(samplePush(3))
	f.Add([]byte(`{"protocol":1,"ops":[{"value":null,"resolves":null},null]}`))
	f.Add([]byte(`{"Ops":[{"Value":[1,{"k":"\u00e9"}],"from":-1.5e3}]}`))
	f.Fuzz(func(t *testing.T, b []byte) { checkSameAsStd(t, b) })
}

func BenchmarkDecodePush(b *testing.B) {
	body := samplePush(500)
	b.Run("decodePush", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		for b.Loop() {
			if _, err := decodePush(body); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		for b.Loop() {
			var r PushRequest
			if err := json.Unmarshal(body, &r); err != nil {
				b.Fatal(err)
			}
		}
	})
}
