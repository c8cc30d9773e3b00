package tui

// liaison compact and liaison-hq compact (store/compact.go). Registered
// with the one catalogue (i18n_extra.go).

func init() { registerCatalog(func() (zh, en catalog) { return compactZH(), compactEN() }) }

func compactZH() catalog {
	return catalog{
		"cli.help.compact":    "压缩数据库文件，归还不再使用的空间（先写入并核对新文件，再替换旧文件）",
		"cli.compact.usage":   "用法：liaison compact",
		"cli.compact.in_use":  "数据库正被另一个 liaison 进程（界面或同步）使用：关闭它后再压缩",
		"cli.compact.done":    "数据库已压缩：%.1f MB → %.1f MB",
		"hq.compact.usage":    "用法：liaison-hq compact（停止 HQ 后压缩 bbolt 数据库文件）",
		"hq.compact.postgres": "PostgreSQL 的空间由 PostgreSQL 自己回收（autovacuum、VACUUM），见 docs/postgres.md",
		"hq.compact.in_use":   "%s 正被另一个进程（liaison-hq serve）使用：先停止 HQ，压缩后再启动",
		"hq.compact.done":     "数据库已压缩：%.1f MB → %.1f MB",
	}
}

func compactEN() catalog {
	return catalog{
		"cli.help.compact":    "compact the database file, giving back unused space (the new file is written and checked before it replaces the old)",
		"cli.compact.usage":   "usage: liaison compact",
		"cli.compact.in_use":  "the database is in use by another liaison process (the terminal UI or a sync): close it, then compact",
		"cli.compact.done":    "database compacted: %.1f MB → %.1f MB",
		"hq.compact.usage":    "usage: liaison-hq compact (compacts the bbolt database file, HQ stopped)",
		"hq.compact.postgres": "on PostgreSQL, PostgreSQL reclaims space itself (autovacuum, VACUUM): see docs/postgres.md",
		"hq.compact.in_use":   "%s is in use by another process (liaison-hq serve): stop HQ, compact, then start it",
		"hq.compact.done":     "database compacted: %.1f MB → %.1f MB",
	}
}
