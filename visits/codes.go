package visits

// Codes are stable ASCII identifiers stored as data. Labels are display text
// only and are never stored. Every enumeration is a []Term so that screens,
// validation and the dictionary all read from one list.

// Lang selects the display language of labels.
type Lang string

const (
	ZH Lang = "zh"
	EN Lang = "en"
)

// Term is one code with its Chinese and English labels.
type Term struct {
	Code string
	ZH   string
	EN   string
}

// Label returns the term's label in lang (Chinese unless lang is EN).
func (t Term) Label(lang Lang) string {
	if lang == EN {
		return t.EN
	}
	return t.ZH
}

// Kind names one enumeration.
type Kind string

const (
	KindOccasion     Kind = "occasion"
	KindMethod       Kind = "method"
	KindPurpose      Kind = "purpose"
	KindTier         Kind = "tier"
	KindDomain       Kind = "domain"
	KindList         Kind = "list"
	KindStage        Kind = "stage"
	KindCategory     Kind = "category"
	KindNature       Kind = "nature"
	KindSeverity     Kind = "severity"
	KindSatisfaction Kind = "satisfaction"
	KindStatus       Kind = "status"
	KindFollowUp     Kind = "followup_status"
	KindRole         Kind = "role"
	KindUnit         Kind = "unit"
	KindAppKind      Kind = "application_kind"
)

// Kinds of the derived figures: readiness checklist and visits owed.
const (
	KindReadinessItem    Kind = "readiness_item"
	KindReadinessState   Kind = "readiness_state"
	KindObligationReason Kind = "obligation_reason"
)

// Visit occasions (六必访).
const (
	OccNewEntry            = "new_entry"
	OccDifficulty          = "difficulty"
	OccMajorChange         = "major_change"
	OccApplicationNode     = "application_node"
	OccQualificationExpiry = "qualification_expiry"
	OccFestivalCare        = "festival_care"
	OccRoutine             = "routine"
	OccOther               = "other"
)

// Need statuses.
const (
	StatusRegistered = "registered"
	StatusAccepted   = "accepted"
	StatusAssigned   = "assigned"
	StatusInProgress = "in_progress"
	StatusReplied    = "replied"
	StatusClosed     = "closed"
	StatusSuspended  = "suspended"
	StatusRejected   = "rejected"
	StatusWithdrawn  = "withdrawn"
)

// Follow-up statuses.
const (
	FollowUpOpen      = "open"
	FollowUpDone      = "done"
	FollowUpCancelled = "cancelled"
)

// Tiers, lowest first.
const (
	TierNone = "none"
	TierTSME = "tsme"
	TierProv = "prov"
	TierHNTE = "hnte"
)

// 三清单.
const (
	ListHNTEExpiring  = "hnte_expiring"
	ListProvNotHNTE   = "prov_not_hnte"
	ListFailedRenewal = "failed_renewal"
)

// Severities.
const (
	SeverityConsult = "consult"
	SeverityGeneral = "general"
	SeverityComplex = "complex"
	SeverityUrgent  = "urgent"
)

// Satisfaction ratings of a revisit.
const (
	SatSatisfied   = "satisfied"
	SatBasic       = "basic"
	SatUnsatisfied = "unsatisfied"
	SatUnreached   = "unreached"
)

// Roles.
const (
	RoleLiaison      = "liaison"
	RoleCommissioner = "commissioner"
	RoleCounselor    = "counselor"
	RoleLeader       = "leader"
	RoleAdmin        = "admin"
)

// Cultivation stages, in order.
const (
	StageGuide     = "guide"
	StageCultivate = "cultivate"
	StageMature    = "mature"
	StageApply     = "apply"
)

