package visits

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Dataset is every record a report or an export reads. A laptop passes its
// own records; HQ passes the district's.
type Dataset struct {
	Officers     []Officer     `json:"officers"`
	Enterprises  []Enterprise  `json:"enterprises"`
	Assignments  []Assignment  `json:"assignments"`
	Visits       []Visit       `json:"visits"`
	Needs        []Need        `json:"needs"`
	Events       []NeedEvent   `json:"need_events"`
	FollowUps    []FollowUp    `json:"followups"`
	Applications []Application `json:"applications"`
}

// Week is an ISO 8601 week (Monday to Sunday), counted in Asia/Shanghai.
// The zero value is not a valid week.
type Week struct {
	Year int // ISO year, which differs from the calendar year around 1 January
	Num  int // 1..53
}

// WeekOf returns the ISO week that contains d.
func WeekOf(d Date) Week {
	y, n := d.Time().ISOWeek()
	return Week{Year: y, Num: n}
}

// ParseWeek parses "2026-W48" (also "2026W48" and lower case "w").
func ParseWeek(s string) (Week, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	ys, ns, ok := strings.Cut(strings.Replace(t, "-W", "W", 1), "W")
	y, err1 := strconv.Atoi(ys)
	n, err2 := strconv.Atoi(ns)
	if !ok || err1 != nil || err2 != nil || len(ys) != 4 || y < 1000 {
		return Week{}, fmt.Errorf("week %q: want YYYY-Www, e.g. 2026-W48", s)
	}
	w := Week{Year: y, Num: n}
	if n < 1 || WeekOf(w.Start()) != w {
		return Week{}, fmt.Errorf("week %q: %d has no week %d", s, y, n)
	}
	return w, nil
}

// String returns "2026-W48".
func (w Week) String() string { return fmt.Sprintf("%04d-W%02d", w.Year, w.Num) }

// MarshalText writes the week as "2026-W48".
func (w Week) MarshalText() ([]byte, error) { return []byte(w.String()), nil }

// UnmarshalText reads "2026-W48".
func (w *Week) UnmarshalText(b []byte) error {
	p, err := ParseWeek(string(b))
	if err != nil {
		return err
	}
	*w = p
	return nil
}

// Start returns the Monday of the week.
// It counts day numbers, not time.Time: the report asks it per record.
func (w Week) Start() Date {
	// 4 January is always in ISO week 1; 1970-01-01 (day 0) was a Thursday.
	jan4 := daysFromCivil(w.Year, 1, 4)
	back := ((jan4+3)%7 + 7) % 7 // days since Monday
	return dateOfNum(jan4 - back + 7*(w.Num-1))
}

// End returns the Sunday of the week.
func (w Week) End() Date {
	n, _ := dayNum(w.Start())
	return dateOfNum(n + 6)
}

// Prev returns the week before.
func (w Week) Prev() Week { return WeekOf(w.Start().AddDays(-7)) }

// Contains reports whether d falls in the week.
func (w Week) Contains(d Date) bool { return d >= w.Start() && d <= w.End() }

// ReportOptions are the inputs of a report that are not records.
type ReportOptions struct {
	District    string    // shown in the header
	GeneratedAt time.Time // when the report is made
	GeneratedBy string    // officer name or "HQ"
	DataAsOf    time.Time // last successful sync; zero: never synced
	Calendar    *Calendar // working days; nil: the built-in one, Mon–Fri for years it lacks (the report says so)
	// BatchDeadlines maps an HNTE batch (1, 2, 3) to its deadline for the
	// year; HQ sets them each year.
	BatchDeadlines map[int]Date
	// Targets are the plan's figures the week is measured against: HQ's
	// (settings targets:YEAR), else DefaultTargets of the week's year.
	Targets []Target
	// Labels are HQ's wording of occasions and units (settings); zero: the
	// built-in labels. The renderers label those codes with it.
	Labels Settings
	// Note is HQ's 下周工作计划 and 存在问题及建议 of the week (settings
	// weekly_note:WEEK); zero: none written.
	Note WeeklyNote
	// YearVisits, when set, is the number of visits from 1 January of
	// the as-of day's year to that day, counted by whoever gathered the
	// records without passing every one of them (store.Reader's
	// WeeklyReportInput counts its index); nil: counted from the records.
	YearVisits *int
}

// ReportInput is everything a weekly report is computed from: the week,
// the records it reads and the options. store.Reader.WeeklyReportInput
// assembles it for the CLI, the TUI and HQ alike. Data may hold only the
// records (and, of some, only the fields) the report of Week reads: it is
// not an export.
type ReportInput struct {
	Week    Week
	Data    Dataset
	Options ReportOptions
}

