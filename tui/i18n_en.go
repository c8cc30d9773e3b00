package tui

// catalogEN is the English text.
func catalogEN() catalog {
	return catalog{
		"tab.today": "Today", "tab.enterprises": "Firms", "tab.needs": "Needs", "tab.followups": "Follow-ups",
		"tab.sync": "Sync", "tab.report": "Report",
		"loading": "Loading", "error": "Error", "too_small": "Window too small", "exported": "Exported to %s",
		"confirm_quit": "A form has unsaved text (the draft is kept). Quit? y quit / any other key: stay",
		"help.close":   "Press any key to close help", "help.global": "Everywhere", "help.screen": "This screen:",
		"palette.title": "Commands (type to filter, enter runs, esc cancels)",
		"cmd.go":        "Go to", "cmd.new_visit": "New visit", "cmd.new_enterprise": "New enterprise", "cmd.sync": "Sync now",
		"cmd.reload": "Reload", "cmd.quit": "Quit",

		"key.help": "help", "key.filter": "filter", "key.palette": "command palette", "key.next_tab": "next screen",
		"key.prev_tab": "previous screen", "key.jump": "switch screen", "key.back": "back", "key.quit": "quit",
		"key.sync": "sync", "key.up": "up", "key.down": "down", "key.left": "left / previous", "key.right": "right / next",
		"key.page_up": "page up", "key.page_down": "page down", "key.open": "open", "key.new_visit": "new visit",
		"key.new_enterprise": "new enterprise", "key.status": "change status", "key.done": "done", "key.done_next": "done, schedule next",
		"key.keep": "keep this value", "key.export_rejected": "export rejected", "key.sync_now": "sync now",
		"key.filter_status": "filter by status", "key.filter_category": "filter by category", "key.filter_overdue": "overdue only",
		"key.export_md": "export Markdown", "key.export_csv": "export CSV", "key.export_xlsx": "export Excel",
		"key.prev_week": "previous week", "key.next_week": "next week", "key.save": "save", "key.next_field": "next field",
		"key.prev_field": "previous field", "key.toggle": "tick / switch", "key.yes": "yes", "key.no": "no",

		"hint.today":       "? help  j/k move  enter open  n new visit  1-6 screens  q quit",
		"hint.enterprises": "? help  / filter (name, pinyin, initials, USCC)  enter open  n visit  a add  q quit",
		"hint.detail":      "? help  h/l tabs  j/k scroll  n new visit  esc back",
		"hint.form":        "ctrl+o save  tab/up/down field  left/right choose  space tick  esc leave (draft kept)",
		"hint.needs":       "? help  t status  s status filter  c category  o overdue  / filter  enter firm",
		"hint.pick":        "j/k choose  enter confirm  esc cancel",
		"hint.followups":   "? help  d done  D done and schedule next  enter firm  n visit",
		"hint.sync":        "? help  s sync now  j/k conflict  h/l value  enter keep  e export rejected",
		"hint.report":      "? help  [ ] week  m/c/x export md/csv/xlsx  j/k scroll",

		"today.owed": "Visits owed: %d", "today.followups": "Follow-ups due: %d", "today.needs": "Needs overdue: %d",
		"today.none": "none", "due.late": "late", "due.today": "today",
		"status.line":             "Pending %d | last sync %s | conflicts %d",
		"status.never":            "never",
		"status.default_calendar": "no calendar: Mon-Fri",
		"chart.visits":            "Visits, 2 weeks: %d", "chart.peak": "busiest day: %d", "chart.needs": "Open needs: %d",

		"ent.col.name": "Name", "ent.col.tier": "Tier", "ent.col.domain": "Domain", "ent.col.street": "Street",
		"ent.col.last": "Last visit", "ent.col.open": "Need", "ent.col.lists": "Lists",
		"ent.count": "%d of %d", "ent.filtered": "filter: %s", "ent.indexing": "building the pinyin index",
		"ent.filter_placeholder": "name, pinyin, initials or USCC", "ent.never": "never", "ent.none": "No enterprise matches",
		"list.short.hnte_expiring": "exp", "list.short.prov_not_hnte": "prov", "list.short.failed_renewal": "fail",

		"detail.title": "Enterprise", "detail.profile": "Profile", "detail.visits": "Visits", "detail.needs": "Needs",
		"detail.followups": "Follow-ups", "detail.readiness": "HNTE readiness", "detail.visit_count": "Latest %d visits",
		"profile.uscc": "USCC", "profile.short": "Short name", "profile.tier": "Tier", "profile.lists": "Lists",
		"profile.domain": "Domain", "profile.street": "Street", "profile.address": "Address", "profile.legal_rep": "Legal rep.",
		"profile.stage": "Stage", "profile.contacts": "Contacts", "profile.assignments": "Assignments",
		"profile.cadence": "every %d days",
		"readiness.note":  "[+] met  [~] near  [-] not met  [?] unknown (never counted as failing)",

		"form.visit_title": "New visit", "form.enterprise": "Enterprise", "form.occasion": "Occasion", "form.method": "Method",
		"form.purposes": "Purposes", "form.date": "Date", "form.people": "People met", "form.summary": "Summary",
		"form.note": "Note", "form.needs": "Needs raised (; between)", "form.need_category": "Need category",
		"form.followup": "Follow-up", "form.followup_due": "Follow-up due", "form.no_match": "(no match)",
		"form.fix_errors": "Please fix the marked fields first", "form.visit_saved": "Visit saved",
		"draft.found": "An unsaved visit draft was found", "draft.no_enterprise": "(no enterprise)",
		"draft.explain": "Drafts are saved as you type, so closing the program loses nothing.",
		"draft.prompt":  "y continue  n discard the draft  esc later",

		"ent.form.title": "New enterprise", "ent.form.name": "Name", "ent.form.uscc": "USCC",
		"ent.form.street": "Street", "ent.form.domain": "Tech domain", "ent.form.saved": "Enterprise saved",
		"ent.form.duplicate":    "An enterprise with this USCC exists",
		"ent.form.confirm_uscc": "Wrong check character. If the licence shows this code, press ctrl+o again to confirm",

		"needs.count": "%d of %d", "needs.filter": "filter:", "needs.all_statuses": "all statuses",
		"needs.overdue_only": "overdue only", "needs.history": "History", "needs.move": "Move from %s to:",
		"needs.revisit": "Revisit satisfaction:", "needs.reason": "reason (required)", "needs.note_optional": "note (optional, enter to confirm)",
		"needs.reason_required": "This change needs a reason", "needs.changed": "Need status changed",

		"fu.overdue": "Overdue: %d", "fu.today": "Today: %d", "fu.week": "This week: %d", "fu.later": "Later: %d",
		"fu.none": "No open follow-ups", "fu.result": "Result:", "fu.next_action": "Next action:", "fu.next_due": "Next due:",
		"fu.action_required": "Please type the next action", "fu.bad_date": "Dates are YYYY-MM-DD", "fu.done_note": "Follow-up done",

		"sync.local": "This laptop", "sync.summary_line": "Pending %d | last sync %s | conflicts %d | rejected %d",
		"sync.hq": "HQ", "sync.officer": "Officer", "sync.not_configured": "sync is not configured",
		"sync.progress": "Syncing: %s %d/%d", "sync.done": "Sync done: pushed %d, pulled %d, conflicts %d, rejected %d",
		"sync.more": "and %d more", "sync.conflicts": "Conflicts: %d", "sync.rejected": "Rejected: %d",
		"sync.kept": "Value kept", "sync.running": "syncing",

		"report.title": "Weekly report %s (%s to %s)", "report.building": "Building the report",
	}
}
