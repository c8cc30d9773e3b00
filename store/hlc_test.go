package store

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"
)

// Property: readings strictly increase, and after Observe every reading
// sorts after the observed stamp, however the wall clock moves.
func TestClockMonotonicAndCausal(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		wall := time.UnixMilli(rapid.Int64Range(1e12, 2e12).Draw(t, "start"))
		c := NewClock("devA", func() time.Time { return wall })
		last := ""
		for i := 0; i < rapid.IntRange(1, 50).Draw(t, "n"); i++ {
			switch rapid.IntRange(0, 3).Draw(t, "step") {
			case 0: // the wall clock jumps, possibly backwards by hours
				wall = wall.Add(time.Duration(rapid.Int64Range(-3*3600e3, 48*3600e3).Draw(t, "jump")) * time.Millisecond)
			case 1:
				seen := FormatStamp(rapid.Int64Range(1e12, 2e12).Draw(t, "remote"), uint16(rapid.IntRange(0, 0xfffe).Draw(t, "rc")), "devB")
				c.Observe(seen)
				if s := c.Now(); s <= seen {
					t.Fatalf("reading %s does not sort after observed %s", s, seen)
				}
				last = c.Last()
				continue
			case 2:
				c.SetOffset(rapid.Int64Range(-3*3600e3, 3*3600e3).Draw(t, "offset"))
			}
			s := c.Now()
			if s <= last {
				t.Fatalf("clock went backwards: %s after %s", s, last)
			}
			if _, _, _, err := ParseStamp(s); err != nil {
				t.Fatal(err)
			}
			last = s
		}
	})
}

func TestParseStampRejectsMalformed(t *testing.T) {
	for _, s := range []string{"", "abc", "0193a2c4f1b2-0003", "0193a2c4f1b2-003-dev", "zz93a2c4f1b2-0003-dev"} {
		if _, _, _, err := ParseStamp(s); err == nil {
			t.Errorf("ParseStamp(%q) accepted", s)
		}
	}
	w, c, d, err := ParseStamp("0193a2c4f1b2-0003-dev7f3a")
	if err != nil || w != 0x0193a2c4f1b2 || c != 3 || d != "dev7f3a" {
		t.Fatalf("got %x %d %s %v", w, c, d, err)
	}
}

func FuzzParseStamp(f *testing.F) {
	f.Add("0193a2c4f1b2-0003-dev7f3a")
	f.Add("+193a2c4f1b2-0003-d-e-v")
	f.Add("0193a2c4f1b2--003-dev")
	f.Fuzz(func(t *testing.T, s string) {
		w, c, d, err := ParseStamp(s)
		w2, c2, d2, err2 := parseStampBySplitting(s)
		if (err == nil) != (err2 == nil) || w != w2 || c != c2 || d != d2 {
			t.Errorf("%q: got %d %d %q %v, want %d %d %q %v", s, w, c, d, err, w2, c2, d2, err2)
		}
	})
}

// parseStampBySplitting is the plain reading of the stamp format that
// ParseStamp must agree with.
func parseStampBySplitting(s string) (int64, uint16, string, error) {
	parts := strings.SplitN(s, "-", 3)
	if len(parts) != 3 || len(parts[0]) != 12 || len(parts[1]) != 4 || parts[2] == "" {
		return 0, 0, "", fmt.Errorf("malformed")
	}
	w, err := strconv.ParseInt(parts[0], 16, 64)
	if err != nil {
		return 0, 0, "", err
	}
	c, err := strconv.ParseUint(parts[1], 16, 16)
	if err != nil {
		return 0, 0, "", err
	}
	return w, uint16(c), parts[2], nil
}
