package tui

import (
	"fmt"

	"github.com/liaison-dev/liaison/visits"
)

// catalog holds every user-facing string of one language, by key. Codes
// from the domain are labelled by visits.Label instead.
type catalog map[string]string

func catalogFor(lang visits.Lang) catalog {
	if lang == visits.EN {
		return catalogEN()
	}
	return catalogZH()
}

// get returns the text of key, or the key itself so that a missing entry
// shows rather than vanishes (a test keeps both catalogues complete).
func (c catalog) get(key string) string {
	if s, ok := c[key]; ok {
		return s
	}
	return key
}

func (c catalog) format(key string, args ...any) string {
	return fmt.Sprintf(c.get(key), args...)
}
