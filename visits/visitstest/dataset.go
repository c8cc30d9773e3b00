// Package visitstest holds the fixed datasets of the report's tests and
// benchmarks, shared by package visits and its renderers.
package visitstest

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/liaison-dev/liaison/visits"
)

// Valid USCCs for the fixtures.
const (
	USCCA = "91350100M000100Y43"
	USCCB = "91310110666007217T"
	USCCC = "9144030071526726XG"
)

// Cst builds a time in Asia/Shanghai.
func Cst(day string, hm string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", day+" "+hm, visits.Shanghai)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

// Meta is a record's meta created (and last updated) at created.
func Meta(id string, created time.Time) visits.Meta {
	return visits.Meta{ID: id, CreatedAt: created, UpdatedAt: created}
}

func ptr[T any](v T) *T { return &v }

// SmallDataset is the fixed dataset of the report tests, for week
// 2026-W48 (Monday 23 to Sunday 29 November 2026). The expected figures in
// TestWeeklyReportFigures are counted by hand from it.
func SmallDataset() (visits.Dataset, visits.Week, visits.ReportOptions) {
	old := Cst("2025-01-01", "09:00")
	ds := visits.Dataset{
		Officers: []visits.Officer{
			{Meta: Meta("o1", old), Name: "张联络", Roles: []string{visits.RoleLiaison}, Unit: "区科技局"},
			{Meta: Meta("o2", old), Name: "王专员", Roles: []string{visits.RoleCommissioner}, Institution: "兰州大学", Unit: "区工信局"},
		},
		Enterprises: []visits.Enterprise{
			{Meta: Meta("e1", old), USCC: USCCA, Name: "甲科技有限公司", Street: "东岗街道", Domain: "electronic_info",
				Key: true, Stage: visits.StageMature, Batch: 2, AboveSize: true, Private: true,
				Readiness:      visits.Readiness{StaffTotal: ptr(100), StaffRD: ptr(5)},
				Qualifications: []visits.Qualification{{Kind: visits.TierProv, Issued: "2025-01-01", Expires: "2027-12-31"}}},
			{Meta: Meta("e2", old), USCC: USCCB, Name: "乙新材料有限公司", Street: "雁南街道", Domain: "new_materials",
				Stage: visits.StageApply, Private: true, Specialized: true,
				Readiness:      visits.Readiness{StaffTotal: ptr(1000), StaffRD: ptr(95)},
				Qualifications: []visits.Qualification{{Kind: visits.TierHNTE, Certificate: "GR202362000001", Issued: "2023-12-21", Expires: "2026-12-20"}}},
			{Meta: Meta("e3", old), Name: "丙服务有限公司", Street: "东岗街道"},
			{Meta: Meta("e4", old), USCC: USCCC, Name: "丁制造有限公司", Street: "拱星墩街道", LittleGiant: true,
				Qualifications: []visits.Qualification{{Kind: visits.TierTSME, Issued: "2026-03-01"}}},
			{Meta: Meta("e5", Cst("2026-12-01", "09:00")), Name: "戊未来有限公司", Stage: visits.StageGuide}, // created after the week
		},
		Assignments: []visits.Assignment{
			{Meta: Meta("a1", old), EnterpriseID: "e1", OfficerID: "o1", Role: visits.RoleLiaison},
			{Meta: Meta("a2", old), EnterpriseID: "e1", OfficerID: "o2", Role: visits.RoleCommissioner},
			{Meta: Meta("a3", old), EnterpriseID: "e2", OfficerID: "o1", Role: visits.RoleLiaison},
			{Meta: Meta("a4", old), EnterpriseID: "e4", OfficerID: "o1", Role: visits.RoleLiaison},
		},
		Visits: []visits.Visit{
			{Meta: Meta("v1", old), EnterpriseID: "e1", At: Cst("2026-11-24", "10:00"), Occasion: visits.OccRoutine, Method: "on_site", LeadOfficer: "o1",
				Summary: "了解研发投入", NextPlan: "12月回访研发费用归集"},
			{Meta: Meta("v2", old), EnterpriseID: "e2", At: Cst("2026-11-25", "15:00"), Occasion: visits.OccDifficulty, Method: "phone", LeadOfficer: "o1", Summary: "停产求助"},
			{Meta: Meta("v3", old), EnterpriseID: "e1", At: Cst("2026-11-18", "09:30"), Occasion: visits.OccApplicationNode, Method: "on_site", LeadOfficer: "o2", Summary: "申报辅导"},
			{Meta: Meta("v4", old), EnterpriseID: "e2", At: Cst("2026-11-03", "09:30"), Occasion: visits.OccRoutine, Method: "on_site", Summary: "例行走访"},
			{Meta: Meta("v5", old), EnterpriseID: "e3", At: Cst("2026-11-29", "23:30"), Occasion: visits.OccFestivalCare, Method: "symposium", LeadOfficer: "o2", Summary: "座谈"},
			{Meta: Meta("v6", old), EnterpriseID: "e1", At: Cst("2026-11-30", "01:00"), Occasion: visits.OccRoutine, Method: "on_site", Summary: "下周"},
		},
		Needs: []visits.Need{
			{Meta: Meta("n1", Cst("2026-11-16", "09:00")), EnterpriseID: "e1", Category: "tech", Severity: visits.SeverityUrgent,
				Title: "检测设备故障", Jinanchoupan: true, LeadUnit: "区科技局", FirstReceiver: "o1", RegisteredAt: Cst("2026-11-16", "09:00"),
				ReplyDue: "2026-11-20", Status: visits.StatusInProgress},
			{Meta: Meta("n2", Cst("2026-11-25", "15:00")), EnterpriseID: "e2", Category: "policy", Severity: visits.SeverityGeneral,
				Title: "税收优惠咨询", LeadUnit: "区税务局", RegisteredAt: Cst("2026-11-25", "15:00"), ReplyDue: "2026-11-27", Status: visits.StatusClosed},
			{Meta: Meta("n3", Cst("2026-11-10", "09:00")), EnterpriseID: "e1", Category: "policy", Severity: visits.SeverityGeneral,
				Title: "人才补贴", RegisteredAt: Cst("2026-11-10", "09:00"), ReplyDue: "2026-11-12", Status: visits.StatusRegistered},
			{Meta: Meta("n4", Cst("2026-11-18", "09:00")), EnterpriseID: "e2", Category: "ip", Severity: visits.SeverityComplex,
				Title: "专利布局", LeadUnit: "区市场监管局", RegisteredAt: Cst("2026-11-18", "09:00"), ReplyDue: "2026-12-10", Status: visits.StatusInProgress},
		},
		Events: []visits.NeedEvent{
			{Meta: Meta("ev1", old), NeedID: "n1", Action: "status", From: visits.StatusRegistered, To: visits.StatusAccepted, At: Cst("2026-11-16", "10:00")},
			{Meta: Meta("ev2", old), NeedID: "n1", Action: "status", From: visits.StatusAccepted, To: visits.StatusAssigned, At: Cst("2026-11-17", "10:00")},
			{Meta: Meta("ev3", old), NeedID: "n1", Action: "status", From: visits.StatusAssigned, To: visits.StatusInProgress, At: Cst("2026-11-17", "11:00")},
			{Meta: Meta("ev4", old), NeedID: "n2", Action: "status", From: visits.StatusRegistered, To: visits.StatusAccepted, At: Cst("2026-11-25", "16:00")},
			{Meta: Meta("ev5", old), NeedID: "n2", Action: "status", From: visits.StatusAccepted, To: visits.StatusReplied, At: Cst("2026-11-26", "10:00")},
			{Meta: Meta("ev6", old), NeedID: "n2", Action: "revisit", From: visits.StatusReplied, To: visits.StatusClosed, At: Cst("2026-11-27", "10:00"), Satisfaction: visits.SatSatisfied},
			{Meta: Meta("ev7", old), NeedID: "n4", Action: "status", From: visits.StatusRegistered, To: visits.StatusAccepted, At: Cst("2026-11-18", "10:00")},
			{Meta: Meta("ev8", old), NeedID: "n4", Action: "status", From: visits.StatusAccepted, To: visits.StatusReplied, At: Cst("2026-11-19", "10:00")},
			{Meta: Meta("ev9", old), NeedID: "n4", Action: "revisit", From: visits.StatusReplied, To: visits.StatusReplied, At: Cst("2026-11-20", "10:00"), Satisfaction: visits.SatUnreached},
			{Meta: Meta("ev10", old), NeedID: "n4", Action: "revisit", From: visits.StatusReplied, To: visits.StatusInProgress, At: Cst("2026-11-24", "10:00"), Satisfaction: visits.SatUnsatisfied},
		},
		FollowUps: []visits.FollowUp{
			{Meta: Meta("f1", old), EnterpriseID: "e2", Action: "协调专家", Assignee: "o2", Due: "2026-12-01", Status: visits.FollowUpOpen},
			{Meta: Meta("f2", old), EnterpriseID: "e1", Action: "送政策", Result: "已送达", Due: "2026-11-26", Status: visits.FollowUpDone, DoneAt: Cst("2026-11-26", "17:00")},
		},
		Applications: []visits.Application{
			{Meta: visits.Meta{ID: "ap1", CreatedAt: old, UpdatedAt: Cst("2026-11-20", "12:00")}, EnterpriseID: "e2", Kind: "hnte", Year: 2026, Batch: 1,
				Blockers: []string{"研发费用归集不规范"},
				Steps: []visits.ApplicationStep{{Step: visits.StepPlanned, Date: "2026-03-01"}, {Step: visits.StepRegistered, Date: "2026-05-10"},
					{Step: visits.StepSubmitted, Date: "2026-11-24"}, {Step: visits.StepRecommended, Date: "2026-12-02"}}},
			{Meta: Meta("ap2", old), EnterpriseID: "e4", Kind: visits.TierTSME, Year: 2026,
				Steps: []visits.ApplicationStep{{Step: visits.StepPlanned, Date: "2026-02-01"}, {Step: visits.StepApproved, Date: "2026-03-01"}}},
			{Meta: Meta("ap3", old), EnterpriseID: "e1", Kind: visits.TierHNTE, Year: 2025, Batch: 3,
				Steps: []visits.ApplicationStep{{Step: visits.StepDenied, Date: "2025-11-01"}}},
		},
	}
	opts := visits.ReportOptions{
		District:       "城关区",
		GeneratedAt:    Cst("2026-11-30", "09:00"),
		GeneratedBy:    "区科技局",
		DataAsOf:       Cst("2026-11-29", "20:00"),
		BatchDeadlines: map[int]visits.Date{1: "2026-06-30", 2: "2026-08-15", 3: "2026-12-15"},
		Note:           visits.WeeklyNote{Plan: "1. 组织第3批申报辅导\n2. 走访新设立企业", Problems: "部分企业研发费用归集不规范"},
	}
	return ds, visits.Week{Year: 2026, Num: 48}, opts
}

// BigDataset is a district: 1,000 enterprises with two officers each,
// 100,000 visits over two years, 5,000 needs with three events each,
// 3,000 follow-ups and 300 applications.
func BigDataset() visits.Dataset {
	rng := rand.New(rand.NewPCG(1, 2))
	var ds visits.Dataset
	for i := range 50 {
		ds.Officers = append(ds.Officers, visits.Officer{Meta: visits.Meta{ID: fmt.Sprintf("o%d", i)}, Name: fmt.Sprintf("干部%d", i),
			Unit: visits.Codes(visits.KindUnit)[i%5]})
	}
	occ, meth, cats := visits.Codes(visits.KindOccasion), visits.Codes(visits.KindMethod), visits.Codes(visits.KindCategory)
	stages := append(visits.Codes(visits.KindStage), "", "", "")
	streets := []string{"东岗街道", "雁南街道", "拱星墩街道", "临夏路街道", "张掖路街道", "白银路街道"}
	for i := range 1000 {
		id := fmt.Sprintf("e%04d", i)
		e := visits.Enterprise{Meta: visits.Meta{ID: id}, USCC: visits.MakeUSCC(fmt.Sprintf("91620102%09d", i)), Name: fmt.Sprintf("企业%04d有限公司", i),
			Street: streets[i%len(streets)], Domain: "electronic_info", Stage: stages[i%len(stages)], Batch: i%3 + 1,
			AboveSize: i%4 == 0, Private: i%5 != 0, Specialized: i%9 == 0, LittleGiant: i%31 == 0}
		if i%4 == 0 {
			e.Qualifications = []visits.Qualification{{Kind: visits.TierHNTE, Issued: visits.Date(fmt.Sprintf("%d-06-01", 2022+i%4))}}
		} else if i%4 == 1 {
			e.Qualifications = []visits.Qualification{{Kind: visits.TierProv, Issued: "2025-01-01"}}
		}
		ds.Enterprises = append(ds.Enterprises, e)
		ds.Assignments = append(ds.Assignments,
			visits.Assignment{EnterpriseID: id, OfficerID: fmt.Sprintf("o%d", i%50), Role: visits.RoleLiaison},
			visits.Assignment{EnterpriseID: id, OfficerID: fmt.Sprintf("o%d", (i+7)%50), Role: visits.RoleCommissioner})
	}
	start := Cst("2025-01-01", "08:00")
	for i := range 100_000 {
		ds.Visits = append(ds.Visits, visits.Visit{Meta: visits.Meta{ID: fmt.Sprintf("v%d", i)},
			EnterpriseID: fmt.Sprintf("e%04d", rng.IntN(1000)),
			At:           start.Add(time.Duration(rng.IntN(700*24)) * time.Hour),
			Occasion:     occ[rng.IntN(len(occ))], Method: meth[rng.IntN(len(meth))], Summary: "走访", NextPlan: "回访",
			LeadOfficer: fmt.Sprintf("o%d", rng.IntN(50))})
	}
	statuses := []string{visits.StatusAccepted, visits.StatusInProgress, visits.StatusReplied, visits.StatusClosed}
	for i := range 5000 {
		reg := start.Add(time.Duration(rng.IntN(690*24)) * time.Hour)
		id := fmt.Sprintf("n%d", i)
		ds.Needs = append(ds.Needs, visits.Need{Meta: visits.Meta{ID: id, CreatedAt: reg}, EnterpriseID: fmt.Sprintf("e%04d", rng.IntN(1000)),
			Category: cats[rng.IntN(len(cats))], Severity: visits.SeverityGeneral, Title: "诉求", LeadUnit: "区科技局",
			RegisteredAt: reg, ReplyDue: visits.DateOf(reg).AddDays(5), Status: statuses[i%4]})
		from := visits.StatusRegistered
		for k, to := range statuses[:i%4+1] {
			ev := visits.NeedEvent{NeedID: id, From: from, To: to, At: reg.Add(time.Duration(k+1) * 24 * time.Hour)}
			if to == visits.StatusClosed {
				ev.Satisfaction = visits.SatSatisfied
			}
			ds.Events = append(ds.Events, ev)
			from = to
		}
	}
	for i := range 3000 {
		ds.FollowUps = append(ds.FollowUps, visits.FollowUp{Meta: visits.Meta{ID: fmt.Sprintf("f%d", i)}, EnterpriseID: fmt.Sprintf("e%04d", rng.IntN(1000)),
			Action: "跟进", Due: visits.Date("2026-12-01").AddDays(rng.IntN(30)), Status: visits.FollowUpOpen})
	}
	for i := range 300 {
		a := visits.Application{Meta: visits.Meta{ID: fmt.Sprintf("ap%d", i)}, EnterpriseID: fmt.Sprintf("e%04d", i*3), Kind: "hnte", Year: 2026, Batch: i%3 + 1,
			Steps: []visits.ApplicationStep{{Step: visits.StepPlanned, Date: "2026-03-01"}, {Step: visits.FunnelSteps[i%len(visits.FunnelSteps)], Date: "2026-11-25"}}}
		if i%10 == 0 {
			a.Blockers = []string{"材料不全"}
		}
		ds.Applications = append(ds.Applications, a)
	}
	return ds
}