// Report computes the report of the input.
func (in ReportInput) Report() Report { return WeeklyReport(in.Data, in.Week, in.Options) }

// ReportAsOf is the day a report of w made at generatedAt counts states
// (open, overdue, list membership) on: the week's Sunday, or the day of
// generatedAt when that falls inside the week.
func ReportAsOf(w Week, generatedAt time.Time) Date {
	if g := DateOf(generatedAt); !generatedAt.IsZero() && w.Contains(g) {
		return g
	}
	return w.End()
}

// Report is the 周调度/周报告. It holds codes and numbers only; labels are
// chosen by the renderers.
type Report struct {
	Week        Week      `json:"week"`
	WeekStart   Date      `json:"week_start"`
	WeekEnd     Date      `json:"week_end"`
	AsOf        Date      `json:"as_of"` // the day counts refer to: week end, or generation day when earlier
	District    string    `json:"district"`
	GeneratedAt time.Time `json:"generated_at"`
	GeneratedBy string    `json:"generated_by"`
	DataAsOf    time.Time `json:"data_as_of"`
	// DefaultCalendar is true when working days were counted Monday to Friday
	// because no calendar (imported or built-in) covers the year of AsOf.
	DefaultCalendar bool `json:"default_calendar"`
	// Labels are HQ's wording of occasions and units (ReportOptions.Labels).
	Labels Settings `json:"-"`

	Visits    VisitFigures    `json:"visits"`
	Coverage  CoverageFigures `json:"coverage"`
	Lists     []ListFigure    `json:"lists"`
	Needs     NeedFigures     `json:"needs"`
	Revisits  RevisitFigures  `json:"revisits"`
	Pipeline  PipelineFigures `json:"pipeline"`
	Decisions []DecisionItem  `json:"decisions"`
	Rows      []PipelineRow   `json:"rows"`

	// The plan's figures (report_plan.go, report_year.go,
	// report_people.go).
	Targets       []TargetFigure      `json:"targets"`
	Tiers         []TierFigure        `json:"tiers"`
	Funnel        []FunnelRow         `json:"funnel"`
	Year          YearFigures         `json:"year"`
	Jinanchoupan  JinanchoupanFigures `json:"jinanchoupan"`
	NeedMatrix    []NeedMatrixRow     `json:"need_matrix"`
	OverdueByUnit []CodeFigure        `json:"overdue_by_unit"`
	ReadinessGaps []GapFigure         `json:"readiness_gaps"`
	ByOfficer     []AreaFigure        `json:"by_officer"`
	ByStreet      []AreaFigure        `json:"by_street"`
	ByUnit        []AreaFigure        `json:"by_unit"`
	NextWeekPlan  string              `json:"next_week_plan"`
	Problems      string              `json:"problems"`
}

// Figure is a count this week and the same count last week.
type Figure struct {
	Value int `json:"value"`
	Prev  int `json:"last_week"`
	// NoPrev is set when last week's value cannot be known because the
	// data keeps no history of it (cultivation stage and planned batch).
	NoPrev bool `json:"no_last_week,omitempty"`
}

// Change returns Value - Prev (0 when there is no previous value).
func (f Figure) Change() int {
	if f.NoPrev {
		return 0
	}
	return f.Value - f.Prev
}

// CodeFigure is a figure for one code of an enumeration.
type CodeFigure struct {
	Code string `json:"code"`
	Figure
}

// VisitFigures counts visits made in the week, the enterprises they went
// to, and the visits by primary occasion and by method.
type VisitFigures struct {
	Total       Figure       `json:"total"`
	Enterprises Figure       `json:"enterprises"`
	ByOccasion  []CodeFigure `json:"by_occasion"`
	ByMethod    []CodeFigure `json:"by_method"`
}

// CoverageFigures counts assigned enterprises (those with at least one
// 包抓联 assignment) by when they were last visited.
type CoverageFigures struct {
	Assigned     Figure `json:"assigned"`
	VisitedWeek  Figure `json:"visited_week"`
	VisitedMonth Figure `json:"visited_month"` // from the 1st of the month of AsOf
	Never        Figure `json:"never"`
}

// ListFigure is one of the 三清单: its members on AsOf and how many of them
// were visited this year.
type ListFigure struct {
	Code        string `json:"code"`
	Members     Figure `json:"members"`
	VisitedYear Figure `json:"visited_year"`
}

// NeedRow counts needs for one category or lead unit (or all of them).
type NeedRow struct {
	Code    string `json:"code"`
	New     Figure `json:"new"`     // registered in the week
	Closed  Figure `json:"closed"`  // closed in the week
	Overdue Figure `json:"overdue"` // overdue at the end of the week
	Open    Figure `json:"open"`    // not closed, rejected or withdrawn at the end of the week
}

