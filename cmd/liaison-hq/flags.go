package main

import (
	"flag"
	"fmt"
	"net"
	"os"
	"strings"

	"github.com/liaison-dev/liaison/visits"
)

// global are the flags that work before or after the command.
type global struct {
	db    string
	lang  visits.Lang
	admin *adminSession // set when the command runs inside serve (adminio.go)
}

// splitGlobal takes --db and --lang out of args wherever they stand
// (spec/cli.md: `liaison-hq --db hq.db officer add …` is `liaison-hq
// officer add … --db hq.db`) and returns the rest in order. Everything
// after "--" is left alone.
func splitGlobal(args []string) (global, []string, error) {
	g := global{db: envOr("LIAISON_HQ_DB", "hq.db"), lang: visits.Lang(envOr("LIAISON_LANG", string(visits.ZH)))}
	var rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i:]...)
			break
		}
		name, val, hasVal := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || (name != "db" && name != "lang") {
			rest = append(rest, a)
			continue
		}
		if !hasVal {
			if i+1 >= len(args) {
				return g, nil, usageKey("hq.flag_needs_value", name)
			}
			i++
			val = args[i]
		}
		if name == "db" {
			g.db = val
		} else {
			g.lang = visits.Lang(val)
		}
	}
	if g.lang != visits.ZH && g.lang != visits.EN {
		return g, nil, usageKey("hq.bad_lang", string(g.lang))
	}
	if g.db == "" {
		return g, nil, usageKey("hq.db_needs_file")
	}
	return g, rest, nil
}

// wantsHelp reports whether -h or --help stands among a command's
// arguments.
func wantsHelp(args []string) bool {
	for _, a := range args {
		if a == "--" {
			return false
		}
		if a == "-h" || a == "--help" || a == "-help" {
			return true
		}
	}
	return false
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

// parseInterspersed lets flags stand before or after positional arguments.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// cidrList is a repeatable flag of networks, each occurrence a comma list
// of CIDRs or single addresses.
type cidrList []*net.IPNet

func (c *cidrList) String() string {
	var s []string
	for _, n := range *c {
		s = append(s, n.String())
	}
	return strings.Join(s, ",")
}

func (c *cidrList) Set(v string) error {
	for _, part := range strings.Split(v, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if !strings.Contains(part, "/") {
			ip := net.ParseIP(part)
			if ip == nil {
				return fmt.Errorf("--trusted-proxy %q: not an address or CIDR", part)
			}
			bits := 128
			if ip.To4() != nil {
				ip, bits = ip.To4(), 32
			}
			*c = append(*c, &net.IPNet{IP: ip, Mask: net.CIDRMask(bits, bits)})
			continue
		}
		_, n, err := net.ParseCIDR(part)
		if err != nil {
			return fmt.Errorf("--trusted-proxy %q: not an address or CIDR", part)
		}
		*c = append(*c, n)
	}
	return nil
}

func (c cidrList) contains(ip net.IP) bool {
	for _, n := range c {
		if n.Contains(ip) {
			return true
		}
	}
	return false
}

// stringList is a repeatable flag, each occurrence a comma list.
type stringList []string

func (s *stringList) String() string { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error {
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*s = append(*s, p)
		}
	}
	return nil
}
