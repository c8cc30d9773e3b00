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
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	row := make([]string, len(head))
	for j, k := range head {
		row[j] = cellOf(m[k])
	}
	return row, nil
}
