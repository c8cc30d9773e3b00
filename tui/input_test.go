package tui

import (
	"bytes"
	"errors"
	"io"
	"math/rand"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/cancelreader"
)

// typedText is n bytes (cut back to a character boundary) of what an
// officer types or pastes: Chinese, full-width punctuation, emoji (with
// joiners and skin tones), accented Latin and ASCII.
func typedText(t testing.TB, n int) []byte {
	seed := testSeed(t)
	rng := rand.New(rand.NewSource(int64(seed)))
	pieces := []string{"企业", "反映", "融资难", "需对接银行", "，", "。", "“", "”", "……", "——",
		"😀", "👍🏽", "👩‍💻", "🇨🇳", "é", "ü", "ß", "a", "Z", "7", "𠀀", "㐀"}
	var b []byte
	for len(b) < n {
		b = append(b, pieces[rng.Intn(len(pieces))]...)
	}
	for len(b) > n || !utf8.Valid(b) {
		b = b[:len(b)-1]
	}
	return b
}

// chunks gives its bytes at most size at a time, as a terminal's reads do.
type chunks struct {
	b    []byte
	size int
}

func (c *chunks) Read(p []byte) (int, error) {
	if len(c.b) == 0 {
		return 0, io.EOF
	}
	n := copy(p[:min(len(p), c.size)], c.b)
	c.b = c.b[n:]
	return n, nil
}

// TestWholeInputEveryReadSize feeds 20,000 bytes of Chinese and emoji in
// reads of every size from 1 to 300 and reads them back with Bubble Tea's
// 256-byte buffer: every read ends on a character boundary and together
// they are exactly the input.
func TestWholeInputEveryReadSize(t *testing.T) {
	in := typedText(t, 20000)
	for size := 1; size <= 300; size++ {
		r := newWholeInput(&chunks{b: in, size: size})
		var got bytes.Buffer
		buf := make([]byte, 256)
		for zeros := 0; ; {
			n, err := r.Read(buf)
			if !utf8.Valid(buf[:n]) {
				t.Fatalf("size %d: a read ends inside a character: % x", size, buf[max(0, n-4):n])
			}
			got.Write(buf[:n])
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("size %d: %v", size, err)
			}
			if n > 0 {
				zeros = 0
			} else if zeros++; zeros > 4 {
				t.Fatalf("size %d: reads give nothing", size)
			}
		}
		if !bytes.Equal(got.Bytes(), in) {
			t.Fatalf("size %d: %d bytes in, %d out", size, len(in), got.Len())
		}
	}
}

// keyRecorder collects what Bubble Tea makes of the input, as the UI's
// text fields would insert it, until ctrl+c.
type keyRecorder struct {
	text strings.Builder
	keys []string
}

func (k *keyRecorder) Init() tea.Cmd { return nil }
func (k *keyRecorder) View() string  { return "" }
func (k *keyRecorder) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if m, ok := msg.(tea.KeyMsg); ok {
		switch m.Type {
		case tea.KeyCtrlC:
			return k, tea.Quit
		case tea.KeyRunes, tea.KeySpace:
			k.text.WriteString(string(m.Runes))
		default:
			k.keys = append(k.keys, m.String())
		}
	}
	return k, nil
}

// typeThrough runs a Bubble Tea program reading in (ended by ctrl+c) and
// returns what it received.
func typeThrough(t *testing.T, in io.Reader) *keyRecorder {
	t.Helper()
	rec := &keyRecorder{}
	p := tea.NewProgram(rec, tea.WithInput(in), tea.WithOutput(io.Discard), tea.WithoutRenderer(),
		tea.WithoutSignalHandler())
	done := make(chan error, 1)
	go func() { _, err := p.Run(); done <- err }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(time.Minute): // a last guard only: ctrl+c ends the run
		p.Kill()
		t.Fatal("the program never saw ctrl+c")
	}
	return rec
}

