package sync

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/liaison-dev/liaison/store"
)

// pulledPage is a page of changes as the laptop reads it: the changes it
// could decode, and those it could not (a value nested deeper than the
// decoder goes, a member of the wrong type, …), which are set aside in the
// rejected list rather than stopping the sync (issue 9: one value HQ took
// made every other laptop's sync fail, reported as "HQ unreachable").
type pulledPage struct {
	ChangesResponse
	Unreadable []store.Unreadable
}

// decodePage reads a page of changes: with decodeChangesResponse when it
// can, else change by change. Only a page whose outline cannot be read (not
// JSON, cut off, a member of the page itself wrong) is an error.
func decodePage(data []byte) (pulledPage, error) {
	r, err := decodeChangesResponse(data)
	if err == nil {
		return pulledPage{ChangesResponse: r}, nil
	}
	p, perr := decodePageLeniently(data)
	if perr != nil {
		return pulledPage{}, err // the strict reader's reason
	}
	return p, nil
}

func decodePageLeniently(data []byte) (pulledPage, error) {
	var p pulledPage
	d := jsonScanner{b: data}
	d.space()
	var seen [len(changesKeys)]bool
	err := d.object(func(name []byte) error {
		k, err := keyOf(name, changesKeys[:], seen[:])
		switch k {
		case 0:
			return d.changesLeniently(&p)
		case 1:
			return d.intValue(&p.Count)
		case 2:
			return d.uint64Value(&p.Next)
		case 3:
			return d.boolValue(&p.HasMore)
		case 4:
			return d.int64Value(&p.ServerTimeMS)
		}
		if err != nil {
			return err
		}
		return skipDeep(&d)
	})
	if err != nil {
		return pulledPage{}, err
	}
	return p, d.end()
}

// changesLeniently reads the changes array one element at a time: each
// element is delimited without a depth limit, then decoded on its own.
func (d *jsonScanner) changesLeniently(p *pulledPage) error {
	if d.literal("null") {
		return nil
	}
	p.Changes = []store.Change{}
	return d.array(func() error {
		start := d.i
		if err := skipDeep(d); err != nil {
			return err
		}
		elem := d.b[start:d.i]
		c, err := decodeOneChange(elem)
		if err != nil {
			p.Unreadable = append(p.Unreadable, unreadableChange(elem, err))
			return nil
		}
		p.Changes = append(p.Changes, c)
		return nil
	})
}

// decodeOneChange decodes one element of a page's changes.
func decodeOneChange(elem []byte) (store.Change, error) {
	b := make([]byte, 0, len(elem)+2)
	b = append(append(append(b, '['), elem...), ']')
	d := jsonScanner{b: b}
	var cs []store.Change
	if err := d.changes(&cs); err != nil {
		return store.Change{}, err
	}
	if err := d.end(); err != nil {
		return store.Change{}, err
	}
	if len(cs) != 1 {
		return store.Change{}, errors.New("not one change")
	}
	return cs[0], nil
}

// unreadableChange is what can be told of an element that did not decode:
// its type, id and field if they can be read.
func unreadableChange(elem []byte, why error) store.Unreadable {
	var where struct {
		Type  string `json:"type"`
		ID    string `json:"id"`
		Field string `json:"field"`
	}
	_ = json.Unmarshal(elem, &where) // best effort: members of the wrong type stay ""
	return store.Unreadable{Type: where.Type, ID: where.ID, Field: where.Field, Raw: elem, Reason: why.Error()}
}

// skipDeep moves d past one JSON value of any depth, checking its syntax
// (strings, numbers, literals, brackets that match) and the white space
// after it. It does not recurse: the depth is a count, the open brackets a
// stack of bytes.
func skipDeep(d *jsonScanner) error {
	var open []byte
	for {
		if d.i >= len(d.b) {
			return d.fail("expected a value")
		}
		// A value starts here.
		switch c := d.b[d.i]; {
		case c == '{' || c == '[':
			open = append(open, c)
			d.i++
			d.space()
			if d.i < len(d.b) && d.b[d.i] == c+2 { // empty
				open = open[:len(open)-1]
				d.i++
				break
			}
			if c == '{' {
				if err := d.memberName(); err != nil {
					return err
				}
			}
			continue
		case c == '"':
			if _, _, err := d.str(); err != nil {
				return err
			}
		case c == '-' || '0' <= c && c <= '9':
			if err := d.number(); err != nil {
				return err
			}
		case d.literal("true"), d.literal("false"), d.literal("null"):
		default:
			return d.fail("expected a value")
		}
		// After a value: close brackets, or a comma before the next one.
		for {
			d.space()
			if len(open) == 0 {
				return nil
			}
			if d.i >= len(d.b) {
				return d.fail("in an array or object")
			}
			top := open[len(open)-1]
			switch c := d.b[d.i]; {
			case c == top+2:
				open = open[:len(open)-1]
				d.i++
				continue
			case c == ',':
				d.i++
				d.space()
				if top == '{' {
					if err := d.memberName(); err != nil {
						return err
					}
				}
			default:
				return d.fail("after a value")
			}
			break
		}
	}
}

// memberName reads an object key and its colon.
func (d *jsonScanner) memberName() error {
	if _, _, err := d.str(); err != nil {
		return err
	}
	d.space()
	if d.i >= len(d.b) || d.b[d.i] != ':' {
		return d.fail("expected a colon after an object key")
	}
	d.i++
	d.space()
	return nil
}

// checkPage checks a page's outline against the cursor.
func checkPage(p *pulledPage, cursor uint64) error {
	if n := len(p.Changes) + len(p.Unreadable); p.Next < cursor || p.Count != n {
		return fmt.Errorf("pull: page next=%d after cursor %d, count %d of %d: %w", p.Next, cursor, p.Count, n, ErrBadRequest)
	}
	return nil
}
