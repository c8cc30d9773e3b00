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

// agreesWithStd fails unless decode and encoding/json agree on b: both
// refuse it, or both read the same value. A duplicate key, which the
// hand-written readers refuse on purpose, is the one allowed difference.
func agreesWithStd[T any](t *testing.T, b []byte, decode func([]byte) (T, error)) {
	t.Helper()
	var want T
	stdErr := json.Unmarshal(b, &want)
	got, err := decode(b)
	if errors.Is(err, errDuplicateKey) {
		return
	}
	if (stdErr == nil) != (err == nil) {
		t.Fatalf("%q: encoding/json says %v, the reader says %v", b, stdErr, err)
	}
	if err == nil && !reflect.DeepEqual(got, want) {
		t.Fatalf("%q:\n got %#v\nwant %#v", b, got, want)
	}
}

func checkSameAsStd(t *testing.T, b []byte) { t.Helper(); agreesWithStd(t, b, decodePush) }

func checkResponseSameAsStd(t *testing.T, b []byte) {
	t.Helper()
	agreesWithStd(t, b, decodePushResponse)
}

func TestDecodePushAgreesWithEncodingJSON(t *testing.T) {
	cases := []string{
		string(samplePush(20)),
		`null`, ` {} `, `{"ops":null}`, `{"ops":[]}`, `{"ops":[null,{}]}`,
		`{"protocol":1,"ops":[{"value":null,"from":null,"resolves":null}]}`,
		`{"PROTOCOL":1,"Ops":[{"OP_ID":"x","Value":[ 1 , {"k" : "v"} ] }]}`,
		`{"op\u0073":[{"op_id":"a\"b\\c\u00e9\ud83d\ude00"}]}`,
		`{"ops":[{"op_id":"\ud800"}]}`, "{\"ops\":[{\"op_id\":\"\xff\xfe\"}]}",
		// Bytes that are not UTF-8 after ASCII, in a name, cut short, and Chinese that is.
		"{\"ops\":[{\"op_id\":\"ab\xffcd\",\"id\":\"\xe4\xb8\",\"field\":\"\xe4\xb8\xad\u6587\"}]}",
		"{\"op\xff\":1,\"ops\":[{\"value\":\"x\xc0\x80\"}]}",
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
	for _, c := range []string{`{"ops":[],"ops":[]}`, `{"ops":[{"op_id":"a","OP_ID":"b"}]}`,
		// Keys in the order laptops send them, then one again.
		`{"ops":[{"op_id":"a","type":"t","op_id":"b"}]}`, `{"ops":[{"field":"f","op_id":"a","type":"t","id":"i","field":"g"}]}`,
		`{"ops":[{"op_id":"a","type":"t","id":"i","field":"f","value":1,"stamp":"s","base":"","resolves":[],"from":1,"from":2}]}`} {
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

func sampleResults() PushResponse {
	leaves := []store.Leaf{{Value: json.RawMessage(`"accepted"`), Stamp: "0193a2c4f1b2-0000-devb", Author: "李<工>", OpID: "o0"}}
	return PushResponse{ServerTimeMS: 1764400000123, Results: []store.Result{
		{OpID: "0190f3a2-7c1e-7d3a-9b1e-3c5d7e9f1a2b", Status: store.StatusApplied, Seq: 1 << 40, Sole: true},
		{OpID: "o&2", Status: store.StatusConflict, Seq: 7},
		{OpID: "编号\u2028\"3\"", Status: store.StatusRejected, Error: &store.OpError{Code: "forbidden", Reason: "企业 <e1> 不在范围"}, Leaves: &leaves},
		{OpID: "o4", Status: store.StatusDuplicate, Leaves: &[]store.Leaf{}},
	}}
}

// The answer to a push is written byte for byte as encoding/json writes it.
func TestPushResponseEncoding(t *testing.T) {
	for _, r := range []PushResponse{sampleResults(), {}, {Results: []store.Result{}}} {
		got, err := r.appendJSON(nil)
		want, _ := json.Marshal(r)
		if err != nil || string(got) != string(want) {
			t.Errorf("got  %s (%v)\nwant %s", got, err, want)
		}
	}
}

func TestDecodePushResponseAgreesWithEncodingJSON(t *testing.T) {
	enc, _ := json.Marshal(sampleResults())
	for _, c := range []string{string(enc), `null`, `{}`, `{"results":null,"server_time_ms":null}`,
		`{"results":[null,{}],"server_time_ms":-5}`, `{"RESULTS":[{"Sole":false,"SEQ":0,"error":null,"leaves":null}]}`,
		`{"results":[{"seq":-1}]}`, `{"results":[{"seq":1.5}]}`, `{"results":[{"seq":18446744073709551616}]}`,
		`{"server_time_ms":9223372036854775808}`, `{"results":[{"sole":1}]}`, `{"results":[{"error":"x"}]}`,
		`{"results":[{"leaves":[{"value":{"a":[1]},"stamp":"s"}]}]}`, `{"results":[{"leaves":{}}]}`,
		`{"results":{}}`, `{"results":[1]}`, `{"x":[}`, `{"results":[]}x`} {
		checkResponseSameAsStd(t, []byte(c))
	}
}

func FuzzDecodePushResponse(f *testing.F) {
	enc, _ := json.Marshal(sampleResults())
	f.Add(enc)
	f.Add([]byte(`{"results":[null,{"seq":1,"sole":true,"error":{"code":"c"}}],"server_time_ms":1}`))
	f.Fuzz(func(t *testing.T, b []byte) { checkResponseSameAsStd(t, b) })
}

// A push body is written byte for byte as encoding/json writes it.
func TestPushRequestEncoding(t *testing.T) {
	var req PushRequest
	if err := json.Unmarshal(samplePush(30), &req); err != nil {
		t.Fatal(err)
	}
	odd := []store.Op{
		{OpID: "a<b>&c", Value: json.RawMessage(`{"x": "<i>&</i>\u2028", "y":[ 1 ]}`), Resolves: nil},
		{OpID: "编号", Value: nil, From: json.RawMessage(`"\u2029"`), Resolves: []string{"s1", "s\"2"}},
		{Value: json.RawMessage(`"line\u2028sep"`)},
	}
	for _, r := range []PushRequest{req, {Protocol: 1, Epoch: "e<1>", Ops: odd}, {}, {Ops: []store.Op{}}} {
		got, err := r.appendJSON(nil)
		want, wantErr := json.Marshal(r)
		if err != nil || wantErr != nil || string(got) != string(want) {
			t.Errorf("got  %s (%v)\nwant %s (%v)", got, err, want, wantErr)
		}
	}
	bad := PushRequest{Ops: []store.Op{{Value: json.RawMessage(`{"unclosed":`)}}}
	if _, err := bad.appendJSON(nil); err == nil {
		t.Error("an invalid value was written")
	}
}

func FuzzAppendRaw(f *testing.F) {
	f.Add([]byte(`{"a": "<b>\u2028"}`))
	f.Add([]byte(`"plain"`))
	f.Add([]byte(``))
	f.Fuzz(func(t *testing.T, v []byte) {
		got, err := appendRaw(nil, v)
		want, wantErr := json.Marshal(json.RawMessage(v))
		if (err == nil) != (wantErr == nil) || (err == nil && string(got) != string(want)) {
			t.Errorf("%q: got %s (%v), want %s (%v)", v, got, err, want, wantErr)
		}
	})
}
