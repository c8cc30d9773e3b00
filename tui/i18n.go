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

var catalogs struct {
	once   gosync.Once
	zh, en catalog
}

func catalogFor(lang visits.Lang) catalog {
	catalogs.once.Do(func() {
		catalogs.zh = merge(merge(merge(catalogZH(), planZH()), appZH()), cliZH())
		catalogs.en = merge(merge(merge(catalogEN(), planEN()), appEN()), cliEN())
		mergeExtra(&catalogs.zh, &catalogs.en) // i18n_extra.go
	})
	if lang == visits.EN {
		return catalogs.en
	}
	return catalogs.zh
}

// merge adds the command line's keys to the UI's (they never overlap: a
// test says so).
func merge(ui, cli catalog) catalog {
	out := make(catalog, len(ui)+len(cli))
	for k, v := range ui {
		out[k] = v
	}
	for k, v := range cli {
		out[k] = v
	}
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
