package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// An absent time is null in every --json output, never Go's zero time
// "0001-01-01T00:00:00Z"; a person's text that happens to read like one
// is left alone.
func TestAbsentTimesAreNull(t *testing.T) {
	db := tempDB(t)
	const zero = "0001-01-01T00:00:00Z"
	ent := strings.TrimSpace(mustCLI(t, 0, db, "enterprise", "add", "--name", "甲公司"))
	mustCLI(t, 0, db, "followup", "add", "--enterprise", ent, "--due", "2030-01-05", "--action", zero)
	mustCLI(t, 0, db, "visit", "add", "--enterprise", ent, "--occasion", "routine", "--method", "phone", "--summary", zero)
	cases := []struct {
		args []string
		path []string // where the absent time is
	}{
		{[]string{"followup", "list", "--json"}, []string{"0", "done_at"}},
		{[]string{"status", "--json"}, []string{"last_sync"}},
		{[]string{"report", "weekly", "--format", "json"}, []string{"data_as_of"}},
	}
	for _, c := range cases {
		out := mustCLI(t, 0, db, c.args...)
		var v any
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			t.Fatalf("liaison %s: %v", strings.Join(c.args, " "), err)
		}
		for _, k := range c.path {
			switch x := v.(type) {
			case []any:
				v = x[0]
			case map[string]any:
				var ok bool
				if v, ok = x[k]; !ok {
					t.Fatalf("liaison %s: no %q in %s", strings.Join(c.args, " "), k, out)
				}
			}
		}
		if v != nil {
			t.Errorf("liaison %s: %s is %v, want null", strings.Join(c.args, " "), strings.Join(c.path, "."), v)
		}
		if strings.Contains(out, `"`+zero+`"`) && c.args[0] != "followup" {
			t.Errorf("liaison %s still prints the zero time:\n%s", strings.Join(c.args, " "), out)
		}
	}
	if fs := decode[[]followUpView](t, mustCLI(t, 0, db, "followup", "list", "--json")); len(fs) != 1 || fs[0].Action != zero {
		t.Errorf("a follow-up's text that reads like a zero time was changed: %+v", fs)
	}
	if out := mustCLI(t, 0, db, "visit", "list", "--json"); !strings.Contains(out, `"summary": "`+zero+`"`) {
		t.Errorf("a summary that reads like a zero time was changed:\n%s", out)
	}
}