// TestBubbleTeaGetsEveryCharacter runs Bubble Tea itself over the reader:
// text arriving in reads of many sizes reaches the program whole, and an
// arrow key cut by a full read is still an arrow key. Without wholeInput
// Bubble Tea v1.3.10 turns each character cut at a read's end into
// unknown bytes (the officer's text loses one character every 256 bytes).
func TestBubbleTeaGetsEveryCharacter(t *testing.T) {
	text := typedText(t, 20000)
	for _, size := range []int{1, 2, 3, 5, 7, 64, 100, 255, 256, 257, 300, 4096} {
		in := append(append([]byte{}, text...), 0x03)
		rec := typeThrough(t, inputFor(&chunks{b: in, size: size}))
		if got := rec.text.String(); got != string(text) {
			t.Fatalf("read size %d: %d of %d characters arrived (keys %v)", size,
				utf8.RuneCountInString(got), utf8.RuneCount(text), rec.keys[:min(5, len(rec.keys))])
		}
	}
	// 253 bytes of text, then ctrl+up (ESC [ 1 ; 5 A): a 256-byte read ends
	// after "ESC [ 1".
	in := append(bytes.Repeat([]byte("a"), 253), "\x1b[1;5A中文\x1b[B"...)
	in = append(in, 0x03)
	rec := typeThrough(t, inputFor(&chunks{b: in, size: 4096}))
	if got := strings.Join(rec.keys, " "); got != "ctrl+up down" || rec.text.String() != strings.Repeat("a", 253)+"中文" {
		t.Fatalf("keys %q, text %q", got, rec.text.String())
	}
}

// TestWholeInputPassesKeysAtOnce: a lone ESC, ASCII and a complete
// character are handed on in the read they arrive in (nothing waits for
// more input), and the start of a character is held only until its end.
func TestWholeInputPassesKeysAtOnce(t *testing.T) {
	pr, pw := io.Pipe()
	r := newWholeInput(pr)
	buf := make([]byte, 256)
	read := func(send string) string {
		go func() { _, _ = pw.Write([]byte(send)) }()
		n, err := r.Read(buf)
		if err != nil {
			t.Fatal(err)
		}
		return string(buf[:n])
	}
	for _, k := range []string{"\x1b", "q", "中", "\x1b[A", "\x1bO"} {
		if got := read(k); got != k {
			t.Fatalf("sent %q, read %q", k, got)
		}
	}
	if got := read("\xe4\xb8"); got != "" {
		t.Fatalf("the start of 中 was handed on: %q", got)
	}
	if got := read("\xad!"); got != "中!" {
		t.Fatalf("read %q, want 中!", got)
	}
	// Bytes that can never become a character are not held.
	if got := read("\xff\xc0"); got != "\xff\xc0" {
		t.Fatalf("read %q", got)
	}
}

// TestWholeInputFileCancels: over a file, the reader is a file to Bubble
// Tea's cancelable reader, and a blocked read is cancelled (as suspending
// or quitting needs).
func TestWholeInputFileCancels(t *testing.T) {
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	defer pw.Close()
	in := inputFor(pr)
	if _, ok := in.(cancelreader.File); !ok {
		t.Fatalf("%T is not a file: raw mode and cancellation would be lost", in)
	}
	cr, err := cancelreader.NewReader(in)
	if err != nil {
		t.Fatal(err)
	}
	defer cr.Close()
	if _, err := pw.Write([]byte("ab\xe4")); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 256)
	n, err := cr.Read(buf)
	if err != nil || string(buf[:n]) != "ab" {
		t.Fatalf("read %q, %v", buf[:n], err)
	}
	done := make(chan error, 1)
	go func() { _, err := cr.Read(buf); done <- err }()
	if !cr.Cancel() {
		t.Fatal("the read cannot be cancelled")
	}
	select {
	case err := <-done:
		if !errors.Is(err, cancelreader.ErrCanceled) {
			t.Fatalf("read after cancel: %v", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("a cancelled read still blocks")
	}
}
