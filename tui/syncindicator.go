package tui

import (
	"fmt"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// While a sync runs, the right end of the tab bar shows a spinner, the
// stage and the counts from the sync's progress callback, on every screen.
// The spinner is ASCII (one cell in every terminal) and ticks only while a
// sync runs: an idle UI does not redraw.

var spinFrames = [...]string{"|", "/", "-", `\`}

const spinEvery = 150 * time.Millisecond

// spinMsg advances the spinner; gen drops ticks of an earlier sync.
type spinMsg struct{ gen int }

func spinCmd(gen int) tea.Cmd {
	return tea.Tick(spinEvery, func(time.Time) tea.Msg { return spinMsg{gen: gen} })
}

// startSpin starts the spinner for a new sync.
func (m *Model) startSpin() tea.Cmd {
	m.spinGen++
	m.spin = 0
	return spinCmd(m.spinGen)
}

// spinTick advances the spinner while the sync it was started for runs.
func (m *Model) spinTick(msg spinMsg) tea.Cmd {
	if !m.syncing || msg.gen != m.spinGen {
		return nil
	}
	m.spin++
	return spinCmd(msg.gen)
}

// syncIndicator is the spinner with the latest progress, or "".
func (m *Model) syncIndicator() string {
	if !m.syncing {
		return ""
	}
	s := spinFrames[m.spin%len(spinFrames)] + " " + m.c.t("sync.running")
	p := m.progress
	if p.Stage != "" {
		s += " " + m.c.stageName(p.Stage)
	}
	switch {
	case p.Total > 0:
		s += fmt.Sprintf(" %d/%d", p.Done, p.Total)
	case p.Done > 0:
		s += fmt.Sprintf(" %d", p.Done)
	}
	return s
}

// stageName is a sync stage ("hello", "push", "pull", "done") in the
// chosen language; an unknown stage is shown as it came.
func (c *common) stageName(stage string) string {
	switch stage {
	case "hello", "push", "pull", "done":
		return c.t("sync.stage." + stage)
	}
	return clean(stage)
}
