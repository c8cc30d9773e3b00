package demo

import "github.com/liaison-dev/liaison/visits"

// The words the demo is made of. Everything is of 兰州市城关区: its streets
// and roads, its administrative code (620102) in the USCCs; no other
// district's or county's name appears.

// Streets are the street offices (街道) of 兰州市城关区.
var Streets = []string{"酒泉路街道", "张掖路街道", "雁南街道", "临夏路街道", "雁北街道", "五泉街道", "白银路街道",
	"皋兰路街道", "广武门街道", "伏龙坪街道", "靖远路街道", "草场街街道", "火车站街道", "拱星墩街道", "东岗街道",
	"团结新村街道", "东岗西路街道", "铁路东村街道", "铁路西村街道", "渭源路街道", "盐场路街道", "嘉峪关路街道",
	"焦家湾街道", "青白石街道"}

// Trades make the enterprises' names and fix their technology domain; the
// first eight cover the eight domains.
var Trades = []struct{ Name, Domain string }{
	{"电子", "electronic_info"}, {"新材料", "new_materials"}, {"航天", "aerospace"}, {"检测", "high_tech_services"},
	{"生物", "bio_medicine"}, {"新能源", "new_energy"}, {"环保", "resources_environment"}, {"智能装备", "advanced_manufacturing"},
	{"软件", "electronic_info"}, {"医药", "bio_medicine"}, {"数据服务", "high_tech_services"}, {"节能", "new_energy"},
	{"精密机械", "advanced_manufacturing"}, {"信息", "electronic_info"}, {"水处理", "resources_environment"},
}

