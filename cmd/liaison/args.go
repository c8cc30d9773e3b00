package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/liaison-dev/liaison/tui"
	"github.com/liaison-dev/liaison/visits"
)

// helpRequest is what parsing returns for -h/--help: run prints the
// command's help on stdout and exits 0.
type helpRequest struct{ fs *flag.FlagSet }

func (h *helpRequest) Error() string { return "help requested" }

func isHelpFlag(a string) bool { return a == "-h" || a == "--help" || a == "-help" }

// parseArgs parses a subcommand's flags, which may stand before, between
// or after its positional arguments. It answers -h/--help, turns the
// labels of code flags into codes (--occasion 日常走访 is routine), and
// refuses a positional argument the command does not take, naming it:
// an unquoted `--summary 企业反映 融资难` must not store half the text.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var fl, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			pos = append(pos, a)
			continue
		}
		if isHelpFlag(a) {
			return nil, &helpRequest{fs: fs}
		}
		fl = append(fl, a)
		name, _, hasVal := strings.Cut(strings.TrimLeft(a, "-"), "=")
		f := fs.Lookup(name)
		if f == nil {
			return nil, usageKey("cli.args.unknown_flag_see_liaison", a, fs.Name())
		}
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			continue
		}
		if !hasVal {
			if i+1 >= len(args) {
				return nil, usageKey("cli.args.needs_a_value", a)
			}
			i++
			fl = append(fl, args[i])
		}
	}
	if err := fs.Parse(fl); err != nil {
		return nil, usageKey("cli.args.flag_error", err)
	}
	if err := normalizeCodes(fs); err != nil {
		return nil, err
	}
	if err := checkPositional(fs.Name(), pos); err != nil {
		return nil, err
	}
	return pos, nil
}

// checkPositional refuses arguments beyond what the command takes.
func checkPositional(cmd string, pos []string) error {
	d, ok := docOf(cmd)
	if !ok || len(pos) <= d.maxArgs {
		return nil
	}
	extra := pos[d.maxArgs]
	if d.maxArgs == 0 {
		return usageKey("cli.args.liaison_takes_no_arguments", cmd, shortArg(extra))
	}
	return usageKey("cli.args.liaison_takes_but_got", cmd, d.args, shortArg(extra))
}

// shortArg shows an argument in a message: printable and not endless.
func shortArg(s string) string {
	s = clean(s)
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// codeFlag is a flag whose value is a code of an enumeration.
type codeFlag struct {
	kind   visits.Kind
	list   bool // a comma-separated list of codes
	strict bool // a value that names no code is refused here
}

// codeFlags are the flags, by name, that take codes; the same name means
// the same enumeration in every command.
var codeFlags = map[string]codeFlag{
	"occasion":     {kind: visits.KindOccasion, strict: true},
	"method":       {kind: visits.KindMethod, strict: true},
	"purpose":      {kind: visits.KindPurpose, list: true, strict: true},
	"category":     {kind: visits.KindCategory, strict: true},
	"severity":     {kind: visits.KindSeverity, strict: true},
	"nature":       {kind: visits.KindNature, strict: true},
	"status":       {kind: visits.KindStatus, strict: true},
	"satisfaction": {kind: visits.KindSatisfaction, strict: true},
	"domain":       {kind: visits.KindDomain, strict: true},
	"stage":        {kind: visits.KindStage, strict: true},
	"lead-unit":    {kind: visits.KindUnit}, // the units in force, checked with the store open (units.go)
	"kind":         {kind: visits.KindAppKind, strict: true},
	"step":         {kind: visits.KindFunnelStep, strict: true}, // free text; a known unit's English name becomes its code
}

// normalizeCodes replaces the labels given to code flags by their codes
// and refuses values that name no code, listing the valid ones.
func normalizeCodes(fs *flag.FlagSet) error {
	var err error
	fs.Visit(func(f *flag.Flag) {
		cf, ok := codeFlags[f.Name]
		if !ok || err != nil || cf.kind == visits.KindUnit { // units.go
			return
		}
		v := f.Value.String()
		if strings.TrimSpace(v) == "" {
			return
		}
		parts := []string{v}
		if cf.list {
			parts = splitList(v)
		}
		for i, p := range parts {
			code, found := visits.LookupCode(cf.kind, p)
			switch {
			case found:
				parts[i] = code
			case cf.strict:
				err = badCode("--"+f.Name, cf.kind, p)
				return
			}
		}
		_ = f.Value.Set(strings.Join(parts, ","))
	})
	return err
}

// codeArg turns a positional code argument (need status ID STATUS) into
// its code, accepting the label too.
func codeArg(name string, k visits.Kind, s string) (string, error) {
	if code, ok := visits.LookupCode(k, s); ok {
		return code, nil
	}
	return "", badCode(name, k, s)
}

// badCode says that value is not a code of k and lists the valid ones with
// their labels in both languages.
func badCode(name string, k visits.Kind, value string) error {
	codes := tui.TextFunc(func(l visits.Lang) string {
		var b strings.Builder
		for _, t := range visits.Terms(k) {
			fmt.Fprintf(&b, "\n  %-22s %s", t.Code, t.Label(l))
		}
		return b.String()
	})
	return usageKey("cli.args.bad_code", name, shortArg(value), codes)
}

func asHelp(err error, h **helpRequest) bool { return errors.As(err, h) }
