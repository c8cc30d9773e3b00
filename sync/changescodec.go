package sync

import (
	"strconv"

	"github.com/liaison-dev/liaison/store"
)

// A page of changes holds up to max_page (5,000) fields with their leaves:
// a first sync reads hundreds of thousands. Like push bodies (see
// pushresults.go), pages are written byte for byte as encoding/json
// writes them and read as encoding/json reads them, without reflection;
// tests and a fuzz test hold both to that.

// appendJSON appends r as encoding/json would marshal it.
func (r *ChangesResponse) appendJSON(b []byte) ([]byte, error) {
	b = append(b, `{"changes":`...)
	if r.Changes == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range r.Changes {
			if i > 0 {
				b = append(b, ',')
			}
			var err error
			if b, err = appendChange(b, &r.Changes[i]); err != nil {
				return nil, err
			}
		}
		b = append(b, ']')
	}
	b = append(b, `,"count":`...)
	b = strconv.AppendInt(b, int64(r.Count), 10)
	b = append(b, `,"next":`...)
	b = strconv.AppendUint(b, r.Next, 10)
	b = append(b, `,"has_more":`...)
	b = strconv.AppendBool(b, r.HasMore)
	b = append(b, `,"server_time_ms":`...)
	b = strconv.AppendInt(b, r.ServerTimeMS, 10)
	return append(b, '}'), nil
}

func appendChange(b []byte, c *store.Change) ([]byte, error) {
	b = append(b, `{"type":`...)
	b = store.AppendJSONString(b, c.Type)
	b = append(b, `,"id":`...)
	b = store.AppendJSONString(b, c.ID)
	b = append(b, `,"field":`...)
	b = store.AppendJSONString(b, c.Field)
	b = append(b, `,"seq":`...)
	b = strconv.AppendUint(b, c.Seq, 10)
	b = append(b, `,"leaves":`...)
	if c.Leaves == nil {
		return append(b, "null}"...), nil
	}
	b = append(b, '[')
	for i := range c.Leaves {
		if i > 0 {
			b = append(b, ',')
		}
		var err error
		if b, err = appendLeaf(b, &c.Leaves[i]); err != nil {
			return nil, err
		}
	}
	return append(b, "]}"...), nil
}

func appendLeaf(b []byte, l *store.Leaf) ([]byte, error) {
	b = append(b, `{"value":`...)
	var err error
	if b, err = appendRaw(b, l.Value); err != nil {
		return nil, err
	}
	b = append(b, `,"stamp":`...)
	b = store.AppendJSONString(b, l.Stamp)
	b = append(b, `,"author":`...)
	b = store.AppendJSONString(b, l.Author)
	b = append(b, `,"op_id":`...)
	b = store.AppendJSONString(b, l.OpID)
	if l.Base != "" {
		b = append(b, `,"base":`...)
		b = store.AppendJSONString(b, l.Base)
	}
	if len(l.From) > 0 {
		b = append(b, `,"from":`...)
		if b, err = appendRaw(b, l.From); err != nil {
			return nil, err
		}
	}
	return append(b, '}'), nil
}

var (
	changesKeys = [...]string{"changes", "count", "next", "has_more", "server_time_ms"}
	changeKeys  = [...]string{"type", "id", "field", "seq", "leaves"}
	leafKeys    = [...]string{"value", "stamp", "author", "op_id", "base", "from"}
)

// decodeChangesResponse reads a page of changes. Like decodePush, it
// refuses a key given twice in one object.
func decodeChangesResponse(data []byte) (ChangesResponse, error) {
	var r ChangesResponse
	d := jsonScanner{b: data}
	d.space()
	if d.literal("null") {
		return r, d.end()
	}
	var seen [len(changesKeys)]bool
	err := d.object(func(name []byte) error {
		k, err := keyOf(name, changesKeys[:], seen[:])
		switch k {
		case 0:
			return d.changes(&r.Changes)
		case 1:
			return d.intValue(&r.Count)
		case 2:
			return d.uint64Value(&r.Next)
		case 3:
			return d.boolValue(&r.HasMore)
		case 4:
			return d.int64Value(&r.ServerTimeMS)
		}
		if err != nil {
			return err
		}
		return d.skipValue()
	})
	if err != nil {
		return ChangesResponse{}, err
	}
	return r, d.end()
}

func (d *jsonScanner) changes(out *[]store.Change) error {
	if d.literal("null") {
		*out = nil
		return nil
	}
	cs := []store.Change{}
	err := d.array(func() error {
		cs = append(cs, store.Change{})
		if d.literal("null") {
			return nil
		}
		c := &cs[len(cs)-1]
		var seen [len(changeKeys)]bool
		return d.object(func(name []byte) error {
			k, err := keyOf(name, changeKeys[:], seen[:])
			switch k {
			case 0:
				return d.stringValue(&c.Type)
			case 1:
				return d.stringValue(&c.ID)
			case 2:
				return d.stringValue(&c.Field)
			case 3:
				return d.uint64Value(&c.Seq)
			case 4:
				return d.leaves(&c.Leaves)
			}
			if err != nil {
				return err
			}
			return d.skipValue()
		})
	})
	*out = cs
	return err
}

func (d *jsonScanner) leaves(out *[]store.Leaf) error {
	if d.literal("null") {
		*out = nil
		return nil
	}
	ls := []store.Leaf{}
	err := d.array(func() error {
		ls = append(ls, store.Leaf{})
		if d.literal("null") {
			return nil
		}
		l := &ls[len(ls)-1]
		var seen [len(leafKeys)]bool
		return d.object(func(name []byte) error {
			k, err := keyOf(name, leafKeys[:], seen[:])
			switch k {
			case 0:
				return d.rawValue(&l.Value)
			case 1:
				return d.stringValue(&l.Stamp)
			case 2:
				return d.stringValue(&l.Author)
			case 3:
				return d.stringValue(&l.OpID)
			case 4:
				return d.stringValue(&l.Base)
			case 5:
				return d.rawValue(&l.From)
			}
			if err != nil {
				return err
			}
			return d.skipValue()
		})
	})
	*out = ls
	return err
}
