package main

import (
	"bufio"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"

	"github.com/charmbracelet/x/term"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/sync"
)

// exitUntrusted: HQ's identity could not be verified (docs/cli.md); nothing
// was sent.
const exitUntrusted = 6

// Help of login's flags (zh, en).
var (
	helpHQ       = [2]string{"区科技局服务器地址 https://…", "HQ's address, https://…"}
	helpToken    = [2]string{"登录令牌；写在命令行上会出现在进程列表和 shell 历史中，请改用标准输入（--token -）或环境变量 LIAISON_TOKEN", "login token; given here it is visible in the process list and the shell history: prefer standard input (--token -) or LIAISON_TOKEN"}
	helpCA       = [2]string{"用此 CA 证书文件（PEM）核实服务器证书，而不用系统根证书", "verify HQ's certificate against this CA file (PEM) instead of the system's roots"}
	helpPin      = [2]string{"服务器公钥指纹 sha256:…（liaison-hq cert init 打印），用于自签名证书", "HQ's key pin sha256:… (as liaison-hq cert init prints it), for a self-signed certificate"}
	helpInsecure = [2]string{"允许用不加密的 http:// 连接非本机服务器；每次同步都会警告", "allow plain http:// to a host that is not this machine; every sync warns"}
)

// loginTrust reads --ca / --pin / --insecure-http into what login trusts.
func loginTrust(hq, caFile, pin string, insecure bool) (store.Trust, error) {
	var t store.Trust
	if _, err := sync.CheckHQURL(hq, insecure); err != nil {
		if errors.Is(err, sync.ErrInsecureHTTP) {
			return t, usagef("--hq %s: plain http:// is only for this machine (loopback); use https://, or add --insecure-http to send the token and data unencrypted",
				"--hq %s：不加密的 http:// 只能连接本机；请用 https://，或加上 --insecure-http（令牌和数据将不加密传输）", hq)
		}
		return t, usagef("--hq: %v", "--hq 不对：%v", err)
	}
	if caFile != "" && pin != "" {
		return t, usagef("give --ca or --pin, not both", "--ca 与 --pin 只能给一个")
	}
	if (caFile != "" || pin != "") && !strings.HasPrefix(strings.ToLower(hq), "https://") {
		return t, usagef("--ca and --pin verify a certificate: --hq must start with https://", "--ca 和 --pin 用于核实证书，--hq 必须以 https:// 开头")
	}
	if caFile != "" {
		raw, err := os.ReadFile(caFile)
		if err != nil {
			return t, usagef("--ca: %v", "--ca 文件无法读取：%v", err)
		}
		if !x509.NewCertPool().AppendCertsFromPEM(raw) {
			return t, usagef("--ca %s: holds no PEM certificate", "--ca %s：不含 PEM 格式的证书", caFile)
		}
		t.CAPEM = string(raw)
	}
	if pin != "" {
		p, err := sync.ParsePin(pin)
		if err != nil {
			return t, usagef("--pin: must be sha256: followed by 64 hex digits, as liaison-hq cert init prints it",
				"--pin 格式不对：应为 sha256: 加 64 位十六进制数字（liaison-hq cert init 打印的那样）")
		}
		t.Pin = p
	}
	t.InsecureHTTP = insecure
	return t, nil
}

// loginToken finds the token: --token T, --token - (standard input),
// LIAISON_TOKEN, a prompt without echo on a terminal, or standard input.
func (e *env) loginToken(flagVal string) (string, error) {
	var tok string
	switch {
	case flagVal == "-":
		t, err := readToken(e.stdin)
		if err != nil {
			return "", err
		}
		tok = t
	case flagVal != "":
		tok = flagVal
	case os.Getenv("LIAISON_TOKEN") != "":
		tok = strings.TrimSpace(os.Getenv("LIAISON_TOKEN"))
	default:
		if f, ok := e.stdin.(*os.File); ok && term.IsTerminal(f.Fd()) {
			fmt.Fprint(e.errw, e.t([2]string{"令牌（输入时不显示）：", "Token (not shown as you type): "}))
			b, err := term.ReadPassword(f.Fd())
			fmt.Fprintln(e.errw)
			if err != nil {
				return "", err
			}
			tok = strings.TrimSpace(string(b))
		} else {
			t, err := readToken(e.stdin)
			if err != nil {
				return "", err
			}
			tok = t
		}
	}
	if tok == "" {
		return "", usagef("no token: give it on standard input (--token -), in LIAISON_TOKEN, or with --token",
			"缺少令牌：请从标准输入（--token -）、LIAISON_TOKEN 或 --token 给出")
	}
	if sync.CheckToken(tok) != nil {
		return "", usagef("the token must be one line of visible characters without spaces", "令牌格式不对：应为一行可见字符，不含空格")
	}
	return tok, nil
}

// readToken reads the first line of r (at most 4 KiB).
func readToken(r io.Reader) (string, error) {
	if r == nil {
		return "", nil
	}
	line, err := bufio.NewReader(io.LimitReader(r, 4096)).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", fmt.Errorf("read the token from standard input: %w", err)
	}
	return strings.TrimSpace(line), nil
}

// untrustedExit is exit 6 with the reason, without the request's address
// wrapped around it.
func untrustedExit(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	if errors.Is(err, sync.ErrInsecureHTTP) {
		err = fmt.Errorf("%w; 请重新登录（log in again: liaison login --hq https://…）", err)
	}
	return &exitError{code: exitUntrusted, err: err}
}
