package main

import (
	"flag"
	"fmt"
	"io"
	"regexp"
	"runtime/debug"
	"sort"
	"strings"

	"github.com/liaison-dev/liaison/visits"
)

// cmdDoc describes one command for its help, the top-level listing, the
// positional check and shell completion.
type cmdDoc struct {
	path    string    // "visit add"
	args    string    // the positional arguments, as in the synopsis ("ID STATUS"); "" for none
	maxArgs int       // how many positional arguments it takes at most
	flags   string    // the flags, as in the synopsis
	short   [2]string // one line: zh, en
}

// cmdDocs lists every command in the order the top-level help shows them.
// A test checks that it and the dispatch table name the same commands.
var cmdDocs = []cmdDoc{
	{"enterprise add", "", 0, "--name N [--uscc C] [--street S] [--domain D] [--stage S] [--key] [--confirm-checksum] [--json]",
		[2]string{"新增企业，输出新企业的 ID", "add an enterprise; prints its id"}},
	{"enterprise list", "", 0, "[--json]", [2]string{"企业列表", "list enterprises"}},
	{"enterprise show", "ID|USCC", 1, "[--json]", [2]string{"查看一家企业", "show one enterprise"}},
	{"enterprise import", "FILE.xlsx|FILE.csv", 1, "[--dry-run] [--json] [--confirm-checksum USCC,…]",
		[2]string{"从表格导入企业（按统一社会信用代码新增或更新）", "import enterprises from a sheet (upsert by USCC)"}},
	{"visit add", "", 0, "--enterprise E --occasion O --method M --summary TEXT [--date D] [--purpose a,b] [--people P] [--note N] [--json]",
		[2]string{"记录一次走访，输出新走访的 ID", "log a visit; prints its id"}},
	{"visit list", "", 0, "[--enterprise E] [--since D] [--json]", [2]string{"走访列表（最新在前）", "list visits, newest first"}},
	{"visit show", "ID", 1, "[--json]", [2]string{"查看一次走访（含更正记录）", "show one visit with its corrections"}},
	{"visit correct", "ID", 1, "--reason TEXT [--summary TEXT] [--occasion O] [--method M] [--date D] [--purpose a,b] [--people P] [--note N]",
		[2]string{"更正已保存的走访（保留更正记录）", "correct a saved visit (the change is kept)"}},
	{"need add", "", 0, "--enterprise E --category C --severity S --title T [--description TEXT] [--visit V] [--nature N] [--lead-unit U] [--jinanchoupan] [--json]",
		[2]string{"登记诉求，输出新诉求的 ID", "register a need; prints its id"}},
	{"need status", "ID STATUS", 2, "[--note TEXT] [--satisfaction S]", [2]string{"变更诉求状态", "change a need's status"}},
	{"need list", "", 0, "[--status S] [--overdue] [--json]", [2]string{"诉求列表", "list needs"}},
	{"need show", "ID", 1, "[--json]", [2]string{"查看诉求及其办理记录", "show a need and its history"}},
	{"need conflicts", "", 0, "[--json]", [2]string{"同步冲突列表", "list sync conflicts"}},
	{"need resolve", "ID", 1, "--field F --keep VALUE", [2]string{"处理冲突：保留一个值", "resolve a conflict by keeping one value"}},
	{"followup add", "", 0, "--enterprise E [--need N] --due D --action TEXT [--json]",
		[2]string{"新增跟进事项，输出其 ID", "add a follow-up; prints its id"}},
	{"followup done", "ID", 1, "[--result TEXT] [--next-due D --next-action TEXT]",
		[2]string{"完成跟进，可同时安排下一次", "complete a follow-up, optionally scheduling the next"}},
	{"followup list", "", 0, "[--overdue] [--all] [--json]", [2]string{"跟进列表（默认只列待办）", "list follow-ups (open ones by default)"}},
	{"login", "", 0, "--hq URL [--ca FILE | --pin sha256:… | --insecure-http] [--token -|T]", [2]string{"登录区科技局服务器", "log in to HQ"}},
	{"sync", "", 0, "[--wait DURATION] [--json]", [2]string{"与区科技局同步（先上传后下载）", "sync with HQ (push, then pull)"}},
	{"status", "", 0, "[--remind-at HH:MM] [--json]", [2]string{"同步状态（下班前未同步时提醒）", "sync status (and the day's-end reminder)"}},
	{"report weekly", "", 0, "[--week 2026-W48] [--format md|csv|xlsx|json] [-o FILE] [--district NAME]",
		[2]string{"周报告", "the weekly report"}},
	{"export", "", 0, "[--format json|csv|xlsx] [-o FILE]", [2]string{"导出全部数据", "export everything"}},
	{"backup", "FILE", 1, "", [2]string{"热备份数据库", "hot backup of the database"}},
	{"restore", "FILE", 1, "[--force]", [2]string{"从备份恢复", "restore from a backup"}},
	{"check", "", 0, "", [2]string{"检查数据库完整性", "check the database's integrity"}},
	{"calendar import", "FILE.json", 1, "", [2]string{"导入工作日历", "import the working-day calendar"}},
	{"calendar show", "", 0, "[--json]", [2]string{"当前使用的工作日历", "which calendar due dates use"}},
	{"demo seed", "", 0, "[--enterprises N] [--visits M] [--seed S]", [2]string{"生成演示数据", "fill the database with demo data"}},
	{"completion", "bash|zsh|fish", 1, "", [2]string{"输出 shell 补全脚本", "print a shell completion script"}},
	{"version", "", 0, "", [2]string{"版本与提交", "version and commit"}},
}

