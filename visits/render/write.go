package render

import (
	"bytes"
	"fmt"
	"io"

	"github.com/liaison-dev/liaison/visits"
)

// Write renders the report in format ("md", "csv", "json" or
// "xlsx") and writes it to w safe for a terminal: the text formats
// through SafeDocument, JSON through EscapeJSONControls. Names and
// summaries come from every laptop; whoever runs the report must not
// have their terminal driven by one of them.
func Write(w io.Writer, r visits.Report, format string, lang visits.Lang) error {
	var buf bytes.Buffer
	var err error
	switch format {
	case "md":
		err = Markdown(&buf, r, lang)
	case "csv":
		err = CSV(&buf, r, lang)
	case "json":
		err = JSON(&buf, r)
	case "xlsx":
		return XLSX(w, r, lang)
	default:
		return fmt.Errorf("report format %q: want md, csv, json or xlsx", format)
	}
	if err != nil {
		return err
	}
	out := buf.Bytes()
	if format == "json" {
		out = visits.EscapeJSONControls(out)
	} else {
		out = []byte(visits.SafeDocument(string(out)))
	}
	_, err = w.Write(out)
	return err
}
