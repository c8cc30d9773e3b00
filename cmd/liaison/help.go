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
	path    string // "visit add"
	args    string // the positional arguments, as in the synopsis ("ID STATUS"); "" for none
	maxArgs int    // how many positional arguments it takes at most
	flags   string // the flags, as in the synopsis
	short   string // one line: a key of the catalogue (tui/i18n_cli_*.go)
}

// cmdDocs lists every command in the order the top-level help shows them.
// A test checks that it and the dispatch table name the same commands.
var cmdDocs = []cmdDoc{
	{"enterprise add", "", 0, "--name N [--uscc C] [--street S] [--domain D] [--stage S] [--key] [--confirm-checksum] [--json]",
		"cli.help.enterprise_add"},
	{"enterprise list", "", 0, "[--json]", "cli.help.enterprise_list"},
	{"enterprise show", "ID|USCC", 1, "[--json]", "cli.help.enterprise_show"},
	{"enterprise import", "FILE.xlsx|FILE.csv", 1, "[--dry-run] [--json] [--confirm-checksum USCC,…]",
		"cli.help.enterprise_import"},
	{"enterprise set", "ID|USCC", 1, "[--above-size=true|false] [--private=…] [--specialized=…] [--little-giant=…] [--registered-on D] [--arrived-on D] [--ip-class-i N] [--ip-class-ii N] [--staff-total N] [--staff-rd N] [--rd-3y YUAN] [--rd-in-china-3y YUAN] [--sales-3y YUAN] [--sales-last-year YUAN] [--high-tech-income YUAN] [--total-income YUAN] [--innovation-score S] [--major-violation=true|false] [--json]",
		"cli.help.enterprise_set"},
	{"application add", "", 0, "--enterprise E --kind hnte|prov|tsme [--year Y] [--batch B] [--json]", "cli.help.application_add"},
	{"application step", "ID STEP", 2, "[--date D] [--note TEXT] [--certificate C --issued D [--expires D]] [--json]", "cli.help.application_step"},
	{"application list", "", 0, "[--kind K] [--year Y] [--enterprise E] [--step S] [--json]", "cli.help.application_list"},
	{"application show", "ID", 1, "[--json]", "cli.help.application_show"},
	{"visit add", "", 0, "--enterprise E --occasion O --method M --summary TEXT [--date D] [--purpose a,b] [--people P] [--note N] [--json]",
		"cli.help.visit_add"},
	{"visit list", "", 0, "[--enterprise E] [--since D] [--json]", "cli.help.visit_list"},
	{"visit show", "ID", 1, "[--json]", "cli.help.visit_show"},
	{"visit correct", "ID", 1, "--reason TEXT [--summary TEXT] [--occasion O] [--method M] [--date D] [--purpose a,b] [--people P] [--note N]",
		"cli.help.visit_correct"},
	{"need add", "", 0, "--enterprise E --category C --severity S --title T [--description TEXT] [--visit V] [--nature N] [--lead-unit U] [--jinanchoupan] [--json]",
		"cli.help.need_add"},
	{"need status", "ID STATUS", 2, "[--note TEXT] [--satisfaction S]", "cli.help.need_status"},
	{"need list", "", 0, "[--status S] [--overdue] [--json]", "cli.help.need_list"},
	{"need show", "ID", 1, "[--json]", "cli.help.need_show"},
	{"need conflicts", "", 0, "[--json]", "cli.help.need_conflicts"},
	{"need resolve", "ID", 1, "--field F --keep VALUE", "cli.help.need_resolve"},
	{"followup add", "", 0, "--enterprise E [--need N] --due D --action TEXT [--json]",
		"cli.help.followup_add"},
	{"followup done", "ID", 1, "[--result TEXT] [--next-due D --next-action TEXT]",
		"cli.help.followup_done"},
	{"followup list", "", 0, "[--overdue] [--all] [--json]", "cli.help.followup_list"},
	{"login", "", 0, "--hq URL [--ca FILE | --pin sha256:… | --insecure-http] [--token -|T]", "cli.help.login"},
	{"sync", "", 0, "[--wait DURATION] [--json]", "cli.help.sync"},
	{"status", "", 0, "[--remind-at HH:MM] [--json]", "cli.help.status"},
	{"report weekly", "", 0, "[--week 2026-W48] [--format md|csv|xlsx|json] [-o FILE] [--district NAME]",
		"cli.help.report_weekly"},
	{"export", "", 0, "[--format json|csv|xlsx] [-o FILE]", "cli.help.export"},
	{"backup", "FILE", 1, "", "cli.help.backup"},
	{"restore", "FILE", 1, "[--force]", "cli.help.restore"},
	{"check", "", 0, "", "cli.help.check"},
	{"compact", "", 0, "", "cli.help.compact"},
	{"calendar import", "FILE.json", 1, "", "cli.help.calendar_import"},
	{"calendar show", "", 0, "[--year 2026] [--json]", "cli.help.calendar_show"},
	{"demo seed", "", 0, "[--enterprises N] [--visits M] [--seed S]", "cli.help.demo_seed"},
	{"completion", "bash|zsh|fish", 1, "", "cli.help.completion"},
	{"version", "", 0, "", "cli.help.version"},
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
var flagDocs = map[string]string{
	"json":                                 "cli.flag.json",
	"enterprise":                           "cli.flag.enterprise",
	"uscc":                                 "cli.flag.uscc",
	"name":                                 "cli.flag.name",
	"street":                               "cli.flag.street",
	"domain":                               "cli.flag.domain",
	"stage":                                "cli.flag.stage",
	"key":                                  "cli.flag.key",
	"confirm-checksum":                     "cli.flag.confirm_checksum",
	"enterprise import --confirm-checksum": "cli.flag.enterprise_import.confirm_checksum",
	"dry-run":                              "cli.flag.dry_run",
	"occasion":                             "cli.flag.occasion",
	"method":                               "cli.flag.method",
	"summary":                              "cli.flag.summary",
	"date":                                 "cli.flag.date",
	"purpose":                              "cli.flag.purpose",
	"people":                               "cli.flag.people",
	"note":                                 "cli.flag.note",
	"need status --note":                   "cli.flag.need_status.note",
	"since":                                "cli.flag.since",
	"reason":                               "cli.flag.reason",
	"category":                             "cli.flag.category",
	"severity":                             "cli.flag.severity",
	"title":                                "cli.flag.title",
	"description":                          "cli.flag.description",
	"visit":                                "cli.flag.visit",
	"nature":                               "cli.flag.nature",
	"lead-unit":                            "cli.flag.lead_unit",
	"jinanchoupan":                         "cli.flag.jinanchoupan",
	"satisfaction":                         "cli.flag.satisfaction",
	"status":                               "cli.flag.status",
	"overdue":                              "cli.flag.overdue",
	"all":                                  "cli.flag.all",
	"field":                                "cli.flag.field",
	"keep":                                 "cli.flag.keep",
	"need":                                 "cli.flag.need",
	"due":                                  "cli.flag.due",
	"action":                               "cli.flag.action",
	"result":                               "cli.flag.result",
	"next-due":                             "cli.flag.next_due",
	"next-action":                          "cli.flag.next_action",
	"hq":                                   "cli.flag.hq",
	"wait":                                 helpWait,
	"remind-at":                            "cli.flag.remind_at",
	"token":                                "cli.flag.token",
	"week":                                 "cli.flag.week",
	"format":                               "cli.flag.format",
	"export --format":                      "cli.flag.export.format",
	"o":                                    "cli.flag.o",
	"district":                             "cli.flag.district",
	"force":                                "cli.flag.force",
	"enterprises":                          "cli.flag.enterprises",
	"visits":                               "cli.flag.visits",
	"seed":                                 "cli.flag.seed",
	"kind":                                 "cli.flag.kind",
	"year":                                 "cli.flag.year",
	"batch":                                "cli.flag.batch",
	"step":                                 "cli.flag.step",
	"certificate":                          "cli.flag.certificate",
	"issued":                               "cli.flag.issued",
	"expires":                              "cli.flag.expires",
	"application step --date":              "cli.flag.application_step.date",
	"application step --note":              "cli.flag.application_step.note",
	"application list --enterprise":        "cli.flag.application_list.enterprise",
	"above-size":                           "cli.flag.above_size",
	"private":                              "cli.flag.private",
	"specialized":                          "cli.flag.specialized",
	"little-giant":                         "cli.flag.little_giant",
	"registered-on":                        "cli.flag.registered_on",
	"arrived-on":                           "cli.flag.arrived_on",
	"ip-class-i":                           "cli.flag.ip_class_i",
	"ip-class-ii":                          "cli.flag.ip_class_ii",
	"staff-total":                          "cli.flag.staff_total",
	"staff-rd":                             "cli.flag.staff_rd",
	"rd-3y":                                "cli.flag.rd_3y",
	"rd-in-china-3y":                       "cli.flag.rd_in_china_3y",
	"sales-3y":                             "cli.flag.sales_3y",
	"sales-last-year":                      "cli.flag.sales_last_year",
	"high-tech-income":                     "cli.flag.high_tech_income",
	"total-income":                         "cli.flag.total_income",
	"innovation-score":                     "cli.flag.innovation_score",
	"major-violation":                      "cli.flag.major_violation",
}

// flagPlaceholders name a flag's value in the help.
var flagPlaceholders = map[string]string{
	"enterprise": "ID|USCC", "date": "YYYY-MM-DD", "since": "YYYY-MM-DD", "due": "YYYY-MM-DD",
	"next-due": "YYYY-MM-DD", "week": "2026-W48", "o": "FILE", "purpose": "a,b", "hq": "URL",
	"enterprises": "N", "visits": "N", "seed": "N",
	"wait": "DURATION", "remind-at": "HH:MM", "sync-every": "DURATION",
	"year": "YYYY", "batch": "1|2|3", "issued": "YYYY-MM-DD", "expires": "YYYY-MM-DD", "registered-on": "YYYY-MM-DD", "arrived-on": "YYYY-MM-DD",
	"certificate": "NO", "ip-class-i": "N", "ip-class-ii": "N", "staff-total": "N", "staff-rd": "N",
	"rd-3y": "YUAN", "rd-in-china-3y": "YUAN", "sales-3y": "YUAN", "sales-last-year": "YUAN",
	"high-tech-income": "YUAN", "total-income": "YUAN", "innovation-score": "0-100",
}

func (e *env) flagDoc(cmd string, f *flag.Flag) string {
	if f.Usage != "" {
		return f.Usage // the command's own text comes first
	}
	if d, ok := flagDocs[cmd+" --"+f.Name]; ok {
		return e.text(d)
	}
	if d, ok := flagDocs[f.Name]; ok {
		return e.text(d)
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
	fmt.Fprintf(w, "%s%s\n", e.text("cli.help.usage"), d.synopsis())
	if d.short != "" {
		fmt.Fprintf(w, "\n%s\n", e.text(d.short))
	}
	flags := orderedFlags(d, fs)
	if len(flags) > 0 {
		fmt.Fprintf(w, "\n%s\n", e.text("cli.help.flags"))
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
	if strings.Contains(d.args, "STEP") {
		fmt.Fprintf(w, "\nSTEP%s\n", e.text("cli.help.code_or_label"))
		writeTable(w, e.codeRows(visits.KindFunnelStep), 0)
	}
	if strings.Contains(d.args, "STATUS") {
		fmt.Fprintf(w, "\nSTATUS%s\n", e.text("cli.help.code_or_label"))
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
	fmt.Fprintf(w, "\n%s\n", e.text("cli.help.global_flags_before_or"))
	writeTable(w, append([][]string{
		{"  --db PATH", e.text("cli.help.database_file_or_liaison")},
		{"  --lang zh|en", e.text("cli.help.language_or_liaison_lang")},
		{"  -h, --help", e.text("cli.help.show_help")},
	}, extra...), 0)
}

// printGroupHelp lists the subcommands of a group such as "visit".
func (e *env) printGroupHelp(w io.Writer, group string) {
	fmt.Fprintf(w, "%sliaison %s %s\n\n", e.text("cli.help.usage"), group, e.text("cli.help.subcommand_flags"))
	var rows [][]string
	for _, d := range cmdDocs {
		if strings.HasPrefix(d.path, group+" ") {
			rows = append(rows, []string{"  " + strings.Join(nonEmpty("liaison", d.path, d.args), " "), e.text(d.short)})
		}
	}
	writeTable(w, rows, 0)
	fmt.Fprintf(w, "\n%s\n", e.text("cli.help.group_flags", group))
}

// printUsage is the top-level help: every command, one line each.
func (e *env) printUsage(w io.Writer) {
	fmt.Fprintln(w, e.text("cli.help.liaison_visit_log_for"))
	fmt.Fprintf(w, "\n%s\n", e.text("cli.help.usage_2"))
	rows := [][]string{
		{"  liaison", e.text("cli.help.open_the_terminal_ui")},
		{"  liaison --demo", e.text("cli.help.open_the_ui_on")},
		{"  liaison --sync-every 5m --remind-at 17:30", e.text("cli.help.the_ui_s_sync")},
	}
	for _, d := range cmdDocs {
		rows = append(rows, []string{"  " + strings.Join(nonEmpty("liaison", d.path, d.args), " "), e.text(d.short)})
	}
	writeTable(w, rows, 0)
	e.printGlobalFlags(w, []string{"  --version", e.text("cli.help.version")})
	fmt.Fprintf(w, "\n%s\n", e.text("cli.help.each_command_s_flags"))
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