var (
	brands = []string{"金城", "陇原", "黄河", "丝路", "华信", "中天", "博远", "瑞德", "西部", "睿达", "五泉", "白塔",
		"兴陇", "华源", "凯通", "新元", "恒通", "鼎新", "雁滩", "科创", "汇智", "明德", "正宇", "远大", "宏达",
		"鑫源", "万佳", "德隆", "佳禾", "润泽"}
	suffixes = []string{"科技有限公司", "技术股份有限公司", "有限责任公司", "科技发展有限公司"}
	roads    = []string{"庆阳路", "张掖路", "酒泉路", "东岗西路", "南昌路", "天水南路", "雁滩路", "民主东路", "甘南路", "中山路", "皋兰路", "静宁路"}
	people   = []string{"张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "马丽", "孙强", "周敏", "吴刚", "郑洁", "马晓东", "何文", "罗斌"}
	partners = []string{"兰州大学", "兰州理工大学", "兰州交通大学", "中国科学院兰州化学物理研究所", "甘肃省科学院"}
)

// Units the demo's needs go to beyond the built-in list: land and the
// environment are the city bureaus' district branches.
const (
	UnitNaturalResources = "市自然资源局城关分局"
	UnitEcology          = "市生态环境局城关分局"
	UnitHousing          = "区住建局"
)

// PlausibleUnits are, for each need category, the units that may lead a
// need of it (the demo's lead units always come from here).
var PlausibleUnits = map[string][]string{
	"policy":        {"区科技局", "区财政局", "区工信局", "区发改局"},
	"qualification": {"区科技局", "区工信局"},
	"tech":          {"区科技局"},
	"ip":            {"区市场监管局", "区科技局"},
	"talent":        {"区人社局", "区委组织部", "区教育局"},
	"finance":       {"区财政局", "区工信局", "区发改局"},
	"land_space":    {UnitNaturalResources},
	"approval":      {"区政务服务中心", UnitEcology, UnitNaturalResources, UnitHousing, "区市场监管局", "区发改局"},
	"infra":         {"区工信局", UnitHousing, "区发改局"},
	"market":        {"区商务局", "区经济合作服务中心"},
	"tax":           {"区税务局"},
	"regulatory":    {"区市场监管局", UnitEcology, "区政务服务中心"},
	"other":         {"区科技局"},
}

// needKind is a need the demo raises: its title, category, nature, the
// unit that leads it and those that help.
type needKind struct {
	title, cat, nature string
	lead               string
	co                 []string
	summary            string // what the visit that raised it says
}

var needKinds = []needKind{
	{"流动资金贷款需求500万元", "finance", "help", "区财政局", []string{"区工信局"}, "企业反映流动资金紧张，“融资难”问题突出，希望对接银行贷款500万元"},
	{"高企认定材料辅导", "qualification", "help", "区科技局", nil, "企业计划申报高新技术企业，研发费用归集不规范，需要材料辅导"},
	{"发明专利申请加快审查", "ip", "help", "区市场监管局", nil, "企业核心发明专利申请审查周期长，希望走快速预审通道"},
	{"引进博士研发人员落户", "talent", "help", "区人社局", []string{"区委组织部"}, "企业引进博士研发人员，需办理人才落户和安居补贴"},
	{"研发骨干子女入学协调", "talent", "help", "区教育局", nil, "企业引进的研发骨干子女需就近入学，请求协调"},
	{"新厂房用地指标", "land_space", "help", UnitNaturalResources, []string{"区发改局"}, "企业扩建厂房，用地指标和用地手续办理缓慢"},
	{"环评审批进度", "approval", "help", UnitEcology, []string{"区政务服务中心"}, "企业新生产线环评审批进度慢，影响项目开工"},
	{"施工许可办理咨询", "approval", "consult", UnitHousing, []string{"区政务服务中心"}, "企业新建研发楼，咨询施工许可办理流程"},
	{"增容变压器", "infra", "help", "区工信局", []string{UnitHousing}, "企业反映用电负荷不足，新生产线投产需要增容变压器"},
	{"参加兰洽会展位", "market", "help", "区商务局", []string{"区经济合作服务中心"}, "企业希望参加兰洽会展示新产品，申请展位支持"},
	{"研发费用加计扣除政策咨询", "tax", "consult", "区税务局", nil, "企业咨询研发费用加计扣除政策和归集口径"},
	{"科技成果转化补贴兑现", "policy", "help", "区科技局", []string{"区财政局"}, "企业去年的科技成果转化补贴尚未兑现"},
	{"执法检查频次过多", "regulatory", "complaint", "区市场监管局", nil, "企业反映各类执法检查频次过多，影响正常生产"},
}

// techProblems are technical problems (need category tech), by domain.
var techProblems = map[string]string{
	"electronic_info":        "嵌入式软件国产芯片适配难题",
	"bio_medicine":           "细胞培养工艺放大难题",
	"aerospace":              "复合材料构件无损检测难题",
	"new_materials":          "催化剂寿命短的技术难题",
	"high_tech_services":     "检测设备计量溯源难题",
	"new_energy":             "光伏组件低温衰减问题",
	"resources_environment":  "高盐废水处理成本高",
	"advanced_manufacturing": "数控机床精度保持性问题",
}

// Visit summaries and purposes by occasion (visits.Occ*), so that what a
// visit says fits why it was made.
var (
	routineSummaries = []string{"走访了解经营概况，前三季度营收同比增长12%，订单饱满", "了解企业生产经营和用工情况，宣讲研发费用加计扣除政策",
		"核实企业知识产权数量与证书信息，更新企业台账", "了解企业研发项目进展，推送近期科技政策"}
	majorChangeSummaries = []string{"企业新建生产线开工，了解项目进度和手续办理情况", "企业拟扩大产能，了解用地和环评需求",
		"企业完成股权变更，核实主营业务和统计口径", "企业迁入新厂区，核实新地址并了解搬迁困难"}
	listSummaries = map[string]string{
		visits.ListHNTEExpiring:  "高企证书今年到期，辅导重新认定材料准备",
		visits.ListProvNotHNTE:   "省级科技创新型企业，对照高企条件分析差距，制定申报计划",
		visits.ListFailedRenewal: "高企到期未通过复审，分析原因，指导补齐研发费用和知识产权短板",
	}
	newEntrySummaries = map[string]string{
		visits.ReasonNewRegistered: "新设立企业首次走访，了解研发方向和人员情况，介绍区内科技政策",
		visits.ReasonNewArrived:    "新落户企业首次走访，介绍区内科技政策和服务，建立联系",
		visits.ReasonNewListed:     "新入库科技型中小企业走访，宣讲入库后可享受的研发费用加计扣除等政策",
	}
	applicationSummaries = map[string]string{
		visits.ReasonBatchDeadline: "高企申报批次截止前，辅导研发费用归集和知识产权材料，提醒按期提交",
		visits.ReasonAnnualReport:  "高企年报报送前，提醒企业按时填报年度发展情况报表",
		visits.ReasonTSMEWindow:    "辅导企业在评价系统注册并填报科技型中小企业评价信息",
	}
	springSummary = "春节前慰问，了解节日期间用工和订单情况"
	autumnSummary = "中秋国庆前走访慰问，了解节日期间生产安排和安全生产情况"
	otherSummary  = "企业主动邀请，参加新产品发布活动，了解市场推广情况"
	purposesOf    = map[string][]string{
		visits.OccRoutine:             {"policy", "needs", "data"},
		visits.OccDifficulty:          {"needs"},
		visits.OccMajorChange:         {"data", "needs"},
		visits.OccApplicationNode:     {"application"},
		visits.OccQualificationExpiry: {"application"},
		visits.OccFestivalCare:        {"care"},
		visits.OccNewEntry:            {"policy", "data"},
		visits.OccOther:               {"other"},
	}
)

// springFestival is the first day of 春节 by year (the day after it is
// the Lantern's eve of the run-up the demo's care visits fall in).
var springFestival = map[int]string{2024: "02-10", 2025: "01-29", 2026: "02-17", 2027: "02-06", 2028: "01-26"}

// midAutumn is 中秋 by year.
var midAutumn = map[int]string{2024: "09-17", 2025: "10-06", 2026: "09-25", 2027: "09-15", 2028: "10-03"}