func docOf(path string) (cmdDoc, bool) {
	for _, d := range cmdDocs {
		if d.path == path {
			return d, true
		}
	}
	return cmdDoc{}, false
}

// synopsis is the usage line of a command.
func (d cmdDoc) synopsis() string {
	return strings.Join(nonEmpty("liaison", d.path, d.args, d.flags), " ")
}

func nonEmpty(parts ...string) []string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// flagDocs describe flags by name; "command --flag" keys override for one
// command where a name means something else there.
var flagDocs = map[string][2]string{
	"json":                                 {"输出 JSON（代码而非中文名称，缺失的时间为 null）", "print JSON (codes, not labels; an absent time is null)"},
	"enterprise":                           {"企业 ID 或统一社会信用代码", "enterprise id or USCC"},
	"uscc":                                 {"统一社会信用代码（18 位）", "unified social credit code (18 characters)"},
	"name":                                 {"企业名称", "enterprise name"},
	"street":                               {"所在街道", "street"},
	"domain":                               {"技术领域", "technology domain"},
	"stage":                                {"高企培育阶段", "HNTE cultivation stage"},
	"key":                                  {"重点企业", "key enterprise"},
	"confirm-checksum":                     {"营业执照上确为此代码时，接受校验位不符的统一社会信用代码", "accept a USCC whose check character is wrong when the licence shows it"},
	"enterprise import --confirm-checksum": {"确认这些统一社会信用代码（逗号分隔）的校验位", "confirm these USCCs' check characters (comma-separated)"},
	"dry-run":                              {"只检查，不写入", "check only, write nothing"},
	"occasion":                             {"走访事由", "occasion"},
	"method":                               {"走访方式", "method"},
	"summary":                              {"走访内容（含空格时请加引号）", "what was discussed (quote it when it has spaces)"},
	"date":                                 {"走访日期 YYYY-MM-DD（默认今天）", "visit date YYYY-MM-DD (default today)"},
	"purpose":                              {"走访目的，逗号分隔", "purposes, comma-separated"},
	"people":                               {"接待人员", "people met"},
	"note":                                 {"备注（事由为“其他”时必填）", "note (required when the occasion is other)"},
	"need status --note":                   {"说明（暂缓、不予受理、重新办理时必填）", "note (required to suspend, reject or reopen)"},
	"since":                                {"只列出此日期 YYYY-MM-DD 以后的", "only from this date YYYY-MM-DD on"},
	"reason":                               {"更正原因", "why the visit is corrected"},
	"category":                             {"诉求类别", "category"},
	"severity":                             {"紧急程度（决定办理期限）", "severity (sets the due dates)"},
	"title":                                {"诉求标题", "title"},
	"description":                          {"具体描述", "description"},
	"visit":                                {"诉求来自的走访 ID", "id of the visit the need came from"},
	"nature":                               {"诉求性质", "nature"},
	"lead-unit":                            {"牵头单位", "lead unit"},
	"jinanchoupan":                         {"急难愁盼事项", "an urgent hardship case (急难愁盼)"},
	"satisfaction":                         {"回访满意度（从“已答复待回访”办结时必填）", "revisit satisfaction (required from replied)"},
	"status":                               {"只列出此状态", "only this status"},
	"overdue":                              {"只列出逾期的", "only overdue ones"},
	"all":                                  {"也列出已完成和已取消的", "include done and cancelled ones"},
	"field":                                {"冲突的字段", "the conflicting field"},
	"keep":                                 {"要保留的值", "the value to keep"},
	"need":                                 {"相关诉求 ID", "id of the need it belongs to"},
	"due":                                  {"完成期限 YYYY-MM-DD", "due date YYYY-MM-DD"},
	"action":                               {"跟进事项", "what is to be done"},
	"result":                               {"结果", "result"},
	"next-due":                             {"下一次跟进的期限 YYYY-MM-DD", "due date of the next follow-up"},
	"next-action":                          {"下一次跟进的事项", "action of the next follow-up"},
	"hq":                                   {"区科技局服务器地址", "HQ's address"},
	"wait":                                 helpWait,
	"remind-at":                            {"下班前提醒的时刻 HH:MM（默认 17:30，或 LIAISON_REMIND_AT；off 不提醒）", "time of the day's-end reminder HH:MM (default 17:30, or LIAISON_REMIND_AT; off: none)"},
	"token":                                {"登录令牌", "login token"},
	"week":                                 {"ISO 周，如 2026-W48（默认本周）", "ISO week such as 2026-W48 (default this week)"},
	"format":                               {"输出格式：md、csv、xlsx 或 json", "format: md, csv, xlsx or json"},
	"export --format":                      {"输出格式：json、csv 或 xlsx", "format: json, csv or xlsx"},
	"o":                                    {"写入此文件（默认标准输出）", "write to this file (default stdout)"},
	"district":                             {"报告中的区域名称", "district name shown in the report"},
	"force":                                {"放弃尚未同步的修改", "discard changes not yet synced"},
	"enterprises":                          {"企业数量", "number of enterprises"},
	"visits":                               {"走访数量", "number of visits"},
	"seed":                                 {"随机种子", "random seed"},
}

