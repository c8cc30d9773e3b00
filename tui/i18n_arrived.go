package tui

// 落户日期: the day an enterprise moved into the district, typed in the
// readiness form and `enterprise set --arrived-on`. Registered with the
// one catalogue (i18n_extra.go).

func init() {
	registerCatalog(func() (zh, en catalog) {
		return catalog{
				"plan.in.arrived_on":  "落户日期",
				"cli.flag.arrived_on": "落户日期（迁入本区之日；新落户走访自此 30 日内应完成，空值清除）",
			}, catalog{
				"plan.in.arrived_on":  "Moved in on",
				"cli.flag.arrived_on": "the day it moved into the district (the 新落户 visit is owed within 30 days; empty clears it)",
			}
	})
}