// NeedFigures counts needs in total, by category and by lead unit. A need
// with no lead unit is counted under the code "".
type NeedFigures struct {
	Total      NeedRow   `json:"total"`
	ByCategory []NeedRow `json:"by_category"`
	ByLeadUnit []NeedRow `json:"by_lead_unit"`
}

// Ratio is Num out of Den; its percentage is undefined when Den is 0.
type Ratio struct {
	Num int `json:"num"`
	Den int `json:"den"`
}

// Percent returns 100*Num/Den, and false when Den is 0.
func (r Ratio) Percent() (float64, bool) {
	if r.Den == 0 {
		return 0, false
	}
	return 100 * float64(r.Num) / float64(r.Den), true
}

// RevisitFigures counts revisits (need events carrying a satisfaction
// rating) in the week. The rate is (satisfied + basic) / revisits that
// reached the enterprise: unreached ones are left out of the rate.
type RevisitFigures struct {
	Total          Figure       `json:"total"`
	BySatisfaction []CodeFigure `json:"by_satisfaction"`
	Rate           Ratio        `json:"rate"`
	PrevRate       Ratio        `json:"last_week_rate"`
}

// BatchFigure is one HNTE batch: enterprises planned for it and the days
// from AsOf to its deadline (negative once passed).
type BatchFigure struct {
	Batch    int    `json:"batch"`
	Planned  Figure `json:"planned"`
	Deadline Date   `json:"deadline,omitempty"`
	DaysLeft int    `json:"days_left"`
}

// PipelineFigures counts the HNTE pipeline (enterprises with a cultivation
// stage) by stage and by batch. Stage and batch keep no history, so their
// figures have NoPrev set; the total counts enterprises that were already
// in the pipeline (created) by last week's end.
type PipelineFigures struct {
	Total           Figure        `json:"total"`
	ByStage         []CodeFigure  `json:"by_stage"`
	ByBatch         []BatchFigure `json:"by_batch"`
	NextBatch       int           `json:"next_batch,omitempty"` // 0: no deadline ahead
	NextDeadline    Date          `json:"next_deadline,omitempty"`
	DaysToNextBatch int           `json:"days_to_next_batch"`
}

// Decision kinds.
const (
	DecisionOverdueUrgentNeed  = "overdue_urgent_need"
	DecisionBlockedApplication = "blocked_application"
)

// DecisionItem is something HQ must decide on this week. Age is in days:
// since registration for a need, since the application last changed for a
// blocked application (blockers carry no date of their own).
type DecisionItem struct {
	Kind         string   `json:"kind"`
	RecordID     string   `json:"record_id"`
	EnterpriseID string   `json:"enterprise_id"`
	Enterprise   string   `json:"enterprise"`
	Subject      string   `json:"subject"` // need title, or the blockers joined
	Owner        string   `json:"owner"`   // officer name(s)
	OwnerUnit    string   `json:"owner_unit,omitempty"`
	Due          Date     `json:"due,omitempty"`
	AgeDays      int      `json:"age_days"`
	Details      []string `json:"details,omitempty"`
}

// Progress kinds of a pipeline row.
const (
	ProgressVisit        = "visit"
	ProgressNeedClosed   = "need_closed"
	ProgressFollowUpDone = "followup_done"
)

// ProgressItem is one thing that happened to an enterprise in the week.
// Code is the visit occasion for a visit.
type ProgressItem struct {
	Date Date   `json:"date"`
	Kind string `json:"kind"`
	Code string `json:"code,omitempty"`
	Text string `json:"text"`
}

// NextStep is the enterprise's next promised action: its earliest open
// follow-up, else the plan of its latest visit.
type NextStep struct {
	Due  Date   `json:"due,omitempty"`
	Text string `json:"text"`
}

// PipelineRow is one enterprise in the HNTE pipeline.
type PipelineRow struct {
	EnterpriseID  string         `json:"enterprise_id"`
	Name          string         `json:"name"`
	USCC          string         `json:"uscc"`
	Street        string         `json:"street"`
	Tier          string         `json:"tier"`
	Domain        string         `json:"domain"`
	Lists         []string       `json:"lists"`
	Stage         string         `json:"stage"`
	Batch         int            `json:"batch"`
	Progress      []ProgressItem `json:"progress"`
	ReadinessGaps []string       `json:"readiness_gaps"` // checklist item codes not met or near
	OpenNeeds     int            `json:"open_needs"`
	Liaison       []string       `json:"liaison"`
	Commissioner  []string       `json:"commissioner"`
	NextStep      NextStep       `json:"next_step"`
}
