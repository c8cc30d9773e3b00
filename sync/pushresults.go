package sync

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strconv"

	"github.com/liaison-dev/liaison/store"
)

// A push body holds up to 500 ops, and its answer one result per op. Both
// ends read and write them without reflection; what is written is byte
// for byte what encoding/json writes, and what is read is what
// encoding/json reads (tests and fuzz tests hold them to that). The push
// body's reader is in pushbody.go.

// appendJSON appends r as encoding/json would marshal it.
func (r *PushRequest) appendJSON(b []byte) ([]byte, error) {
	b = append(b, `{"protocol":`...)
	b = strconv.AppendInt(b, int64(r.Protocol), 10)
	b = append(b, `,"epoch":`...)
	b = store.AppendJSONString(b, r.Epoch)
	b = append(b, `,"device_id":`...)
	b = store.AppendJSONString(b, r.DeviceID)
	b = append(b, `,"ops":`...)
	if r.Ops == nil {
		return append(b, "null}"...), nil
	}
	b = append(b, '[')
	for i := range r.Ops {
		if i > 0 {
			b = append(b, ',')
		}
		var err error
		if b, err = appendOp(b, &r.Ops[i]); err != nil {
			return nil, err
		}
	}
	return append(b, "]}"...), nil
}

func appendOp(b []byte, op *store.Op) ([]byte, error) {
	b = append(b, `{"op_id":`...)
	b = store.AppendJSONString(b, op.OpID)
	b = append(b, `,"type":`...)
	b = store.AppendJSONString(b, op.Type)
	b = append(b, `,"id":`...)
	b = store.AppendJSONString(b, op.ID)
	b = append(b, `,"field":`...)
	b = store.AppendJSONString(b, op.Field)
	b = append(b, `,"value":`...)
	var err error
	if b, err = appendRaw(b, op.Value); err != nil {
		return nil, err
	}
	b = append(b, `,"stamp":`...)
	b = store.AppendJSONString(b, op.Stamp)
	b = append(b, `,"base":`...)
	b = store.AppendJSONString(b, op.Base)
	b = append(b, `,"resolves":`...)
	if op.Resolves == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, r := range op.Resolves {
			if i > 0 {
				b = append(b, ',')
			}
			b = store.AppendJSONString(b, r)
		}
		b = append(b, ']')
	}
	if len(op.From) > 0 {
		b = append(b, `,"from":`...)
		if b, err = appendRaw(b, op.From); err != nil {
			return nil, err
		}
	}
	return append(b, '}'), nil
}

// appendRaw appends a raw JSON value as encoding/json does: compacted,
// with <, >, &, U+2028 and U+2029 escaped; a nil one is null. A value
// that is already compact and has none of those is copied as it is.
func appendRaw(b []byte, v json.RawMessage) ([]byte, error) {
	if v == nil {
		return append(b, "null"...), nil
	}
	if len(v) > 0 && bytes.IndexAny(v, " \t\n\r<>&\u2028\u2029") < 0 && json.Valid(v) {
		return append(b, v...), nil
	}
	e, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return append(b, e...), nil
}

// appendJSON appends r as encoding/json would marshal it.
func (r *PushResponse) appendJSON(b []byte) ([]byte, error) {
	b = append(b, `{"results":`...)
	if r.Results == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range r.Results {
			if i > 0 {
				b = append(b, ',')
			}
			var err error
			if b, err = appendResult(b, &r.Results[i]); err != nil {
				return nil, err
			}
		}
		b = append(b, ']')
	}
	b = append(b, `,"server_time_ms":`...)
	b = strconv.AppendInt(b, r.ServerTimeMS, 10)
	return append(b, '}'), nil
}

func appendResult(b []byte, r *store.Result) ([]byte, error) {
	b = append(b, `{"op_id":`...)
	b = store.AppendJSONString(b, r.OpID)
	b = append(b, `,"status":`...)
	b = store.AppendJSONString(b, r.Status)
	b = append(b, `,"seq":`...)
	b = strconv.AppendUint(b, r.Seq, 10)
	if r.Error != nil {
		e, err := json.Marshal(r.Error)
		if err != nil {
			return nil, err
		}
		b = append(append(b, `,"error":`...), e...)
	}
	if r.Leaves != nil {
		l, err := json.Marshal(r.Leaves)
		if err != nil {
			return nil, err
		}
		b = append(append(b, `,"leaves":`...), l...)
	}
	if r.Sole {
		b = append(b, `,"sole":true`...)
	}
	return append(b, '}'), nil
}

