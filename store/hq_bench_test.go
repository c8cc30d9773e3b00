package store

import (
	"fmt"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/visits"
)

// BenchmarkHQPush500 applies one push of 500 ops (50 new visits, whole
// records) in HQ's durable write transaction: the server's share of a
// push, without HTTP. sync's BenchmarkPush10000Visits is 200 of these.
func BenchmarkHQPush500(b *testing.B) { benchHQPush(b, 500, false) }

// BenchmarkHQPushOfficer1000 is a push as a real laptop sends it (less
// HTTP, gzip and the JSON of body and answer): 1,000 ops (HQ's default
// max_ops_per_push until 3 December 2026) by an officer whose scope is
// checked, cpu-ms per 1,000 ops. cmd/liaison's BenchmarkProcessPush10000
// measures the whole.
func BenchmarkHQPushOfficer1000(b *testing.B) { benchHQPush(b, 1000, true) }

// BenchmarkHQPushOfficer2000 is the same at HQ's default max_ops_per_push
// now, 2,000 ops: one commit per 2,000 ops.
func BenchmarkHQPushOfficer2000(b *testing.B) { benchHQPush(b, 2000, true) }

// BenchmarkHQPushOfficer250 is the same with 250 ops per push: against
// the two above it shows what one commit costs.
func BenchmarkHQPushOfficer250(b *testing.B) { benchHQPush(b, 250, true) }

func benchHQPush(b *testing.B, batch int, officer bool) {
	const visitsPerLaptop = 10000
	src, err := Open(filepath.Join(b.TempDir(), "laptop.db"), Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	ent := &visits.Enterprise{Name: "企业"}
	must(b, src.Update(func(w *Writer) error { return w.AddEnterprise(ent, false) }))
	must(b, src.Update(func(w *Writer) error {
		for i := range visitsPerLaptop {
			v := &visits.Visit{EnterpriseID: ent.ID, At: time.Now().Add(-time.Hour), Occasion: visits.OccRoutine,
				Method: "on_site", Summary: fmt.Sprintf("第%d次走访：了解企业研发投入与融资需求", i), Purposes: []string{"policy"}}
			if err := w.AddVisit(v); err != nil {
				return err
			}
		}
		return nil
	}))
	var ops []Op
	must(b, src.View(func(r *Reader) error {
		ps, err := r.PendingOps(0)
		for _, p := range ps {
			ops = append(ops, p.Op)
		}
		return err
	}))
	admin := Principal{ID: "boss", Role: visits.RoleAdmin}
	pusher := admin
	if officer {
		pusher = Principal{ID: "wang", Name: "王建国", Role: visits.RoleLiaison}
	}
	var h *HQ
	next := len(ops)
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		if next+batch > len(ops) {
			b.StopTimer()
			if h != nil {
				h.Close()
			}
			if h, err = OpenHQ(filepath.Join(b.TempDir(), fmt.Sprintf("hq%d.db", i)), Options{}); err != nil {
				b.Fatal(err)
			}
			if _, err := h.Push(admin, ops[:1]); err != nil { // the enterprise
				b.Fatal(err)
			}
			if officer {
				_, err := h.AddOfficer(pusher.ID, pusher.Name, pusher.Role)
				if err == nil {
					err = h.SaveRecords("hq", &visits.Assignment{EnterpriseID: ent.ID, OfficerID: pusher.ID, Role: visits.RoleLiaison})
				}
				if err != nil {
					b.Fatal(err)
				}
			}
			next = 1
			b.StartTimer()
		}
		rs, err := h.Push(pusher, ops[next:next+batch])
		if err != nil {
			b.Fatal(err)
		}
		if rs[0].Status != StatusApplied {
			b.Fatalf("%s: %+v", rs[0].Status, rs[0].Error)
		}
		next += batch
	}
	b.StopTimer()
	cpu := float64((cpuTime() - cpu0).Microseconds()) / 1000 / float64(b.N)
	b.ReportMetric(cpu, "cpu-ms/op")
	b.ReportMetric(cpu*1000/float64(batch), "cpu-ms/kop")
	h.Close()
}

// cpuTime is the CPU time (user and system) this process has used: a
// measure that other processes on a shared machine disturb less than the
// wall clock. (It includes the untimed parts of a benchmark.)
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
