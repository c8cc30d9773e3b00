package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestBinariesLinkNoHeavyPackages: Go initialises every linked package at
// start-up, in every command, so a package that builds big tables in its
// init costs every command. excelize cost ≈ 13 ms (8–37 ms under load;
// issue 12) and is replaced by visits/xlsx; it may stay a test-only
// dependency. The laptop binary does not link the PostgreSQL driver.
func TestBinariesLinkNoHeavyPackages(t *testing.T) {
	for _, c := range []struct {
		pkg       string
		forbidden []string
	}{
		{"github.com/liaison-dev/liaison/cmd/liaison", []string{"github.com/xuri/excelize", "github.com/jackc/pgx"}},
		{"github.com/liaison-dev/liaison/cmd/liaison-hq", []string{"github.com/xuri/excelize"}},
	} {
		out, err := exec.Command("go", "list", "-deps", c.pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go list -deps %s: %v\n%s", c.pkg, err, out)
		}
		deps := strings.Fields(string(out))
		if len(deps) < 50 {
			t.Fatalf("go list -deps %s listed only %d packages", c.pkg, len(deps))
		}
		for _, d := range deps {
			for _, f := range c.forbidden {
				if strings.HasPrefix(d, f) {
					t.Errorf("%s links %s", c.pkg, d)
				}
			}
		}
	}
}
