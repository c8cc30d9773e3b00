package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// completeCmd is the hidden command the completion scripts call:
// `liaison __complete WORD… CURRENT` prints one candidate a line, as
// "value<TAB>description", or the line filesDirective when the shell
// should complete file names. One Go answer serves bash, zsh and fish.
const completeCmd = "__complete"

const filesDirective = "__files__"

func cmdCompletion(e *env, args []string) error {
	fs := flag.NewFlagSet("completion", flag.ContinueOnError)
	pos, err := flags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageKey("cli.complete.usage_liaison_completion_bash")
	}
	script, ok := completionScripts[pos[0]]
	if !ok {
		return usageKey("cli.complete.completion_is_not_bash", pos[0])
	}
	_, err = io.WriteString(e.out, script)
	return err
}

// completionScripts are thin: each asks `liaison __complete` and shows
// the answer the shell's way. Install: see docs/cli.md.
var completionScripts = map[string]string{
	"bash": `# bash completion for liaison: source <(liaison completion bash)
_liaison() {
    local cur="${COMP_WORDS[COMP_CWORD]}" IFS=$'\n' out
    out=$(liaison __complete "${COMP_WORDS[@]:1:COMP_CWORD-1}" "$cur" 2>/dev/null)
    if [[ "$out" == "__files__" ]]; then
        COMPREPLY=($(compgen -f -- "$cur"))
        return
    fi
    COMPREPLY=($(compgen -W "$(printf '%s\n' "$out" | cut -f1)" -- "$cur"))
}
complete -o default -F _liaison liaison
`,
	"zsh": `#compdef liaison
# zsh completion for liaison: source <(liaison completion zsh), or save as _liaison in $fpath
_liaison() {
    local -a lines cands
    local l v d
    lines=("${(@f)$(liaison __complete "${(@)words[2,CURRENT-1]}" "${words[CURRENT]}" 2>/dev/null)}")
    if [[ "${lines[1]}" == "__files__" ]]; then
        _files
        return
    fi
    for l in $lines; do
        [[ -z "$l" ]] && continue
        v="${l%%$'\t'*}"
        v="${v//:/\\:}"
        if [[ "$l" == *$'\t'* ]]; then
            d="${l#*$'\t'}"
            cands+=("$v:$d")
        else
            cands+=("$v")
        fi
    done
    _describe 'liaison' cands
}
if [[ "$funcstack[1]" == "_liaison" ]]; then
    _liaison "$@"
else
    compdef _liaison liaison
fi
`,
	"fish": `# fish completion for liaison: liaison completion fish | source
function __liaison_complete
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l cur (commandline -ct)
    set -l out (liaison __complete $tokens "$cur" 2>/dev/null)
    if test "$out[1]" = "__files__"
        __fish_complete_path "$cur"
        return
    end
    printf '%s\n' $out
end
complete -c liaison -f -a '(__liaison_complete)'
`,
}

// globalFlagsWithValue are the global flags that take a value.
var globalFlagsWithValue = map[string]bool{"--db": true, "--lang": true}

// cmdComplete answers a completion request. It never fails: a question it
// cannot answer gets no candidates.
func cmdComplete(e *env, args []string) error {
	if len(args) == 0 {
		args = []string{""}
	}
	words, cur := args[:len(args)-1], args[len(args)-1]
	var cands [][2]string
	if len(words) > 0 && globalFlagsWithValue[words[len(words)-1]] {
		if words[len(words)-1] == "--lang" {
			cands = [][2]string{{"zh", "中文"}, {"en", "English"}}
		} else {
			fmt.Fprintln(e.out, filesDirective)
			return nil
		}
	} else {
		var files bool
		cands, files = e.completions(words, cur)
		if files {
			fmt.Fprintln(e.out, filesDirective)
			return nil
		}
	}
	for _, c := range cands {
		if !strings.HasPrefix(c[0], cur) {
			continue
		}
		if c[1] != "" {
			fmt.Fprintf(e.out, "%s\t%s\n", c[0], clean(c[1]))
		} else {
			fmt.Fprintln(e.out, c[0])
		}
	}
	return nil
}

