package xlsx

import (
	"bytes"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// alphabet is what random cells are made of: XML's special characters,
// characters XML forbids, white space, escapes, Chinese and an emoji.
var alphabet = []string{"a", "Z", "0", "&", "<", ">", "\"", "'", " ", "\t", "\n", "\r", "\x00", "\x01", "\x1f", "\ufffe",
	"_x0041_", "_x", "_", "]]>", "中", "兰州", "。", "😀", "\u00a0", "é"}

func randomText(rng *rand.Rand) string {
	var b strings.Builder
	for range rng.IntN(12) {
		b.WriteString(alphabet[rng.IntN(len(alphabet))])
	}
	return b.String()
}

// clean is what a text becomes in a workbook: characters XML forbids are
// dropped.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if !xmlChar(r) {
			return -1
		}
		return r
	}, s)
}

// TestRoundTrip writes random sheets with our writer and reads them back
// with our reader: every text (XML-forbidden characters dropped), whole
// number and float comes back as written, in its row and column.
func TestRoundTrip(t *testing.T) {
	seed := time.Now().UnixNano()
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(uint64(seed), 2))
	for range 20 {
		var want [][][]string
		var buf bytes.Buffer
		w := NewWriter(&buf)
		for s := range 1 + rng.IntN(3) {
			if err := w.NewSheet("表"+strconv.Itoa(s), SheetOptions{FreezeTop: rng.IntN(2) == 0}); err != nil {
				t.Fatal(err)
			}
			var rows [][]string
			for range rng.IntN(40) {
				var cells []any
				var texts []string
				for range rng.IntN(30) {
					switch rng.IntN(5) {
					case 0:
						cells, texts = append(cells, nil), append(texts, "")
					case 1:
						n := rng.Int64N(1e12) - 5e11
						cells, texts = append(cells, n), append(texts, strconv.FormatInt(n, 10))
					case 2:
						x := rng.NormFloat64() * math.Pow(10, float64(rng.IntN(40)-20))
						cells, texts = append(cells, x), append(texts, string(appendFloat(nil, x)))
					default:
						s := randomText(rng)
						cells, texts = append(cells, s), append(texts, clean(s))
					}
				}
				var st []Style
				if rng.IntN(2) == 0 {
					st = []Style{Head, Body}
				}
				if err := w.WriteRow(cells, st); err != nil {
					t.Fatal(err)
				}
				for len(texts) > 0 && texts[len(texts)-1] == "" {
					texts = texts[:len(texts)-1]
				}
				rows = append(rows, texts)
			}
			want = append(want, rows)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		for s, rows := range want {
			got, err := readAll(buf.Bytes(), s, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(rows) {
				t.Fatalf("sheet %d: %d rows, want %d", s, len(got), len(rows))
			}
			for i, r := range got {
				if r.n != i+1 || !slices.Equal(r.cells, rows[i]) {
					t.Fatalf("sheet %d row %d: %q, want %q", s, i+1, r.cells, rows[i])
				}
			}
		}
	}
}

// TestWriterRefuses: what the writer will not write.
func TestWriterRefuses(t *testing.T) {
	for _, name := range []string{"", "a/b", "[x]", "'q'", strings.Repeat("长", 32), "tab\there"} {
		if err := NewWriter(&bytes.Buffer{}).NewSheet(name, SheetOptions{}); err == nil {
			t.Errorf("sheet name %q accepted", name)
		}
	}
	w := NewWriter(&bytes.Buffer{})
	if err := w.WriteRow([]any{"x"}, nil); err == nil {
		t.Error("a row before a sheet")
	}
	w = NewWriter(&bytes.Buffer{})
	w.NewSheet("甲", SheetOptions{})
	if err := w.NewSheet("甲", SheetOptions{}); err == nil {
		t.Error("a sheet name twice")
	}
	w = NewWriter(&bytes.Buffer{})
	w.NewSheet("甲", SheetOptions{})
	if err := w.WriteRow([]any{struct{}{}}, nil); err == nil || w.Close() == nil {
		t.Error("a struct cell")
	}
	if err := NewWriter(&bytes.Buffer{}).Close(); err == nil {
		t.Error("a workbook without a sheet")
	}
	// Text over Excel's limit is cut there, as Excel (and excelize) would.
	var buf bytes.Buffer
	w = NewWriter(&buf)
	w.NewSheet("甲", SheetOptions{})
	w.WriteRow([]any{strings.Repeat("长", MaxCellChars+10)}, nil)
	w.Close()
	got, err := readAll(buf.Bytes(), 0, Options{})
	if err != nil || len(got) != 1 || got[0].cells[0] != strings.Repeat("长", MaxCellChars) {
		t.Errorf("long cell: %v", err)
	}
}
