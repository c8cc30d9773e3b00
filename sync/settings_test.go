package sync

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// Settings changed at HQ reach a laptop on its next sync, whatever its
// scope, and change its due dates and its weekly report; the laptop
// cannot change them: its Writer refuses, and HQ refuses a pushed setting
// op (forbidden), an admin's laptop's too.
func TestSettingsReachLaptops(t *testing.T) {
	h := newTestHQ(t, false)
	ents := h.enterprises(1)
	h.officer("wang", visits.RoleLiaison, ents)
	h.officer("boss", visits.RoleAdmin, []visits.Enterprise{})
	a := h.laptop("wang", 0)

	// 2025 is not in the built-in calendar: Monday to Friday. A general
	// need registered on Friday 2025-03-07 is due for a reply on Wednesday.
	reg := time.Date(2025, 3, 7, 10, 0, 0, 0, visits.Shanghai)
	addNeed := func() visits.Need {
		n := &visits.Need{EnterpriseID: ents[0].ID, Category: "finance", Severity: visits.SeverityGeneral, Title: "融资", RegisteredAt: reg}
		a.update(func(w *store.Writer) error { return w.AddNeed(n) })
		return *n
	}
	if n := addNeed(); n.ReplyDue != "2025-03-12" {
		t.Fatalf("before HQ's calendar: reply due %s, want 2025-03-12", n.ReplyDue)
	}
	var in visits.ReportInput
	week := visits.WeekOf("2025-03-12")
	report := func() {
		t.Helper()
		err := a.s.View(func(r *store.Reader) (err error) {
			in, err = r.WeeklyReportInput(week, store.WeeklyReportOptions{GeneratedAt: reg})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	report()
	if in.Options.District != "" || in.Options.Targets[0].Value != 35 || in.Options.BatchDeadlines[1] != "2025-06-30" {
		t.Fatalf("before HQ's settings: %+v", in.Options)
	}

	// HQ makes Monday and Tuesday holidays, names the district, raises a
	// target, moves the first batch and writes the week's note.
	cal := visits.CalendarYear{Name: "HQ 2025", Holidays: []visits.Date{"2025-03-10", "2025-03-11"}, Workdays: []visits.Date{}}
	targets := visits.DefaultTargets(2025)
	targets[0].Value = 40
	err := h.cur().SetSettings(map[string]json.RawMessage{
		"district":                     mustRaw(t, "城关区"),
		"calendar:2025":                mustRaw(t, cal),
		"batches:2025":                 mustRaw(t, []string{"2025-05-30", "2025-08-15", "2025-09-30"}),
		"targets:2025":                 mustRaw(t, targets),
		"weekly_note:" + week.String(): mustRaw(t, visits.WeeklyNote{Plan: "走访10家", Problems: "资金不足"}),
		"wording":                      mustRaw(t, visits.Wording{"occasion": {"difficulty": {ZH: "遇困难必访"}}}),
	})
	if err != nil {
		t.Fatal(err)
	}
	a.mustSync()

	if n := addNeed(); n.ReplyDue != "2025-03-14" {
		t.Errorf("after HQ's calendar: reply due %s, want 2025-03-14 (10th and 11th are holidays)", n.ReplyDue)
	}
	_ = a.s.View(func(r *store.Reader) error {
		if c := r.Calendar(); c.IsWorkday("2025-03-10") || c.NameFor("2025-03-10") != "HQ 2025" {
			t.Errorf("calendar in force: workday %v, name %q", c.IsWorkday("2025-03-10"), c.NameFor("2025-03-10"))
		}
		// The built-in 2026 calendar still counts 2026.
		if c := r.Calendar(); c.IsWorkday("2026-10-07") || !c.IsWorkday("2026-10-08") || !c.IsWorkday("2026-10-10") {
			t.Errorf("2026 is no longer the built-in calendar")
		}
		if l := r.Settings().Label(visits.KindOccasion, visits.OccDifficulty, visits.ZH); l != "遇困难必访" {
			t.Errorf("wording: %q", l)
		}
		return nil
	})
	report()
	o := in.Options
	if o.District != "城关区" || o.Targets[0].Code != visits.TargetNewHNTE || o.Targets[0].Value != 40 ||
		o.BatchDeadlines[1] != "2025-05-30" || o.Note.Plan != "走访10家" || o.Note.Problems != "资金不足" {
		t.Errorf("report options after HQ's settings: %+v", o)
	}
	rep := in.Report()
	if rep.District != "城关区" || rep.NextWeekPlan != "走访10家" || rep.Problems != "资金不足" {
		t.Errorf("report: district %q, plan %q, problems %q", rep.District, rep.NextWeekPlan, rep.Problems)
	}
	found := false
	for _, f := range rep.Targets {
		if f.Code == visits.TargetNewHNTE {
			found = true
			if f.Target != 40 {
				t.Errorf("report's new_hnte target %v, want HQ's 40", f.Target)
			}
		}
	}
	if !found {
		t.Errorf("report has no new_hnte target: %+v", rep.Targets)
	}

	// The laptop cannot change them.
	pending := a.pending()
	err = a.s.Update(func(w *store.Writer) error {
		return w.Save(&visits.Setting{Meta: visits.Meta{ID: "district"}, Value: mustRaw(t, "别的区")})
	})
	if !errors.Is(err, store.ErrSettingAtHQ) || a.pending() != pending {
		t.Errorf("local write of a setting: %v, %d pending, was %d", err, a.pending(), pending)
	}
	for _, who := range []string{"wang", "boss"} {
		op := store.Op{OpID: store.NewID(), Type: visits.TypeSetting, ID: "district", Field: "value", Value: mustRaw(t, "别的区"),
			Stamp: a.s.Clock().Now(), Resolves: []string{}}
		res := rawPush(t, h, h.tokens[who], []store.Op{op})
		if res[0].Status != store.StatusRejected || res[0].Error == nil || res[0].Error.Code != "forbidden" {
			t.Errorf("%s's push of a setting: %+v", who, res[0])
		}
	}
	_ = h.cur().Store().View(func(r *store.Reader) error {
		if d := r.Settings().District; d != "城关区" {
			t.Errorf("HQ's district is now %q", d)
		}
		return nil
	})

	// A setting cleared at HQ gives the built-in rule back.
	if err := h.cur().SetSettings(map[string]json.RawMessage{"calendar:2025": json.RawMessage("null")}); err != nil {
		t.Fatal(err)
	}
	a.mustSync()
	if n := addNeed(); n.ReplyDue != "2025-03-12" {
		t.Errorf("after HQ cleared its calendar: reply due %s, want 2025-03-12", n.ReplyDue)
	}
}

func mustRaw(t *testing.T, v any) json.RawMessage {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
