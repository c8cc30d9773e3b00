package store

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/visits"
	"github.com/liaison-dev/liaison/visits/visitstest/testseed"
)

// crashChildEnv makes the test binary act as the child of TestCrashKeepsAcknowledgedVisits.
const crashChildEnv = "LIAISON_CRASH_CHILD_DB"

// TestMain lets the test binary double as a process that writes visits
// until it is killed.
func TestMain(m *testing.M) {
	if path := os.Getenv(crashChildEnv); path != "" {
		crashChild(path)
		return
	}
	os.Exit(m.Run())
}

// crashChild adds visits in a loop, printing each id only after its
// transaction committed: a printed id is an acknowledged save.
func crashChild(path string) {
	s, err := Open(path, Options{LockTimeout: 5 * time.Second})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var entID string
	_ = s.View(func(r *Reader) error {
		es, _ := All[visits.Enterprise](r)
		if len(es) > 0 {
			entID = es[0].ID
		}
		return nil
	})
	out := bufio.NewWriter(os.Stdout)
	for i := 0; ; i++ {
		v := &visits.Visit{EnterpriseID: entID, Occasion: visits.OccRoutine, Method: "on_site",
			At: time.Now().UTC(), Summary: crashSummary(i)}
		if err := s.Update(func(w *Writer) error { return w.AddVisit(v) }); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Fprintf(out, "%s %d\n", v.ID, i)
		out.Flush()
	}
}

func crashSummary(i int) string {
	return fmt.Sprintf("第%d次走访：企业反映“融资难”——需对接银行……", i)
}

func TestCrashKeepsAcknowledgedVisits(t *testing.T) {
	if testing.Short() {
		t.Skip("kills a child process 30 times")
	}
	path := filepath.Join(t.TempDir(), "crash.db")
	s, err := Open(path, Options{})
	must(t, err)
	must(t, s.Update(func(w *Writer) error {
		return w.AddEnterprise(&visits.Enterprise{Name: "兰州测试科技有限公司"}, false)
	}))
	s.Close()

	acked := map[string]int{} // id → index in its child's loop
	rng := rand.New(rand.NewPCG(testSeed(t), 7))
	const rounds = 30
	for round := 0; round < rounds; round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), crashChildEnv+"="+path)
		stdout, err := cmd.StdoutPipe()
		must(t, err)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		must(t, cmd.Start())
		lines := make(chan string, 1024)
		go func() {
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		// Let it write for a random while after its first ack, then kill.
		var deadline <-chan time.Time
		stuck := time.After(30 * time.Second)
	wait:
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					t.Fatalf("child exited early: %s", stderr.String())
				}
				var id string
				var i int
				if _, err := fmt.Sscanf(l, "%s %d", &id, &i); err == nil {
					acked[id] = i
					if deadline == nil {
						deadline = time.After(time.Duration(rng.IntN(80)) * time.Millisecond)
					}
				}
			case <-deadline:
				break wait
			case <-stuck:
				t.Fatalf("child wrote nothing: %s", stderr.String())
			}
		}
		must(t, cmd.Process.Signal(syscall.SIGKILL))
		for l := range lines { // ids printed before the kill landed count too
			var id string
			var i int
			if _, err := fmt.Sscanf(l, "%s %d", &id, &i); err == nil {
				acked[id] = i
			}
		}
		_ = cmd.Wait()
	}

	s, err = Open(path, Options{})
	must(t, err)
	defer s.Close()
	problems, err := s.Check()
	must(t, err)
	if len(problems) > 0 {
		t.Fatalf("check after %d kills: %v", rounds, problems)
	}
	_ = s.View(func(r *Reader) error {
		for id, i := range acked {
			v, err := Get[visits.Visit](r, id)
			if err != nil {
				t.Errorf("acknowledged visit %s lost: %v", id, err)
				continue
			}
			if v.Summary != crashSummary(i) {
				t.Errorf("visit %s summary %q, want %q", id, v.Summary, crashSummary(i))
			}
		}
		if !r.HasPending("visit", anyKey(acked), "summary") {
			t.Error("acknowledged visit has no outbox entry")
		}
		return nil
	})
	t.Logf("%d acknowledged visits survived %d SIGKILLs", len(acked), rounds)
}

// testSeed returns the seed of a random test and logs it
// ($LIAISON_TEST_SEED reruns it).
var testSeed = testseed.Seed

func anyKey(m map[string]int) string {
	for k := range m {
		return k
	}
	return ""
}
