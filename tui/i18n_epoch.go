package tui

// liaison-hq epoch renew (after restoring HQ from a backup) and the
// command line's unit flags that follow HQ's unit list. Registered with
// the one catalogue (i18n_extra.go).

func init() { registerCatalog(func() (zh, en catalog) { return epochZH(), epochEN() }) }

func epochZH() catalog {
	return catalog{
		"hq.epoch.usage":         "用法：liaison-hq epoch renew [--yes]（从备份恢复后给数据库换一个新纪元）",
		"hq.epoch.in_use":        "%s 正被另一个进程（liaison-hq serve）使用：先停止 HQ，换纪元后再启动",
		"hq.epoch.confirm":       "当前纪元 %s，最新序号 %d。换新纪元后，每台笔记本下次同步都会先推送待同步的修改，再从头拉取全部数据。\n请先停止所有 liaison-hq serve，换完后再启动。确定吗？[y/N] ",
		"hq.epoch.not_confirmed": "未确认：纪元没有改变（不询问请加 --yes）",
		"hq.epoch.renewed":       "纪元已更换：%s → %s\n请（重新）启动所有 liaison-hq serve：运行中的服务仍使用旧纪元。",
		"cli.args.bad_unit":      "%s 不是可用的单位：%q。可用的单位（%s）：%s",
		"cli.args.units_hq":      "以 HQ 的单位列表为准",
		"cli.args.units_builtin": "内置列表",
	}
}

func epochEN() catalog {
	return catalog{
		"hq.epoch.usage":         "usage: liaison-hq epoch renew [--yes] (gives the database a new epoch after a restore from a backup)",
		"hq.epoch.in_use":        "%s is in use by another process (liaison-hq serve): stop HQ, renew the epoch, then start it",
		"hq.epoch.confirm":       "The epoch is %s, the last seq %d. With a new epoch every laptop's next sync pushes its pending changes, then pulls everything from the start.\nStop every liaison-hq serve first and start them afterwards. Go ahead? [y/N] ",
		"hq.epoch.not_confirmed": "not confirmed: the epoch is unchanged (--yes skips the question)",
		"hq.epoch.renewed":       "epoch renewed: %s → %s\n(Re)start every liaison-hq serve: a running one still answers the old epoch.",
		"cli.args.bad_unit":      "%s is not a unit in force: %q. The units (%s):%s",
		"cli.args.units_hq":      "HQ's unit list",
		"cli.args.units_builtin": "the built-in list",
	}
}
