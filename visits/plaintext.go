package visits

import "strings"

// PlainText returns s with terminal escape sequences and control
// characters removed, by the same rules as SafeDocument (one stripper for
// every output). Newlines and tabs become spaces unless keepNewlines is
// set, in which case newlines stay (a CR LF becomes LF) and tabs become
// spaces. Text that came from the database, possibly from another officer
// through sync, passes through here before it reaches a terminal: stored
// text must never drive it.
func PlainText(s string, keepNewlines bool) string {
	s = SafeDocument(s)
	if !strings.ContainsAny(s, "\r\n\t") {
		return s
	}
	if keepNewlines {
		return keepLines.Replace(s)
	}
	return oneLine.Replace(s)
}

var (
	keepLines = strings.NewReplacer("\r\n", "\n", "\t", " ")
	oneLine   = strings.NewReplacer("\r\n", " ", "\n", " ", "\t", " ")
)
