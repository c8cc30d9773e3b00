package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The hidden __complete answers what each shell's script asks: commands,
// subcommands, flags, codes (with labels), enterprises from the database.
func TestCompletionCandidates(t *testing.T) {
	db := tempDB(t)
	mustCLI(t, 0, db, "enterprise", "add", "--name", "兰州陇原科技有限公司", "--uscc", "91350100M000100Y43")
	app := strings.TrimSpace(mustCLI(t, 0, db, "application", "add", "--enterprise", "91350100M000100Y43", "--kind", "prov", "--year", "2026"))
	cases := []struct {
		words     []string
		want      []string
		wantNot   []string
		wantFiles bool
	}{
		{words: []string{""}, want: []string{"enterprise\t", "visit\t", "need\t", "followup\t", "calendar\t", "sync\t", "completion\t"}, wantNot: []string{completeCmd}},
		{words: []string{"vi"}, want: []string{"visit\t"}, wantNot: []string{"need"}},
		{words: []string{"visit", ""}, want: []string{"add\t", "list\t", "show\t", "correct\t"}},
		{words: []string{"visit", "add", "--"}, want: []string{"--enterprise\t", "--occasion\t", "--summary\t", "--json\t", "--db", "--help"}},
		{words: []string{"visit", "add", "--occasion", ""}, want: []string{"routine\t日常走访", "qualification_expiry\t资质到期/复审必访"}},
		{words: []string{"--lang", "en", "visit", "add", "--method", ""}, want: []string{"on_site\tOn site"}},
		{words: []string{"need", "add", "--severity", "u"}, want: []string{"urgent\t"}, wantNot: []string{"general"}},
		{words: []string{"need", "status", "someid", ""}, want: []string{"accepted\t已受理"}},
		{words: []string{"visit", "add", "--enterprise", ""}, want: []string{"91350100M000100Y43\t兰州陇原科技有限公司"}},
		{words: []string{"report", "weekly", "--format", ""}, want: []string{"md", "csv", "xlsx", "json"}},
		{words: []string{"completion", ""}, want: []string{"bash", "zsh", "fish"}},
		{words: []string{"application", "step", ""}, want: []string{app + "\t兰州陇原科技有限公司 省级科技创新型企业 2026 -"}},
		{words: []string{"application", "step", app, ""}, want: []string{"approved\t认定通过", "publicized\t公示"}},
		{words: []string{"application", "add", "--kind", ""}, want: []string{"hnte\t高新技术企业认定", "tsme\t"}},
		{words: []string{"enterprise", "set", ""}, want: []string{"91350100M000100Y43\t兰州陇原科技有限公司"}},
		{words: []string{"enterprise", "set", "x", "--"}, want: []string{"--staff-rd\t科技人员数", "--little-giant\t"}},
		{words: []string{"enterprise", "import", ""}, wantFiles: true},
		{words: []string{"report", "weekly", "-o", ""}, wantFiles: true},
	}
	for _, c := range cases {
		out := mustCLI(t, 0, db, append([]string{completeCmd}, c.words...)...)
		if c.wantFiles != (strings.TrimSpace(out) == filesDirective) {
			t.Errorf("complete %q: %q; want files %v", c.words, out, c.wantFiles)
		}
		for _, w := range c.want {
			if !strings.Contains(out, w) {
				t.Errorf("complete %q: no %q in\n%s", c.words, w, out)
			}
		}
		for _, w := range c.wantNot {
			if strings.Contains(out, w) {
				t.Errorf("complete %q: %q should not be offered:\n%s", c.words, w, out)
			}
		}
	}
	// No database is created by completing against one that does not exist.
	missing := filepath.Join(t.TempDir(), "none.db")
	mustCLI(t, 0, missing, completeCmd, "visit", "add", "--enterprise", "")
	if _, err := os.Stat(missing); err == nil {
		t.Error("completion created a database")
	}
	for _, sh := range []string{"bash", "zsh", "fish"} {
		if out := mustCLI(t, 0, db, "completion", sh); !strings.Contains(out, completeCmd) {
			t.Errorf("completion %s: %q", sh, out)
		}
	}
	if _, _, code := cli(t, db, "completion", "tcsh"); code != exitUsage {
		t.Errorf("completion tcsh: exit %d", code)
	}
}

// The bash script, sourced into a real bash with the real binary, offers
// the codes of a flag and the subcommands of a group. zsh and fish, when
// installed, at least load their scripts.
func TestShellCompletionScripts(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	bin := buildCLI(t)
	db := tempDB(t)
	mustCLI(t, 0, db, "enterprise", "add", "--name", "甲公司", "--uscc", "91350100M000100Y43")
	env := append(os.Environ(), "PATH="+filepath.Dir(bin)+":"+os.Getenv("PATH"), "LIAISON_DB="+db)
	complete := func(words string, cword int) string {
		script := `source <(liaison completion bash)
COMP_WORDS=(` + words + `); COMP_CWORD=` + string(rune('0'+cword)) + `; _liaison; printf '%s\n' "${COMPREPLY[@]}"`
		cmd := exec.Command(bash, "--norc", "-c", script)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("bash: %v\n%s", err, out)
		}
		return string(out)
	}
	if out := complete(`liaison visit add --occasion ""`, 4); !strings.Contains(out, "routine\n") || strings.Contains(out, "\t") {
		t.Errorf("bash, --occasion: %q", out)
	}
	if out := complete(`liaison need ""`, 2); !strings.Contains(out, "status\n") || !strings.Contains(out, "resolve\n") {
		t.Errorf("bash, need: %q", out)
	}
	if out := complete(`liaison visit add --enterprise 9135`, 4); strings.TrimSpace(out) != "91350100M000100Y43" {
		t.Errorf("bash, --enterprise: %q", out)
	}
	for _, c := range []struct {
		sh   string
		args []string
		want string
	}{
		{"zsh", []string{"-f", "-c", "autoload -Uz compinit && compinit -u && source <(liaison completion zsh) && whence -w _liaison"}, "_liaison: function"},
		{"fish", []string{"-c", "liaison completion fish | source; complete -C'liaison visit add --occasion '"}, "routine\t日常走访"},
		{"fish", []string{"-c", "liaison completion fish | source; complete -C'liaison visit add --enterprise '"}, "91350100M000100Y43\t甲公司"},
	} {
		path, err := exec.LookPath(c.sh)
		if err != nil {
			t.Logf("%s not installed: its script is not run", c.sh)
			continue
		}
		cmd := exec.Command(path, c.args...)
		cmd.Env = env
		if out, err := cmd.CombinedOutput(); err != nil || !strings.Contains(string(out), c.want) {
			t.Errorf("%s %q: %v, output %q; want %q", c.sh, c.args, err, out, c.want)
		}
	}
}
