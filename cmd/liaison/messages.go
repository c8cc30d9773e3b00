package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/sync"
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

// enterpriseNames maps the enterprise ids of a list to their names, for
// tables that name each row's enterprise.
func enterpriseNames[T any](r *store.Reader, rows []T, enterpriseID func(T) string) map[string]string {
	names := map[string]string{}
	for _, row := range rows {
		if id := enterpriseID(row); names[id] == "" {
			ent, _ := store.Get[visits.Enterprise](r, id)
			names[id] = ent.Name
		}
	}
	return names
}

// failure is a failure (exit 1) with its message in both languages.
type failure struct{ zh, en string }

func (f *failure) Error() string { return f.en }

// failMsg is a failure said in both languages (zh first, as e.t).
func failMsg(zh, en string) error { return &failure{zh: zh, en: en} }

// sentinels are the errors of the packages below, said in both languages.
// The detail a wrapped error adds (an address, a status) is kept.
var sentinels = []struct {
	err error
	msg [2]string
}{
	{sync.ErrNotLoggedIn, [2]string{"尚未登录区科技局服务器：请先运行 liaison login --hq 地址", "not logged in to HQ: run liaison login --hq URL first"}},
	{sync.ErrUnauthorized, [2]string{"区科技局不再认可此登录（令牌无效或已吊销）：请重新登录（liaison login）", "HQ no longer accepts this login (token unknown or revoked): log in again (liaison login)"}},
	{sync.ErrUnreachable, [2]string{"连不上区科技局服务器；数据没有丢失，请稍后再试", "HQ unreachable; nothing was lost, try again later"}},
	{sync.ErrForbidden, [2]string{"区科技局拒绝了此联络员", "HQ refused this officer"}},
	{sync.ErrUnsupportedProtocol, [2]string{"区科技局服务器使用另一版本的同步协议：请升级 liaison", "HQ speaks another protocol version: upgrade liaison"}},
	{sync.ErrUnreadable, [2]string{"读不懂区科技局的回复；数据没有丢失（服务器可能是另一版本）", "HQ's answer could not be read; nothing was lost (HQ may run another version)"}},
	{sync.ErrBadRequest, [2]string{"区科技局认为请求格式不对", "HQ refused a request as malformed"}},
	{store.ErrNewer, [2]string{"数据库由更新版本的 liaison 写入：请升级 liaison", "the database was written by a newer liaison: upgrade liaison"}},
	{store.ErrNotFound, [2]string{"找不到该记录", "no such record"}},
}

// knownMessage says err in lang when it is a failure or one of the
// sentinels; ok is false for anything else.
func knownMessage(err error, lang visits.Lang) (string, bool) {
	pick := func(m [2]string) string {
		if lang == visits.EN {
			return m[1]
		}
		return m[0]
	}
	var f *failure
	if errors.As(err, &f) {
		return pick([2]string{f.zh, f.en}), true
	}
	for _, s := range sentinels {
		if !errors.Is(err, s.err) {
			continue
		}
		msg := pick(s.msg)
		detail := strings.Trim(strings.Replace(err.Error(), s.err.Error(), "", 1), ":;, ")
		if detail != "" {
			msg += "（" + detail + "）"
			if lang == visits.EN {
				msg = pick(s.msg) + " (" + detail + ")"
			}
		}
		return msg, true
	}
	return "", false
}