// flagPlaceholders name a flag's value in the help.
var flagPlaceholders = map[string]string{
	"enterprise": "ID|USCC", "date": "YYYY-MM-DD", "since": "YYYY-MM-DD", "due": "YYYY-MM-DD",
	"next-due": "YYYY-MM-DD", "week": "2026-W48", "o": "FILE", "purpose": "a,b", "hq": "URL",
	"enterprises": "N", "visits": "N", "seed": "N",
	"wait": "DURATION", "remind-at": "HH:MM", "sync-every": "DURATION",
}

func (e *env) flagDoc(cmd string, f *flag.Flag) string {
	if f.Usage != "" {
		return f.Usage // the command's own text comes first
	}
	if d, ok := flagDocs[cmd+" --"+f.Name]; ok {
		return e.t(d)
	}
	if d, ok := flagDocs[f.Name]; ok {
		return e.t(d)
	}
	return f.Usage // a flag added elsewhere may carry its own text
}

var synopsisFlag = regexp.MustCompile(`-{1,2}([a-z][a-z0-9-]*)`)

// orderedFlags lists fs's flags in the order the synopsis names them,
// then the rest alphabetically.
func orderedFlags(d cmdDoc, fs *flag.FlagSet) []*flag.Flag {
	rank := map[string]int{}
	for i, m := range synopsisFlag.FindAllStringSubmatch(d.flags, -1) {
		if _, ok := rank[m[1]]; !ok {
			rank[m[1]] = i
		}
	}
	var out []*flag.Flag
	fs.VisitAll(func(f *flag.Flag) { out = append(out, f) })
	sort.SliceStable(out, func(i, j int) bool {
		ri, iok := rank[out[i].Name]
		rj, jok := rank[out[j].Name]
		switch {
		case iok && jok:
			return ri < rj
		case iok != jok:
			return iok
		}
		return out[i].Name < out[j].Name
	})
	return out
}

