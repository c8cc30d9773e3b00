// Package demo makes realistic synthetic data for demos, tests and
// benchmarks: Chinese enterprise names, real streets of 兰州市城关区, valid
// USCCs, visits on every 六必访 occasion, needs in every status with their
// history, and follow-ups both overdue and coming due. The same seed gives
// the same data.
package demo

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/liaison-dev/liaison/visits"
)

// Options say how much to make.
type Options struct {
	Enterprises int
	Visits      int
	Seed        uint64
	Now         time.Time
	Officer     string        // the officer the data is assigned to ("wang")
	NewID       func() string // record ids
}

// Data is everything Generate made, ready to store.
type Data struct {
	Officers     []visits.Officer
	Enterprises  []visits.Enterprise
	Assignments  []visits.Assignment
	Visits       []visits.Visit
	Needs        []visits.Need
	Events       []visits.NeedEvent
	FollowUps    []visits.FollowUp
	Applications []visits.Application
}

// Records returns every record, parents before children.
func (d *Data) Records() []visits.Record {
	var out []visits.Record
	out = appendRecords(out, d.Officers)
	out = appendRecords(out, d.Enterprises)
	out = appendRecords(out, d.Assignments)
	out = appendRecords(out, d.Visits)
	out = appendRecords(out, d.Needs)
	out = appendRecords(out, d.Events)
	out = appendRecords(out, d.FollowUps)
	return appendRecords(out, d.Applications)
}

// appendRecords appends a pointer to each element of recs.
func appendRecords[T any, P interface {
	*T
	visits.Record
}](out []visits.Record, recs []T) []visits.Record {
	for i := range recs {
		out = append(out, P(&recs[i]))
	}
	return out
}

// Streets are the street offices (街道) of 兰州市城关区.
var Streets = []string{"酒泉路街道", "张掖路街道", "雁南街道", "临夏路街道", "雁北街道", "五泉街道", "白银路街道",
	"皋兰路街道", "广武门街道", "伏龙坪街道", "靖远路街道", "草场街街道", "火车站街道", "拱星墩街道", "东岗街道",
	"团结新村街道", "东岗西路街道", "铁路东村街道", "铁路西村街道", "渭源路街道", "盐场路街道", "嘉峪关路街道",
	"焦家湾街道", "青白石街道"}

