package xlsx

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestLibreOfficeOpensOurs (opt-in: LIAISON_SOFFICE_TEST=1, needs
// soffice on PATH; Debian's libreoffice-calc-nogui): LibreOffice opens
// what our writer writes and saves it again as xlsx, with its own shared
// strings and styles; our reader then finds every sheet and cell as
// written. This checks the package both ways against a real office suite.
func TestLibreOfficeOpensOurs(t *testing.T) {
	if os.Getenv("LIAISON_SOFFICE_TEST") == "" {
		t.Skip("set LIAISON_SOFFICE_TEST=1 (needs soffice) to run")
	}
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Fatal(err)
	}
	sheets := map[string][][]any{
		"汇总":   {{"项目", "本周", "上周"}, {"走访合计", 12, 9}, {"比例", 0.25, nil, "备注 & <注意>"}},
		"企业明细": {{"名称", "代码"}, {"兰州样本新材料有限公司", "91310110666007217T"}, nil, {"=1+1", "  两端  "}, {"第一行\n第二行", interopCells[len(interopCells)-1]}},
	}
	order := []string{"汇总", "企业明细"}
	dir := t.TempDir()
	var buf bytes.Buffer
	w := NewWriter(&buf)
	for _, name := range order {
		if err := w.NewSheet(name, SheetOptions{Widths: []float64{20, 30}, FreezeTop: true}); err != nil {
			t.Fatal(err)
		}
		for i, r := range sheets[name] {
			st := []Style{Body, Body, Body}
			if i == 0 {
				st = []Style{Head, Head}
			}
			if err := w.WriteRow(r, st); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "ours.xlsx")
	if err := os.WriteFile(in, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	cmd := exec.Command(soffice, "--headless", "--norestore", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, in)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	data, err := os.ReadFile(filepath.Join(out, "ours.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Open(bytes.NewReader(data), int64(len(data)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range b.Sheets() {
		names = append(names, s.Name)
	}
	if !slices.Equal(names, order) {
		t.Fatalf("LibreOffice's sheets %q", names)
	}
	for i, name := range order {
		got, err := readAll(data, i, Options{})
		if err != nil {
			t.Fatal(err)
		}
		byRow := map[int][]string{}
		for _, r := range got {
			byRow[r.n] = r.cells
		}
		for j, r := range sheets[name] {
			var want []string
			for _, v := range r {
				switch v := v.(type) {
				case nil:
					want = append(want, "")
				case string:
					want = append(want, v)
				default:
					want = append(want, strings.TrimSpace(string(appendFloat(nil, toFloat(v)))))
				}
			}
			for len(want) > 0 && want[len(want)-1] == "" {
				want = want[:len(want)-1]
			}
			if g := byRow[j+1]; !slices.Equal(g, want) {
				t.Errorf("%s row %d after LibreOffice: %.100q, want %.100q", name, j+1, g, want)
			}
		}
	}
}

func toFloat(v any) float64 {
	switch v := v.(type) {
	case int:
		return float64(v)
	case float64:
		return v
	}
	return 0
}
