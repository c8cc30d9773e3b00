package xlsx

import (
	"bytes"
	"errors"
	"slices"
	"testing"
)

// FuzzXLSXReader feeds the reader a sheet's XML and shared strings' XML
// in a workbook (or, when the sheet starts with "PK", the bytes as a
// whole file). It must not panic, must keep its limits, and what it reads
// must survive a round trip through our writer.
func FuzzXLSXReader(f *testing.F) {
	f.Add([]byte(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>乙</t></is></c></row><row r="4"><c><v>45260</v></c><c t="b"><v>1</v></c></row>`),
		[]byte(`<si><t>甲</t></si><si><r><t>a</t></r><rPh><t>b</t></rPh></si>`))
	f.Add([]byte(`<x:row xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:c r="B2" t="str"><x:f>1+1</x:f><x:v>2</x:v></x:c></x:row>`), []byte(``))
	f.Add([]byte(`<row><c t="inlineStr"><is><t><![CDATA[<>]]>&amp;&#x4E2D;_x000D_</t></is></c><!-- c --><?pi x?></row>`), []byte(`<si/>`))
	f.Add([]byte(`<row r="2"><c r="XFD2"><v>1</v></c></row><row r="1"><c r="A1"/></row>`), []byte(`<si><t>_x005F_x0041_</t></si>`))
	var buf bytes.Buffer
	w := NewWriter(&buf)
	w.NewSheet("表", SheetOptions{Widths: []float64{10}, FreezeTop: true})
	w.WriteRow([]any{"名称", 1, 2.5, nil, "a&b"}, []Style{Head, Body})
	w.Close()
	f.Add(buf.Bytes(), []byte(nil))

	opts := Options{MaxToken: 4096, MaxColumns: 200, MaxUnzipped: 1 << 20}
	f.Fuzz(func(t *testing.T, sheet, sst []byte) {
		var data []byte
		if bytes.HasPrefix(sheet, []byte("PK")) {
			data = sheet
		} else {
			data = oneSheet(t, string(sheet), string(sst))
		}
		b, err := Open(bytes.NewReader(data), int64(len(data)), opts)
		if err != nil {
			return
		}
		for i := range b.Sheets() {
			var rows []row
			err := b.Rows(i, func(n int, cells []string) error {
				if n < 1 || len(cells) > opts.MaxColumns {
					t.Fatalf("row %d with %d cells", n, len(cells))
				}
				for _, c := range cells {
					if len(c) > opts.MaxToken && len(c) > len(sst) {
						t.Fatalf("a cell of %d bytes", len(c))
					}
				}
				rows = append(rows, row{n, cells})
				return nil
			})
			var ce *CellError
			if errors.As(err, &ce) && (ce.Row < 0 || ce.Column < 0) {
				t.Fatalf("cell error at %d,%d", ce.Row, ce.Column)
			}
			if err == nil {
				roundTrip(t, rows)
			}
		}
	})
}

// roundTrip writes rows (when their numbers rise, as Excel writes them)
// with our writer and checks our reader gives them back.
func roundTrip(t *testing.T, rows []row) {
	for i := 1; i < len(rows); i++ {
		if rows[i].n <= rows[i-1].n || rows[i].n > 10_000 {
			return
		}
	}
	if len(rows) > 0 && rows[0].n > 10_000 {
		return
	}
	var buf bytes.Buffer
	w := NewWriter(&buf)
	w.store = true
	if err := w.NewSheet("s", SheetOptions{}); err != nil {
		t.Fatal(err)
	}
	want := map[int][]string{}
	next := 1
	for _, r := range rows {
		for ; next < r.n; next++ {
			w.WriteRow(nil, nil)
		}
		cells := make([]any, len(r.cells))
		var texts []string
		for i, c := range r.cells {
			cells[i] = c
			texts = append(texts, clean(truncate(c)))
		}
		for len(texts) > 0 && texts[len(texts)-1] == "" {
			texts = texts[:len(texts)-1]
		}
		if err := w.WriteRow(cells, nil); err != nil {
			t.Fatal(err)
		}
		want[r.n] = texts
		next++
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	got, err := readAll(buf.Bytes(), 0, Options{MaxColumns: 200, MaxToken: 1 << 20})
	if err != nil {
		t.Fatalf("reading our own workbook: %v", err)
	}
	for _, r := range got {
		if w := want[r.n]; !slices.Equal(r.cells, w) {
			t.Fatalf("row %d: %q, want %q", r.n, r.cells, w)
		}
	}
}
