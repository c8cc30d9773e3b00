package sync

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// The funnel's fields as a hostile officer pushes them to a real HQ
// (store/fieldvalues.go): an application's steps, its certificate, an
// enterprise's qualifications, readiness and flags. Every value below
// breaks a rule the laptop's own Writer applies, so HQ refuses it
// (bad_op) and the honest laptop sharing an enterprise keeps syncing.

// hostileApplication pushes a new 高企 application of hei's own enterprise
// and returns its id.
func hostileApplication(t *testing.T, w *hostileWorld, s *stamper) string {
	t.Helper()
	id := store.NewID()
	var ops []hop
	for _, f := range [][2]string{{"enterprise_id", jsonStr(w.own)}, {"kind", jsonStr(visits.TierHNTE)}, {"year", "2026"}} {
		ops = append(ops, hop{OpID: store.NewID(), Type: visits.TypeApplication, ID: id, Field: f[0], Value: f[1], Stamp: s.next()})
	}
	ans := hostilePush(t, w, ops)
	for i, r := range ans.Results {
		if r.Status != store.StatusApplied {
			t.Fatalf("application op %d: %s %+v", i, r.Status, r.Error)
		}
	}
	return id
}

func TestHostileFunnelValues(t *testing.T) {
	w := newHostileWorld(t, t.TempDir())
	defer w.close()
	s := newStamper()
	app := hostileApplication(t, w, s)
	step := func(step, date, by string) string {
		return fmt.Sprintf(`{"step":%q,"date":%q,"by":%q}`, step, date, by)
	}
	many := make([]string, 10000)
	for i := range many {
		many[i] = step(visits.StepPlanned, "2026-01-01", "hei")
	}
	cases := []struct{ what, typ, id, field, value string }{
		{"steps going back", visits.TypeApplication, app, "steps",
			"[" + step(visits.StepSubmitted, "2026-01-02", "hei") + "," + step(visits.StepPlanned, "2026-01-03", "hei") + "]"},
		{"a step repeated", visits.TypeApplication, app, "steps",
			"[" + step(visits.StepPlanned, "2026-01-02", "hei") + "," + step(visits.StepPlanned, "2026-01-03", "hei") + "]"},
		{"a step after approval", visits.TypeApplication, app, "steps",
			"[" + step(visits.StepApproved, "2026-01-02", "hei") + "," + step(visits.StepDenied, "2026-01-03", "hei") + "]"},
		{"dates going back", visits.TypeApplication, app, "steps",
			"[" + step(visits.StepPlanned, "2026-01-05", "hei") + "," + step(visits.StepSubmitted, "2026-01-03", "hei") + "]"},
		{"an unknown step", visits.TypeApplication, app, "steps", "[" + step("bribed", "2026-01-02", "hei") + "]"},
		{"a step without a date", visits.TypeApplication, app, "steps", "[" + step(visits.StepPlanned, "", "hei") + "]"},
		{"a step dated 2026-02-30", visits.TypeApplication, app, "steps", "[" + step(visits.StepPlanned, "2026-02-30", "hei") + "]"},
		{"by with a NUL", visits.TypeApplication, app, "steps", `[{"step":"planned","date":"2026-01-01","by":"h\u0000i"}]`},
		{"10,000 steps", visits.TypeApplication, app, "steps", "[" + strings.Join(many, ",") + "]"},
		{"steps a text", visits.TypeApplication, app, "steps", `"approved"`},
		{"a note of 5,000 characters", visits.TypeApplication, app, "steps",
			`[{"step":"planned","date":"2026-01-01","note":"` + strings.Repeat("长", 5000) + `"}]`},
		{"a certificate of 10 KB", visits.TypeApplication, app, "certificate", jsonStr(strings.Repeat("G", 10<<10))},
		{"a certificate with an escape", visits.TypeApplication, app, "certificate", jsonStr("GR\x1b[31m")},
		{"a qualification of kind none", visits.TypeEnterprise, w.own, "qualifications", `[{"kind":"none"}]`},
		{"a qualification of kind gold", visits.TypeEnterprise, w.own, "qualifications", `[{"kind":"gold","certificate":"X"}]`},
		{"a qualification expiring before issue", visits.TypeEnterprise, w.own, "qualifications",
			`[{"kind":"hnte","certificate":"GR1","issued":"2026-01-01","expires":"2025-01-01"}]`},
		{"a qualification dated 2026-13-01", visits.TypeEnterprise, w.own, "qualifications", `[{"kind":"hnte","issued":"2026-13-01"}]`},
		{"a qualification certificate of 10 KB", visits.TypeEnterprise, w.own, "qualifications",
			`[{"kind":"hnte","certificate":"` + strings.Repeat("G", 10<<10) + `"}]`},
		{"readiness negative staff", visits.TypeEnterprise, w.own, "readiness", `{"staff_total":-5}`},
		{"readiness absurd money", visits.TypeEnterprise, w.own, "readiness", `{"sales_3y":1e300}`},
		{"readiness a part above its whole", visits.TypeEnterprise, w.own, "readiness", `{"staff_total":10,"staff_rd":11}`},
		{"readiness income above total", visits.TypeEnterprise, w.own, "readiness", `{"high_tech_income":2,"total_income":1}`},
		{"readiness score 101", visits.TypeEnterprise, w.own, "readiness", `{"innovation_score":101}`},
		{"readiness staff as a text", visits.TypeEnterprise, w.own, "readiness", `{"staff_total":"100"}`},
		{"readiness staff 1.5", visits.TypeEnterprise, w.own, "readiness", `{"staff_total":1.5}`},
		{"readiness a list", visits.TypeEnterprise, w.own, "readiness", `[1,2]`},
		{"readiness date 2026-02-30", visits.TypeEnterprise, w.own, "readiness", `{"registered_on":"2026-02-30"}`},
		{"an application of kind gold", visits.TypeApplication, app, "kind", `"gold"`},
		{"an application of year 99999", visits.TypeApplication, app, "year", `99999`},
		{"an application of batch 7", visits.TypeApplication, app, "batch", `7`},
		{"an application of batch -1", visits.TypeApplication, app, "batch", `-1`},
		{"a flag holding a text", visits.TypeEnterprise, w.own, "above_size", `"yes"`},
		{"a flag holding a number", visits.TypeEnterprise, w.own, "little_giant", `1`},
	}
	for _, c := range cases {
		ans := hostilePush(t, w, []hop{{OpID: store.NewID(), Type: c.typ, ID: c.id, Field: c.field, Value: c.value, Stamp: s.next()}})
		wantCode(t, ans, 0, "bad_op", c.what)
	}
	honestOK(t, w)
}

