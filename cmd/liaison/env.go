package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/tui"
	"github.com/liaison-dev/liaison/visits"
)

// global holds the flags that work before or after any subcommand.
type global struct {
	db    string
	lang  visits.Lang
	demo  bool
	debug bool
}

// env is what every command gets: flags, streams and a lazily opened store.
type env struct {
	ctx   context.Context
	g     global
	stdin io.Reader
	out   io.Writer
	errw  io.Writer
	st    *store.Store
	cmd   string // the command being run ("visit list"); "" for the terminal UI

	jsonOut bool // the subcommand's --json
}

// parseGlobal pulls --db, --lang, --demo and --debug out of args wherever
// they stand, and returns the rest in order.
func parseGlobal(args []string) (global, []string, error) {
	g := global{db: os.Getenv("LIAISON_DB"), lang: visits.ZH}
	if l := os.Getenv("LIAISON_LANG"); l != "" {
		g.lang = visits.Lang(l)
	}
	var rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		name, val, hasVal := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || a == "-" {
			rest = append(rest, a)
			continue
		}
		switch name {
		case "db", "lang":
			if !hasVal {
				if i+1 >= len(args) {
					return g, nil, usageKey("cli.env.needs_a_value", name)
				}
				i++
				val = args[i]
			}
			if name == "db" {
				g.db = val
			} else {
				g.lang = visits.Lang(val)
			}
		case "demo":
			g.demo = true
		case "debug":
			g.debug = true
		default:
			rest = append(rest, a)
		}
	}
	if g.lang != visits.ZH && g.lang != visits.EN {
		return g, nil, usageKey("cli.env.lang_must_be_zh", string(g.lang))
	}
	return g, rest, nil
}

// defaultDB is the database under the user's data directory (XDG on Linux).
func defaultDB() (string, error) {
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", failKey("cli.env.no_data_folder", err)
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "liaison", "liaison.db"), nil
}

// store opens the database on first use: read-only for a command marked
// so in cmdAccess (nothing is written, several may read at once), for
// writing otherwise. A read-only command still opens it for writing when
// that open has something to write: the database does not exist yet (it is
// created, as before), or an older build made it (it is migrated once;
// where the file cannot be written, the error says a writable open is
// needed once).
func (e *env) store() (*store.Store, error) {
	if e.st != nil {
		return e.st, nil
	}
	path := e.g.db
	if path == "" {
		p, err := defaultDB()
		if err != nil {
			return nil, err
		}
		path = p
	}
	if cmdAccess[e.cmd] == reads {
		s, err := store.Open(path, store.Options{ReadOnly: true})
		if err == nil {
			e.st = s
			return s, nil
		}
		if !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, store.ErrOldSchema) {
			return nil, err
		}
	}
	s, err := store.Open(path, store.Options{})
	if err != nil {
		return nil, err
	}
	e.st = s
	return s, nil
}

func (e *env) close() {
	if e.st != nil {
		e.st.Close()
		e.st = nil
	}
}

// text is the text of key in the chosen language, from the one catalogue
// (tui/i18n_cli_*.go), formatted with args when there are any.
func (e *env) text(key string, args ...any) string { return tui.Text(e.g.lang, key, args...) }

// usageError is bad usage or invalid input: exit code 2. Its text is a
// key of the catalogue, said in the chosen language when printed.
type usageError struct{ msg tui.Message }

// Error is the English text, for logs and wrapping.
func (u *usageError) Error() string { return u.msg.Text(visits.EN) }

// usageKey is a usage error with the text of key, formatted with args (an
// argument may be tui.Localized: a label, a nested message).
func usageKey(key string, args ...any) error { return &usageError{msg: tui.Msg(key, args...)} }

func isUsage(err error) bool {
	var u *usageError
	var fe visits.Errors
	return errors.As(err, &u) || errors.As(err, &fe) || errors.Is(err, visits.ErrUSCCShape)
}

// message renders err in the chosen language where we know how.
func (e *env) message(err error) string {
	var u *usageError
	if errors.As(err, &u) {
		return u.msg.Text(e.g.lang)
	}
	var fe visits.Errors
	if errors.As(err, &fe) {
		return fe.Message(e.g.lang)
	}
	if errors.Is(err, store.ErrInUse) && e.g.lang == visits.ZH {
		return e.text("cli.env.db_in_use")
	}
	if errors.Is(err, store.ErrReadOnly) {
		return e.text("cli.env.the_database_is_read")
	}
	if errors.Is(err, store.ErrOldSchema) {
		return e.text("cli.env.old_schema", err.Error())
	}
	if m, ok := knownMessage(err, e.g.lang); ok {
		return m
	}
	return err.Error()
}

// flags parses a subcommand's flags, which may stand before, between or
// after its positional arguments (see parseArgs in args.go).
func flags(fs *flag.FlagSet, args []string) ([]string, error) { return parseArgs(fs, args) }

// printJSON writes v as indented JSON, safe for a terminal and with null
// for an absent time (see safeJSON in safeout.go).
func (e *env) printJSON(v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := e.out.Write(safeJSON(buf.Bytes()))
	return err
}

// need requires a non-empty flag value.
func need(name, value string) error {
	if strings.TrimSpace(value) == "" {
		return usageKey("cli.env.is_required", name)
	}
	return nil
}
