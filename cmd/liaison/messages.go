package main

import (
	"errors"
	"strings"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/sync"
	"github.com/liaison-dev/liaison/tui"
	"github.com/liaison-dev/liaison/visits"
)

// recordName names a record type ("need") in the message's language.
func recordName(kind string) tui.Localized {
	return tui.TextFunc(func(l visits.Lang) string {
		if k := "cli.record." + kind; tui.HasText(k) {
			return tui.Text(l, k)
		}
		return clean(kind)
	})
}

// label is a code's label in the message's language.
func label(k visits.Kind, code string) tui.Localized {
	return tui.TextFunc(func(l visits.Lang) string { return visits.Label(k, code, l) })
}

// notFound is the one answer for an id that names no record: exit 2 (bad
// input), in the chosen language, the same for every kind of record.
func notFound(kind, id string) error {
	return usageKey("cli.err.not_found", recordName(kind), shortArg(id))
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

// failure is a failure (exit 1) with its text from the catalogue.
type failure struct{ msg tui.Message }

// Error is the English text, for logs and wrapping.
func (f *failure) Error() string { return f.msg.Text(visits.EN) }

// failKey is a failure with the text of key, formatted with args.
func failKey(key string, args ...any) error { return &failure{msg: tui.Msg(key, args...)} }

// sentinels are the errors of the packages below, by the key of their
// text. The detail a wrapped error adds (an address, a status) is kept.
var sentinels = []struct {
	err error
	key string
}{
	{sync.ErrNotLoggedIn, "cli.err.not_logged_in"},
	{sync.ErrUnauthorized, "cli.err.unauthorized"},
	{sync.ErrUnreachable, "cli.err.unreachable"},
	{sync.ErrForbidden, "cli.err.forbidden"},
	{sync.ErrUnsupportedProtocol, "cli.err.unsupported_protocol"},
	{sync.ErrUnreadable, "cli.err.unreadable"},
	{sync.ErrBadRequest, "cli.err.bad_request"},
	{sync.ErrUntrusted, "cli.err.untrusted"},
	{sync.ErrInsecureHTTP, "cli.err.insecure_http"},
	{store.ErrNewer, "cli.err.newer"},
	{store.ErrNotFound, "cli.err.no_such_record"},
	{store.ErrTerminalStatus, "cli.err.terminal_status"},
	{store.ErrSettingAtHQ, "cli.err.setting_at_hq"},
}

// knownMessage says err in lang when it is a failure, a malformed value
// or one of the sentinels; ok is false for anything else.
func knownMessage(err error, lang visits.Lang) (string, bool) {
	var f *failure
	if errors.As(err, &f) {
		return f.msg.Text(lang), true
	}
	var me *store.MalformedError
	if errors.As(err, &me) {
		return tui.Text(lang, "cli.err.malformed", recordName(me.Type),
			visits.PlainText(store.Abbrev(me.Field, 64), false), visits.PlainText(store.Abbrev(me.Reason, store.MaxReasonRunes), false)), true
	}
	for _, s := range sentinels {
		if !errors.Is(err, s.err) {
			continue
		}
		msg := tui.Text(lang, s.key)
		detail := strings.Trim(strings.Replace(err.Error(), s.err.Error(), "", 1), ":;, ")
		if detail != "" {
			msg = tui.Text(lang, "cli.err.detail", msg, detail)
		}
		return msg, true
	}
	return "", false
}