// Steps judged on the field as HQ holds it: a push may add steps after
// the ones it starts from, recorded by the pusher and not in the future;
// it may not drop or rewrite recorded steps, forge who recorded a step,
// name a base HQ never held, approve without a certificate, or clear an
// approved application's certificate. li's honest laptop records a step
// on the shared enterprise's application after hei's and is not refused.
func TestHostileFunnelSteps(t *testing.T) {
	w := newHostileWorld(t, t.TempDir())
	defer w.close()
	s := newStamper()
	app := hostileApplication(t, w, s)
	today := visits.DateOf(time.Now())
	st := func(step string, days int, by string) string {
		return fmt.Sprintf(`{"step":%q,"date":%q,"by":%q}`, step, today.AddDays(days), by)
	}
	list := func(steps ...string) string { return "[" + strings.Join(steps, ",") + "]" }
	push := func(field, value, base string, resolves ...string) (pushAnswer, string) {
		stamp := s.next()
		return hostilePush(t, w, []hop{{OpID: store.NewID(), Type: visits.TypeApplication, ID: app, Field: field,
			Value: value, Stamp: stamp, Base: base, Resolves: resolves}}), stamp
	}
	applied := func(ans pushAnswer, what string) {
		t.Helper()
		if r := ans.Results[0]; r.Status != store.StatusApplied {
			t.Fatalf("%s: %s %+v, want applied", what, r.Status, r.Error)
		}
	}
	planned := st(visits.StepPlanned, -10, "hei")
	ans, b1 := push("steps", list(planned), "")
	applied(ans, "the first step")
	submitted := st(visits.StepSubmitted, -5, "hei")
	ans, b2 := push("steps", list(planned, submitted), b1)
	applied(ans, "a second step")

	ans, _ = push("steps", list(planned), b2)
	wantCode(t, ans, 0, "bad_op", "steps going back to planned")
	ans, _ = push("steps", "null", b2)
	wantCode(t, ans, 0, "bad_op", "steps cleared")
	ans, _ = push("steps", list(st(visits.StepPlanned, -9, "hei"), submitted, st(visits.StepReview, -1, "hei")), b2)
	wantCode(t, ans, 0, "bad_op", "an earlier step's date rewritten")
	ans, _ = push("steps", list(planned, submitted, st(visits.StepReview, -1, "li")), b2)
	wantCode(t, ans, 0, "forbidden", "a step recorded as li's")
	ans, _ = push("steps", list(planned, submitted, st(visits.StepReview, -1, "")), b2)
	wantCode(t, ans, 0, "forbidden", "a step recorded by nobody")
	ans, _ = push("steps", list(planned, submitted, st(visits.StepReview, 30, "hei")), b2)
	wantCode(t, ans, 0, "bad_op", "a step dated next month")
	ans, _ = push("steps", list(planned, submitted, st(visits.StepReview, -1, "hei")), store.FormatStamp(1, 1, "devhei"))
	wantCode(t, ans, 0, "unknown_base", "a base HQ never held")
	ans, _ = push("steps", list(planned, submitted, st(visits.StepApproved, 0, "hei")), b2)
	wantCode(t, ans, 0, "bad_op", "approved without a certificate")

	// The approval as the laptop sends it: certificate and issue date first.
	c := hostilePush(t, w, []hop{
		{OpID: store.NewID(), Type: visits.TypeApplication, ID: app, Field: "certificate", Value: jsonStr("GR202662000001"), Stamp: s.next()},
		{OpID: store.NewID(), Type: visits.TypeApplication, ID: app, Field: "issued", Value: jsonStr(string(today)), Stamp: s.next()},
	})
	applied(pushAnswer{Results: c.Results[:1]}, "certificate")
	applied(pushAnswer{Results: c.Results[1:]}, "issued")
	ans, b3 := push("steps", list(planned, submitted, st(visits.StepApproved, 0, "hei")), b2)
	applied(ans, "approved with a certificate")
	ans, _ = push("certificate", jsonStr(""), "")
	wantCode(t, ans, 0, "bad_op", "an approved application's certificate cleared")
	ans, _ = push("steps", list(planned, submitted, st(visits.StepApproved, 0, "hei"), st(visits.StepDenied, 0, "hei")), b3)
	wantCode(t, ans, 0, "bad_op", "a step after approval")
	honestOK(t, w)
}

