package visits

import (
	"encoding/json"
	"strconv"
	"strings"
)

// Settings are the rules HQ sets and every laptop follows: the working-day
// calendar of each year, the HNTE batch deadlines of each year, the plan's
// targets, the district's name, the unit list, HQ's wording of the 六必访
// occasions and of the units, and HQ's 下周工作计划 / 存在问题及建议 of each
// week. Each is one record of type TypeSetting whose id names what it
// sets and whose one field "value" holds it as JSON:
//
//	district              "城关区"
//	calendar:2026         {"name": "…", "holidays": ["2026-10-01", …], "workdays": ["2026-10-10"]}
//	batches:2026          ["2026-06-30", "2026-08-15", "2026-09-30"]
//	tsme_window:2026      {"opens": "2026-03-01", "closes": "2026-09-30"}
//	targets:2026          [{"code": "new_hnte", "year": 2026, "value": 35, "unit": "count", "annual": true}, …]
//	units                 [{"code": "区科技局", "zh": "区科技局", "en": "District S&T Bureau"}, …]
//	wording               {"occasion": {"difficulty": {"zh": "遇困难必访"}}, "unit": {…}}
//	weekly_note:2026-W48  {"plan": "…", "problems": "…"}
//
// HQ writes them (liaison-hq settings); officers cannot (HQ refuses with
// forbidden, a laptop's Writer refuses before anything is queued). A
// laptop uses what HQ last sent and falls back to the built-in rules for
// whatever HQ has not set. CheckSetting is the shape every value must
// have; a setting id this build does not know is kept and ignored (a
// newer HQ's).

// TypeSetting is the record type of HQ's settings.
const TypeSetting = "setting"

// Setting is one of HQ's settings: its id names it (see above), Value
// holds it.
type Setting struct {
	Meta
	Value json.RawMessage `json:"value"`
}

func (*Setting) RecordType() string { return TypeSetting }

// Setting id kinds: the part of the id before ":".
const (
	SettingDistrict   = "district"
	SettingCalendar   = "calendar"
	SettingBatches    = "batches"
	SettingTargets    = "targets"
	SettingUnits      = "units"
	SettingWording    = "wording"
	SettingWeeklyNote = "weekly_note"
	SettingTSMEWindow = "tsme_window"
)

// SettingID makes a setting's id: kind alone, or kind:key (a year, a week).
func SettingID(kind, key string) string {
	if key == "" {
		return kind
	}
	return kind + ":" + key
}

// CalendarYear is one year of HQ's working-day calendar: its days off
// that would be working days and its worked weekend days (docs/calendar.md).
type CalendarYear struct {
	Name     string `json:"name,omitempty"`
	Holidays []Date `json:"holidays"`
	Workdays []Date `json:"workdays"`
}

// UnitTerm is one unit of HQ's unit list: a stable code and its labels.
type UnitTerm struct {
	Code string `json:"code"`
	ZH   string `json:"zh"`
	EN   string `json:"en,omitempty"`
}

// Words are HQ's labels of one code; an empty one keeps the built-in label.
type Words struct {
	ZH string `json:"zh,omitempty"`
	EN string `json:"en,omitempty"`
}

// Wording maps a kind ("occasion", "unit") and a code to HQ's labels.
type Wording map[string]map[string]Words

// WeeklyNote is what HQ writes into a week's report.
type WeeklyNote struct {
	Plan     string `json:"plan,omitempty"`     // 下周工作计划
	Problems string `json:"problems,omitempty"` // 存在问题及建议
}

// Settings is everything HQ has set, as a laptop last received it. The
// zero value is "HQ set nothing": every accessor falls back to the
// built-in rule.
type Settings struct {
	District  string
	Calendars map[int]CalendarYear // by year
	Batches   map[int][3]Date      // by year
	Targets   map[int][]Target     // by the year they are reported in
	Units     []UnitTerm           // nil: the built-in list
	Wording   Wording
	Notes     map[Week]WeeklyNote
	// TSMEWindows: the year's tech-SME evaluation window (科技型中小企业
	// 评价入库), which the province announces each year.
	TSMEWindows map[int]TSMEWindow
}

// TSMEWindowValue is the value of a tsme_window:YEAR setting.
type TSMEWindowValue struct {
	Opens  Date `json:"opens"`
	Closes Date `json:"closes"`
}

