package render

import (
	"strconv"

	"github.com/liaison-dev/liaison/visits"
)

// Table is one of the report's tables of the plan's figures, laid out for
// every format (and the TUI's 周报 screen): a title, a header row and
// rows of cells. Num marks the columns of figures (aligned right; xlsx
// writes a cell that is a plain number as a number, "12.5%" as text). Every text cell
// that came from a record is one line of plain text (visits.PlainText).
type Table struct {
	Title string
	Head  []string
	Num   []bool
	Rows  [][]string
}

// cell makes a record's text (a name, a street) safe for any format.
func cell(s string) string { return visits.PlainText(s, false) }

func itoa(n int) string { return strconv.Itoa(n) }

func num1(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// targetLabel names a target code.
func targetLabel(code string, lang visits.Lang) string {
	l, ok := map[string][2]string{
		visits.TargetNewHNTE:          {"新认定高新技术企业", "New high-tech enterprises"},
		visits.TargetNewProv:          {"新认定省级科技创新型企业", "New provincial innovative enterprises"},
		visits.TargetNewTSME:          {"入库科技型中小企业", "Tech SMEs listed"},
		visits.TargetHNTE:             {"高新技术企业存量", "High-tech enterprises (stock)"},
		visits.TargetProv:             {"省级科技创新型企业存量", "Provincial innovative enterprises (stock)"},
		visits.TargetTSME:             {"科技型中小企业存量", "Tech SMEs (stock)"},
		visits.TargetHNTEAboveSize:    {"规上高新技术企业", "High-tech enterprises above size"},
		visits.TargetHNTEPrivateShare: {"民营高企占比", "Private share of high-tech enterprises"},
		visits.TargetTSMEPrivateShare: {"民营科小占比", "Private share of tech SMEs"},
		visits.TargetSpecialized:      {"专精特新及小巨人企业", "Specialized enterprises and little giants"},
	}[code]
	if !ok {
		return cell(code)
	}
	return tr(lang, l[0], l[1])
}

// Tables returns the tables of the plan's figures, in reading order.
func Tables(r visits.Report, lang visits.Lang) []Table {
	return []Table{
		targetsTable(r, lang), tiersTable(r, lang), funnelTable(r, lang), matrixTable(r, lang),
		overdueTable(r, lang), areaTable(r, r.ByOfficer, areaOfficer, lang), areaTable(r, r.ByStreet, areaStreet, lang),
		areaTable(r, r.ByUnit, areaUnit, lang), gapsTable(r, lang),
	}
}

func targetsTable(r visits.Report, lang visits.Lang) Table {
	t := Table{
		Title: tr(lang, "目标完成情况", "Targets"),
		Head: []string{tr(lang, "指标", "Target"), tr(lang, "目标年度", "By year"), tr(lang, "目标值", "Target"),
			tr(lang, "完成值", "Actual"), tr(lang, "完成率", "Share"), tr(lang, "序时进度应达", "Expected by now"),
			tr(lang, "是否达到序时进度", "On track")},
		Num: []bool{false, false, true, true, true, true, false},
	}
	for _, f := range r.Targets {
		unit := ""
		if f.Unit == visits.UnitPercent {
			unit = "%"
		}
		track := tr(lang, "滞后", "behind")
		if f.OnTrack {
			track = tr(lang, "正常", "on track")
		}
		year := itoa(f.Year)
		if f.Annual {
			year += tr(lang, "（年度）", " (annual)")
		}
		t.Rows = append(t.Rows, []string{targetLabel(f.Code, lang), year, num1(f.Target) + unit, num1(f.Actual) + unit,
			num1(f.Share) + "%", num1(f.Expected) + unit, track})
	}
	return t
}

func tiersTable(r visits.Report, lang visits.Lang) Table {
	t := Table{
		Title: tr(lang, "梯度存量", "Enterprises by tier"),
		Head: []string{tr(lang, "层级", "Tier"), tr(lang, "本周", "This week"), tr(lang, "上周", "Last week"), tr(lang, "变化", "Change"),
			tr(lang, "其中规上", "Above size"), tr(lang, "其中民营", "Private"), tr(lang, "其中专精特新（含小巨人）", "Specialized (incl. little giants)")},
		Num: []bool{false, true, true, true, true, true, true},
	}
	for _, f := range r.Tiers {
		t.Rows = append(t.Rows, []string{visits.Label(visits.KindTier, f.Code, lang), itoa(f.Value), itoa(f.Prev), signed(f.Change()),
			itoa(f.AboveSize), itoa(f.Private), itoa(f.Specialized)})
	}
	return t
}

func funnelTable(r visits.Report, lang visits.Lang) Table {
	t := Table{
		Title: tr(lang, "申报进度（按步骤、批次）", "Applications by step and batch"),
		Head:  []string{tr(lang, "类别", "Kind"), tr(lang, "批次", "Batch"), tr(lang, "合计", "Total")},
		Num:   []bool{false, false, true},
	}
	for _, s := range visits.FunnelSteps {
		t.Head = append(t.Head, visits.Label(visits.KindFunnelStep, s, lang))
		t.Num = append(t.Num, true)
	}
	t.Head = append(t.Head, tr(lang, "本周有进展", "Moved this week"))
	t.Num = append(t.Num, true)
	for _, f := range r.Funnel {
		batch := tr(lang, "全部", "all")
		if f.Batch > 0 {
			batch = batchLabel(f.Batch, lang)
		}
		row := []string{visits.Label(visits.KindAppKind, f.Code, lang), batch, itoa(f.Total)}
		for _, n := range f.Counts() {
			row = append(row, itoa(n))
		}
		t.Rows = append(t.Rows, append(row, itoa(f.Moved)))
	}
	return t
}

func matrixTable(r visits.Report, lang visits.Lang) Table {
	t := Table{
		Title: tr(lang, "诉求办理（按类别）", "Needs by category"),
		Head: []string{tr(lang, "类别", "Category"), tr(lang, "新增", "New"), tr(lang, "办结", "Closed"), tr(lang, "逾期", "Overdue"),
			tr(lang, "未办结", "Open"), tr(lang, "本年办结率", "Close rate (year)")},
		Num: []bool{false, true, true, true, true, true},
	}
	for _, m := range r.NeedMatrix {
		name := tr(lang, "未分类", "uncategorised")
		if m.Code != "" {
			name = visits.Label(visits.KindCategory, m.Code, lang)
		}
		t.Rows = append(t.Rows, []string{name, itoa(m.New.Value), itoa(m.Closed.Value), itoa(m.Overdue.Value), itoa(m.Open.Value), percent(m.CloseRate)})
	}
	n := r.Needs.Total
	t.Rows = append(t.Rows, []string{tr(lang, "合计", "Total"), itoa(n.New.Value), itoa(n.Closed.Value), itoa(n.Overdue.Value), itoa(n.Open.Value), percent(r.Year.CloseRate)})
	return t
}

func overdueTable(r visits.Report, lang visits.Lang) Table {
	t := Table{
		Title: tr(lang, "逾期诉求（按责任单位）", "Overdue needs by responsible unit"),
		Head:  []string{tr(lang, "责任单位", "Unit"), tr(lang, "本周", "This week"), tr(lang, "上周", "Last week"), tr(lang, "变化", "Change")},
		Num:   []bool{false, true, true, true},
	}
	for _, f := range r.OverdueByUnit {
		t.Rows = append(t.Rows, []string{unitLabel(r, f.Code, lang), itoa(f.Value), itoa(f.Prev), signed(f.Change())})
	}
	return t
}

const (
	areaOfficer = iota
	areaStreet
	areaUnit
)

func areaTable(r visits.Report, as []visits.AreaFigure, kind int, lang visits.Lang) Table {
	var t Table
	switch kind {
	case areaOfficer:
		t = Table{Title: tr(lang, "走访与覆盖（按干部）", "Visits and coverage by officer"), Head: []string{tr(lang, "干部", "Officer"), tr(lang, "单位", "Unit")}}
	case areaStreet:
		t = Table{Title: tr(lang, "走访与覆盖（按街道）", "Visits and coverage by street"), Head: []string{tr(lang, "街道", "Street")}}
	default:
		t = Table{Title: tr(lang, "走访与覆盖（按单位）", "Visits and coverage by unit"), Head: []string{tr(lang, "单位", "Unit")}}
	}
	for range t.Head {
		t.Num = append(t.Num, false)
	}
	t.Head = append(t.Head, tr(lang, "本周走访", "Visits"), tr(lang, "上周走访", "Last week"), tr(lang, "包抓企业", "Assigned"),
		tr(lang, "本周覆盖", "Visited this week"), tr(lang, "本月覆盖", "This month"), tr(lang, "本年覆盖", "This year"),
		tr(lang, "本年覆盖率", "Coverage (year)"), tr(lang, "从未走访", "Never visited"))
	t.Num = append(t.Num, true, true, true, true, true, true, true, true)
	for _, a := range as {
		var row []string
		switch kind {
		case areaOfficer:
			name := cell(a.Name)
			if a.Code == "" {
				name = tr(lang, "未记录", "not recorded")
			}
			row = []string{name, ""}
			if a.Unit != "" {
				row[1] = unitLabel(r, a.Unit, lang)
			}
		case areaStreet:
			row = []string{cell(a.Code)}
			if a.Code == "" {
				row[0] = tr(lang, "未填街道", "no street")
			}
		default:
			row = []string{unitLabel(r, a.Code, lang)}
		}
		t.Rows = append(t.Rows, append(row, itoa(a.Visits), itoa(a.VisitsLastWeek), itoa(a.Assigned), itoa(a.VisitedWeek),
			itoa(a.VisitedMonth), itoa(a.VisitedYear), percent(a.Coverage()), itoa(a.Never)))
	}
	return t
}

func gapsTable(r visits.Report, lang visits.Lang) Table {
	t := Table{
		Title: tr(lang, "高企条件差距汇总（培育库企业）", "Readiness gaps (pipeline enterprises)"),
		Head:  []string{tr(lang, "条件", "Item"), tr(lang, "未达标（家）", "Not met"), tr(lang, "接近（家）", "Near")},
		Num:   []bool{false, true, true},
	}
	for _, g := range r.ReadinessGaps {
		t.Rows = append(t.Rows, []string{visits.Label(visits.KindReadinessItem, g.Code, lang), itoa(g.NotMet), itoa(g.Near)})
	}
	return t
}
