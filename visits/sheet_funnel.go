package visits

import (
	"strconv"
	"strings"
)

// The import sheet's application funnel columns (issue 11): 申报类型,
// 申报年度, 申报进度 and 进度日期, with 申报批次 (the enterprise's batch,
// also the 高企 application's) and 证书编号/发证日期 (required for
// 认定通过). A cell not understood refuses its row naming the column, as
// the readiness columns do: a wrong step would move the funnel falsely.
//
// On import (PlanApplications): no application of that kind and year →
// one is created at that step (earlier steps are not invented); one at an
// earlier step → the step is recorded; at the same step → unchanged; at a
// later step → kept, with a step_behind warning.

const (
	colAppKind = "app_kind"
	colAppYear = "app_year"
	colAppStep = "app_step"
	colAppDate = "app_date"
)

// Reasons of the funnel columns.
const (
	ReasonMissingCell = "missing_cell" // a funnel cell the row needs is empty; refused
	ReasonStepBehind  = "step_behind"  // warning: the stored application is further on (Detail: its step)
)

func init() {
	importColumns = append(importColumns,
		struct {
			field   string
			headers []string
		}{colAppKind, []string{"申报类型", "申报种类", "申报项目"}},
		struct {
			field   string
			headers []string
		}{colAppYear, []string{"申报年度", "申报年份", "申报年"}},
		struct {
			field   string
			headers []string
		}{colAppStep, []string{"申报进度", "申报状态", "申报阶段"}},
		struct {
			field   string
			headers []string
		}{colAppDate, []string{"进度日期", "进度时间", "申报进度日期"}},
	)
}

// SheetApplication is a row's application cells, parsed.
type SheetApplication struct {
	Kind        string `json:"kind"`
	Year        int    `json:"year"`
	Batch       int    `json:"batch,omitempty"`
	Step        string `json:"step"`
	Date        Date   `json:"date,omitempty"` // empty: the import's day
	Certificate string `json:"certificate,omitempty"`
	Issued      Date   `json:"issued,omitempty"`
}

var appKindAliases = map[string]string{
	"高企": TierHNTE, "高新": TierHNTE, "高新技术企业": TierHNTE, "高新技术企业认定": TierHNTE,
	"省级": "prov", "省级科技创新型企业": "prov", "省科技创新型企业": "prov",
	"科小": "tsme", "科技型中小企业": "tsme", "科技型中小企业评价": "tsme",
}

// parseFunnelCell reads one funnel cell into a; false: not understood.
func parseFunnelCell(a *SheetApplication, f, raw, val string) bool {
	switch f {
	case colAppKind:
		k := normalizeHeader(raw)
		if c, ok := appKindAliases[k]; ok {
			a.Kind = c
			return true
		}
		c, ok := matchTerm(KindAppKind, raw)
		a.Kind = c
		return ok && c != ""
	case colAppYear:
		y, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(val), "年度"), "年"))
		a.Year = y
		return err == nil && y >= MinApplicationYear && y <= MaxApplicationYear
	case colAppStep:
		c, ok := matchTerm(KindFunnelStep, raw)
		a.Step = c
		return ok && c != ""
	case colAppDate:
		d, ok := parseDate(val)
		a.Date = d
		return ok
	}
	return false
}

// finishFunnelRow checks a row's application cells once the row is read;
// headerOf gives the sheet's header text of each column found. It returns
// the refusal, or nil (a is nil when the row has no application cells).
func finishFunnelRow(rowNum int, a *SheetApplication, e *Enterprise, qual *Qualification, headerOf map[string]string) *RowError {
	if a == nil {
		return nil
	}
	missing := func(col, name string) *RowError {
		if h := headerOf[col]; h != "" {
			name = h
		}
		return &RowError{Row: rowNum, Reason: ReasonMissingCell, Column: name}
	}
	switch {
	case a.Kind == "":
		return missing(colAppKind, "申报类型")
	case a.Year == 0:
		return missing(colAppYear, "申报年度")
	case a.Step == "":
		return missing(colAppStep, "申报进度")
	}
	if a.Kind == TierHNTE {
		a.Batch = e.Batch
	}
	if a.Step == StepApproved {
		if qual.Certificate == "" {
			return missing(colCertificate, "证书编号")
		}
		if qual.Issued.IsZero() {
			return missing(colIssued, "发证日期")
		}
		if qual.Kind == "" {
			qual.Kind = a.Kind
		}
		a.Certificate, a.Issued = qual.Certificate, qual.Issued
	}
	return nil
}

// Application plan actions.
const (
	AppCreate    = "create"
	AppAdvance   = "advance"
	AppUnchanged = "unchanged"
	AppBehind    = "behind" // the stored application is further on: kept
)

// PlannedApplication is what an import does to one row's application.
// EnterpriseID is empty for an enterprise the import creates;
// ApplicationID and From are the stored application's, when there is one.
type PlannedApplication struct {
	Row           int              `json:"row"`
	USCC          string           `json:"uscc"`
	EnterpriseID  string           `json:"enterprise_id,omitempty"`
	ApplicationID string           `json:"application_id,omitempty"`
	Action        string           `json:"action"`
	From          string           `json:"from,omitempty"`
	Sheet         SheetApplication `json:"application"`
}

// PlanApplications fills plan.Applications from the parsed rows that carry
// application cells: existing enterprises and their applications apps;
// today is the import's day (a step's default date).
func PlanApplications(plan *ImportPlan, parsed ImportResult, existing []Enterprise, apps []Application, today Date) {
	plan.Applications = []PlannedApplication{}
	byUSCC := map[string]string{}
	for _, e := range existing {
		if k := NormalizeUSCC(e.USCC); k != "" {
			if _, dup := byUSCC[k]; !dup {
				byUSCC[k] = e.ID
			}
		}
	}
	for _, p := range parsed.Rows {
		if p.Application == nil {
			continue
		}
		sa := *p.Application
		if sa.Date.IsZero() {
			sa.Date = today
		}
		pa := PlannedApplication{Row: p.Row, USCC: p.Enterprise.USCC, EnterpriseID: byUSCC[p.Enterprise.USCC], Action: AppCreate, Sheet: sa}
		if pa.EnterpriseID != "" {
			if cur, ok := latestApplication(apps, pa.EnterpriseID, sa.Kind, sa.Year); ok {
				pa.ApplicationID, pa.From = cur.ID, cur.Current()
				switch r, c := stepRank(sa.Step), stepRank(cur.Current()); {
				case sa.Step == cur.Current():
					pa.Action = AppUnchanged
				case r > c && !cur.Ended():
					pa.Action = AppAdvance
				default:
					pa.Action = AppBehind
					plan.Warnings = append(plan.Warnings, RowError{Row: p.Row, Reason: ReasonStepBehind,
						Column: "申报进度", Value: Label(KindFunnelStep, sa.Step, ZH), Detail: cur.Current()})
				}
			}
		}
		plan.Applications = append(plan.Applications, pa)
	}
}

// latestApplication is the enterprise's open application of kind and
// year, or else its latest ended one.
func latestApplication(apps []Application, enterpriseID, kind string, year int) (Application, bool) {
	var last Application
	found := false
	for _, a := range apps {
		if a.EnterpriseID != enterpriseID || a.Kind != kind || a.Year != year {
			continue
		}
		if !a.Ended() {
			return a, true
		}
		last, found = a, true
	}
	return last, found
}
