package tui

// HQ's tech-SME evaluation window (tsme_window:YEAR, docs/settings.md).
// Registered with the one catalogue (i18n_extra.go).

func init() {
	registerCatalog(func() (zh, en catalog) {
		return catalog{
				"cli.settings.usage_tsme_window": "用法：liaison-hq settings set tsme_window --year 2027 开始日 截止日（科技型中小企业评价入库的时段，如 2027-03-01 2027-09-30）",
				"cli.settings.tsme_window":       "科小评价入库时段",
			}, catalog{
				"cli.settings.usage_tsme_window": "usage: liaison-hq settings set tsme_window --year 2027 OPENS CLOSES (the tech-SME evaluation window, e.g. 2027-03-01 2027-09-30)",
				"cli.settings.tsme_window":       "Tech-SME evaluation window",
			}
	})
}
