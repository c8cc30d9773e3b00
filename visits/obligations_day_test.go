package visits

import (
	"crypto/sha256"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/visits/visitstest/testseed"
)

// randomInputs makes n varied obligation inputs: qualifications of every
// kind issued around on, stages and batches, HQ's batches and tech-SME
// window or none, needs of every severity and status, visits of every
// occasion, a calendar or none.
func randomInputs(rng *rand.Rand, n int, on Date) []ObligationInput {
	cal, err := ParseCalendar([]byte(nationalDay2026))
	if err != nil {
		panic(err)
	}
	onNum, _ := dayNum(on)
	day := func(spread int) Date { return dateOfNum(onNum - spread + rng.IntN(2*spread+1)) }
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	ins := make([]ObligationInput, n)
	for i := range ins {
		e := Enterprise{Meta: Meta{ID: fmt.Sprintf("e%05d", i)}, Key: rng.IntN(5) == 0}
		if rng.IntN(4) > 0 {
			e.CreatedAt = day(800).Time()
		}
		for range rng.IntN(3) {
			q := Qualification{Kind: pick(TierHNTE, TierProv, TierTSME), Issued: day(1400)}
			if rng.IntN(4) == 0 {
				q.Expires = day(400)
			}
			e.Qualifications = append(e.Qualifications, q)
		}
		e.Stage = pick("", "", StageGuide, StageCultivate, StageMature, StageApply)
		e.Batch = rng.IntN(5) - 1
		if rng.IntN(4) == 0 {
			e.ArrivedOn = day(90)
		}
		if rng.IntN(4) == 0 {
			e.Readiness.RegisteredOn = day(90)
		}
		in := ObligationInput{Enterprise: e, CadenceDays: []int{0, 0, 14, 60}[rng.IntN(4)]}
		if rng.IntN(2) == 0 {
			in.Calendar = cal
		}
		if rng.IntN(3) > 0 {
			in.LastVisit = day(200)
		}
		if rng.IntN(3) == 0 {
			in.Batches = Batches{Year: yearOf(on), Deadlines: [3]Date{day(200), "", day(200)}}
		}
		if rng.IntN(3) == 0 {
			in.TSMEWindow = TSMEWindow{Year: yearOf(on), Opens: day(200)}
		}
		for range rng.IntN(4) {
			in.Visits = append(in.Visits, VisitMark{Date: day(120), Occasions: []string{pick(OccRoutine, OccNewEntry,
				OccQualificationExpiry, OccApplicationNode, OccDifficulty)}})
		}
		for j := range rng.IntN(3) {
			in.Needs = append(in.Needs, Need{Meta: Meta{ID: fmt.Sprintf("n%d", j)}, Title: "t",
				Severity:     pick(SeverityConsult, SeverityGeneral, SeverityComplex, SeverityUrgent),
				Status:       pick(StatusRegistered, StatusAccepted, StatusAssigned, StatusInProgress, StatusReplied, StatusSuspended),
				RegisteredAt: day(60).Time().Add(10 * time.Hour)})
		}
		ins[i] = in
	}
	return ins
}

// TestOwedDayMatchesOwed: one OwedDay shared over thousands of varied
// enterprises (its remembered working days included) gives what Owed
// gives for each, on days across the year. The digest it logs is the same
// as Owed's before OwedDay existed (checked once when it was added:
// seed 7 gives the digest below).
func TestOwedDayMatchesOwed(t *testing.T) {
	seed := int64(testseed.Seed(t))
	for _, s := range []int64{7, seed} {
		rng := rand.New(rand.NewPCG(uint64(s), 2))
		h := sha256.New()
		for _, on := range []Date{"2026-01-05", "2026-03-31", "2026-05-04", "2026-06-15", "2026-09-20", "2026-12-30", "2027-02-01"} {
			ins := randomInputs(rng, 2000, on)
			d := NewOwedDay(on)
			buf := []Obligation{{EnterpriseID: "before"}}
			for i, in := range ins {
				want := Owed(in, on)
				got := d.Owed(in)
				buf = d.Append(buf[:1], in)
				if !reflect.DeepEqual(got, want) || !slices.Equal(buf[1:], want) || buf[0].EnterpriseID != "before" {
					t.Fatalf("seed %d, %s, input %d: OwedDay %v, appended %v, Owed %v", s, on, i, got, buf, want)
				}
				fmt.Fprintln(h, want)
			}
		}
		sum := fmt.Sprintf("%x", h.Sum(nil))
		t.Logf("seed %d: digest %s", s, sum)
		if s == 7 && sum != owedDigest7 {
			t.Errorf("seed 7: digest %s, want %s (the obligations changed)", sum, owedDigest7)
		}
	}
}

const owedDigest7 = "d698c256d4722325ce94bd1e2e1b0d7381e88e4db431b653459be6c76fb5abcd"
