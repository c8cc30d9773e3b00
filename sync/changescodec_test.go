package sync

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/liaison-dev/liaison/store"
)

func sampleChanges(n int) ChangesResponse {
	r := ChangesResponse{Count: n, Next: 1 << 33, HasMore: true, ServerTimeMS: 1764400000123, Changes: []store.Change{}}
	for i := range n {
		c := store.Change{Type: "visit", ID: fmt.Sprintf("01JD5K2Q8Z%016d", i), Field: "summary", Seq: uint64(i + 1),
			Leaves: []store.Leaf{{Value: json.RawMessage(`"企业反映“融资难”——需对接银行……<b>&</b>"`), Stamp: "0193a2c4f1b2-0003-dev7f3a",
				Author: "wang", OpID: "0190f3a2-7c1e-7d3a-9b1e-3c5d7e9f1a2b"}}}
		switch i % 4 {
		case 1:
			c.Leaves = append(c.Leaves, store.Leaf{Value: json.RawMessage(`{"a": [1, 2.5e3, true, null]}`), Stamp: "s2", Author: "李",
				OpID: "o2", Base: "0193a2c4e0aa-0000-devb21c", From: json.RawMessage(`"accepted"`)})
		case 2:
			c.Leaves = []store.Leaf{}
		case 3:
			c.Leaves = nil
		}
		r.Changes = append(r.Changes, c)
	}
	return r
}

// A page of changes is written byte for byte as encoding/json writes it.
func TestChangesResponseEncoding(t *testing.T) {
	for _, r := range []ChangesResponse{sampleChanges(9), {}, {Changes: []store.Change{}}} {
		got, err := r.appendJSON(nil)
		want, wantErr := json.Marshal(r)
		if err != nil || wantErr != nil || string(got) != string(want) {
			t.Errorf("got  %s (%v)\nwant %s (%v)", got, err, want, wantErr)
		}
	}
	bad := ChangesResponse{Changes: []store.Change{{Leaves: []store.Leaf{{Value: json.RawMessage(`{`)}}}}}
	if _, err := bad.appendJSON(nil); err == nil {
		t.Error("an invalid value was written")
	}
}

func TestDecodeChangesAgreesWithEncodingJSON(t *testing.T) {
	enc, _ := json.Marshal(sampleChanges(9))
	for _, c := range []string{string(enc), `null`, `{}`, `{"changes":null,"has_more":null}`,
		`{"changes":[null,{},{"leaves":null},{"leaves":[null,{}]}],"count":-1,"next":0}`,
		`{"CHANGES":[{"Type":"need","LEAVES":[{"VALUE":1,"From":{"x":[]},"base":"b"}]}],"Has_More":true}`,
		`{"next":-1}`, `{"next":1.5}`, `{"count":"1"}`, `{"has_more":1}`, `{"changes":[{"seq":"1"}]}`,
		`{"changes":[{"leaves":[{"value":}]}]}`, `{"changes":[{"leaves":{}}]}`, `{"changes":{}}`, `[]`, `{"changes":[]}x`} {
		agreesWithStd(t, []byte(c), decodeChangesResponse)
	}
}

func FuzzDecodeChanges(f *testing.F) {
	enc, _ := json.Marshal(sampleChanges(5))
	f.Add(enc)
	f.Add([]byte(`{"changes":[{"leaves":[{"value":null,"from":null}]}],"count":1,"next":7,"has_more":false}`))
	f.Fuzz(func(t *testing.T, b []byte) { agreesWithStd(t, b, decodeChangesResponse) })
}

func BenchmarkDecodeChanges(b *testing.B) {
	body, _ := json.Marshal(sampleChanges(5000))
	b.Run("decodeChangesResponse", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		for b.Loop() {
			if _, err := decodeChangesResponse(body); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		for b.Loop() {
			var r ChangesResponse
			if err := json.Unmarshal(body, &r); err != nil {
				b.Fatal(err)
			}
		}
	})
}