// Add reads one setting record into s. A setting that does not check
// (CheckSetting) or whose id this build does not know is skipped.
func (s *Settings) Add(id string, value []byte) {
	if string(value) == "null" || CheckSetting(id, value) != nil {
		return // cleared at HQ, or not readable: the built-in rule
	}
	kind, key, _ := strings.Cut(id, ":")
	year, _ := strconv.Atoi(key)
	switch kind {
	case SettingDistrict:
		_ = json.Unmarshal(value, &s.District)
	case SettingCalendar:
		var c CalendarYear
		if json.Unmarshal(value, &c) == nil {
			if s.Calendars == nil {
				s.Calendars = map[int]CalendarYear{}
			}
			s.Calendars[year] = c
		}
	case SettingBatches:
		var ds []Date
		if json.Unmarshal(value, &ds) == nil && len(ds) == 3 {
			if s.Batches == nil {
				s.Batches = map[int][3]Date{}
			}
			s.Batches[year] = [3]Date{ds[0], ds[1], ds[2]}
		}
	case SettingTargets:
		var ts []Target
		if json.Unmarshal(value, &ts) == nil {
			if s.Targets == nil {
				s.Targets = map[int][]Target{}
			}
			s.Targets[year] = ts
		}
	case SettingTSMEWindow:
		var w TSMEWindowValue
		if json.Unmarshal(value, &w) == nil {
			if s.TSMEWindows == nil {
				s.TSMEWindows = map[int]TSMEWindow{}
			}
			s.TSMEWindows[year] = TSMEWindow{Year: year, Opens: w.Opens, Closes: w.Closes}
		}
	case SettingUnits:
		_ = json.Unmarshal(value, &s.Units)
	case SettingWording:
		_ = json.Unmarshal(value, &s.Wording)
	case SettingWeeklyNote:
		w, err := ParseWeek(key)
		var n WeeklyNote
		if err == nil && json.Unmarshal(value, &n) == nil {
			if s.Notes == nil {
				s.Notes = map[Week]WeeklyNote{}
			}
			s.Notes[w] = n
		}
	}
}

// BatchesFor returns the HNTE batch deadlines of year: HQ's, else the
// defaults (DefaultBatches).
func (s Settings) BatchesFor(year int) Batches {
	if d, ok := s.Batches[year]; ok {
		return Batches{Year: year, Deadlines: d}
	}
	return DefaultBatches(year)
}

// TSMEWindowFor returns the tech-SME evaluation window of year: HQ's,
// else the default (DefaultTSMEWindow).
func (s Settings) TSMEWindowFor(year int) TSMEWindow {
	if w, ok := s.TSMEWindows[year]; ok {
		return w
	}
	return DefaultTSMEWindow(year)
}

// BatchDeadlines is BatchesFor as the report takes it: batch → deadline.
func (s Settings) BatchDeadlines(year int) map[int]Date {
	b := s.BatchesFor(year)
	return map[int]Date{1: b.Deadlines[0], 2: b.Deadlines[1], 3: b.Deadlines[2]}
}

// TargetsFor returns the targets reported in year: HQ's, else the plan's
// (DefaultTargets).
func (s Settings) TargetsFor(year int) []Target {
	if ts, ok := s.Targets[year]; ok {
		return append([]Target(nil), ts...)
	}
	return DefaultTargets(year)
}

// UnitTerms returns the unit list: HQ's, else the built-in one.
func (s Settings) UnitTerms() []UnitTerm {
	if s.Units != nil {
		return append([]UnitTerm(nil), s.Units...)
	}
	var out []UnitTerm
	for _, t := range Terms(KindUnit) {
		out = append(out, UnitTerm{Code: t.Code, ZH: t.ZH, EN: t.EN})
	}
	return out
}

// Label returns the label of code of enumeration k in lang: HQ's wording
// when it has one (for occasions and units; a unit of HQ's list has the
// labels given there), else the built-in label.
func (s Settings) Label(k Kind, code string, lang Lang) string {
	pick := func(w Words) string {
		if lang == EN {
			return w.EN
		}
		return w.ZH
	}
	if l := pick(s.Wording[string(k)][code]); l != "" {
		return l
	}
	if k == KindUnit {
		for _, u := range s.Units {
			if u.Code == code {
				if l := pick(Words{ZH: u.ZH, EN: u.EN}); l != "" {
					return l
				}
			}
		}
	}
	return Label(k, code, lang)
}

// Note returns HQ's note of week (zero: none).
func (s Settings) Note(w Week) WeeklyNote { return s.Notes[w] }
