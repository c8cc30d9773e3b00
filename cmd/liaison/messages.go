package main

import (
	"errors"
	"fmt"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// recordNames name record types in messages.
var recordNames = map[string][2]string{
	"enterprise": {"企业", "enterprise"},
	"visit":      {"走访", "visit"},
	"need":       {"诉求", "need"},
	"followup":   {"跟进", "follow-up"},
}

// notFound is the one answer for an id that names no record: exit 2 (bad
// input), in the chosen language, the same for every kind of record.
func notFound(kind, id string) error {
	n := recordNames[kind]
	return usageMsg(fmt.Sprintf("no %s with id %q", n[1], shortArg(id)), fmt.Sprintf("找不到 ID 为“%s”的%s", shortArg(id), n[0]))
}

// isNotFound reports a store lookup that found nothing.
func isNotFound(err error) bool { return errors.Is(err, store.ErrNotFound) }

// getRecord reads one record by id; an unknown id is notFound.
func getRecord[T any, P interface {
	*T
	visits.Record
}](r *store.Reader, kind, id string) (T, error) {
	v, err := store.Get[T, P](r, id)
	if isNotFound(err) {
		return v, notFound(kind, id)
	}
	return v, err
}
