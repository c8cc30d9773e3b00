package tui

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// syncScreen shows local pending work, the running sync, conflicts side
// by side (keep one value) and the ops HQ rejected (export to a file).
type syncScreen struct {
	c         *common
	status    store.Status
	pending   []store.PendingWork
	conflicts []store.Conflict
	rejected  []store.Rejected
	sel, leaf int
	progress  *Progress
	summary   *Summary
	lastErr   error
	loaded    bool
}

type syncDataMsg struct {
	status    store.Status
	pending   []store.PendingWork
	conflicts []store.Conflict
	rejected  []store.Rejected
	err       error
}

type resolvedMsg struct{ err error }

type exportedMsg struct {
	path string
	err  error
}

const pendingShown = 5

func newSyncScreen(c *common) *syncScreen { return &syncScreen{c: c} }

func (s *syncScreen) Init() tea.Cmd {
	st := s.c.st
	return s.c.do(func() tea.Msg {
		var m syncDataMsg
		m.err = st.View(func(r *store.Reader) (err error) {
			m.status = r.Status()
			if m.pending, err = r.PendingWork(pendingShown); err != nil {
				return err
			}
			if m.conflicts, err = r.Conflicts(); err != nil {
				return err
			}
			m.rejected, err = r.RejectedOps()
			return err
		})
		return m
	})
}

func (s *syncScreen) Title() string   { return s.c.t("tab.sync") }
func (s *syncScreen) Capturing() bool { return false }
func (s *syncScreen) Hint(w int) string {
	return s.c.t("hint.sync")
}

func (s *syncScreen) Keys() []key.Binding {
	k := s.c.keys
	return []key.Binding{k.SyncNow, k.Up, k.Down, k.Left, k.Right, k.Keep, k.ExportRejected, k.Back}
}

func (s *syncScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	k := s.c.keys
	switch msg := msg.(type) {
	case syncDataMsg:
		if msg.err != nil {
			return s, func() tea.Msg { return s.c.errNote(msg.err) }
		}
		s.status, s.pending, s.conflicts, s.rejected, s.loaded = msg.status, msg.pending, msg.conflicts, msg.rejected, true
		s.sel = min(s.sel, max(0, len(s.conflicts)-1))
	case changedMsg, snapshotMsg:
		return s, s.Init()
	case syncStartedMsg:
		s.progress, s.summary, s.lastErr = &Progress{}, nil, nil
	case syncProgressMsg:
		p := msg.p
		s.progress = &p
	case syncDoneMsg:
		s.progress = nil
		s.lastErr = msg.err
		if msg.err == nil {
			sum := msg.sum
			s.summary = &sum
		}
		return s, s.Init()
	case resolvedMsg:
		if msg.err != nil {
			return s, func() tea.Msg { return s.c.errNote(msg.err) }
		}
		note := s.c.t("sync.kept")
		return s, func() tea.Msg { return changedMsg{note: note} }
	case exportedMsg:
		if msg.err != nil {
			return s, func() tea.Msg { return s.c.errNote(msg.err) }
		}
		note := s.c.tf("exported", msg.path)
		return s, func() tea.Msg { return noteMsg{text: note} }
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, k.SyncNow):
			return s, func() tea.Msg { return syncMsg{} }
		case key.Matches(msg, k.Up):
			s.sel, s.leaf = max(0, s.sel-1), 0
		case key.Matches(msg, k.Down):
			s.sel, s.leaf = min(len(s.conflicts)-1, s.sel+1), 0
		case key.Matches(msg, k.Left):
			s.leaf = max(0, s.leaf-1)
		case key.Matches(msg, k.Right):
			if s.sel < len(s.conflicts) {
				s.leaf = min(len(s.conflicts[s.sel].Leaves)-1, s.leaf+1)
			}
		case key.Matches(msg, k.Keep):
			return s, s.keep()
		case key.Matches(msg, k.ExportRejected):
			return s, s.export()
		}
	}
	return s, nil
}

func (s *syncScreen) keep() tea.Cmd {
	if s.sel >= len(s.conflicts) || s.leaf >= len(s.conflicts[s.sel].Leaves) {
		return nil
	}
	cf, val, st := s.conflicts[s.sel], s.conflicts[s.sel].Leaves[s.leaf].Value, s.c.st
	return s.c.do(func() tea.Msg {
		return resolvedMsg{err: st.Update(func(w *store.Writer) error { return w.Resolve(cf.Type, cf.ID, cf.Field, val) })}
	})
}

