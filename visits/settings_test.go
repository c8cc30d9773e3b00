package visits

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func raw(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Every kind of setting: a good value checks, each bad one is refused
// naming the setting and the part that is wrong; an id this build does
// not know, and null (cleared), check.
func TestCheckSetting(t *testing.T) {
	good := map[string]string{
		"district":             `"城关区"`,
		"calendar:2027":        `{"name":"2027","holidays":["2027-10-01"],"workdays":["2027-09-26"]}`,
		"batches:2027":         `["2027-06-20","2027-08-10","2027-09-25"]`,
		"tsme_window:2027":     `{"opens":"2027-03-15","closes":"2027-10-15"}`,
		"targets:2026":         string(raw(t, DefaultTargets(2026))),
		"units":                string(raw(t, Settings{}.UnitTerms())),
		"wording":              `{"occasion":{"difficulty":{"zh":"遇困难必访"}},"unit":{"区科技局":{"en":"S&T Bureau"}}}`,
		"weekly_note:2026-W48": `{"plan":"走访\n十家","problems":""}`,
		"future_thing:x":       `{"anything":1}`,
		"batches:2026":         `null`,
	}
	for id, v := range good {
		if err := CheckSetting(id, []byte(v)); err != nil {
			t.Errorf("%s %s: %v", id, v, err)
		}
	}
	bad := []struct{ id, value, want string }{
		{"district", `""`, "district"},
		{"district", `42`, "district"},
		{"district", `"城关区\u001b[2J"`, "control"},
		{"district", `"` + strings.Repeat("区", 65) + `"`, "64"},
		{"district:x", `"城关区"`, "district"},
		{"calendar", `{"holidays":["2027-10-01"]}`, "calendar:YEAR"},
		{"calendar:2027", `{"holidays":["2028-10-01"],"workdays":[]}`, "2028-10-01"},
		{"calendar:2027", `{"holidays":[],"workdays":[]}`, "at least one day"},
		{"calendar:2027", `{"holidays":["2027-10-01"],"workdays":["2027-10-01"]}`, "already listed"},
		{"calendar:2027", `{"holiday":["2027-10-01"]}`, "holiday"},
		{"batches:2027", `["2027-06-20","2027-08-10"]`, "three"},
		{"batches:2027", `["2027-06-20","2027-06-10","2027-09-25"]`, "batch 2"},
		{"batches:2027", `["2027-06-20","2027-08-10","2027-13-25"]`, "batch 3"},
		{"tsme_window", `{"opens":"2027-03-15","closes":"2027-10-15"}`, "tsme_window:YEAR"},
		{"tsme_window:2027", `{"opens":"2026-03-15","closes":"2027-10-15"}`, "opens"},
		{"tsme_window:2027", `{"opens":"2027-03-15","closes":"2027-02-30"}`, "closes"},
		{"tsme_window:2027", `{"opens":"2027-10-15","closes":"2027-03-15"}`, "before it opens"},
		{"tsme_window:2027", `{"opens":"2027-03-15"}`, "closes"},
		{"tsme_window:2027", `{"opens":"2027-03-15","closes":"2027-10-15","close":"x"}`, "close"},
		{"targets:2026", `[{"code":"nope","year":2026,"value":1,"unit":"count"}]`, "nope"},
		{"targets:2026", `[{"code":"new_hnte","year":2027,"value":1,"unit":"count","annual":true}]`, "new_hnte"},
		{"targets:2026", `[{"code":"new_hnte","year":2026,"value":1,"unit":"percent","annual":true}]`, "unit"},
		{"targets:2026", `[{"code":"hnte_private_share","year":2027,"value":101,"unit":"percent"}]`, "100"},
		{"targets:2026", `[{"code":"hnte","year":2027,"value":1,"unit":"count"},{"code":"hnte","year":2027,"value":2,"unit":"count"}]`, "twice"},
		{"targets:2026", `[{"code":"hnte","year":2025,"value":1,"unit":"count"}]`, "hnte"},
		{"units", `[]`, "1 to"},
		{"units", `[{"code":"区科技局","zh":"区科技局"}]`, "区工信局"},
		{"units", `[{"code":"","zh":"x"}]`, "#1 code"},
		{"wording", `{"occasion":{"nosuch":{"zh":"x"}}}`, "nosuch"},
		{"wording", `{"street":{"x":{"zh":"x"}}}`, "street"},
		{"wording", `{"occasion":{"routine":{"zh":"a\nb"}}}`, "routine zh"},
		{"weekly_note:2026-W60", `{"plan":"x"}`, "weekly_note"},
		{"weekly_note:2026-W48", `{"plan":"` + strings.Repeat("字", 4001) + `"}`, "plan"},
		{"weekly_note:2026-W48", `{"plan":"x","extra":1}`, "extra"},
	}
	for _, c := range bad {
		err := CheckSetting(c.id, []byte(c.value))
		if !errors.Is(err, ErrSetting) || !strings.Contains(err.Error(), c.id) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s %.60s: %v, want an error naming %q", c.id, c.value, err, c.want)
		}
	}
}