var (
	brands = []string{"金城", "陇原", "黄河", "丝路", "华信", "中天", "博远", "瑞德", "西部", "皋兰", "五泉", "白塔",
		"敦煌", "祁连", "天庆", "新元", "恒通", "安宁", "雁滩", "科创", "汇智", "明德", "正宇", "远大", "宏达",
		"鑫源", "万佳", "德隆", "佳禾", "润泽"}
	trades = []struct{ name, domain string }{
		{"生物", "bio_medicine"}, {"医药", "bio_medicine"}, {"电子", "electronic_info"}, {"软件", "electronic_info"},
		{"信息技术", "electronic_info"}, {"新材料", "new_materials"}, {"智能装备", "advanced_manufacturing"},
		{"精密机械", "advanced_manufacturing"}, {"环保", "resources_environment"}, {"新能源", "new_energy"},
		{"航天科技", "aerospace"}, {"检测技术", "high_tech_services"}, {"数据服务", "high_tech_services"},
		{"节能", "new_energy"}, {"石化装备", "advanced_manufacturing"}}
	suffixes = []string{"科技有限公司", "技术股份有限公司", "有限责任公司", "科技发展有限公司"}
	roads    = []string{"庆阳路", "张掖路", "酒泉路", "东岗西路", "南昌路", "天水南路", "雁滩路", "民主东路", "甘南路", "中山路", "皋兰路", "静宁路"}
	people   = []string{"张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "马丽", "孙强", "周敏", "吴刚", "郑洁", "马晓东", "何文", "罗斌"}
	topics   = []string{"企业反映“融资难”——需对接银行……", "了解高企申报准备情况，研发费用归集不规范", "企业扩建厂房，用地手续办理缓慢",
		"走访了解经营概况，一季度营收同比增长12%", "企业需要与兰州大学开展技术合作", "宣讲研发费用加计扣除政策",
		"企业反映招聘高级技术人员困难", "核实企业知识产权数量与证书信息", "春节前慰问，了解用工和订单情况",
		"企业新产品通过检测，准备申报科技型中小企业", "企业反映用电负荷不足，影响新生产线投产", "了解专精特新认定材料准备进度"}
	needTitles = []struct{ title, cat string }{
		{"流动资金贷款需求500万元", "finance"}, {"高企认定材料辅导", "qualification"}, {"催化剂寿命短的技术难题", "tech"},
		{"发明专利申请加快审查", "ip"}, {"引进博士研发人员落户", "talent"}, {"新厂房用地指标", "land_space"},
		{"环评审批进度", "approval"}, {"增容变压器", "infra"}, {"参加西洽会展位", "market"}, {"研发费用加计扣除政策咨询", "tax"},
		{"科技成果转化补贴兑现", "policy"}, {"执法检查频次过多", "regulatory"}}
)

// Generate makes the data. It is deterministic for a given Options.
func Generate(o Options) *Data {
	if o.Officer == "" {
		o.Officer = "wang"
	}
	rng := rand.New(rand.NewPCG(o.Seed, o.Seed^0x9e3779b97f4a7c15))
	d := &Data{}
	now := o.Now.UTC()
	today := visits.DateOf(now)
	meta := func(created time.Time) visits.Meta {
		return visits.Meta{ID: o.NewID(), CreatedAt: created, CreatedBy: o.Officer, UpdatedAt: created}
	}
	d.Officers = append(d.Officers,
		visits.Officer{Meta: meta(now), Name: "王建国", Roles: []string{visits.RoleLiaison}, Unit: "区科技局", Phone: "13909310001"},
		visits.Officer{Meta: meta(now), Name: "李明", Roles: []string{visits.RoleCommissioner}, Institution: "兰州大学", Phone: "13909310002"})
	d.Officers[0].ID, d.Officers[1].ID = o.Officer, "li"

	for i := 0; i < o.Enterprises; i++ {
		d.Enterprises = append(d.Enterprises, enterprise(rng, i, meta(now.AddDate(0, 0, -400)), today))
		e := &d.Enterprises[i]
		d.Assignments = append(d.Assignments, visits.Assignment{Meta: meta(now), EnterpriseID: e.ID, OfficerID: o.Officer, Role: visits.RoleLiaison})
		if i%3 == 0 {
			d.Assignments = append(d.Assignments, visits.Assignment{Meta: meta(now), EnterpriseID: e.ID, OfficerID: "li", Role: visits.RoleCommissioner})
		}
		if e.Stage == visits.StageMature || e.Stage == visits.StageApply {
			d.Applications = append(d.Applications, visits.Application{Meta: meta(now), EnterpriseID: e.ID, Kind: "hnte",
				Year: now.Year(), Batch: e.Batch, Stage: e.Stage, Milestones: []string{"材料准备"}})
		}
	}
	if o.Enterprises == 0 {
		return d
	}
	occasions := visits.Codes(visits.KindOccasion)
	methods := visits.Codes(visits.KindMethod)
	purposes := visits.Codes(visits.KindPurpose)
	for i := 0; i < o.Visits; i++ {
		e := &d.Enterprises[rng.IntN(len(d.Enterprises))]
		at := now.Add(-time.Duration(rng.Int64N(int64(365 * 24 * time.Hour))))
		if i%10 == 0 { // a denser recent fortnight for the charts
			at = now.Add(-time.Duration(rng.Int64N(int64(14 * 24 * time.Hour))))
		}
		occ := occasions[rng.IntN(len(occasions))]
		v := visits.Visit{Meta: meta(at), EnterpriseID: e.ID, At: at, Occasion: occ,
			Method: methods[rng.IntN(len(methods))], Purposes: []string{purposes[rng.IntN(len(purposes))]},
			LeadOfficer: o.Officer, PeopleMet: people[rng.IntN(len(people))] + "（总经理）",
			Summary: topics[rng.IntN(len(topics))]}
		if occ == visits.OccOther {
			v.Note = "企业主动邀请"
		}
		d.Visits = append(d.Visits, v)
	}
	statuses := visits.Codes(visits.KindStatus)
	nNeeds := max(len(statuses)*2, o.Visits/20)
	for i := 0; i < nNeeds && len(d.Visits) > 0; i++ {
		v := d.Visits[rng.IntN(len(d.Visits))]
		t := needTitles[rng.IntN(len(needTitles))]
		sev := visits.Codes(visits.KindSeverity)[rng.IntN(4)]
		reg := v.At
		if i < len(statuses)*2 { // recent needs in every status, some overdue
			reg = now.Add(-time.Duration(rng.IntN(20)+1) * 24 * time.Hour)
		}
		n := visits.Need{Meta: meta(reg), EnterpriseID: v.EnterpriseID, VisitID: v.ID, Nature: "help", Category: t.cat,
			Severity: sev, Title: t.title, Description: "企业在走访中提出：" + t.title, Jinanchoupan: sev == visits.SeverityUrgent,
			FirstReceiver: o.Officer, LeadUnit: "区科技局", RegisteredAt: reg, Status: visits.StatusRegistered}
		n.ReplyDue, n.CloseDue = visits.NeedDue(nil, sev, visits.DateOf(reg), false)
		target := statuses[i%len(statuses)]
		d.Events = append(d.Events, visits.NeedEvent{Meta: meta(reg), NeedID: n.ID, Action: "register", To: n.Status, Actor: o.Officer, At: reg, Text: n.Title})
		at := reg
		steps := path(target)
		// Steps strictly in order, all before now: history reads in order.
		gap := now.Sub(reg) / time.Duration(len(steps)+1)
		for _, step := range steps {
			at = at.Add(gap/2 + time.Duration(rng.Int64N(int64(gap/2)+1)))
			ev := visits.NeedEvent{Meta: meta(at), NeedID: n.ID, Action: "status", From: n.Status, To: step, Actor: o.Officer, At: at, Text: "办理进展"}
			if n.Status == visits.StatusReplied {
				ev.Action, ev.Satisfaction = "revisit", visits.SatSatisfied
				n.Satisfaction = visits.SatSatisfied
			}
			n.Status = step
			d.Events = append(d.Events, ev)
		}
		d.Needs = append(d.Needs, n)
		due := today.AddDays(rng.IntN(21) - 10) // half overdue, half coming due
		d.FollowUps = append(d.FollowUps, visits.FollowUp{Meta: meta(reg), EnterpriseID: n.EnterpriseID, NeedID: n.ID,
			VisitID: v.ID, Action: "跟进：" + t.title, Assignee: o.Officer, Due: due, Status: visits.FollowUpOpen})
	}
	return d
}

// path is a legal sequence of statuses from registered to target.
func path(target string) []string {
	switch target {
	case visits.StatusRegistered:
		return nil
	case visits.StatusAccepted, visits.StatusRejected, visits.StatusWithdrawn:
		return []string{target}
	case visits.StatusAssigned:
		return []string{visits.StatusAccepted, visits.StatusAssigned}
	case visits.StatusInProgress:
		return []string{visits.StatusAccepted, visits.StatusAssigned, visits.StatusInProgress}
	case visits.StatusSuspended:
		return []string{visits.StatusAccepted, visits.StatusAssigned, visits.StatusSuspended}
	case visits.StatusReplied:
		return []string{visits.StatusAccepted, visits.StatusAssigned, visits.StatusInProgress, visits.StatusReplied}
	default: // closed
		return []string{visits.StatusAccepted, visits.StatusAssigned, visits.StatusInProgress, visits.StatusReplied, visits.StatusClosed}
	}
}

func enterprise(rng *rand.Rand, i int, m visits.Meta, today visits.Date) visits.Enterprise {
	// Mixed radix over the name parts, so the first thousands are distinct.
	b := brands[i%len(brands)]
	t := trades[(i/len(brands))%len(trades)]
	s := suffixes[(i/(len(brands)*len(trades)))%len(suffixes)]
	name := "兰州" + b + t.name + s
	if n := i / (len(brands) * len(trades) * len(suffixes)); n > 0 {
		name = fmt.Sprintf("兰州%s%s%s（%d）", b, t.name, s, n)
	}
	const chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	org := make([]byte, 9)
	for j := range org {
		org[j] = chars[rng.IntN(len(chars))]
	}
	org[8] = chars[i%10] // keep codes apart
	e := visits.Enterprise{Meta: m, Name: name, ShortName: b + t.name,
		USCC:   visits.MakeUSCC("91620102" + string(org)),
		Street: Streets[rng.IntN(len(Streets))], Address: fmt.Sprintf("兰州市城关区%s%d号", roads[rng.IntN(len(roads))], rng.IntN(300)+1),
		LegalRep: people[rng.IntN(len(people))], Domain: t.domain,
		Contacts:  []visits.Contact{{Name: people[rng.IntN(len(people))], Title: "办公室主任", Phone: fmt.Sprintf("1390931%04d", rng.IntN(10000))}},
		AboveSize: rng.IntN(4) == 0, Private: rng.IntN(5) != 0, Specialized: rng.IntN(8) == 0, Key: rng.IntN(5) == 0}
	year := today.Year()
	switch r := rng.IntN(20); {
	case r < 6:
		e.Qualifications = []visits.Qualification{{Kind: visits.TierTSME, Certificate: fmt.Sprintf("%d62010%05d", year, i), Issued: visits.Date(fmt.Sprintf("%d-05-20", year))}}
	case r < 9:
		e.Qualifications = []visits.Qualification{{Kind: visits.TierProv, Issued: visits.Date(fmt.Sprintf("%d-09-01", year-1))}}
	case r < 14:
		issued := year - 1 - rng.IntN(4) // some expire this year, some already lapsed
		e.Qualifications = []visits.Qualification{{Kind: visits.TierHNTE, Certificate: fmt.Sprintf("GR%d62000%04d", issued, i%10000),
			Issued: visits.Date(fmt.Sprintf("%d-11-%02d", issued, rng.IntN(28)+1))}}
	}
	stages := visits.Codes(visits.KindStage)
	if rng.IntN(2) == 0 {
		e.Stage = stages[rng.IntN(len(stages))]
		e.Batch = rng.IntN(3) + 1
	}
	staff, rd := rng.IntN(200)+10, rng.IntN(40)
	sales := float64(rng.IntN(180)+5) * 1e6
	e.Readiness = visits.Readiness{RegisteredOn: visits.Date(fmt.Sprintf("%d-03-15", year-2-rng.IntN(8))),
		StaffTotal: &staff, StaffRD: &rd, Sales3Y: &sales}
	return e
}
