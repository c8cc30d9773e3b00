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
		"plan.missing":              "待填：%s",
		"plan.gap.registered":       "注册成立 %d 天，满一年还差 %d 天",
		"plan.gap.ip":               "尚无I类或II类知识产权，至少还差 1 件",
		"plan.gap.domain":           "技术领域不在国家重点支持的高新技术领域内",
		"plan.gap.rd_staff":         "科技人员占比 %s，应不低于 %s，还差科技人员 %d 人",
		"plan.gap.rd_share":         "研发费用占比 %s，按上年销售额应不低于 %s，还差研发投入 %s 万元",
		"plan.gap.rd_in_china":      "境内研发费用占比 %s，应不低于 %s，还差境内研发投入 %s 万元",
		"plan.gap.high_tech_income": "高新技术产品（服务）收入占比 %s，应不低于 %s，还差 %s 万元",
		"plan.gap.innovation":       "创新能力评价 %s 分，应高于 70 分，还差 %s 分",
		"plan.gap.violation":        "申请前一年内有重大安全、质量事故或严重环境违法行为，本年不能申报",
		"plan.err.plan_number":      "%s应为数字，%s 不是数字",
		"plan.err.plan_whole":       "%s应为整数，%s 不是整数",
		"plan.err.plan_negative":    "%s不能为负数(%s)",
		"plan.err.plan_over":        "%s不能大于%s",
		"plan.err.plan_later":       "%s %s 晚于今天",
		"plan.err.date":             "%s %s 不是有效日期，应为 YYYY-MM-DD",
		"plan.err.range":            "%s应在 %v 到 %v 之间",
		"plan.err.required":         "%s不能为空",
		"plan.err.invalid":          "%s %s 不是有效的选项",
		"plan.err.before":           "%s不能早于%s",
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
		"plan.missing":              "to fill in: %s",
		"plan.gap.registered":       "registered %d days ago: %d days short of a year",
		"plan.gap.ip":               "no class I or II IP: at least 1 item short",
		"plan.gap.domain":           "the tech domain is not one of the supported high-tech domains",
		"plan.gap.rd_staff":         "S&T staff %s, needs at least %s: %d more S&T staff needed",
		"plan.gap.rd_share":         "R&D spend %s of sales, needs at least %s for last year's sales: %s (10k yuan) of R&D short",
		"plan.gap.rd_in_china":      "R&D in China %s of R&D, needs at least %s: %s (10k yuan) short",
		"plan.gap.high_tech_income": "high-tech income %s of income, needs at least %s: %s (10k yuan) short",
		"plan.gap.innovation":       "innovation score %s, needs above 70: %s points short",
		"plan.gap.violation":        "a major accident or serious environmental violation in the year before: cannot apply this year",
		"plan.err.plan_number":      "%s must be a number; %s is not",
		"plan.err.plan_whole":       "%s must be a whole number; %s is not",
		"plan.err.plan_negative":    "%s cannot be negative (%s)",
		"plan.err.plan_over":        "%s cannot be more than %s",
		"plan.err.plan_later":       "%s %s is after today",
		"plan.err.date":             "%s %s is not a date (want YYYY-MM-DD)",
		"plan.err.range":            "%s must be between %v and %v",
		"plan.err.required":         "%s is required",
		"plan.err.invalid":          "%s %s is not a valid choice",
		"plan.err.before":           "%s cannot be before %s",
	}
}

func appZH() catalog {
	return catalog{
		"app.tier": "当前资质：%s", "app.count": "申报 %d 项", "app.none": "还没有申报记录。按 a 新增申报",
		"app.col.year": "年度", "app.col.kind": "类别", "app.col.batch": "批次", "app.col.step": "进度",
		"app.col.date": "日期", "app.not_started": "未开始", "app.steps": "%s %d 年 进度记录",
		"app.no_steps": "尚无进度记录", "app.cert": "证书编号 %s  发证日期 %s  有效期至 %s",
		"app.pick": "先在申报标签选中一项申报", "app.ended": "该申报已%s，不能再记录进度",
		"app.form.title": "新增申报", "app.form.kind": "申报类别", "app.form.year": "申报年度",
		"app.form.batch": "批次(仅高企)", "app.form.step": "目前进度", "app.form.date": "进度日期",
		"app.form.saved": "申报已登记",
		"app.step.title": "记录申报进度", "app.step.title_of": "记录申报进度：%s %d 年",
		"app.step.step": "进度", "app.step.date": "日期", "app.step.note": "备注",
		"app.step.certificate": "证书编号", "app.step.issued": "发证日期",
		"app.step.expires": "有效期至(空则按规定计算)", "app.step.saved": "申报进度已记录",
		"app.step.saved_approved":   "已记录认定通过，企业资质已更新为%s",
		"app.step.confirm":          "记录为%s后这项申报即结束，不能再改",
		"app.step.confirm_ask":      "确认记录？y 确认 / 其他键 返回",
		"app.step.confirm_approved": "记录为%s后这项申报即结束，企业将获得%s资质",
	}
}

func appEN() catalog {
	return catalog{
		"app.tier": "Qualification: %s", "app.count": "applications: %d", "app.none": "No applications yet. a adds one",
		"app.col.year": "Year", "app.col.kind": "Kind", "app.col.batch": "Batch", "app.col.step": "Step",
		"app.col.date": "Date", "app.not_started": "not started", "app.steps": "%s %d: progress",
		"app.no_steps": "No steps recorded", "app.cert": "Certificate %s  issued %s  valid until %s",
		"app.pick":       "Pick an application on the Applications tab first",
		"app.ended":      "The application has ended (%s): no step can follow",
		"app.form.title": "New application", "app.form.kind": "Kind", "app.form.year": "Year",
		"app.form.batch": "Batch (HNTE only)", "app.form.step": "Step reached", "app.form.date": "Date of the step",
		"app.form.saved": "Application recorded",
		"app.step.title": "Record progress", "app.step.title_of": "Record progress: %s %d",
		"app.step.step": "Step", "app.step.date": "Date", "app.step.note": "Note",
		"app.step.certificate": "Certificate number", "app.step.issued": "Issued on",
		"app.step.expires": "Valid until (blank: by the rules)", "app.step.saved": "Progress recorded",
		"app.step.saved_approved":   "Approval recorded; the enterprise's qualification is now %s",
		"app.step.confirm":          "%s ends the application for good",
		"app.step.confirm_ask":      "Record it? y yes / any other key: back",
		"app.step.confirm_approved": "%s ends the application; the enterprise gains %s",
	}
}