// The calendar in force: HQ's years win over the laptop's import, the
// import counts the years HQ did not set, the built-in 2026 calendar the
// rest it covers, Monday to Friday beyond; each year keeps its name.
func TestSettingsCalendarLayers(t *testing.T) {
	local, err := ParseCalendar([]byte(`{"name":"本机","year_from":2027,"holidays":["2027-03-01","2028-03-01"],"workdays":[]}`))
	if err != nil {
		t.Fatal(err)
	}
	var s Settings
	if s.Calendar(local) != local || s.Calendar(nil) != nil {
		t.Fatal("without HQ's calendar the local one (or none) is in force")
	}
	s.Add("calendar:2027", raw(t, CalendarYear{Name: "HQ", Holidays: []Date{"2027-03-02"}}))
	c := s.Calendar(local)
	for _, tc := range []struct {
		day     Date
		workday bool
		name    string
	}{
		{"2027-03-01", true, "HQ"},  // the import's holiday, but HQ set 2027
		{"2027-03-02", false, "HQ"}, // HQ's holiday
		{"2028-03-01", false, "本机"}, // HQ did not set 2028: the import counts it
		{"2026-10-07", false, BuiltinCalendar().Name},
		{"2026-10-10", true, BuiltinCalendar().Name}, // 调休 Saturday
		{"2029-03-01", true, ""},                     // Monday to Friday
	} {
		if c.IsWorkday(tc.day) != tc.workday || c.NameFor(tc.day) != tc.name {
			t.Errorf("%s: workday %v name %q, want %v %q", tc.day, c.IsWorkday(tc.day), c.NameFor(tc.day), tc.workday, tc.name)
		}
	}
	// Reply due three working days after Friday 2027-02-26: 3/1, 3/3, 3/4.
	if r, _ := NeedDue(c, SeverityGeneral, "2027-02-26", false); r != "2027-03-04" {
		t.Errorf("reply due %s, want 2027-03-04", r)
	}
	if !s.CalendarFromHQ("2027-05-05") || s.CalendarFromHQ("2028-05-05") || !local.Lists("2028-01-01") || local.Lists("2026-01-01") {
		t.Error("CalendarFromHQ / Lists")
	}
}

// What HQ did not set falls back to the built-in rule; what it set wins.
func TestSettingsFallBack(t *testing.T) {
	var s Settings
	if s.BatchesFor(2027) != DefaultBatches(2027) || s.TargetsFor(2026)[0].Value != 35 || len(s.UnitTerms()) != len(Terms(KindUnit)) ||
		s.Label(KindOccasion, OccDifficulty, ZH) != Label(KindOccasion, OccDifficulty, ZH) || s.District != "" {
		t.Fatalf("zero settings: %+v", s)
	}
	s.Add("district", []byte(`"城关区"`))
	s.Add("batches:2027", []byte(`["2027-06-20","2027-08-10","2027-09-25"]`))
	s.Add("batches:2028", []byte(`["bad"]`)) // refused: the default stays
	s.Add("wording", []byte(`{"occasion":{"difficulty":{"zh":"遇困难必访"}}}`))
	s.Add("units", raw(t, append(Settings{}.UnitTerms(), UnitTerm{Code: "区农业农村局", ZH: "区农业农村局", EN: "Agriculture"})))
	s.Add("weekly_note:2026-W48", []byte(`{"plan":"走访"}`))
	if s.District != "城关区" || s.BatchesFor(2027).Deadlines[0] != "2027-06-20" || s.BatchesFor(2028) != DefaultBatches(2028) ||
		s.BatchDeadlines(2027)[3] != "2027-09-25" || s.Label(KindOccasion, OccDifficulty, ZH) != "遇困难必访" ||
		s.Label(KindOccasion, OccDifficulty, EN) != Label(KindOccasion, OccDifficulty, EN) ||
		s.Label(KindUnit, "区农业农村局", EN) != "Agriculture" || s.Note(Week{2026, 48}).Plan != "走访" {
		t.Errorf("after Add: %+v", s)
	}
}

// The unit list carries the plan's units.
func TestPlanUnitsBuiltIn(t *testing.T) {
	for _, u := range []string{"区经济合作服务中心", "区委组织部", "区教育局"} {
		if !Valid(KindUnit, u) {
			t.Errorf("unit %s is not built in", u)
		}
	}
}

// HQ's tech-SME window moves the application_node visit owed before it
// closes; a year HQ did not set keeps the default window.
func TestTSMEWindowFromHQ(t *testing.T) {
	var s Settings
	s.Add("tsme_window:2027", []byte(`{"opens":"2027-03-15","closes":"2027-10-15"}`))
	if w := s.TSMEWindowFor(2027); w.Opens != "2027-03-15" || w.Closes != "2027-10-15" {
		t.Fatalf("2027 window %+v, want HQ's", w)
	}
	if w := s.TSMEWindowFor(2028); w != DefaultTSMEWindow(2028) {
		t.Errorf("2028 window %+v, want the default", w)
	}
	due := func(w TSMEWindow) Date {
		in := ObligationInput{Enterprise: Enterprise{Meta: Meta{ID: "e"}, Stage: StageCultivate}, TSMEWindow: w}
		for _, o := range Owed(in, "2027-09-01") {
			if o.Reason == ReasonTSMEWindow {
				return o.Due
			}
		}
		return ""
	}
	hq, def := due(s.TSMEWindowFor(2027)), due(TSMEWindow{})
	if hq == "" || def == "" || hq <= def {
		t.Errorf("owed before the window closes: %q with HQ's window, %q with the default; want HQ's later", hq, def)
	}
}
