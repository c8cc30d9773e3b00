package tui

// liaison-hq's own words: its usage and the errors of its command line.
// Registered with the one catalogue (i18n_extra.go).

func init() { registerCatalog(func() (zh, en catalog) { return hqZH(), hqEN() }) }

func hqZH() catalog {
	return catalog{
		"hq.usage": `liaison-hq：HQ 参考服务端

  liaison-hq serve [--addr 127.0.0.1:8080] --tls-cert 文件 --tls-key 文件 [--trusted-proxy CIDR,…]
  liaison-hq serve [--addr 127.0.0.1:8080]                  （明文 HTTP：只在本机地址）
  liaison-hq serve --addr 地址 --behind-proxy --trusted-proxy CIDR,…     （明文 HTTP，只应答该 TLS 代理）
  liaison-hq cert init --name 主机名 [--ip 地址] --out 目录 [--days 825] [--key 文件] [--force]
                                                            （自签名证书；先打印指纹）
  liaison-hq cert pin 文件                                  （证书的指纹）
  liaison-hq officer add --id ID --name 姓名 --role 角色    （只打印一次令牌）
  liaison-hq officer revoke ID
  liaison-hq assign --officer ID --enterprise 信用代码 [--role 角色]
  liaison-hq enterprise import 文件
  liaison-hq report weekly [--week 2026-W48] [--format md|csv|xlsx|json] [-o 文件]
  liaison-hq migrate --from hq.db --to postgres://…       （HQ 须已停止；迁入空数据库）
  liaison-hq epoch renew [--yes]                            （HQ 须已停止；从备份恢复之后）
  liaison-hq compact                                        （HQ 须已停止；归还 bbolt 文件中不再使用的空间）
  liaison-hq settings [show] [--year 2026] [--json]          （每台笔记本都遵循的 HQ 规则）
  liaison-hq settings set district 名称 | calendar 文件.json | batches --year 年 D1,D2,D3
  liaison-hq settings set targets --year 年 文件.json | targets --year 年 --code 代码 --value 数
  liaison-hq settings set units 文件 | wording occasion|unit 代码 名称 [--en 英文名称]
  liaison-hq settings set note --week 2026-W48 [--plan 文本] [--problems 文本]
  liaison-hq settings unset ID                              （恢复内置规则）

全局参数，放在命令前后均可：--db hq.db（或 LIAISON_HQ_DB），--lang zh|en。
--db postgres://user@host/db?pool_max_conns=8 让 HQ 运行在 PostgreSQL 上（可同时运行多个实例）。
serve 运行时管理命令照常可用（bbolt：经由 serve 的套接字 hq.db.admin.sock，仅限同一用户）。
SIGHUP 让 serve 重新加载证书。详见 docs/sync.md 和 docs/cli.md。
`,
		"hq.sock.not_socket":      "管理套接字 %s 不是套接字文件",
		"hq.sock.other_user":      "管理套接字 %s 属于其他用户：请以运行 serve 的用户执行命令，例如 sudo -u 该用户",
		"hq.sock.too_open":        "管理套接字 %s 对同组或其他用户开放（权限 %s）：已拒绝，须为 0600",
		"hq.sock.something_else":  "管理套接字 %s：该位置已有别的文件，不是套接字；请删除它",
		"hq.sock.no_answer":       "数据库正被运行中的 serve 使用，但其管理套接字 %s 无应答：%v",
		"hq.sock.peer_other_user": "管理套接字 %s：其后的进程以 uid %d 运行，不是当前用户：已拒绝",
		"hq.sock.stopped":         "管理套接字 %s 没有回答（serve 已停止？）：%v",
		"hq.serve.not_loopback":   "--addr %s：实际监听在 %s，不是本机地址；明文 HTTP 只在本机地址上提供",
		"hq.no_command":           "需要一个命令",
		"hq.unknown_command":      "未知命令 %q",
		"hq.not_admin_command":    "%q 不是管理命令：管理套接字只运行 %s",
		"hq.bad_flags":            "参数有误：%v",
		"hq.flag_needs_value":     "--%s 需要一个值",
		"hq.bad_lang":             "--lang 须为 zh 或 en，而不是 %q",
		"hq.db_needs_file":        "--db 需要一个文件",
		"hq.officer_add_needs":    "officer add 需要 --id、--name 和 --role",
		"hq.officer_revoke_id":    "officer revoke 需要干部的 ID",
		"hq.assign_needs":         "assign 需要 --officer 和 --enterprise",
		"hq.import_needs_file":    "enterprise import 需要一个文件",
		"hq.report_format":        "--format 须为 md、csv、xlsx 或 json",
		"hq.report_week":          "--week：%v",
		"hq.cert.no_argument":     "cert init 不接受参数 %q",
		"hq.cert.needs_name":      "cert init 至少需要一个 --name（干部在 https://… 中输入的主机名）或 --ip",
		"hq.cert.needs_out":       "cert init 需要 --out 目录",
		"hq.cert.days":            "--days 须在 1 到 3650 之间",
		"hq.cert.bad_name":        "--name %q：应为主机名（地址请用 --ip）",
		"hq.cert.bad_ip":          "--ip %q：不是 IP 地址",
		"hq.cert.pin_needs_file":  "cert pin 需要一个证书文件",
		"hq.migrate.needs":        "migrate 需要 --from 文件（bbolt 的 HQ 数据库）和 --to postgres://…",
		"hq.migrate.from_file":    "migrate --from 须为 bbolt 文件",
		"hq.serve.bad_addr":       "--addr %q：%v",
		"hq.serve.tls_pair":       "--tls-cert 和 --tls-key 须同时给出",
		"hq.serve.plain_loopback": "--addr %s：明文 HTTP 只在本机地址上提供；请给出 --tls-cert 和 --tls-key" +
			"（liaison-hq cert init 可生成自签名的一对），或在前面有终结 TLS 的代理时用 --behind-proxy",
		"hq.serve.proxy_trusted": "--behind-proxy 须同时给出 --trusted-proxy 地址|CIDR，即代理的地址，" +
			"这样 HQ 只应答代理（和本机），绝不应答以明文发送令牌的客户端",
	}
}