func isBool(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// printHelp writes a command's help: usage, what it does, each flag with
// its meaning and, for code flags, every valid code with its label.
func (e *env) printHelp(w io.Writer, fs *flag.FlagSet) {
	cmd := fs.Name()
	d, ok := docOf(cmd)
	if !ok {
		d = cmdDoc{path: cmd}
	}
	fmt.Fprintf(w, "%s%s\n", e.t([2]string{"用法：", "Usage: "}), d.synopsis())
	if d.short[0] != "" {
		fmt.Fprintf(w, "\n%s\n", e.t(d.short))
	}
	flags := orderedFlags(d, fs)
	if len(flags) > 0 {
		fmt.Fprintf(w, "\n%s\n", e.t([2]string{"参数：", "Flags:"}))
		rows := [][]string{}
		for _, f := range flags {
			name := "-" + f.Name
			if len(f.Name) > 1 {
				name = "--" + f.Name
			}
			if !isBool(f) {
				ph, ok := flagPlaceholders[f.Name]
				if !ok {
					ph = strings.ToUpper(strings.ReplaceAll(f.Name, "-", "_"))
					if _, code := codeFlags[f.Name]; code {
						ph = "CODE"
					}
				}
				name += " " + ph
			}
			rows = append(rows, []string{"  " + name, e.flagDoc(cmd, f)})
			if cf, ok := codeFlags[f.Name]; ok {
				rows = append(rows, e.codeRows(cf.kind)...)
			}
		}
		writeTable(w, rows, 0)
	}
	if strings.Contains(d.args, "STATUS") {
		fmt.Fprintf(w, "\nSTATUS%s\n", e.t([2]string{"（代码或中文名称）：", " (code or label):"}))
		writeTable(w, e.codeRows(visits.KindStatus), 0)
	}
	e.printGlobalFlags(w)
}

// codeRows are the valid codes of k with their labels, indented under
// their flag.
func (e *env) codeRows(k visits.Kind) [][]string {
	var rows [][]string
	for _, t := range visits.Terms(k) {
		rows = append(rows, []string{"      " + t.Code, t.Label(e.g.lang)})
	}
	return rows
}

func (e *env) printGlobalFlags(w io.Writer, extra ...[]string) {
	fmt.Fprintf(w, "\n%s\n", e.t([2]string{"全局参数（可放在命令前后）：", "Global flags (before or after the command):"}))
	writeTable(w, append([][]string{
		{"  --db PATH", e.t([2]string{"数据库文件（或 LIAISON_DB）", "database file (or LIAISON_DB)"})},
		{"  --lang zh|en", e.t([2]string{"界面语言（或 LIAISON_LANG），默认中文", "language (or LIAISON_LANG), Chinese by default"})},
		{"  -h, --help", e.t([2]string{"显示帮助", "show help"})},
	}, extra...), 0)
}

// printGroupHelp lists the subcommands of a group such as "visit".
func (e *env) printGroupHelp(w io.Writer, group string) {
	fmt.Fprintf(w, "%sliaison %s %s\n\n", e.t([2]string{"用法：", "Usage: "}), group, e.t([2]string{"子命令 [参数]", "SUBCOMMAND [flags]"}))
	var rows [][]string
	for _, d := range cmdDocs {
		if strings.HasPrefix(d.path, group+" ") {
			rows = append(rows, []string{"  " + strings.Join(nonEmpty("liaison", d.path, d.args), " "), e.t(d.short)})
		}
	}
	writeTable(w, rows, 0)
	fmt.Fprintf(w, "\n%s\n", e.t([2]string{"各子命令的参数：liaison " + group + " 子命令 --help", "Each subcommand's flags: liaison " + group + " SUBCOMMAND --help"}))
}

// printUsage is the top-level help: every command, one line each.
func (e *env) printUsage(w io.Writer) {
	fmt.Fprintln(w, e.t([2]string{"liaison：区科技局联络员走访记录工具", "liaison: visit log for district science and technology liaison officers"}))
	fmt.Fprintf(w, "\n%s\n", e.t([2]string{"用法：", "Usage:"}))
	rows := [][]string{
		{"  liaison", e.t([2]string{"打开终端界面", "open the terminal UI"})},
		{"  liaison --demo", e.t([2]string{"在临时演示数据库上打开终端界面（含本机演示服务器）", "open the UI on a temporary demo database (with a demo HQ on loopback)"})},
		{"  liaison --sync-every 5m --remind-at 17:30", e.t([2]string{"终端界面自动同步的间隔（0 不自动同步）与下班前提醒的时刻（off 不提醒）",
			"the UI's sync interval (0: only when asked) and the day's-end reminder's time (off: none)"})},
	}
	for _, d := range cmdDocs {
		rows = append(rows, []string{"  " + strings.Join(nonEmpty("liaison", d.path, d.args), " "), e.t(d.short)})
	}
	writeTable(w, rows, 0)
	e.printGlobalFlags(w, []string{"  --version", e.t([2]string{"版本与提交", "version and commit"})})
	fmt.Fprintf(w, "\n%s\n", e.t([2]string{"各命令的参数与可选代码：liaison 命令 --help（如 liaison visit add --help）",
		"Each command's flags and codes: liaison COMMAND --help (e.g. liaison visit add --help)"}))
}

// version is set at build time: go build -ldflags "-X main.version=1.2.0".
var version = "dev"

// versionLine says which build this is: the version and the commit it was
// built from (with "+dirty" when the tree had changes).
func versionLine() string {
	v, commit, when, dirty := version, "unknown", "", false
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				commit = s.Value
			case "vcs.time":
				when = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
		if mv := bi.Main.Version; v == "dev" && mv != "" && mv != "(devel)" && !strings.HasPrefix(mv, "v0.0.0-") { // a release, not a pseudo-version
			v = mv
		}
	}
	if len(commit) > 12 {
		commit = commit[:12]
	}
	if dirty {
		commit += "+dirty"
	}
	return strings.Join(nonEmpty("liaison", v, "commit "+commit, when), " ")
}

func cmdVersion(e *env, args []string) error {
	if _, err := flags(flag.NewFlagSet("version", flag.ContinueOnError), args); err != nil {
		return err
	}
	_, err := fmt.Fprintln(e.out, versionLine())
	return err
}
