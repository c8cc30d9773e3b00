package main

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/liaison-dev/liaison/sync"
)

// certInit makes a self-signed ECDSA P-256 certificate for HQ's names and
// addresses: DIR/hq.crt and DIR/hq.key (0600). It prints the pin alone on
// the first line (what `liaison login --pin` takes), then how to use it.
// --key reuses an existing key, so a renewed certificate keeps its pin.
func certInit(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("cert init", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var names, ips stringList
	fs.Var(&names, "name", "")
	fs.Var(&ips, "ip", "")
	dir := fs.String("out", "", "")
	days := fs.Int("days", 825, "")
	keyFile := fs.String("key", "", "")
	force := fs.Bool("force", false, "")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return usageKey("hq.bad_flags", err)
	}
	if len(pos) > 0 {
		return usageKey("hq.cert.no_argument", pos[0])
	}
	if len(names)+len(ips) == 0 {
		return usageKey("hq.cert.needs_name")
	}
	if *dir == "" {
		return usageKey("hq.cert.needs_out")
	}
	if *days < 1 || *days > 3650 {
		return usageKey("hq.cert.days")
	}
	tmpl := &x509.Certificate{
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Duration(*days) * 24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
	}
	for _, n := range names {
		if strings.ContainsAny(n, " /:@\t") || net.ParseIP(n) != nil {
			return usageKey("hq.cert.bad_name", n)
		}
		tmpl.DNSNames = append(tmpl.DNSNames, n)
	}
	for _, s := range ips {
		ip := net.ParseIP(s)
		if ip == nil {
			return usageKey("hq.cert.bad_ip", s)
		}
		tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
	}
	tmpl.Subject = pkix.Name{CommonName: append(append([]string{}, names...), ips...)[0], Organization: []string{"liaison HQ"}}
	if tmpl.SerialNumber, err = rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127)); err != nil {
		return err
	}
	crtPath, keyPath := filepath.Join(*dir, "hq.crt"), filepath.Join(*dir, "hq.key")
	if *keyFile != "" {
		keyPath = *keyFile
	}
	if !*force {
		for _, p := range []string{crtPath, filepath.Join(*dir, "hq.key")} {
			if p == keyPath && *keyFile != "" {
				continue
			}
			if _, err := os.Stat(p); err == nil {
				return fmt.Errorf("%s exists; --force replaces it (to renew and keep the pin: --key %s --force)", p, filepath.Join(*dir, "hq.key"))
			}
		}
	}
	var key crypto.Signer
	if *keyFile != "" {
		if key, err = readKey(*keyFile); err != nil {
			return err
		}
	} else if key, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader); err != nil {
		return err
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(*dir, 0o700); err != nil {
		return err
	}
	if *keyFile == "" {
		k, err := x509.MarshalPKCS8PrivateKey(key)
		if err != nil {
			return err
		}
		if err := writeFile(keyPath, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: k}), 0o600); err != nil {
			return err
		}
	}
	if err := writeFile(crtPath, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
		return err
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return err
	}
	pin := sync.Pin(cert)
	host := tmpl.Subject.CommonName
	if ip := net.ParseIP(host); ip != nil && ip.To4() == nil {
		host = "[" + host + "]"
	}
	fmt.Fprintf(out, "%s\n\ncertificate %s (valid until %s)\nkey         %s (mode 0600: keep it on HQ only)\n\n"+
		"HQ:       liaison-hq serve --addr ADDR:8443 --tls-cert %s --tls-key %s\n"+
		"officers: liaison login --hq https://%s:8443 --pin %s\n",
		pin, crtPath, cert.NotAfter.UTC().Format("2006-01-02"), keyPath, crtPath, keyPath, host, pin)
	return nil
}

// certPin prints the pin of the first certificate in a PEM file (also for
// a certificate a CA issued).
func certPin(args []string, out io.Writer) error {
	if len(args) != 1 {
		return usageKey("hq.cert.pin_needs_file")
	}
	raw, err := os.ReadFile(args[0])
	if err != nil {
		return err
	}
	for rest := raw; ; {
		var b *pem.Block
		b, rest = pem.Decode(rest)
		if b == nil {
			return fmt.Errorf("%s: no PEM certificate", args[0])
		}
		if b.Type == "CERTIFICATE" {
			c, err := x509.ParseCertificate(b.Bytes)
			if err != nil {
				return fmt.Errorf("%s: %w", args[0], err)
			}
			fmt.Fprintln(out, sync.Pin(c))
			return nil
		}
	}
}

// readKey reads a PEM private key (PKCS #8 or SEC 1 EC).
func readKey(path string) (crypto.Signer, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	for rest := raw; ; {
		var b *pem.Block
		b, rest = pem.Decode(rest)
		if b == nil {
			return nil, fmt.Errorf("%s: no PEM private key", path)
		}
		switch b.Type {
		case "PRIVATE KEY":
			k, err := x509.ParsePKCS8PrivateKey(b.Bytes)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", path, err)
			}
			if s, ok := k.(crypto.Signer); ok {
				return s, nil
			}
			return nil, fmt.Errorf("%s: not a signing key", path)
		case "EC PRIVATE KEY":
			k, err := x509.ParseECPrivateKey(b.Bytes)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", path, err)
			}
			return k, nil
		}
	}
}

// writeFile writes data through a temporary file renamed into place, with
// mode perm from the start (a key is never readable by others, not even
// for a moment).
func writeFile(path string, data []byte, perm os.FileMode) error {
	tmp := path + ".tmp"
	_ = os.Remove(tmp)
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_EXCL|os.O_WRONLY, perm)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err2 := f.Sync(); err == nil {
		err = err2
	}
	if err2 := f.Close(); err == nil {
		err = err2
	}
	if err == nil {
		err = os.Chmod(tmp, perm) // whatever the umask
	}
	if err != nil {
		os.Remove(tmp)
		return errors.Join(fmt.Errorf("write %s", path), err)
	}
	return os.Rename(tmp, path)
}
