package main

import (
	"bytes"
	"io"
	"regexp"

	"github.com/liaison-dev/liaison/visits"
)

// Output that may reach a terminal is made safe where it is written, not
// where each value is formatted, so no command can forget it: tables go
// through clean, whole documents (reports, exports) through outKind.

// outKind is how a rendered document is made safe.
type outKind int

const (
	outText   outKind = iota // Markdown, CSV: controls removed (visits.SafeDocument)
	outJSON                  // JSON: controls escaped, absent times null (safeJSON)
	outBinary                // xlsx: written as it is
)

// safeOutput makes a rendered document of kind k safe to print.
func safeOutput(k outKind, b []byte) []byte {
	switch k {
	case outText:
		return []byte(visits.SafeDocument(string(b)))
	case outJSON:
		return safeJSON(b)
	}
	return b
}

// zeroTime matches Go's zero time as the value of a time member: a key
// ending in _at, or at, last_sync, data_as_of. A raw quote stands only at
// a string's edge, so `"done_at": "0001-…"` is always a member, never part
// of someone's text; and a text field that holds exactly that string (a
// summary, say) has another key and stays as it is.
var zeroTime = regexp.MustCompile(`"([a-z_]*_at|at|last_sync|data_as_of)":(\s*)"0001-01-01T00:00:00Z"`)

// safeJSON is what every --json output goes through: an absent time
// (Go's zero time) becomes null, as docs/cli.md promises, without
// changing the record types that the sync protocol also encodes; and C1
// controls, bidi overrides and line separators are escaped as \uXXXX.
func safeJSON(b []byte) []byte {
	if bytes.Contains(b, []byte(`"0001-01-01T00:00:00Z"`)) {
		b = zeroTime.ReplaceAll(b, []byte(`"${1}":${2}null`))
	}
	return visits.EscapeJSONControls(b)
}

// renderSafe renders into a buffer and writes the safe form to w.
func renderSafe(w io.Writer, k outKind, render func(io.Writer) error) error {
	return renderSafeSized(w, k, 0, render)
}

// renderSafeSized is renderSafe with the document's expected size (0:
// unknown), so that its buffer is made once rather than grown by copying.
func renderSafeSized(w io.Writer, k outKind, size int, render func(io.Writer) error) error {
	var buf bytes.Buffer
	buf.Grow(size)
	if err := render(&buf); err != nil {
		return err
	}
	out := buf.Bytes()
	if k != outText || !visits.PlainDocument(out) { // plain text: written as it is, not copied
		out = safeOutput(k, out)
	}
	_, err := w.Write(out)
	return err
}
