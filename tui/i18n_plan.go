package tui

// The text of the plan's screens (issue 11): the readiness inputs and the
// enterprise flags, the readiness gaps and the application funnel.
// catalogFor merges these maps into the UI's catalogue; keys never
// overlap the others' (a test says so). Keep “”……—— out of the Chinese.

func planZH() catalog {
	return catalog{
		"detail.applications": "申报",
		"key.edit_readiness":  "填写高企条件", "key.add_application": "新增申报", "key.record_step": "记录申报进度",

		"plan.form.title": "高企条件与企业标识", "plan.form.units": "(金额单位万元，不清楚的留空)",
		"plan.form.saved":      "高企条件和企业标识已保存",
		"plan.flag.above_size": "规上企业", "plan.flag.private": "民营企业", "plan.flag.specialized": "专精特新企业",
		"plan.flag.little_giant": "专精特新小巨人", "plan.flag.short.above_size": "规上",
		"plan.flag.short.private": "民营", "plan.flag.short.specialized": "专精特新",
		"plan.flag.short.little_giant": "小巨人",
		"plan.flags":                   "企业标识：", "plan.flags.none": "未标记规上、民营、专精特新、小巨人",
		"plan.in.registered_on": "注册成立日期", "plan.in.ip_class_i": "I类知识产权（件）",
		"plan.in.ip_class_ii": "II类知识产权（件）", "plan.in.staff_rd": "科技人员（人）",
		"plan.in.staff_total": "职工总数（人）", "plan.in.sales_3y": "近三年销售收入（万元）",
		"plan.in.sales_last_year": "上年销售收入（万元）", "plan.in.rd_3y": "近三年研发费用（万元）",
		"plan.in.rd_in_china_3y":   "其中境内研发费用（万元）",
		"plan.in.high_tech_income": "高新技术产品（服务）收入（万元）", "plan.in.total_income": "同期总收入（万元）",
		"plan.in.innovation_score": "创新能力评价得分", "plan.in.major_violation": "一年内重大事故或环境违法",
		"plan.in.domain":    "技术领域(按 e 编辑企业资料)",
		"plan.violation.no": "无", "plan.violation.yes": "有",
		"plan.missing":           "待填：%s",
		"plan.err.plan_number":   "%s应为数字，%s 不是数字",
		"plan.err.plan_whole":    "%s应为整数，%s 不是整数",
		"plan.err.plan_negative": "%s不能为负数(%s)",
		"plan.err.plan_over":     "%s不能大于%s",
		"plan.err.plan_later":    "%s %s 晚于今天",
		"plan.err.date":          "%s %s 不是有效日期，应为 YYYY-MM-DD",
		"plan.err.range":         "%s应在 %v 到 %v 之间",
		"plan.err.required":      "%s不能为空",
		"plan.err.invalid":       "%s %s 不是有效的选项",
		"plan.err.before":        "%s不能早于%s",
	}
}

func planEN() catalog {
	return catalog{
		"detail.applications": "Applications",
		"key.edit_readiness":  "fill in HNTE inputs", "key.add_application": "new application",
		"key.record_step": "record progress",

		"plan.form.title": "HNTE inputs and flags", "plan.form.units": "(money in 10k yuan; leave unknown blank)",
		"plan.form.saved":      "HNTE inputs and flags saved",
		"plan.flag.above_size": "Above designated size", "plan.flag.private": "Private",
		"plan.flag.specialized": "Specialized and innovative", "plan.flag.little_giant": "Little giant",
		"plan.flag.short.above_size": "above size", "plan.flag.short.private": "private",
		"plan.flag.short.specialized": "specialized", "plan.flag.short.little_giant": "little giant",
		"plan.flags": "Flags:", "plan.flags.none": "none of above size, private, specialized, little giant",
		"plan.in.registered_on": "Registered on", "plan.in.ip_class_i": "Class I IP (items)",
		"plan.in.ip_class_ii": "Class II IP (items)", "plan.in.staff_rd": "S&T staff (people)",
		"plan.in.staff_total": "Total staff (people)", "plan.in.sales_3y": "Sales, last 3 years (10k yuan)",
		"plan.in.sales_last_year": "Sales last year (10k yuan)", "plan.in.rd_3y": "R&D, last 3 years (10k yuan)",
		"plan.in.rd_in_china_3y":   "of which in China (10k yuan)",
		"plan.in.high_tech_income": "High-tech income (10k yuan)", "plan.in.total_income": "Total income (10k yuan)",
		"plan.in.innovation_score": "Innovation score", "plan.in.major_violation": "Major accident or violation",
		"plan.in.domain":    "tech domain (e edits the profile)",
		"plan.violation.no": "none", "plan.violation.yes": "yes",
		"plan.missing":           "to fill in: %s",
		"plan.err.plan_number":   "%s must be a number; %s is not",
		"plan.err.plan_whole":    "%s must be a whole number; %s is not",
		"plan.err.plan_negative": "%s cannot be negative (%s)",
		"plan.err.plan_over":     "%s cannot be more than %s",
		"plan.err.plan_later":    "%s %s is after today",
		"plan.err.date":          "%s %s is not a date (want YYYY-MM-DD)",
		"plan.err.range":         "%s must be between %v and %v",
		"plan.err.required":      "%s is required",
		"plan.err.invalid":       "%s %s is not a valid choice",
		"plan.err.before":        "%s cannot be before %s",
	}
}
