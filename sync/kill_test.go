package sync

import (
	"math/rand/v2"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/visits"
)

// Invariant 7 with a real process: a laptop process killed (SIGKILL) at a
// random moment of a sync, several times, with edits in between; the
// final sync still delivers every op exactly once and converges.
func TestKilledMidSync(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	h := newTestHQ(t, false)
	ents := h.enterprises(3)
	h.officer("wang", visits.RoleLiaison, nil)
	a := h.laptop("wang", 0)
	var made []string
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	for round := range 6 {
		for i := range 40 {
			a.visit(ents[(round+i)%3].ID, "走访")
		}
		made = append(made, outboxIDs(t, a.s)...)
		a.s.Close()
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), childEnv+"="+a.path)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.IntN(60)) * time.Millisecond)
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		a.open()
	}
	made = uniq(append(made, outboxIDs(t, a.s)...))
	a.mustSync()
	counts := logCounts(t, h.cur())
	for _, id := range made {
		if counts[id] != 1 {
			t.Fatalf("op %s logged %d times", id, counts[id])
		}
	}
	if a.pending() != 0 {
		t.Fatal("outbox not empty")
	}
	sameData(t, "after kills", a.s, h.cur().Store())
}

func uniq(ids []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
