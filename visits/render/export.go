package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/liaison-dev/liaison/visits"
	"github.com/liaison-dev/liaison/visits/xlsx"
)

// Export writes a whole Dataset for an officer's own keeping. Every format
// holds codes, not labels, and the wire (json) field names, so that an
// export can be read back by a program:
//
//   - json: one object with one array per record type (the Dataset's json);
//   - csv: one record type per file (ExportCSV takes the type), one column
//     per top-level field; lists and nested objects are JSON in their cell;
//   - xlsx: one sheet per record type, named by the type, laid out as csv.

// ExportTypes returns the record types in export order.
func ExportTypes() []string {
	return []string{visits.TypeOfficer, visits.TypeEnterprise, visits.TypeAssignment, visits.TypeVisit, visits.TypeNeed, visits.TypeNeedEvent, visits.TypeFollowUp, visits.TypeApplication}
}

// ExportJSON writes ds as one indented JSON object.
func ExportJSON(w io.Writer, ds visits.Dataset) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(ds)
}

// ExportCSV writes the records of one type as UTF-8 CSV with a byte order
// mark, a header row of field names, one row per record. Cells that Excel
// would take for a formula get a leading ' (visits.CSVCell).
func ExportCSV(w io.Writer, ds visits.Dataset, recordType string) error {
	head, rows, err := exportTable(ds, recordType)
	if err != nil {
		return err
	}
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	_ = cw.Write(head)
	for _, r := range rows {
		_ = cw.Write(visits.CSVRow(r)) // a name like =HYPERLINK(…) stays text in Excel
	}
	cw.Flush()
	return cw.Error()
}

// ExportXLSX writes one sheet per record type, each with a styled, frozen
// header row.
func ExportXLSX(w io.Writer, ds visits.Dataset) error {
	return ExportXLSXFrom(w, func(recordType string, fn func(rec any) error) error {
		recs, err := exportRecords(ds, recordType)
		if err != nil {
			return err
		}
		v := reflect.ValueOf(recs)
		for i := range v.Len() {
			if err := fn(v.Index(i).Interface()); err != nil {
				return err
			}
		}
		return nil
	})
}

// ExportXLSXFrom writes what ExportXLSX writes, one record at a time:
// each calls fn with every record (a value) of a type, in export order. It
// is called twice per type (the columns are sized first), so a workbook of
// any size costs the memory of one record.
func ExportXLSXFrom(w io.Writer, each func(recordType string, fn func(rec any) error) error) error {
	xw := xlsx.NewWriter(w)
	for _, t := range ExportTypes() {
		head, err := ExportHead(t)
		if err != nil {
			return err
		}
		rows := func(fn func(row []any) error) error {
			return each(t, func(rec any) error {
				row, err := ExportRow(head, rec)
				if err != nil {
					return fmt.Errorf("export %s: %w", t, err)
				}
				return fn(toAny(row))
			})
		}
		if err := writeSheetFrom(xw, t, toAny(head), rows, nil); err != nil {
			return fmt.Errorf("export sheet %s: %w", t, err)
		}
	}
	return xw.Close()
}

// exportRecords returns the records of a type as a slice value.
func exportRecords(ds visits.Dataset, recordType string) (any, error) {
	switch recordType {
	case visits.TypeOfficer:
		return ds.Officers, nil
	case visits.TypeEnterprise:
		return ds.Enterprises, nil
	case visits.TypeAssignment:
		return ds.Assignments, nil
	case visits.TypeVisit:
		return ds.Visits, nil
	case visits.TypeNeed:
		return ds.Needs, nil
	case visits.TypeNeedEvent:
		return ds.Events, nil
	case visits.TypeFollowUp:
		return ds.FollowUps, nil
	case visits.TypeApplication:
		return ds.Applications, nil
	}
	return nil, fmt.Errorf("export: unknown record type %q (want one of %s)", recordType, strings.Join(ExportTypes(), ", "))
}

// exportTable lays records out as a header of json field names (in struct
// order) and one row of cells per record.
func exportTable(ds visits.Dataset, recordType string) ([]string, [][]string, error) {
	recs, err := exportRecords(ds, recordType)
	if err != nil {
		return nil, nil, err
	}
	v := reflect.ValueOf(recs)
	head := jsonFieldNames(v.Type().Elem())
	rows := make([][]string, 0, v.Len())
	for i := 0; i < v.Len(); i++ {
		b, err := json.Marshal(v.Index(i).Interface())
		if err != nil {
			return nil, nil, fmt.Errorf("export %s: %w", recordType, err)
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(b, &m); err != nil {
			return nil, nil, fmt.Errorf("export %s: %w", recordType, err)
		}
		row := make([]string, len(head))
		for j, k := range head {
			row[j] = cellOf(m[k])
		}
		rows = append(rows, row)
	}
	return head, rows, nil
}

// cellOf is a JSON value as a cell: strings unquoted, null empty, the rest
// (numbers, booleans, lists, objects) as JSON text.
func cellOf(raw json.RawMessage) string {
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	if raw[0] == '"' && bytes.IndexByte(raw, '\\') < 0 && len(raw) >= 2 {
		return string(raw[1 : len(raw)-1]) // a string without escapes
	}
	var s string
	if raw[0] == '"' && json.Unmarshal(raw, &s) == nil {
		return s
	}
	return string(raw)
}

// jsonFieldNames lists the json names of a struct's fields, embedded
// structs flattened, in declaration order.
func jsonFieldNames(t reflect.Type) []string {
	var out []string
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if sf.Anonymous && sf.Type.Kind() == reflect.Struct {
			out = append(out, jsonFieldNames(sf.Type)...)
			continue
		}
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if !sf.IsExported() || name == "-" {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		out = append(out, name)
	}
	return out
}
