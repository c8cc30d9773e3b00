package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"

	"github.com/liaison-dev/liaison/store"
)

// The admin commands reach HQ's database and the operator's files through
// these hooks, so that one implementation of each command runs either in
// its own process (the database opened directly) or inside a running
// `serve`, asked over the admin socket (adminsock*.go). Over the socket the
// files are the operator's, sent by the client, and an output file is sent
// back for the client to write.

// adminSession is a command running inside serve for a client of the
// admin socket.
type adminSession struct {
	hq     *store.HQ         // serve's open database
	files  map[string][]byte // the files the client sent, by the path it was given
	unread map[string]string // files the client could not read: why
	need   string            // a file the command asked for that was not sent
	out    *sentFile         // the output file (-o) for the client to write
	outDat *spool            // its bytes
	errBuf bytes.Buffer      // what the command says on standard error
}

// stderr is where a command's notes for the operator go: standard error,
// or inside serve the client's (sent back with the reply).
func (g global) stderr() io.Writer {
	if g.admin != nil {
		return &g.admin.errBuf
	}
	return os.Stderr
}

// sentFile is the output file in a reply: its bytes inline (Data), or,
// in a streamed reply, their count (Bytes), the bytes following the
// header after the standard output's.
type sentFile struct {
	Path  string `json:"path"`
	Data  []byte `json:"data,omitempty"`
	Bytes int64  `json:"bytes,omitempty"`
}

// openHQ opens HQ's database for an admin command, or lends serve's
// (whose close does nothing) when the command runs inside serve.
func (g global) openHQ(ctx context.Context) (*store.HQ, func(), error) {
	if g.admin != nil {
		return g.admin.hq, func() {}, nil
	}
	hq, err := openBackend(ctx, g.db)
	if err != nil {
		return nil, nil, err
	}
	return hq, func() { hq.Close() }, nil
}

// readFile reads an input file named on the command line. Inside serve it
// is the copy the client sent; one not sent is noted, and the client sends
// it and asks again.
func (g global) readFile(path string) ([]byte, error) {
	if g.admin == nil {
		return os.ReadFile(path)
	}
	if b, ok := g.admin.files[path]; ok {
		return b, nil
	}
	if why, ok := g.admin.unread[path]; ok {
		return nil, errors.New(why)
	}
	g.admin.need = path
	return nil, errNeedFile
}

// openFile is readFile as a reader.
func (g global) openFile(path string) (io.ReadCloser, error) {
	if g.admin == nil {
		return os.Open(path)
	}
	b, err := g.readFile(path)
	if err != nil {
		return nil, err
	}
	return io.NopCloser(bytes.NewReader(b)), nil
}

// createFile creates an output file, 0600. Inside serve its bytes go back
// to the client, which writes the file itself.
func (g global) createFile(path string) (io.WriteCloser, error) {
	if g.admin == nil {
		return os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	}
	if g.admin.outDat != nil {
		g.admin.outDat.Close()
	}
	g.admin.out, g.admin.outDat = &sentFile{Path: path}, newSpool()
	return nopCloser{g.admin.outDat}, nil
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }
