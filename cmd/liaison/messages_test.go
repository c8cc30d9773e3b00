package main

import (
	"strings"
	"testing"
	"unicode"
)

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// One exit code per kind of failure, in the chosen language: an id that
// names nothing is exit 2 like an unknown enterprise, whatever the record;
// a follow-up done twice, or a sync before login, answers in Chinese by
// default and in English on request.
func TestFailuresAnswerInOneWay(t *testing.T) {
	db := tempDB(t)
	ent := strings.TrimSpace(mustCLI(t, 0, db, "enterprise", "add", "--name", "甲公司"))
	f := strings.TrimSpace(mustCLI(t, 0, db, "followup", "add", "--enterprise", ent, "--due", "2030-01-01", "--action", "回访"))
	mustCLI(t, 0, db, "followup", "done", f)
	mustCLI(t, 0, db, "enterprise", "add", "--name", "丙公司", "--uscc", "91350100M000100Y43")
	cases := []struct {
		args   []string
		code   int
		zh, en string
	}{
		{[]string{"enterprise", "show", "nosuchid"}, exitUsage, "找不到", "no enterprise"},
		{[]string{"visit", "add", "--enterprise", "nosuchid", "--occasion", "routine", "--method", "phone", "--summary", "x"}, exitUsage, "找不到", "no enterprise"},
		{[]string{"need", "status", "nosuchid", "accepted"}, exitUsage, "找不到 ID 为“nosuchid”的诉求", `no need with id "nosuchid"`},
		{[]string{"need", "show", "nosuchid"}, exitUsage, "找不到 ID 为“nosuchid”的诉求", `no need with id "nosuchid"`},
		{[]string{"need", "resolve", "nosuchid", "--field", "title", "--keep", "x"}, exitUsage, "的诉求", "no need"},
		{[]string{"visit", "show", "nosuchid"}, exitUsage, "找不到 ID 为“nosuchid”的走访", `no visit with id "nosuchid"`},
		{[]string{"visit", "correct", "nosuchid", "--reason", "x", "--summary", "y"}, exitUsage, "的走访", "no visit"},
		{[]string{"followup", "done", "nosuchid"}, exitUsage, "找不到 ID 为“nosuchid”的跟进", `no follow-up with id "nosuchid"`},
		{[]string{"followup", "done", f}, exitUsage, "已是“已完成”", "already Done"},
		{[]string{"sync"}, exitUnauthed, "尚未登录", "not logged in"},
		{[]string{"enterprise", "add", "--name", "乙公司", "--uscc", "91350100M000100Y43"}, exitUsage, "已存在统一社会信用代码为 91350100M000100Y43 的企业：丙公司", "already the USCC of 丙公司"},
	}
	for _, c := range cases {
		for _, lang := range []string{"zh", "en"} {
			out, errs, code := cli(t, db, append(c.args, "--lang", lang)...)
			want := c.zh
			if lang == "en" {
				want = c.en
			}
			if code != c.code || !strings.Contains(errs, want) {
				t.Errorf("liaison %s --lang %s: exit %d, stderr %q; want exit %d and %q", strings.Join(c.args, " "), lang, code, errs, c.code, want)
			}
			if lang == "zh" && !hasHan(errs) {
				t.Errorf("liaison %s: English in Chinese mode: %q", strings.Join(c.args, " "), errs)
			}
			if lang == "en" && hasHan(strings.ReplaceAll(errs, "丙公司", "")) && c.args[0] != "followup" {
				t.Errorf("liaison %s --lang en: Chinese in English mode: %q", strings.Join(c.args, " "), errs)
			}
			if c.args[0] == "sync" && out != "" {
				t.Errorf("sync without login prints a table:\n%s", out)
			}
		}
	}
}
