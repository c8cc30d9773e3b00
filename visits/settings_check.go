package visits

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ErrSetting is matched by every error of CheckSetting.
var ErrSetting = errors.New("invalid setting")

// SettingError names the setting and the field of its value that is wrong,
// in Chinese and English.
type SettingError struct {
	ID    string // the setting's id
	Field string // the part of its value ("" for the whole)
	ZH    string
	EN    string
}

func (e *SettingError) Error() string {
	where := e.ID
	if e.Field != "" {
		where += " " + e.Field
	}
	where = PlainText(where, false)
	return fmt.Sprintf("设置 %s：%s（setting %s: %s）", where, e.ZH, where, e.EN)
}

func (e *SettingError) Unwrap() error { return ErrSetting }

// Limits of setting texts, in characters.
const (
	MaxDistrictRunes = 64
	MaxLabelRunes    = 64
	MaxNoteRunes     = 4000
	MaxUnits         = 200
)

// targetUnits are the unit each target code is counted in.
var targetUnits = map[string]string{
	TargetNewHNTE: UnitCount, TargetNewProv: UnitCount, TargetNewTSME: UnitCount,
	TargetHNTE: UnitCount, TargetProv: UnitCount, TargetTSME: UnitCount,
	TargetHNTEAboveSize: UnitCount, TargetHNTEPrivateShare: UnitPercent,
	TargetTSMEPrivateShare: UnitPercent, TargetSpecialized: UnitCount,
}

// annualTargets are the target codes counted per year.
var annualTargets = map[string]bool{TargetNewHNTE: true, TargetNewProv: true, TargetNewTSME: true}

// TargetCodes lists the target codes, in the plan's order.
func TargetCodes() []string {
	return []string{TargetNewHNTE, TargetNewProv, TargetNewTSME, TargetHNTE, TargetProv, TargetTSME,
		TargetHNTEAboveSize, TargetHNTEPrivateShare, TargetTSMEPrivateShare, TargetSpecialized}
}

// TargetUnit returns the unit target code is counted in ("" when unknown).
func TargetUnit(code string) string { return targetUnits[code] }

// TargetAnnual reports whether target code counts one year.
func TargetAnnual(code string) bool { return annualTargets[code] }

// CheckSetting returns why value cannot be the value of setting id, or
// nil. A setting whose id this build does not know checks (a newer HQ's);
// the value of a known one must have exactly its shape (unknown keys are
// refused, so a misspelt key does not silently drop what it held).
func CheckSetting(id string, value []byte) error {
	kind, key, hasKey := strings.Cut(id, ":")
	bad := func(field, zh, en string, args ...any) error {
		return &SettingError{ID: id, Field: field, ZH: fmt.Sprintf(zh, args...), EN: fmt.Sprintf(en, args...)}
	}
	if string(value) == "null" {
		return nil // a cleared setting: the built-in rule again
	}
	decode := func(into any) error {
		dec := json.NewDecoder(bytes.NewReader(value))
		dec.DisallowUnknownFields()
		if err := dec.Decode(into); err != nil {
			return bad("", "值的格式不对（%v）", "the value does not have its shape (%v)", err)
		}
		if dec.More() {
			return bad("", "值后面还有多余内容", "text after the value")
		}
		return nil
	}
	year := 0
	switch kind {
	case SettingCalendar, SettingBatches, SettingTargets, SettingTSMEWindow:
		y, err := strconv.Atoi(key)
		if !hasKey || err != nil || len(key) != 4 || y < 1990 || y > 2200 {
			return bad("", "编号应为 %s:年份，如 %s:2026", "the id must be %s:YEAR, e.g. %s:2026", kind, kind)
		}
		year = y
	case SettingDistrict, SettingUnits, SettingWording:
		if hasKey {
			return bad("", "编号应为 %s", "the id must be %s", kind)
		}
	case SettingWeeklyNote:
		if _, err := ParseWeek(key); !hasKey || err != nil {
			return bad("", "编号应为 weekly_note:周，如 weekly_note:2026-W48", "the id must be weekly_note:WEEK, e.g. weekly_note:2026-W48")
		}
	default:
		return nil
	}
	switch kind {
	case SettingDistrict:
		var s string
		if err := decode(&s); err != nil {
			return err
		}
		return checkLabel(id, "", s, MaxDistrictRunes, true)
	case SettingCalendar:
		var c CalendarYear
		if err := decode(&c); err != nil {
			return err
		}
		return checkCalendarYear(id, year, c)
	case SettingBatches:
		var ds []Date
		if err := decode(&ds); err != nil {
			return err
		}
		if len(ds) != 3 {
			return bad("", "应为三个批次截止日期，实为 %d 个", "three batch deadlines are needed, not %d", len(ds))
		}
		for i, d := range ds {
			f := fmt.Sprintf("batch %d", i+1)
			if p, err := ParseDate(string(d)); err != nil || p != d || d.Year() != year {
				return bad(f, "%q 不是 %d 年的日期（YYYY-MM-DD）", "%q is not a date YYYY-MM-DD of %d", string(d), year)
			}
			if i > 0 && d <= ds[i-1] {
				return bad(f, "%s 应晚于上一批次的 %s", "%s must be after the previous batch's %s", d, ds[i-1])
			}
		}
		return nil
	case SettingTSMEWindow:
		var w TSMEWindowValue
		if err := decode(&w); err != nil {
			return err
		}
		for _, f := range []struct {
			name string
			d    Date
		}{{"opens", w.Opens}, {"closes", w.Closes}} {
			if p, err := ParseDate(string(f.d)); err != nil || p != f.d || f.d.Year() != year {
				return bad(f.name, "%q 不是 %d 年的日期（YYYY-MM-DD）", "%q is not a date YYYY-MM-DD of %d", string(f.d), year)
			}
		}
		if w.Closes < w.Opens {
			return bad("closes", "截止日 %s 早于开始日 %s", "it closes on %s, before it opens on %s", w.Closes, w.Opens)
		}
		return nil
	case SettingTargets:
		var ts []Target
		if err := decode(&ts); err != nil {
			return err
		}
		return checkTargets(id, year, ts)
	case SettingUnits:
		var us []UnitTerm
		if err := decode(&us); err != nil {
			return err
		}
		return checkUnits(id, us)
	case SettingWording:
		var w Wording
		if err := decode(&w); err != nil {
			return err
		}
		return checkWording(id, w)
	case SettingWeeklyNote:
		var n WeeklyNote
		if err := decode(&n); err != nil {
			return err
		}
		if err := checkText(id, "plan", n.Plan, MaxNoteRunes); err != nil {
			return err
		}
		return checkText(id, "problems", n.Problems, MaxNoteRunes)
	}
	return nil
}

