package tui

// The enterprise import's application funnel lines (cmd/liaison report.go).

func init() {
	registerCatalog(func() (zh, en catalog) {
		return catalog{
				"cli.import.applications": "申报进度：",
				"cli.import.app_create":   "  第 %d 行：新建%s %d 年申报，进度“%s”（%s）",
				"cli.import.app_advance":  "  第 %d 行：%s %d 年申报 “%s” → “%s”（%s）",
				"cli.import.app_same":     "  第 %d 行：%s %d 年申报已是“%s”，未变",
			}, catalog{
				"cli.import.applications": "Applications:",
				"cli.import.app_create":   "  row %d: new %s %d application at %s (%s)",
				"cli.import.app_advance":  "  row %d: %s %d application %s → %s (%s)",
				"cli.import.app_same":     "  row %d: %s %d application already at %s; unchanged",
			}
	})
}
