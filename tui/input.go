package tui

import (
	"io"
	"os"
	"unicode/utf8"

	"github.com/charmbracelet/x/term"
)

// wholeInput hands on only whole UTF-8 sequences from the terminal.
//
// Bubble Tea v1.3.10 reads its input 256 bytes at a time and turns each
// read into key messages on its own: a character whose bytes straddle two
// reads becomes "unknown input" and is lost (one character in every 256
// bytes of pasted or fast-typed Chinese). wholeInput holds back the
// incomplete sequence at the end of a read and puts it in front of the next
// one, so every read Bubble Tea sees ends on a character boundary. An escape
// sequence cut by a full read (an arrow key at the end of 256 bytes) is
// held back the same way; a lone ESC, or a read that did not fill the
// buffer, is passed on at once, so the esc key works as before.
//
// When it wraps a terminal (*os.File), it is itself a file to Bubble Tea
// (Fd, Name, Write, Close): Bubble Tea then puts that terminal in raw mode
// and restores it on exit, suspend and panic as it does for os.Stdin, and
// its cancelable reader waits on the descriptor (epoll/kqueue/select), so
// cancelling a read still works. Read never blocks on the descriptor more
// than once, and returns 0 bytes (not an error) when all it has read is
// the start of a character, so the next wait stays cancelable.
type wholeInput struct {
	r       io.Reader
	f       *os.File // nil when r is not a file
	pending [maxHeld]byte
	held    int // bytes of pending in use
}

// maxHeld bounds what is held back: the start of a UTF-8 sequence (at most
// 3 bytes) or of a CSI/SS3 escape sequence cut by a full read.
const maxHeld = 32

// newWholeInput wraps r; inputFor makes it a file when r is one.
func newWholeInput(r io.Reader) *wholeInput {
	w := &wholeInput{r: r}
	if f, ok := r.(*os.File); ok {
		w.f = f
	}
	return w
}

// inputFile is a wholeInput over a terminal: a term.File and a
// cancelreader.File to Bubble Tea.
type inputFile struct{ *wholeInput }

func (i inputFile) Fd() uintptr                 { return i.f.Fd() }
func (i inputFile) Name() string                { return i.f.Name() }
func (i inputFile) Write(b []byte) (int, error) { return i.f.Write(b) }
func (i inputFile) Close() error                { return i.f.Close() }

// inputFor is what the program reads: a file over a terminal, so that raw
// mode and cancellation work, or a plain reader otherwise.
func inputFor(r io.Reader) io.Reader {
	w := newWholeInput(r)
	if w.f != nil {
		return inputFile{w}
	}
	return w
}

// Read fills p with whole sequences only (for len(p) >= 4 + what is held;
// a smaller p gets the bytes as they come).
func (w *wholeInput) Read(p []byte) (int, error) {
	if len(p) < utf8.UTFMax+w.held {
		if w.held > 0 {
			n := copy(p, w.pending[:w.held])
			copy(w.pending[:], w.pending[n:w.held])
			w.held -= n
			return n, nil
		}
		return w.r.Read(p)
	}
	n := copy(p, w.pending[:w.held])
	w.held = 0
	m, err := w.r.Read(p[n:])
	n += m
	if err != nil {
		// Nothing more will come: hand on what there is.
		return n, err
	}
	keep := incompleteTail(p[:n], n == len(p))
	if keep > maxHeld {
		keep = 0
	}
	w.held = copy(w.pending[:], p[n-keep:n])
	return n - keep, nil
}

// incompleteTail is how many bytes at the end of b start a sequence that
// is not complete yet: a UTF-8 character, or (when full, that is the read
// filled the buffer and more is waiting) an escape sequence.
func incompleteTail(b []byte, full bool) int {
	if k := utf8Tail(b); k > 0 {
		return k
	}
	if full {
		return escTail(b)
	}
	return 0
}

// utf8Tail is the length of an incomplete but valid start of a UTF-8
// sequence at the end of b (0 when b ends on a boundary or with bytes no
// further byte can make valid).
func utf8Tail(b []byte) int {
	// Look back at most 3 bytes for the lead byte.
	for k := 1; k <= utf8.UTFMax-1 && k <= len(b); k++ {
		c := b[len(b)-k]
		if c < 0x80 {
			return 0 // ASCII: the end is a boundary
		}
		if c >= 0xC0 { // a lead byte
			need := 0
			switch {
			case c >= 0xF0 && c <= 0xF4:
				need = 4
			case c >= 0xE0:
				need = 3
			case c >= 0xC2 && c < 0xE0:
				need = 2
			default:
				return 0 // C0, C1, F5..FF: never valid
			}
			if k >= need {
				return 0 // complete (or invalid: passed on as it is)
			}
			if !validPrefix(b[len(b)-k:]) {
				return 0
			}
			return k
		}
		// a continuation byte: look further back
	}
	return 0
}

// validPrefix reports whether b, the start of a multi-byte sequence, can
// still become a valid character (the second byte's range depends on the
// lead byte, as in utf8.DecodeRune).
func validPrefix(b []byte) bool {
	if len(b) < 2 {
		return true
	}
	lo, hi := byte(0x80), byte(0xBF)
	switch b[0] {
	case 0xE0:
		lo = 0xA0
	case 0xED:
		hi = 0x9F
	case 0xF0:
		lo = 0x90
	case 0xF4:
		hi = 0x8F
	}
	if b[1] < lo || b[1] > hi {
		return false
	}
	for _, c := range b[2:] {
		if c < 0x80 || c > 0xBF {
			return false
		}
	}
	return true
}

// escTail is the length of an unfinished CSI (ESC [ params) or SS3 (ESC O)
// sequence at the end of b, or of a final lone ESC, which in a full read
// is most likely the start of the next key's sequence.
func escTail(b []byte) int {
	i := len(b) - 1
	for ; i >= 0 && len(b)-i <= maxHeld; i-- {
		if b[i] == 0x1b {
			break
		}
	}
	if i < 0 || len(b)-i > maxHeld {
		return 0
	}
	seq := b[i:]
	switch {
	case len(seq) == 1:
		return 1
	case seq[1] == 'O':
		if len(seq) == 2 {
			return 2
		}
		return 0
	case seq[1] == '[':
		for _, c := range seq[2:] {
			if c >= 0x40 && c <= 0x7e {
				return 0 // a final byte: the sequence is complete
			}
			if c < 0x20 || c > 0x3f {
				return 0 // not a CSI after all
			}
		}
		return len(seq)
	}
	return 0
}

// terminalInput is the program's input as Bubble Tea would choose it
// (standard input when it is a terminal, else /dev/tty), wrapped so that
// only whole characters reach Bubble Tea. Raw mode stays Bubble Tea's:
// the wrapper is a file over the same descriptor.
func terminalInput() (io.Reader, func(), error) {
	if term.IsTerminal(os.Stdin.Fd()) {
		return inputFor(os.Stdin), func() {}, nil
	}
	f, err := os.Open("/dev/tty")
	if err != nil {
		// No terminal to read keys from: standard input as it is.
		return inputFor(os.Stdin), func() {}, nil
	}
	return inputFor(f), func() { f.Close() }, nil
}