// export writes the rejected ops as JSON next to the other exports.
func (s *syncScreen) export() tea.Cmd {
	rej := s.rejected
	path := filepath.Join(s.c.outDir, "rejected-"+s.c.now().In(visits.Shanghai).Format("20060102-150405")+".json")
	return s.c.do(func() tea.Msg {
		if rej == nil {
			rej = []store.Rejected{}
		}
		data, err := json.MarshalIndent(rej, "", "  ")
		if err == nil {
			err = os.WriteFile(path, append(data, '\n'), 0o600)
		}
		return exportedMsg{path: path, err: err}
	})
}

// stampTime reads the wall time of a stamp.
func stampTime(s store.Stamp) string {
	ms, _, _, err := store.ParseStamp(s)
	if err != nil {
		return "?"
	}
	return time.UnixMilli(ms).In(visits.Shanghai).Format("01-02 15:04")
}

// leafText is a stored JSON value as one clean line.
func leafText(raw json.RawMessage) string {
	var v any
	if json.Unmarshal(raw, &v) == nil {
		if str, ok := v.(string); ok {
			return clean(str)
		}
	}
	return clean(string(raw))
}

func (s *syncScreen) View(w, h int) string {
	c := s.c
	if !s.loaded {
		return c.t("loading")
	}
	st := s.status
	last := c.t("status.never")
	if !st.LastSync.IsZero() {
		last = st.LastSync.In(visits.Shanghai).Format("2006-01-02 15:04")
	}
	hq := clean(st.HQURL)
	if c.sync == nil {
		hq = c.t("sync.not_configured")
	}
	lines := []string{
		c.styles.heading.Render(c.t("sync.local")),
		cut(c.tf("sync.summary_line", st.Pending, last, st.Conflicts, st.Rejected), w),
		cut(c.t("sync.hq")+": "+hq+"  "+c.t("sync.officer")+": "+clean(st.Officer), w),
	}
	switch {
	case s.progress != nil:
		p := *s.progress
		lines = append(lines, c.tf("sync.progress", c.stageName(p.Stage), p.Done, p.Total))
	case s.lastErr != nil:
		lines = append(lines, c.styles.err.Render(cut("! "+c.errNote(s.lastErr).text, w)))
	case s.summary != nil:
		lines = append(lines, c.tf("sync.done", s.summary.Pushed, s.summary.Pulled, s.summary.Conflicts, s.summary.Rejected))
	}
	// Pending work as a person says it, one line per record
	// (syncwork.go); what is not listed is counted in changes.
	listed := 0
	for _, p := range s.pending {
		lines = append(lines, cut("  "+c.workText(p, max(10, w/3)), w))
		listed += p.Ops
	}
	if st.Pending > listed {
		lines = append(lines, "  "+c.tf("sync.more", st.Pending-listed))
	}
	lines = append(lines, "", c.styles.heading.Render(c.tf("sync.conflicts", len(s.conflicts))))
	for i, cf := range s.conflicts {
		mark := "  "
		if i == s.sel {
			mark = "> "
		}
		lines = append(lines, cut(mark+cf.Type+" "+cf.ID+" "+cf.Field, w))
		if i != s.sel {
			continue
		}
		// The values side by side: value, who, when, and what it replaced.
		n := max(1, len(cf.Leaves))
		colW := max(10, (w-2)/n-1)
		var vals, who, from []string
		var widths []int
		for j, l := range cf.Leaves {
			box := "( )"
			if j == s.leaf {
				box = "(*)"
			}
			vals = append(vals, box+" "+leafText(l.Value))
			who = append(who, "    "+clean(l.Author)+" "+stampTime(l.Stamp))
			was := "?"
			if l.From != nil {
				was = leafText(l.From)
			}
			from = append(from, "    "+c.t("sync.from")+" "+was)
			widths = append(widths, colW)
		}
		lines = append(lines, "  "+columns(vals, widths), "  "+columns(who, widths), "  "+columns(from, widths))
	}
	lines = append(lines, "", c.styles.heading.Render(c.tf("sync.rejected", len(s.rejected))))
	for _, r := range s.rejected {
		lines = append(lines, cut(fmt.Sprintf("  %s %s %s: %s", r.Op.Type, r.Op.Field, clean(r.Code), clean(r.Reason)), w))
	}
	if len(lines) > h {
		lines = lines[:h]
	}
	return strings.Join(lines, "\n")
}
