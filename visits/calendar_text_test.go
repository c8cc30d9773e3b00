package visits

import (
	"errors"
	"strings"
	"testing"
)

// TestCalendarDuplicateKeyAndBadUTF8: JSON would keep the last of two
// "holidays" lists and turn stray bytes into U+FFFD, both silently; the
// calendar is refused instead, naming the key and the line.
func TestCalendarDuplicateKeyAndBadUTF8(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"{\n \"year_from\": 2026,\n \"holidays\": [\"2026-10-01\"],\n \"holidays\": []\n}", `line 4: key "holidays" is given twice`},
		{"{\"year_from\": 2026,\n\"year_from\": 2027}", `line 2: key "year_from"`},
		{"{\"name\": {\"a\": 1, \"a\": 2}, \"year_from\": 2026}", `key "a" is given twice`},
		{"{\"year_from\": 2026,\n\"name\": \"2026 \xb9\xfa\xbc\xd2\"}", "line 2: not UTF-8"},
		{"\xff{\"year_from\": 2026}", "line 1: not UTF-8"},
	} {
		c, err := ParseCalendar([]byte(tt.in))
		if c != nil || !errors.Is(err, ErrCalendar) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseCalendar(%q) = %v, want ErrCalendar with %q", tt.in, err, tt.want)
		}
	}
	// The same key in two objects, and a value equal to a key, are fine.
	ok := `{"name": "holidays", "year_from": 2026, "holidays": ["2026-10-01"], "workdays": ["2026-10-10"]}`
	if _, err := ParseCalendar([]byte(ok)); err != nil {
		t.Error(err)
	}
	// A calendar an older build stored with a duplicate key still reads.
	old := `{"year_from": 2026, "holidays": [], "holidays": ["2026-10-01"]}`
	c, err := ParseStoredCalendar([]byte(old))
	if err != nil || c.IsWorkday("2026-10-01") {
		t.Errorf("stored calendar: %v", err)
	}
}
