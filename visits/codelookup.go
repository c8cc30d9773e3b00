package visits

import "strings"

// LookupCode finds the code of an enumeration that s names: the code
// itself, or its Chinese or English label (the English one in any case).
// Surrounding spaces are ignored. It is how a person's typing (日常走访,
// Routine, routine) becomes the code that is stored.
func LookupCode(k Kind, s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", false
	}
	for _, t := range terms[k] {
		if t.Code == s || t.ZH == s || strings.EqualFold(t.EN, s) {
			return t.Code, true
		}
	}
	for _, t := range terms[k] {
		if strings.EqualFold(t.Code, s) {
			return t.Code, true
		}
	}
	return "", false
}