func hqEN() catalog {
	return catalog{
		"hq.usage": `liaison-hq: the reference HQ server

  liaison-hq serve [--addr 127.0.0.1:8080] --tls-cert FILE --tls-key FILE [--trusted-proxy CIDR,…]
  liaison-hq serve [--addr 127.0.0.1:8080]                  (plain HTTP: loopback only)
  liaison-hq serve --addr ADDR --behind-proxy --trusted-proxy CIDR,…     (plain HTTP, answering only that TLS proxy)
  liaison-hq cert init --name HOST [--ip ADDR] --out DIR [--days 825] [--key FILE] [--force]
                                                            (self-signed; prints the pin first)
  liaison-hq cert pin FILE                                  (the pin of a certificate)
  liaison-hq officer add --id ID --name N --role R          (prints the token once)
  liaison-hq officer revoke ID
  liaison-hq assign --officer ID --enterprise USCC [--role R]
  liaison-hq enterprise import FILE
  liaison-hq report weekly [--week 2026-W48] [--format md|csv|xlsx|json] [-o FILE]
  liaison-hq migrate --from hq.db --to postgres://…       (HQ stopped; into an empty database)
  liaison-hq epoch renew [--yes]                            (HQ stopped; after restoring a backup)
  liaison-hq compact                                        (HQ stopped; gives a bbolt file's free space back)
  liaison-hq settings [show] [--year 2026] [--json]          (HQ's rules every laptop follows)
  liaison-hq settings set district NAME | calendar FILE.json | batches --year Y D1,D2,D3
  liaison-hq settings set targets --year Y FILE.json | targets --year Y --code C --value N
  liaison-hq settings set units FILE | wording occasion|unit CODE LABEL [--en LABEL]
  liaison-hq settings set note --week 2026-W48 [--plan TEXT] [--problems TEXT]
  liaison-hq settings unset ID                              (back to the built-in rule)

Global flags, before or after the command: --db hq.db (or LIAISON_HQ_DB), --lang zh|en.
--db postgres://user@host/db?pool_max_conns=8 runs HQ on PostgreSQL (several instances at once).
The admin commands work while serve runs (bbolt: through serve's socket hq.db.admin.sock,
this user only). SIGHUP makes serve reload its certificate. See docs/sync.md and docs/cli.md.
`,
		"hq.sock.not_socket":      "admin socket %s is not a socket",
		"hq.sock.other_user":      "admin socket %s belongs to another user: run the command as the user that runs serve, e.g. sudo -u OWNER",
		"hq.sock.too_open":        "admin socket %s is open to group or others (mode %s): refused, it must be 0600",
		"hq.sock.something_else":  "admin socket %s: something else is there, not a socket; remove it",
		"hq.sock.no_answer":       "the database is held by a running serve, whose admin socket %s does not answer: %v",
		"hq.sock.peer_other_user": "admin socket %s: the process behind it runs as uid %d, not this user: refused",
		"hq.sock.stopped":         "admin socket %s: no answer (serve stopped?): %v",
		"hq.serve.not_loopback":   "--addr %s: listening on %s, not a loopback address; plain HTTP is served only on loopback",
		"hq.no_command":           "a command is needed",
		"hq.unknown_command":      "unknown command %q",
		"hq.not_admin_command":    "%q is not an admin command: the admin socket runs only %s",
		"hq.bad_flags":            "bad flags: %v",
		"hq.flag_needs_value":     "--%s needs a value",
		"hq.bad_lang":             "--lang must be zh or en, not %q",
		"hq.db_needs_file":        "--db needs a file",
		"hq.officer_add_needs":    "officer add needs --id, --name and --role",
		"hq.officer_revoke_id":    "officer revoke needs the officer's id",
		"hq.assign_needs":         "assign needs --officer and --enterprise",
		"hq.import_needs_file":    "enterprise import needs a file",
		"hq.report_format":        "--format must be md, csv, xlsx or json",
		"hq.report_week":          "--week: %v",
		"hq.cert.no_argument":     "cert init takes no argument %q",
		"hq.cert.needs_name":      "cert init needs at least one --name (host name officers type in https://…) or --ip",
		"hq.cert.needs_out":       "cert init needs --out DIR",
		"hq.cert.days":            "--days must be between 1 and 3650",
		"hq.cert.bad_name":        "--name %q: a host name (addresses go in --ip)",
		"hq.cert.bad_ip":          "--ip %q: not an IP address",
		"hq.cert.pin_needs_file":  "cert pin needs a certificate file",
		"hq.migrate.needs":        "migrate needs --from FILE (a bbolt HQ database) and --to postgres://…",
		"hq.migrate.from_file":    "migrate --from takes a bbolt file",
		"hq.serve.bad_addr":       "--addr %q: %v",
		"hq.serve.tls_pair":       "--tls-cert and --tls-key go together",
		"hq.serve.plain_loopback": "--addr %s: plain HTTP is served only on a loopback address; " +
			"give --tls-cert and --tls-key (liaison-hq cert init makes a self-signed pair), " +
			"or --behind-proxy when a proxy in front terminates TLS",
		"hq.serve.proxy_trusted": "--behind-proxy needs --trusted-proxy ADDR|CIDR: the proxy's address, " +
			"so that HQ answers only the proxy (and this machine), never a client that sends its token in clear",
	}
}
