package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
)

// A command run over the admin socket writes its output (standard output,
// and the -o file) into a spool: an unlinked temporary file, so serve's
// memory does not grow with a report or an export; serve then streams the
// spool to the client after a header (adminsock.go). Without a writable
// temporary folder the spool is held in memory. Either way it is bounded
// by maxAdminReply.
type spool struct {
	f   *os.File      // nil: held in mem
	mem *bytes.Buffer // when no temporary file could be made
	n   int64
}

func newSpool() *spool {
	f, err := os.CreateTemp("", "liaison-hq-admin-*")
	if err != nil {
		return &spool{mem: &bytes.Buffer{}}
	}
	// Unlinked at once: the file lives while it is open, and a serve
	// killed meanwhile leaves nothing behind. CreateTemp makes it 0600.
	if err := os.Remove(f.Name()); err != nil {
		f.Close()
		return &spool{mem: &bytes.Buffer{}}
	}
	return &spool{f: f}
}

func (s *spool) Write(p []byte) (int, error) {
	if s.n+int64(len(p)) > maxAdminReply {
		return 0, errReplyTooBig
	}
	var n int
	var err error
	if s.f != nil {
		n, err = s.f.Write(p)
	} else {
		n, err = s.mem.Write(p)
	}
	s.n += int64(n)
	return n, err
}

// Len is how many bytes the spool holds.
func (s *spool) Len() int64 { return s.n }

// reader reads the spool from its start.
func (s *spool) reader() io.Reader {
	if s.f != nil {
		return io.NewSectionReader(s.f, 0, s.n)
	}
	return bytes.NewReader(s.mem.Bytes())
}

// bytes is the whole spool in memory (the reply to a client that asked
// for the output inline).
func (s *spool) bytes() ([]byte, error) {
	if s.f == nil {
		return s.mem.Bytes(), nil
	}
	b := make([]byte, s.n)
	_, err := io.ReadFull(s.reader(), b)
	return b, err
}

func (s *spool) Close() error {
	if s.f != nil {
		return s.f.Close()
	}
	return nil
}

// writeFileFrom writes exactly n bytes of r to path, 0600, through a
// temporary file beside it renamed over path at the end: a reply cut off
// midway leaves the old file (or none), never half a report.
func writeFileFrom(path string, r io.Reader, n int64) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".part-*")
	if err != nil {
		return err
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	got, err := io.Copy(tmp, io.LimitReader(r, n))
	switch {
	case err != nil:
		return err
	case got != n:
		return errors.New("the admin socket closed before the whole file came")
	}
	if err := tmp.Chmod(0o600); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	done = true
	return nil
}