var terms = map[Kind][]Term{
	KindOccasion: {
		{OccNewEntry, "新设立/新落户/新入库必访", "New entry"},
		{OccDifficulty, "遇困难/有诉求必访", "Difficulty or need"},
		{OccMajorChange, "重大事项/重大变化必访", "Major change"},
		{OccApplicationNode, "申报关键节点必访", "Application milestone"},
		{OccQualificationExpiry, "资质到期/复审必访", "Qualification expiry"},
		{OccFestivalCare, "重大节日/关怀慰问必访", "Festival care"},
		{OccRoutine, "日常走访", "Routine"},
		{OccOther, "其他", "Other"},
	},
	KindMethod: {
		{"on_site", "实地走访", "On site"},
		{"phone", "电话", "Phone"},
		{"online", "视频/线上", "Online"},
		{"symposium", "座谈会", "Symposium"},
		{"field_office", "现场办公", "Field office"},
		{"other", "其他", "Other"},
	},
	KindPurpose: {
		{"policy", "政策宣讲", "Policy briefing"},
		{"needs", "问需/收集诉求", "Collect needs"},
		{"application", "申报辅导", "Application coaching"},
		{"tech_diagnosis", "技术问题诊断", "Technical diagnosis"},
		{"revisit", "诉求回访", "Need revisit"},
		{"data", "信息核实", "Data check"},
		{"care", "慰问", "Care"},
		{"other", "其他", "Other"},
	},
	KindTier: {
		{TierNone, "暂无资质", "No qualification"},
		{TierTSME, "科技型中小企业", "Tech SME"},
		{TierProv, "省级科技创新型企业", "Provincial innovative"},
		{TierHNTE, "高新技术企业", "High-tech enterprise"},
	},
	KindDomain: {
		{"electronic_info", "电子信息", "Electronic information"},
		{"bio_medicine", "生物与新医药", "Biology and medicine"},
		{"aerospace", "航空航天", "Aerospace"},
		{"new_materials", "新材料", "New materials"},
		{"high_tech_services", "高技术服务", "High-tech services"},
		{"new_energy", "新能源与节能", "New energy"},
		{"resources_environment", "资源与环境", "Resources and environment"},
		{"advanced_manufacturing", "先进制造与自动化", "Advanced manufacturing"},
	},
	KindList: {
		{ListHNTEExpiring, "3年到期需复审高企", "HNTE due for renewal"},
		{ListProvNotHNTE, "省级科技创新型企业中非高企", "Provincial, not HNTE"},
		{ListFailedRenewal, "历年到期未通过复审", "Failed renewal"},
	},
	KindStage: {
		{StageGuide, "指导一批", "Guide"},
		{StageCultivate, "培育一批", "Cultivate"},
		{StageMature, "成熟一批", "Mature"},
		{StageApply, "申报一批", "Apply"},
	},
	KindCategory: {
		{"policy", "政策咨询与兑现", "Policy"},
		{"qualification", "资质认定与项目申报", "Qualification"},
		{"tech", "技术难题与成果转化", "Technology"},
		{"ip", "知识产权", "Intellectual property"},
		{"talent", "人才与用工", "Talent"},
		{"finance", "融资", "Finance"},
		{"land_space", "用地与场地", "Land and space"},
		{"approval", "审批与政务服务", "Approvals"},
		{"infra", "水电气网与配套", "Utilities"},
		{"market", "市场拓展", "Market"},
		{"tax", "税费", "Tax"},
		{"regulatory", "执法监管与营商环境", "Regulation"},
		{"other", "其他", "Other"},
	},
	KindNature: {
		{"consult", "咨询", "Consultation"},
		{"help", "求助", "Request for help"},
		{"complaint", "投诉", "Complaint"},
		{"suggestion", "建议", "Suggestion"},
	},
	KindSeverity: {
		{SeverityConsult, "咨询类", "Consultation"},
		{SeverityGeneral, "一般", "General"},
		{SeverityComplex, "复杂", "Complex"},
		{SeverityUrgent, "紧急", "Urgent"},
	},
	KindSatisfaction: {
		{SatSatisfied, "满意", "Satisfied"},
		{SatBasic, "基本满意", "Basically satisfied"},
		{SatUnsatisfied, "不满意", "Unsatisfied"},
		{SatUnreached, "未联系上", "Not reached"},
	},
	KindStatus: {
		{StatusRegistered, "已登记", "Registered"},
		{StatusAccepted, "已受理", "Accepted"},
		{StatusAssigned, "已交办", "Assigned"},
		{StatusInProgress, "办理中", "In progress"},
		{StatusReplied, "已答复待回访", "Replied"},
		{StatusClosed, "已办结", "Closed"},
		{StatusSuspended, "暂缓办理", "Suspended"},
		{StatusRejected, "不予受理", "Rejected"},
		{StatusWithdrawn, "已撤回", "Withdrawn"},
	},
	KindFollowUp: {
		{FollowUpOpen, "待办", "Open"},
		{FollowUpDone, "已完成", "Done"},
		{FollowUpCancelled, "已取消", "Cancelled"},
	},
	KindRole: {
		{RoleLiaison, "联络员", "Liaison officer"},
		{RoleCommissioner, "科技专员", "Technology commissioner"},
		{RoleCounselor, "政策辅导员", "Policy counselor"},
		{RoleLeader, "包抓领导", "Leader"},
		{RoleAdmin, "区科技局管理员", "HQ administrator"},
	},
	KindUnit: {
		{"区科技局", "区科技局", "District Science and Technology Bureau"},
		{"区工信局", "区工信局", "District Industry and IT Bureau"},
		{"区发改局", "区发改局", "District Development and Reform Bureau"},
		{"区税务局", "区税务局", "District Tax Bureau"},
		{"区商务局", "区商务局", "District Commerce Bureau"},
		{"区市场监管局", "区市场监管局", "District Market Regulation Bureau"},
		{"区人社局", "区人社局", "District Human Resources Bureau"},
		{"区财政局", "区财政局", "District Finance Bureau"},
		{"区政务服务中心", "区政务服务中心", "District Government Service Center"},
		{"区经济合作服务中心", "区经济合作服务中心", "District Economic Cooperation Service Center"},
		{"区委组织部", "区委组织部", "District Party Committee Organization Department"},
		{"区教育局", "区教育局", "District Education Bureau"},
		{"街道办事处", "街道办事处", "Street office"},
		{"其他", "其他", "Other"},
	},
	KindAppKind: {
		{"hnte", "高新技术企业认定", "HNTE recognition"},
		{"tsme", "科技型中小企业评价", "Tech SME evaluation"},
		{"prov", "省级科技创新型企业", "Provincial innovative enterprise"},
	},
	KindReadinessItem: {
		{ReadyRegistered, "注册成立满一年", "Registered at least one year"},
		{ReadyIP, "拥有核心知识产权", "Owns core IP"},
		{ReadyDomain, "属于重点支持的高新技术领域", "In a supported high-tech domain"},
		{ReadyRDStaff, "科技人员占比不低于10%", "S&T staff at least 10%"},
		{ReadyRDSpend, "研发费用占比达标", "R&D spend ratio met"},
		{ReadyHighTechIncome, "高新技术产品（服务）收入占比不低于60%", "High-tech income at least 60%"},
		{ReadyInnovation, "创新能力评价高于70分", "Innovation score above 70"},
		{ReadyNoViolation, "申请认定前一年内未发生重大安全、重大质量事故或严重环境违法行为", "No major safety or quality accident or serious environmental violation in the year before applying"},
	},
	KindReadinessState: {
		{StateMet, "达标", "Met"},
		{StateNear, "接近", "Near"},
		{StateNotMet, "未达标", "Not met"},
		{StateUnknown, "待补充", "Unknown"},
	},
	KindObligationReason: {
		{ReasonCadence, "已到走访周期", "Visit cadence"},
		{ReasonNeverVisited, "尚未走访", "Never visited"},
		{ListHNTEExpiring, "3年到期需复审高企", "HNTE due for renewal"},
		{ListProvNotHNTE, "省级科技创新型企业中非高企", "Provincial, not HNTE"},
		{ListFailedRenewal, "历年到期未通过复审", "Failed renewal"},
		{ReasonBatchDeadline, "高企申报批次截止前", "Before an HNTE batch deadline"},
		{ReasonNewRegistered, "新设立企业", "Newly registered"},
		{ReasonNewArrived, "新落户企业", "Newly moved in"},
		{ReasonNewListed, "新入库科技型中小企业", "Newly listed tech SME"},
		{ReasonAnnualReport, "高企年报5月31日前报送", "HNTE annual report due 31 May"},
		{ReasonTSMEWindow, "科技型中小企业评价入库截止前", "Before the tech-SME evaluation window closes"},
		{ReasonUrgentNeed, "紧急诉求", "Urgent need"},
		{ReasonOverdueNeed, "诉求逾期", "Overdue need"},
	},
}

// Terms returns the terms of an enumeration in display order. The slice is
// a copy; callers may keep it.
func Terms(k Kind) []Term {
	return append([]Term(nil), terms[k]...)
}

// Codes returns just the codes of an enumeration, in display order.
func Codes(k Kind) []string {
	out := make([]string, 0, len(terms[k]))
	for _, t := range terms[k] {
		out = append(out, t.Code)
	}
	return out
}

// Valid reports whether code belongs to the enumeration.
func Valid(k Kind, code string) bool {
	for _, t := range terms[k] {
		if t.Code == code {
			return true
		}
	}
	return false
}

// Label returns the display label of code in lang, or the code itself when
// it is unknown (so that data from a newer HQ still shows something).
func Label(k Kind, code string, lang Lang) string {
	for _, t := range terms[k] {
		if t.Code == code {
			return t.Label(lang)
		}
	}
	return code
}