// completions are the candidates for cur after words (global flags
// included), and whether file names fit instead.
func (e *env) completions(words []string, cur string) ([][2]string, bool) {
	var path []string // the command: "visit", "add"
	var fs *flag.FlagSet
	var pos []string // positional arguments after the command
	var prevFlag *flag.Flag
	for i := 0; i < len(words); i++ {
		w := words[i]
		prevFlag = nil
		switch {
		case globalFlagsWithValue[w]:
			i++
			continue
		case strings.HasPrefix(w, "-") && w != "-":
			if fs == nil {
				continue
			}
			name, _, hasVal := strings.Cut(strings.TrimLeft(w, "-"), "=")
			f := fs.Lookup(name)
			if f == nil || isBool(f) || hasVal {
				continue
			}
			if i == len(words)-1 {
				prevFlag = f
			}
			i++
			continue
		}
		switch {
		case len(path) == 0:
			path = []string{w}
		case len(path) == 1 && isGroup(path[0]) && fs == nil:
			path = append(path, w)
		default:
			pos = append(pos, w)
		}
		if fs == nil && (len(path) == 2 || !isGroup(path[0])) {
			fs = e.flagSetOf(strings.Join(path, " "))
		}
	}
	if prevFlag != nil {
		return e.valueCompletions(strings.Join(path, " "), prevFlag.Name)
	}
	if strings.HasPrefix(cur, "-") {
		var out [][2]string
		if fs != nil {
			d, _ := docOf(fs.Name())
			for _, f := range orderedFlags(d, fs) {
				out = append(out, [2]string{"--" + f.Name, e.flagDoc(fs.Name(), f)})
			}
		}
		for _, g := range []string{"--db", "--lang", "--help"} {
			out = append(out, [2]string{g, ""})
		}
		if len(path) == 0 {
			out = append(out, [2]string{"--demo", ""}, [2]string{"--version", ""})
		}
		return out, false
	}
	switch {
	case len(path) == 0:
		var out [][2]string
		seen := map[string]bool{}
		for _, d := range cmdDocs {
			top, _, _ := strings.Cut(d.path, " ")
			if !seen[top] {
				seen[top] = true
				out = append(out, [2]string{top, e.groupShort(top)})
			}
		}
		return out, false
	case len(path) == 1 && isGroup(path[0]):
		var out [][2]string
		for _, d := range cmdDocs {
			if g, sub, ok := strings.Cut(d.path, " "); ok && g == path[0] {
				out = append(out, [2]string{sub, e.text(d.short)})
			}
		}
		return out, false
	}
	return e.argCompletions(strings.Join(path, " "), len(pos))
}

// groupShort describes a top-level word: its own line, or its group's.
func (e *env) groupShort(top string) string {
	if d, ok := docOf(top); ok {
		return e.text(d.short)
	}
	return e.text("cli.group." + top)
}

func isGroup(name string) bool {
	for _, d := range cmdDocs {
		if strings.HasPrefix(d.path, name+" ") {
			return true
		}
	}
	return false
}

// argCompletions complete the n-th positional argument of a command.
func (e *env) argCompletions(cmd string, n int) ([][2]string, bool) {
	switch {
	case cmd == "completion" && n == 0:
		return [][2]string{{"bash", ""}, {"zsh", ""}, {"fish", ""}}, false
	case cmd == "need status" && n == 1:
		return e.codeCompletions(visits.KindStatus), false
	case (cmd == "application step" || cmd == "application show") && n == 0:
		return e.applicationCompletions(), false
	case cmd == "application step" && n == 1:
		return e.codeCompletions(visits.KindFunnelStep), false
	case (cmd == "enterprise show" || cmd == "enterprise set") && n == 0:
		return e.enterpriseCompletions(), false
	case cmd == "enterprise import" || cmd == "calendar import" || cmd == "backup" || cmd == "restore":
		return nil, n == 0
	}
	return nil, false
}