// decodePushResponse reads a push answer. Like decodePush, it refuses a
// key given twice in one object.
func decodePushResponse(data []byte) (PushResponse, error) {
	var resp PushResponse
	// The results' op ids are parts of one copy of the answer, not one
	// allocation each (a push of 10,000 visits reads 100,000 of them).
	d := jsonScanner{b: data, keep: bytes.Clone(data)}
	d.space()
	if d.literal("null") {
		return resp, d.end()
	}
	keys := [...]string{"results", "server_time_ms"}
	var seen [len(keys)]bool
	err := d.object(func(name []byte) error {
		k, err := keyOf(name, keys[:], seen[:])
		switch k {
		case 0:
			return d.results(&resp.Results)
		case 1:
			return d.int64Value(&resp.ServerTimeMS)
		}
		if err != nil {
			return err
		}
		return d.skipValue()
	})
	if err != nil {
		return PushResponse{}, err
	}
	return resp, d.end()
}

func (d *jsonScanner) results(out *[]store.Result) error {
	if d.literal("null") {
		*out = nil
		return nil
	}
	rs := make([]store.Result, 0, 512)
	err := d.array(func() error {
		rs = append(rs, store.Result{})
		if d.literal("null") {
			return nil
		}
		return d.result(&rs[len(rs)-1])
	})
	*out = rs
	return err
}

var resultKeys = [...]string{"op_id", "status", "seq", "error", "leaves", "sole"}

func (d *jsonScanner) result(r *store.Result) error {
	var seen [len(resultKeys)]bool
	return d.object(func(name []byte) error {
		k, err := keyOf(name, resultKeys[:], seen[:])
		switch k {
		case 0:
			return d.stringValue(&r.OpID)
		case 1:
			if err := d.stringValue(&r.Status); err != nil {
				return err
			}
			r.Status = knownStatus(r.Status)
			return nil
		case 2:
			return d.uint64Value(&r.Seq)
		case 3:
			return d.viaJSON(&r.Error)
		case 4:
			return d.viaJSON(&r.Leaves)
		case 5:
			return d.boolValue(&r.Sole)
		}
		if err != nil {
			return err
		}
		return d.skipValue()
	})
}

// knownStatus is s, as the constant when it is one (the copy of the
// answer it points into can then be let go with the batch).
func knownStatus(s string) string {
	for _, k := range [...]string{store.StatusApplied, store.StatusDuplicate, store.StatusConflict, store.StatusRejected} {
		if s == k {
			return k
		}
	}
	return s
}

// viaJSON reads a value with encoding/json: for the rare, nested parts.
func (d *jsonScanner) viaJSON(v any) error {
	var raw json.RawMessage
	if err := d.rawValue(&raw); err != nil {
		return err
	}
	return json.Unmarshal(raw, v)
}

// int64Value and uint64Value read an integer or null (which leaves n as
// it is).
func (d *jsonScanner) int64Value(n *int64) error {
	lit, err := d.numberLiteral()
	if err != nil || lit == nil {
		return err
	}
	v, err := strconv.ParseInt(string(lit), 10, 64)
	if err != nil {
		return &json.UnmarshalTypeError{Value: "number " + string(lit), Type: reflect.TypeFor[int64](), Offset: int64(d.i)}
	}
	*n = v
	return nil
}

func (d *jsonScanner) uint64Value(n *uint64) error {
	lit, err := d.numberLiteral()
	if err != nil || lit == nil {
		return err
	}
	v, err := strconv.ParseUint(string(lit), 10, 64)
	if err != nil {
		return &json.UnmarshalTypeError{Value: "number " + string(lit), Type: reflect.TypeFor[uint64](), Offset: int64(d.i)}
	}
	*n = v
	return nil
}

// numberLiteral reads a number and returns its text, or nil for null.
func (d *jsonScanner) numberLiteral() ([]byte, error) {
	if d.literal("null") {
		return nil, nil
	}
	start := d.i
	if err := d.number(); err != nil {
		return nil, err
	}
	lit := d.b[start:d.i]
	d.space()
	return lit, nil
}

// boolValue reads true, false or null (which leaves v as it is).
func (d *jsonScanner) boolValue(v *bool) error {
	switch {
	case d.literal("true"):
		*v = true
	case d.literal("false"):
		*v = false
	case d.literal("null"):
	default:
		return d.fail("expected true or false")
	}
	return nil
}
