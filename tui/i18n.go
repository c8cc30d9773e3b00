package tui

import (
	"fmt"
	gosync "sync"

	"github.com/liaison-dev/liaison/visits"
)

// catalog holds every user-facing string of one language, by key. Codes
// from the domain are labelled by visits.Label instead.
//
// There is one catalogue for the terminal UI and the command line: the
// UI's text is in i18n_zh.go and i18n_en.go, the command line's (keys
// starting "cli.") in i18n_cli_zh.go and i18n_cli_en.go; catalogFor merges
// them. A test keeps both languages complete and their format verbs alike.
type catalog map[string]string

// catalogs holds each language's catalogue, built on its first lookup:
// a command in Chinese never builds the English one (building both cost
// about half a millisecond of every command's start-up, issue 12).
var catalogs [2]struct {
	once gosync.Once
	c    catalog
}

func catalogFor(lang visits.Lang) catalog {
	i := 0
	if lang == visits.EN {
		i = 1
	}
	k := &catalogs[i]
	k.once.Do(func() { k.c = buildCatalog(i == 1) })
	return k.c
}

// buildCatalog merges one language's parts: the UI's, the plan's, the
// app's and the command line's keys (they never overlap: a test says
// so), then the further files' (i18n_extra.go).
func buildCatalog(en bool) catalog {
	parts := []func() catalog{catalogZH, planZH, appZH, cliZH}
	if en {
		parts = []func() catalog{catalogEN, planEN, appEN, cliEN}
	}
	out := make(catalog, 1024)
	for _, part := range parts {
		for k, v := range part() {
			out[k] = v
		}
	}
	mergeExtra(out, en)
	return out
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

// Localized is an argument of a message that has a text of its own in each
// language (a code's label, a nested message): Text renders it in the
// message's language.
type Localized interface {
	Text(lang visits.Lang) string
}

// TextFunc is a Localized made of a function.
type TextFunc func(lang visits.Lang) string

// Text calls f.
func (f TextFunc) Text(lang visits.Lang) string { return f(lang) }

// Text returns the text of key in lang from the one catalogue, formatted
// with args when there are any (an argument that is Localized is rendered
// in lang first). A key the catalogue lacks comes back as itself.
func Text(lang visits.Lang, key string, args ...any) string {
	c := catalogFor(lang)
	if len(args) == 0 {
		return c.get(key)
	}
	return fmt.Sprintf(c.get(key), localize(lang, args)...)
}

// HasText reports whether the catalogue has key (in both languages: a
// test keeps them alike).
func HasText(key string) bool {
	_, ok := catalogFor(visits.ZH)[key]
	return ok
}

func localize(lang visits.Lang, args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		if l, ok := a.(Localized); ok {
			a = l.Text(lang)
		}
		out[i] = a
	}
	return out
}

// Message is a text of the catalogue with its arguments, to be said in
// the user's language when it is shown. As an error it reads in Chinese,
// the default language.
type Message struct {
	Key  string
	Args []any
}

// Msg makes a Message.
func Msg(key string, args ...any) Message { return Message{Key: key, Args: args} }

// Text renders m in lang.
func (m Message) Text(lang visits.Lang) string { return Text(lang, m.Key, m.Args...) }

func (m Message) Error() string { return m.Text(visits.ZH) }