// checkLabel: a one-line text of at most max characters, without control
// characters or escapes; required: not empty.
func checkLabel(id, field, s string, max int, required bool) error {
	bad := func(zh, en string, args ...any) error {
		return &SettingError{ID: id, Field: field, ZH: fmt.Sprintf(zh, args...), EN: fmt.Sprintf(en, args...)}
	}
	switch {
	case required && strings.TrimSpace(s) == "":
		return bad("不能为空", "must not be empty")
	case !utf8.ValidString(s):
		return bad("不是 UTF-8 文本", "is not UTF-8 text")
	case utf8.RuneCountInString(s) > max:
		return bad("最多 %d 个字，实为 %d 个", "at most %d characters, not %d", max, utf8.RuneCountInString(s))
	case PlainText(s, false) != s || strings.TrimSpace(s) != s:
		return bad("含控制字符、换行或首尾空格", "holds a control character, a line break or surrounding spaces")
	}
	return nil
}

// checkText: a text of at most max characters; line breaks allowed.
func checkText(id, field, s string, max int) error {
	bad := func(zh, en string, args ...any) error {
		return &SettingError{ID: id, Field: field, ZH: fmt.Sprintf(zh, args...), EN: fmt.Sprintf(en, args...)}
	}
	switch {
	case !utf8.ValidString(s):
		return bad("不是 UTF-8 文本", "is not UTF-8 text")
	case utf8.RuneCountInString(s) > max:
		return bad("最多 %d 个字，实为 %d 个", "at most %d characters, not %d", max, utf8.RuneCountInString(s))
	case PlainText(s, true) != strings.ReplaceAll(s, "\t", " "):
		return bad("含控制字符", "holds a control character")
	}
	return nil
}

func checkCalendarYear(id string, year int, c CalendarYear) error {
	if err := checkLabel(id, "name", c.Name, MaxLabelRunes*2, false); err != nil {
		return err
	}
	if len(c.Holidays)+len(c.Workdays) == 0 {
		return &SettingError{ID: id, ZH: "至少列出一天（节假日或调休上班日）", EN: "list at least one day (a holiday or a worked weekend day)"}
	}
	if _, err := c.calendar(year); err != nil {
		msg := strings.TrimPrefix(err.Error(), ErrCalendar.Error()+": ")
		return &SettingError{ID: id, ZH: "日历有误：" + msg, EN: msg}
	}
	for _, ds := range [][]Date{c.Holidays, c.Workdays} {
		for _, d := range ds {
			if d.Year() != year {
				return &SettingError{ID: id, Field: string(d), ZH: fmt.Sprintf("不在 %d 年", year), EN: fmt.Sprintf("is not in %d", year)}
			}
		}
	}
	return nil
}

// calendar parses one year as a calendar file (docs/calendar.md's checks).
func (c CalendarYear) calendar(year int) (*Calendar, error) {
	f := calendarFile{Name: c.Name, YearFrom: year, Holidays: []string{}, Workdays: []string{}}
	for _, d := range c.Holidays {
		f.Holidays = append(f.Holidays, string(d))
	}
	for _, d := range c.Workdays {
		f.Workdays = append(f.Workdays, string(d))
	}
	raw, err := json.Marshal(f)
	if err != nil {
		return nil, err
	}
	return ParseCalendar(raw)
}

