package main

var usageText = [2]string{`liaison：区科技局联络员走访记录工具

用法：
  liaison [--db 路径] [--lang zh|en]          打开终端界面
  liaison --demo                              在临时演示数据库上打开终端界面
  liaison enterprise add|list|show|import     企业
  liaison visit add|list|show                 走访
  liaison need add|status|list|show|conflicts|resolve   诉求
  liaison followup add|done|list              跟进
  liaison login --hq URL --token T            登录区科技局服务器
  liaison sync [--json]                       同步
  liaison status [--json]                     同步状态
  liaison report weekly                       周报告
  liaison export                              导出全部数据
  liaison backup 文件 | restore 文件 | check   备份、恢复、检查
  liaison demo seed                           生成演示数据

详见 docs/cli.md。
`, `liaison: visit log for district science and technology liaison officers

Usage:
  liaison [--db PATH] [--lang zh|en]          open the terminal UI
  liaison --demo                              open the UI on a temporary demo database
  liaison enterprise add|list|show|import     enterprises
  liaison visit add|list|show                 visits
  liaison need add|status|list|show|conflicts|resolve   needs
  liaison followup add|done|list              follow-ups
  liaison login --hq URL --token T            log in to HQ
  liaison sync [--json]                       sync with HQ
  liaison status [--json]                     sync status
  liaison report weekly                       the weekly report
  liaison export                              export everything
  liaison backup FILE | restore FILE | check  backup, restore, integrity check
  liaison demo seed                           make demo data

See docs/cli.md.
`}