// li records the next step of an application on the shared enterprise
// that hei started: HQ takes it (the prefix is hei's, the new step li's).
func TestHostileFunnelHonestAfterOther(t *testing.T) {
	w := newHostileWorld(t, t.TempDir())
	defer w.close()
	s := newStamper()
	app := store.NewID()
	today := visits.DateOf(time.Now())
	var ops []hop
	for _, f := range [][2]string{{"enterprise_id", jsonStr(w.shared)}, {"kind", jsonStr(visits.TierHNTE)}, {"year", "2026"},
		{"steps", fmt.Sprintf(`[{"step":"planned","date":%q,"by":"hei"}]`, today.AddDays(-3))}} {
		ops = append(ops, hop{OpID: store.NewID(), Type: visits.TypeApplication, ID: app, Field: f[0], Value: f[1], Stamp: s.next()})
	}
	ans := hostilePush(t, w, ops)
	for i, r := range ans.Results {
		if r.Status != store.StatusApplied {
			t.Fatalf("op %d: %s %+v", i, r.Status, r.Error)
		}
	}
	honestOK(t, w)
	if err := w.honest.Update(func(wr *store.Writer) error {
		_, err := wr.RecordApplicationStep(app, visits.ApplicationStep{Step: visits.StepSubmitted, Date: today}, visits.Qualification{})
		if err != nil {
			return err
		}
		_, err = wr.RecordApplicationStep(app, visits.ApplicationStep{Step: visits.StepApproved, Date: today},
			visits.Qualification{Certificate: "GR202662000002", Issued: today})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	honestOK(t, w)
	if n := w.pending(); n != 0 {
		t.Fatalf("%d ops left in li's outbox", n)
	}
	_ = w.honest.View(func(r *store.Reader) error {
		rej, err := r.RejectedOps()
		if err != nil || len(rej) != 0 {
			t.Errorf("li's rejected: %+v %v", rej, err)
		}
		return nil
	})
}

// hei grants his own enterprise 高企 by pushing a qualification: HQ
// refuses it (forbidden) until an application of that enterprise is
// approved with that certificate; then it takes it, and refuses a push
// that drops it or adds another certificate besides.
func TestHostileQualificationOnlyByApproval(t *testing.T) {
	w := newHostileWorld(t, t.TempDir())
	defer w.close()
	s := newStamper()
	today := visits.DateOf(time.Now())
	q := fmt.Sprintf(`{"kind":"hnte","certificate":"GR202662000007","issued":%q,"expires":%q}`, today, today.AddDays(3*365))
	pushQ := func(value, base string) (pushAnswer, string) {
		stamp := s.next()
		return hostilePush(t, w, []hop{{OpID: store.NewID(), Type: visits.TypeEnterprise, ID: w.own, Field: "qualifications",
			Value: value, Stamp: stamp, Base: base}}), stamp
	}
	ans, _ := pushQ("["+q+"]", "")
	wantCode(t, ans, 0, "forbidden", "a 高企 qualification without an approved application")

	app := hostileApplication(t, w, s)
	ops := []hop{
		{OpID: store.NewID(), Type: visits.TypeApplication, ID: app, Field: "certificate", Value: jsonStr("GR202662000007"), Stamp: s.next()},
		{OpID: store.NewID(), Type: visits.TypeApplication, ID: app, Field: "expires", Value: jsonStr(string(today.AddDays(3 * 365))), Stamp: s.next()},
		{OpID: store.NewID(), Type: visits.TypeApplication, ID: app, Field: "issued", Value: jsonStr(string(today)), Stamp: s.next()},
		{OpID: store.NewID(), Type: visits.TypeApplication, ID: app, Field: "steps",
			Value: fmt.Sprintf(`[{"step":"approved","date":%q,"by":"hei"}]`, today), Stamp: s.next()},
	}
	for i, r := range hostilePush(t, w, ops).Results {
		if r.Status != store.StatusApplied {
			t.Fatalf("approval op %d: %s %+v", i, r.Status, r.Error)
		}
	}
	ans, _ = pushQ(`[{"kind":"hnte","certificate":"GR202662000007","issued":"2020-01-01"}]`, "")
	wantCode(t, ans, 0, "forbidden", "the approved certificate with another issue date")
	ans, b := pushQ("["+q+"]", "")
	if r := ans.Results[0]; r.Status != store.StatusApplied {
		t.Fatalf("the approved application's qualification: %s %+v", r.Status, r.Error)
	}
	ans, _ = pushQ("[]", b)
	wantCode(t, ans, 0, "forbidden", "dropping the qualification")
	ans, _ = pushQ("["+q+`,{"kind":"prov","certificate":"GS1"}]`, b)
	wantCode(t, ans, 0, "forbidden", "adding a 省级 qualification beside it")
	ans, _ = pushQ("["+q+"]", store.FormatStamp(1, 1, "devhei"))
	wantCode(t, ans, 0, "unknown_base", "a base HQ never held")
	honestOK(t, w)
}