func checkTargets(id string, year int, ts []Target) error {
	seen := map[string]bool{}
	for _, t := range ts {
		f := t.Code
		bad := func(zh, en string, args ...any) error {
			return &SettingError{ID: id, Field: f, ZH: fmt.Sprintf(zh, args...), EN: fmt.Sprintf(en, args...)}
		}
		unit, ok := targetUnits[t.Code]
		switch {
		case !ok:
			return bad("不是目标代码（可用：%s）", "is not a target code (one of %s)", strings.Join(TargetCodes(), ", "))
		case seen[t.Code]:
			return bad("重复出现", "is given twice")
		case t.Unit != unit:
			return bad("单位应为 %s，实为 %q", "unit must be %s, not %q", unit, t.Unit)
		case t.Annual != annualTargets[t.Code]:
			return bad("annual 应为 %t", "annual must be %t", annualTargets[t.Code])
		case t.Annual && t.Year != year:
			return bad("年度目标的年份应为 %d，实为 %d", "an annual target's year must be %d, not %d", year, t.Year)
		case !t.Annual && (t.Year < year || t.Year > year+10):
			return bad("存量目标的年份应在 %d–%d 之间，实为 %d", "a stock target's year must be %d to %d, not %d", year, year+10, t.Year)
		case math.IsNaN(t.Value) || t.Value < 0 || t.Value > 1e6:
			return bad("目标值应为 0 至 1000000 之间的数，实为 %v", "the value must be a number from 0 to 1000000, not %v", t.Value)
		case unit == UnitPercent && t.Value > 100:
			return bad("百分比不能超过 100，实为 %v", "a percentage cannot exceed 100, not %v", t.Value)
		case unit == UnitCount && t.Value != math.Trunc(t.Value):
			return bad("家数应为整数，实为 %v", "a count must be a whole number, not %v", t.Value)
		}
		seen[t.Code] = true
	}
	return nil
}

func checkUnits(id string, us []UnitTerm) error {
	if len(us) == 0 || len(us) > MaxUnits {
		return &SettingError{ID: id, ZH: fmt.Sprintf("应列出 1 至 %d 个单位，实为 %d 个", MaxUnits, len(us)),
			EN: fmt.Sprintf("list 1 to %d units, not %d", MaxUnits, len(us))}
	}
	seen := map[string]bool{}
	for i, u := range us {
		f := fmt.Sprintf("#%d", i+1)
		if err := checkLabel(id, f+" code", u.Code, MaxLabelRunes, true); err != nil {
			return err
		}
		if seen[u.Code] {
			return &SettingError{ID: id, Field: f + " code", ZH: fmt.Sprintf("代码 %s 重复出现", u.Code), EN: fmt.Sprintf("code %s is given twice", u.Code)}
		}
		seen[u.Code] = true
		if err := checkLabel(id, f+" zh", u.ZH, MaxLabelRunes, true); err != nil {
			return err
		}
		if err := checkLabel(id, f+" en", u.EN, MaxLabelRunes*2, false); err != nil {
			return err
		}
	}
	// Codes never change: a built-in unit may be relabelled, not dropped
	// (needs already name it).
	for _, c := range Codes(KindUnit) {
		if !seen[c] {
			return &SettingError{ID: id, Field: c, ZH: "内置单位不能删除（可改名称）", EN: "a built-in unit cannot be removed (its labels may change)"}
		}
	}
	return nil
}

// WordingKinds are the enumerations HQ may reword.
var WordingKinds = []Kind{KindOccasion, KindUnit}

func checkWording(id string, w Wording) error {
	for kind, codes := range w {
		if !slices.Contains(WordingKinds, Kind(kind)) {
			return &SettingError{ID: id, Field: kind, ZH: "只能改六必访事由（occasion）和单位（unit）的名称",
				EN: "only occasion and unit labels may be reworded"}
		}
		for code, words := range codes {
			f := kind + " " + code
			if Kind(kind) == KindOccasion && !Valid(KindOccasion, code) {
				return &SettingError{ID: id, Field: f, ZH: "不是六必访事由代码（可用：" + strings.Join(Codes(KindOccasion), ", ") + "）",
					EN: "is not an occasion code (one of " + strings.Join(Codes(KindOccasion), ", ") + ")"}
			}
			if err := checkLabel(id, f+" code", code, MaxLabelRunes, true); err != nil {
				return err
			}
			if err := checkLabel(id, f+" zh", words.ZH, MaxLabelRunes, false); err != nil {
				return err
			}
			if err := checkLabel(id, f+" en", words.EN, MaxLabelRunes*2, false); err != nil {
				return err
			}
		}
	}
	return nil
}