// valueCompletions complete the value of a flag.
func (e *env) valueCompletions(cmd, name string) ([][2]string, bool) {
	if cf, ok := codeFlags[name]; ok {
		return e.codeCompletions(cf.kind), false
	}
	switch name {
	case "enterprise":
		return e.enterpriseCompletions(), false
	case "o":
		return nil, true
	case "format":
		if cmd == "export" {
			return [][2]string{{"json", ""}, {"csv", ""}, {"xlsx", ""}}, false
		}
		return [][2]string{{"md", ""}, {"csv", ""}, {"xlsx", ""}, {"json", ""}}, false
	}
	return nil, false
}

func (e *env) codeCompletions(k visits.Kind) [][2]string {
	if k == visits.KindUnit {
		return e.unitCompletions() // units.go: HQ's list when synced
	}
	var out [][2]string
	for _, t := range visits.Terms(k) {
		out = append(out, [2]string{t.Code, t.Label(e.g.lang)})
	}
	return out
}

// enterpriseCompletions are the enterprises of an existing database: the
// USCC (or id) with the name beside it. A database that does not exist is
// not created, and one in use gives no candidates.
func (e *env) enterpriseCompletions() [][2]string {
	path := e.g.db
	if path == "" {
		p, err := defaultDB()
		if err != nil {
			return nil
		}
		path = p
	}
	if _, err := os.Stat(path); err != nil {
		return nil
	}
	s, err := e.store()
	if err != nil {
		return nil
	}
	var out [][2]string
	_ = s.View(func(r *store.Reader) error {
		return store.Each[visits.Enterprise](r, func(ent visits.Enterprise) error {
			ref := ent.USCC
			if ref == "" {
				ref = ent.ID
			}
			out = append(out, [2]string{clean(ref), ent.Name})
			return nil
		})
	})
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

// flagSetOf returns the flags of a command, by asking it for its help on
// an environment without a database: every command parses its flags
// before it does anything else.
func (e *env) flagSetOf(path string) *flag.FlagSet {
	run := commandFunc(path)
	if run == nil {
		return nil
	}
	probe := &env{ctx: context.Background(), g: e.g, stdin: strings.NewReader(""), out: io.Discard, errw: io.Discard}
	defer probe.close()
	var h *helpRequest
	if err := run(probe, []string{"--help"}); err != nil && asHelp(err, &h) {
		return h.fs
	}
	return nil
}

// commandFunc finds the function that runs a command path.
func commandFunc(path string) func(*env, []string) error {
	if path == "completion" {
		return cmdCompletion
	}
	top, sub, _ := strings.Cut(path, " ")
	c, ok := commands[top]
	switch {
	case !ok:
		return nil
	case c.sub != nil:
		return c.sub[sub]
	}
	return c.run
}

// applicationCompletions are the applications of an existing database:
// the id with the enterprise, kind, year and step beside it.
func (e *env) applicationCompletions() [][2]string {
	path := e.g.db
	if path == "" {
		p, err := defaultDB()
		if err != nil {
			return nil
		}
		path = p
	}
	if _, err := os.Stat(path); err != nil {
		return nil
	}
	s, err := e.store()
	if err != nil {
		return nil
	}
	var out [][2]string
	l := e.g.lang
	_ = s.View(func(r *store.Reader) error {
		return store.Each[visits.Application](r, func(a visits.Application) error {
			en, _ := store.Get[visits.Enterprise](r, a.EnterpriseID)
			out = append(out, [2]string{a.ID, fmt.Sprintf("%s %s %d %s", en.Name, visits.Label(visits.KindAppKind, a.Kind, l), a.Year, stepText(a.Current(), l))})
			return nil
		})
	})
	return out
}
