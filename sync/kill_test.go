package sync

import (
	"bufio"
	"math/rand/v2"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/visits"
)

// Invariant 7 with a real process: a laptop process killed (SIGKILL) in
// the middle of a sync, several times, with edits in between; the final
// sync still delivers every op exactly once and converges.
//
// The child syncs in batches of five and says each time HQ has answered a
// push; the parent waits for the first answer, then lets a random number
// of further batches go by and kills it a random fraction of a batch
// later. So every kill lands after HQ took ops of that round, while the
// child is pushing (or, rarely, pulling).
func TestKilledMidSync(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	rng := rand.New(rand.NewPCG(testSeed(t), 1))
	h := newTestHQ(t, false)
	ents := h.enterprises(3)
	h.officer("wang", visits.RoleLiaison, nil)
	a := h.laptop("wang", 0)
	made := map[string]bool{}
	const rounds = 6
	midPush, resent := 0, 0
	for round := range rounds {
		for i := range 40 { // 360 ops: 72 batches of five
			a.visit(ents[(round+i)%3].ID, "走访")
		}
		queued := outboxIDs(t, a.s)
		for _, id := range queued {
			made[id] = true
		}
		a.s.Close()
		more, within := rng.IntN(16), time.Duration(rng.IntN(3000))*time.Microsecond
		k := killAfterAcks(t, a.path, 1+more, within)
		a.open()
		counts := logCounts(t, h.cur())
		atHQ := 0
		for _, id := range queued {
			if counts[id] > 0 {
				atHQ++
			}
		}
		left := outboxIDs(t, a.s)
		again := 0 // at HQ, but the answer was not stored: sent again below
		for _, id := range left {
			if counts[id] > 0 {
				again++
			}
		}
		t.Logf("round %d: killed after %d answered pushes + %v (%s); %d of %d queued ops at HQ, %d still queued, %d of them at HQ",
			round, 1+more, within, k, atHQ, len(queued), len(left), again)
		if atHQ == 0 {
			t.Fatalf("round %d: HQ's log holds none of the round's ops: the kill came before any push", round)
		}
		if len(left) > 0 {
			midPush++
		}
		resent += again
	}
	if midPush == 0 {
		t.Fatalf("no kill in %d rounds left ops queued: the child was never killed while pushing", rounds)
	}
	t.Logf("%d of %d kills mid-push; %d ops at HQ but still queued (their answers lost)", midPush, rounds, resent)
	a.timeout(laptopTimeout)
	a.mustSync()
	counts := logCounts(t, h.cur())
	for id := range made {
		if counts[id] != 1 {
			t.Fatalf("op %s logged %d times", id, counts[id])
		}
	}
	if a.pending() != 0 {
		t.Fatal("outbox not empty")
	}
	sameData(t, "after kills", a.s, h.cur().Store())
}

// killAfterAcks runs a child that syncs the laptop database at path,
// waits until HQ has answered acks of its pushes, waits within longer
// (where in a batch the kill lands: not a wait for anything), and kills
// it. It says how the child ended.
func killAfterAcks(t *testing.T, path string, acks int, within time.Duration) string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+path)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 1024)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	// The guard only stops a hung child; a passing run never waits on it.
	guard := time.NewTimer(2 * time.Minute)
	defer guard.Stop()
	seen, finished := 0, false
	for seen < acks && !finished {
		select {
		case l, ok := <-lines:
			switch {
			case !ok || l == "done":
				finished = true
			case strings.HasPrefix(l, "acked "):
				seen++
			}
		case <-guard.C:
			_ = cmd.Process.Kill()
			t.Fatalf("the child answered %d pushes in 2 minutes: %s", seen, stderr.String())
		}
	}
	if !finished {
		time.Sleep(within)
		_ = cmd.Process.Kill()
	}
	for l := range lines { // until the child's end closes its stdout
		finished = finished || l == "done"
	}
	_ = cmd.Wait()
	st := cmd.ProcessState
	if ws, ok := st.Sys().(syscall.WaitStatus); ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL {
		return "killed"
	}
	if st.ExitCode() != 0 {
		t.Fatalf("the child failed (%s): %s", st, stderr.String())
	}
	if seen == 0 {
		t.Fatalf("the child ended without a push answered: %s", stderr.String())
	}
	return "ended by itself"
}
