package store

import "encoding/json"

// AppendJSONString appends s as a JSON string exactly as encoding/json
// writes it: plain printable ASCII as it is, without reflection; anything
// else (quotes, backslashes, control characters, non-ASCII, and <, >, &,
// which encoding/json escapes) through encoding/json.
func AppendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s)
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}
