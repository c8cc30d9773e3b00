package tui

import tea "github.com/charmbracelet/bubbletea"

// Work the first frame does not show — the search index, keeping the home
// cache — waits until that frame is made (View, with the home screen's
// data), so that on the two cores of a field laptop it does not compete
// with the reads and the drawing of the first frame. drawn is made by Run
// and closed by the first such View; tests leave it nil (nothing waits).

// afterDrawn returns cmd waiting for the first frame when it is not drawn
// yet.
func (c *common) afterDrawn(cmd tea.Cmd) tea.Cmd {
	gate := c.drawn
	if gate == nil || cmd == nil {
		return cmd
	}
	return func() tea.Msg {
		<-gate
		return cmd()
	}
}

// markDrawn closes the gate once the home screen has data to draw.
func (c *common) markDrawn() {
	if c.drawn != nil && c.home() != nil {
		close(c.drawn)
		c.drawn = nil
	}
}
