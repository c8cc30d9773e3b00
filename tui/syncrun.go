package tui

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// A sync runs in its own goroutine and reports through a channel; the
// root reads one message at a time with waitSync, so Update never blocks.

type syncStartedMsg struct{ ch chan tea.Msg }

type syncProgressMsg struct{ p Progress }

type syncDoneMsg struct {
	sum  Summary
	err  error
	took time.Duration
}

// startSync is a sync the officer asked for (ctrl+s, the palette, the
// sync screen).
func (m *Model) startSync() tea.Cmd { return m.startSyncBy(false) }

// startSyncBy starts a sync, by a timer (auto) or by the officer. There
// is never more than one: asked for while one runs, it says so and the
// running one goes on.
func (m *Model) startSyncBy(auto bool) tea.Cmd {
	if m.c.sync == nil {
		if auto {
			return nil
		}
		return func() tea.Msg { return noteMsg{text: m.c.t("sync.not_configured"), err: true} }
	}
	if m.syncing {
		if auto {
			return nil
		}
		return func() tea.Msg { return noteMsg{text: m.c.t("sync.busy")} }
	}
	m.syncing, m.auto.auto, m.auto.saved = true, auto, false
	ctx, cancel := context.WithCancel(context.Background())
	m.cancel = cancel
	s := m.c.sync
	return m.c.do(func() tea.Msg {
		ch := make(chan tea.Msg, 16)
		go func() {
			start := time.Now()
			defer func() {
				if r := recover(); r != nil {
					m.c.logf("panic in sync: %v", r)
					ch <- syncDoneMsg{err: errPanic(r)}
				}
				close(ch)
			}()
			sum, err := s.Sync(ctx, func(p Progress) {
				select {
				case ch <- syncProgressMsg{p: p}:
				default: // the screen only needs the latest step
				}
			})
			ch <- syncDoneMsg{sum: sum, err: err, took: time.Since(start)}
		}()
		return syncStartedMsg{ch: ch}
	})
}

func waitSync(ch chan tea.Msg) tea.Cmd {
	return func() tea.Msg {
		msg, ok := <-ch
		if !ok {
			return nil
		}
		return msg
	}
}

// syncUpdate keeps the root's sync state and shows the sync screen's view
// of it.
func (m *Model) syncUpdate(msg tea.Msg) tea.Cmd {
	var cmds []tea.Cmd
	switch msg := msg.(type) {
	case syncStartedMsg:
		m.syncCh, m.progress = msg.ch, Progress{}
		cmds = append(cmds, waitSync(msg.ch), m.startSpin())
	case syncProgressMsg:
		m.progress = msg.p
		cmds = append(cmds, waitSync(m.syncCh))
	case syncDoneMsg:
		m.syncing, m.syncCh, m.progress = false, nil, Progress{}
		auto := m.auto.auto
		switch {
		case msg.sum.Conflicts > 0 || msg.sum.Rejected > 0:
			// A notice that leads to the sync screen, auto or not.
			m.note = noteMsg{text: m.c.tf("sync.attention", msg.sum.Conflicts, msg.sum.Rejected), err: true}
		case auto:
			// The sync line says how it went: no note, no error box.
		case msg.err != nil:
			m.note = m.c.errNote(msg.err)
		default:
			m.note = noteMsg{text: m.c.tf("sync.done", msg.sum.Pushed, msg.sum.Pulled, msg.sum.Conflicts, msg.sum.Rejected)}
		}
		if msg.err != nil {
			m.c.logf("sync (auto %v) failed after %s: %v", auto, msg.took, msg.err)
		}
		// What was pulled is loaded (screens rebuild their rows); a sync
		// that pulled nothing changes only the counts the sync line and
		// Today's status line show, so the rows stay put.
		if !auto || msg.sum.Pulled > 0 {
			cmds = append(cmds, m.c.loadCmd())
		}
		cmds = append(cmds, m.c.loadSyncState(), m.afterSync(msg.err))
	}
	if _, ok := m.screens[scrSync]; !ok {
		m.screens[scrSync] = newScreen(m.c, scrSync, navMsg{})
		cmds = append(cmds, m.screens[scrSync].Init())
	}
	s, cmd := m.screens[scrSync].Update(msg)
	m.screens[scrSync] = s
	return tea.Batch(append(cmds, cmd)...)
}

type panicError struct{ v any }

func (p panicError) Error() string { return "internal error" }

func errPanic(v any) error { return panicError{v} }
