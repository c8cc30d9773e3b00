package render

import (
	"fmt"
	"strings"

	"github.com/liaison-dev/liaison/visits"
)

// Note is a section of text: HQ's 下周工作计划 and 存在问题及建议, and the
// drafted paragraph.
type Note struct {
	Title string
	Text  string
}

// Notes returns the report's texts: the drafted paragraph (报送稿), then
// HQ's plan for next week and its problems and suggestions ("（未填写）"
// when HQ wrote none). HQ's text keeps its lines; escapes and control
// characters are removed (visits.SafeDocument).
func Notes(r visits.Report, lang visits.Lang) []Note {
	hq := func(s string) string {
		s = strings.TrimSpace(visits.SafeDocument(strings.ReplaceAll(s, "\r\n", "\n")))
		if s == "" {
			return tr(lang, "（未填写）", "(not written)")
		}
		return s
	}
	return []Note{
		{Title: tr(lang, "报送稿（可直接用于公文）", "Draft paragraph (ready to paste)"), Text: Draft(r, lang)},
		{Title: tr(lang, "下周工作计划", "Plan for next week"), Text: hq(r.NextWeekPlan)},
		{Title: tr(lang, "存在问题及建议", "Problems and suggestions"), Text: hq(r.Problems)},
	}
}

// Draft is a paragraph summing up the week in the words of an official
// document (本周共走访企业 X 家……), in Chinese or English.
func Draft(r visits.Report, lang visits.Lang) string {
	tier := map[string]visits.TierFigure{}
	for _, t := range r.Tiers {
		tier[t.Code] = t
	}
	var onTrack, behind []string
	for _, t := range r.Targets {
		if t.OnTrack {
			onTrack = append(onTrack, targetLabel(t.Code, lang))
		} else {
			behind = append(behind, targetLabel(t.Code, lang))
		}
	}
	v, c, n, j, y := r.Visits, r.Coverage, r.Needs.Total, r.Jinanchoupan, r.Year
	district := cell(r.District)
	var b strings.Builder
	if lang == visits.EN {
		if district != "" {
			district += ", "
		}
		fmt.Fprintf(&b, "%sweek %s (%s to %s): enterprises visited: %d; visits: %d (last week %d). Assigned enterprises: %d, of them visited this week %d, this month %d, never %d. ",
			district, r.Week, r.WeekStart, r.WeekEnd, v.Enterprises.Value, v.Total.Value, v.Total.Prev, c.Assigned.Value, c.VisitedWeek.Value, c.VisitedMonth.Value, c.Never.Value)
		fmt.Fprintf(&b, "Needs this week: %d registered, %d closed; open on %s: %d, of them overdue %d; urgent and pressing (急难愁盼): %d new, %d open. ",
			n.New.Value, n.Closed.Value, r.AsOf, n.Open.Value, n.Overdue.Value, j.New.Value, j.Open.Value)
		fmt.Fprintf(&b, "So far in %d: %d visits, %d needs registered, close rate %s, closed on time %s, satisfaction %s. ",
			y.Year, y.Visits, y.Needs, percent(y.CloseRate), percent(y.OnTimeRate), percent(y.Satisfaction))
		change := "unchanged this week"
		if ch := tier[visits.TierHNTE].Change(); ch != 0 {
			change = signed(ch) + " this week"
		}
		fmt.Fprintf(&b, "High-tech enterprises: %d (%s); provincial innovative enterprises: %d; tech SMEs: %d; enterprises in the HNTE pipeline: %d.",
			tier[visits.TierHNTE].Value, change, tier[visits.TierProv].Value, tier[visits.TierTSME].Value, r.Pipeline.Total.Value)
		if len(r.Targets) > 0 {
			fmt.Fprintf(&b, " Targets: %d of %d on track", len(onTrack), len(r.Targets))
			if len(behind) > 0 {
				fmt.Fprintf(&b, "; behind: %s", strings.Join(behind, ", "))
			}
			b.WriteString(".")
		}
		return b.String()
	}
	fmt.Fprintf(&b, "%s本周（%s至%s）共走访企业%d家、%d家次（上周%d家次），包抓联企业%d家中本周走访%d家、本月累计走访%d家，尚未走访%d家。",
		district, r.WeekStart, r.WeekEnd, v.Enterprises.Value, v.Total.Value, v.Total.Prev, c.Assigned.Value, c.VisitedWeek.Value, c.VisitedMonth.Value, c.Never.Value)
	fmt.Fprintf(&b, "本周新增企业诉求%d件、办结%d件，截至%s未办结%d件，其中逾期%d件；急难愁盼诉求本周新增%d件、未办结%d件。",
		n.New.Value, n.Closed.Value, r.AsOf, n.Open.Value, n.Overdue.Value, j.New.Value, j.Open.Value)
	fmt.Fprintf(&b, "%d年以来累计走访%d家次，登记诉求%d件，办结率%s，按时办结率%s，满意率%s。",
		y.Year, y.Visits, y.Needs, percent(y.CloseRate), percent(y.OnTimeRate), percent(y.Satisfaction))
	change := "较上周持平"
	if ch := tier[visits.TierHNTE].Change(); ch != 0 {
		change = "较上周" + signed(ch)
	}
	fmt.Fprintf(&b, "全区现有高新技术企业%d家（%s），省级科技创新型企业%d家，科技型中小企业%d家；高企培育库企业%d家。",
		tier[visits.TierHNTE].Value, change, tier[visits.TierProv].Value, tier[visits.TierTSME].Value, r.Pipeline.Total.Value)
	if len(r.Targets) > 0 {
		fmt.Fprintf(&b, "目标任务%d项中%d项达到序时进度", len(r.Targets), len(onTrack))
		if len(behind) > 0 {
			fmt.Fprintf(&b, "，%s滞后于序时进度", strings.Join(behind, "、"))
		}
		b.WriteString("。")
	}
	return b.String()
}
