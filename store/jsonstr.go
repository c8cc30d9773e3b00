package store

import "encoding/json"

// AppendJSONString appends s as a JSON string exactly as encoding/json
// writes it: plain printable ASCII as it is, without reflection; anything
// else (quotes, backslashes, control characters, non-ASCII, and <, >, &,
// which encoding/json escapes) through encoding/json.
func AppendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if !jsonPlain[s[i]] {
			q, _ := json.Marshal(s)
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// jsonPlain marks the bytes encoding/json writes as they are.
var jsonPlain = func() (t [256]bool) {
	for c := 0x20; c < 0x7f; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()
