package render

import (
	"encoding/json"
	"fmt"
	"reflect"

	"github.com/liaison-dev/liaison/visits"
)

// A streamed export (cmd/liaison) lays out one record at a time what
// ExportCSV lays out for a whole dataset.

// ExportHead returns the header of a record type's CSV: its json field
// names in struct order, as ExportCSV writes them.
func ExportHead(recordType string) ([]string, error) {
	recs, err := exportRecords(visits.Dataset{}, recordType)
	if err != nil {
		return nil, err
	}
	return jsonFieldNames(reflect.TypeOf(recs).Elem()), nil
}

// ExportRow returns the cells of one record (a value, not a pointer) under
// head, as ExportCSV lays them out before making them safe (visits.CSVRow).
func ExportRow(head []string, rec any) ([]string, error) {
	b, err := json.Marshal(rec)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	row := make([]string, len(head))
	k := 0 // members come in head's order, some left out (omitempty)
	ok := eachMember(b, func(key, raw []byte) {
		for n := 0; n < len(head); n++ {
			if i := (k + n) % len(head); head[i] == string(key) {
				row[i], k = cellOf(raw), i+1
				return
			}
		}
	})
	if ok {
		return row, nil
	}
	// Not an object as json.Marshal writes a struct: decode it.
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	for j, k := range head {
		row[j] = cellOf(m[k])
	}
	return row, nil
}

// eachMember calls fn with each member of b, a JSON object as json.Marshal
// writes a struct (no spaces; keys without escapes): its key and its raw
// value. It reports false, having perhaps called fn, for anything else.
func eachMember(b []byte, fn func(key, raw []byte)) bool {
	if len(b) < 2 || b[0] != '{' || b[len(b)-1] != '}' {
		return false
	}
	i := 1
	if b[i] == '}' {
		return len(b) == 2
	}
	for {
		if b[i] != '"' {
			return false
		}
		j := i + 1
		for j < len(b) && b[j] != '"' {
			if b[j] == '\\' {
				return false
			}
			j++
		}
		if j+1 >= len(b) || b[j+1] != ':' {
			return false
		}
		key := b[i+1 : j]
		start := j + 2
		end := valueEnd(b, start)
		if end <= start || end >= len(b) {
			return false
		}
		fn(key, b[start:end])
		if b[end] == '}' {
			return end == len(b)-1
		}
		i = end + 1 // past the comma
	}
}

// valueEnd returns the index of the comma or closing brace that ends the
// value starting at i, or len(b).
func valueEnd(b []byte, i int) int {
	depth, inStr := 0, false
	for ; i < len(b); i++ {
		c := b[i]
		if inStr {
			switch c {
			case '\\':
				i++
			case '"':
				inStr = false
			}
			continue
		}
		switch c {
		case '"':
			inStr = true
		case '{', '[':
			depth++
		case ']':
			depth--
		case '}':
			if depth == 0 {
				return i
			}
			depth--
		case ',':
			if depth == 0 {
				return i
			}
		}
	}
	return i
}
