package tui

// catalogZH is the Chinese text. Keep “”……—— out of it: they are
// ambiguous width and misalign the chrome in some terminals.
func catalogZH() catalog {
	return catalog{
		"tab.today": "今日", "tab.enterprises": "企业", "tab.needs": "诉求", "tab.followups": "跟进",
		"tab.sync": "同步", "tab.report": "周报",
		"loading": "正在加载", "error": "出错", "too_small": "窗口太小", "exported": "已导出到 %s",
		"confirm_quit": "表单有未保存的内容（草稿已保留）。确定退出？y 退出 / 其他键 返回",
		"help.close":   "按任意键关闭帮助", "help.global": "全局按键", "help.screen": "本页按键：",
		"palette.title": "命令（输入筛选，回车执行，esc 取消）",
		"cmd.go":        "前往", "cmd.new_visit": "新建走访", "cmd.new_enterprise": "新增企业", "cmd.sync": "立即同步",
		"cmd.reload": "重新加载", "cmd.quit": "退出",

		"key.help": "帮助", "key.filter": "筛选", "key.palette": "命令面板", "key.next_tab": "下一页",
		"key.prev_tab": "上一页", "key.jump": "切换页面", "key.back": "返回", "key.quit": "退出",
		"key.sync": "同步", "key.up": "上移", "key.down": "下移", "key.left": "左/上一项", "key.right": "右/下一项",
		"key.page_up": "上翻页", "key.page_down": "下翻页", "key.open": "打开", "key.new_visit": "新建走访",
		"key.new_enterprise": "新增企业", "key.status": "变更状态", "key.done": "完成", "key.done_next": "完成并安排下一步",
		"key.keep": "保留所选值", "key.export_rejected": "导出被拒记录", "key.sync_now": "立即同步",
		"key.filter_status": "按状态筛选", "key.filter_category": "按类别筛选", "key.filter_overdue": "只看逾期",
		"key.export_md": "导出 Markdown", "key.export_csv": "导出 CSV", "key.export_xlsx": "导出 Excel",
		"key.prev_week": "上一周", "key.next_week": "下一周", "key.save": "保存", "key.next_field": "下一栏",
		"key.prev_field": "上一栏", "key.toggle": "勾选/切换", "key.yes": "是", "key.no": "否",

		"hint.today":       "? 帮助  j/k 移动  回车 打开  n 新建走访  1-6 切换  q 退出",
		"hint.enterprises": "? 帮助  / 筛选(名称/拼音/首字母/代码)  回车 详情  n 走访  a 新增  q 退出",
		"hint.detail":      "? 帮助  h/l 切换标签  j/k 滚动  n 新建走访  esc 返回",
		"hint.form":        "ctrl+o 保存  tab/上下 换栏  左右 选择  空格 勾选  esc 离开(保留草稿)",
		"hint.needs":       "? 帮助  t 变更状态  s 状态  c 类别  o 逾期  / 筛选  回车 企业",
		"hint.pick":        "j/k 选择  回车 确定  esc 取消",
		"hint.followups":   "? 帮助  d 完成  D 完成并安排下一步  回车 企业  n 走访",
		"hint.sync":        "? 帮助  s 立即同步  j/k 选冲突  h/l 选值  回车 保留  e 导出被拒记录",
		"hint.report":      "? 帮助  [ ] 换周  m/c/x 导出 md/csv/xlsx  j/k 滚动",

		"today.owed": "应走访 %d 项", "today.followups": "待办跟进 %d 项", "today.needs": "逾期诉求 %d 项",
		"today.none": "无", "due.late": "逾期", "due.today": "今天",
		"status.line":             "待上传 %d 项 | 上次同步 %s | 冲突 %d",
		"status.never":            "从未",
		"status.default_calendar": "未导入工作日历，按周一至周五计",
		"chart.visits":            "近两周走访 共 %d 次", "chart.peak": "单日最多 %d 次", "chart.needs": "在办诉求 共 %d 项",

		"ent.col.name": "企业名称", "ent.col.tier": "层级", "ent.col.domain": "领域", "ent.col.street": "街道",
		"ent.col.last": "上次走访", "ent.col.open": "诉求", "ent.col.lists": "三清单",
		"ent.count": "%d / %d 家", "ent.filtered": "筛选：%s", "ent.indexing": "正在建立拼音索引",
		"ent.filter_placeholder": "名称、拼音、首字母或信用代码", "ent.never": "未走访", "ent.none": "没有匹配的企业",
		"list.short.hnte_expiring": "到期", "list.short.prov_not_hnte": "省非高", "list.short.failed_renewal": "未复审",

		"detail.title": "企业详情", "detail.profile": "概况", "detail.visits": "走访", "detail.needs": "诉求",
		"detail.followups": "跟进", "detail.readiness": "高企准备度", "detail.visit_count": "最近 %d 次走访",
		"profile.uscc": "信用代码", "profile.short": "简称", "profile.tier": "层级", "profile.lists": "三清单",
		"profile.domain": "技术领域", "profile.street": "街道", "profile.address": "地址", "profile.legal_rep": "法定代表人",
		"profile.stage": "培育阶段", "profile.contacts": "联系人", "profile.assignments": "包抓联",
		"profile.cadence": "每 %d 天走访",
		"readiness.note":  "[+] 达标  [~] 接近  [-] 未达标  [?] 缺数据(不计为未达标)",

		"form.visit_title": "新建走访", "form.enterprise": "企业", "form.occasion": "走访事由", "form.method": "走访方式",
		"form.purposes": "走访目的", "form.date": "日期", "form.people": "接待人", "form.summary": "走访内容",
		"form.note": "备注", "form.needs": "提出诉求(多条用；分隔)", "form.need_category": "诉求类别",
		"form.followup": "跟进事项", "form.followup_due": "跟进期限", "form.no_match": "(无匹配企业)",
		"form.fix_errors": "请先改正标出的内容", "form.visit_saved": "走访已保存",
		"draft.found": "发现上次未保存的走访草稿", "draft.no_enterprise": "(未选企业)",
		"draft.explain": "草稿在每次输入时自动保存，程序被关闭也不会丢失。",
		"draft.prompt":  "y 继续编辑  n 丢弃草稿  esc 稍后",

		"ent.form.title": "新增企业", "ent.form.name": "企业名称", "ent.form.uscc": "统一社会信用代码",
		"ent.form.street": "所属街道", "ent.form.domain": "技术领域", "ent.form.saved": "企业已保存",
		"ent.form.duplicate":    "已有相同信用代码的企业",
		"ent.form.confirm_uscc": "校验位不符。如营业执照上确为此代码，再按 ctrl+o 确认保存",

		"needs.count": "%d / %d 条", "needs.filter": "筛选：", "needs.all_statuses": "全部状态",
		"needs.overdue_only": "只看逾期", "needs.history": "办理记录", "needs.move": "从 %s 变更为：",
		"needs.revisit": "回访满意度：", "needs.reason": "原因(必填)", "needs.note_optional": "说明(可不填，回车确定)",
		"needs.reason_required": "此变更需要填写原因", "needs.changed": "诉求状态已更新",

		"fu.overdue": "逾期 %d 项", "fu.today": "今天 %d 项", "fu.week": "本周 %d 项", "fu.later": "以后 %d 项",
		"fu.none": "没有待办跟进", "fu.result": "办理结果：", "fu.next_action": "下一步事项：", "fu.next_due": "下一步期限：",
		"fu.action_required": "请填写下一步事项", "fu.bad_date": "日期格式应为 YYYY-MM-DD", "fu.done_note": "跟进已完成",

		"sync.local": "本机", "sync.summary_line": "待上传 %d 项 | 上次同步 %s | 冲突 %d | 被拒 %d",
		"sync.hq": "总部", "sync.officer": "登录人员", "sync.not_configured": "未配置同步",
		"sync.progress": "同步中：%s %d/%d", "sync.done": "同步完成：上传 %d，下载 %d，冲突 %d，被拒 %d",
		"sync.more": "另有 %d 项", "sync.conflicts": "冲突 %d 项", "sync.rejected": "被拒记录 %d 项",
		"sync.kept": "已保留所选值", "sync.running": "同步中",

		"report.title": "周报 %s（%s 至 %s）", "report.building": "正在生成周报",
	}
}
