package tui

import "github.com/charmbracelet/lipgloss"

// styles is every look of the UI in one place. Nothing depends on colour:
// selection is also marked with ">" and headings with their text, so the
// screen reads the same under a monochrome profile.
type styles struct {
	title    lipgloss.Style
	tab      lipgloss.Style
	tabOn    lipgloss.Style
	heading  lipgloss.Style
	selected lipgloss.Style
	dim      lipgloss.Style
	err      lipgloss.Style
	warn     lipgloss.Style
	ok       lipgloss.Style
	bar      lipgloss.Style
	status   lipgloss.Style
}

func newStyles(dark bool) styles {
	accent := lipgloss.Color("25")
	dimC := lipgloss.Color("244")
	if dark {
		accent, dimC = lipgloss.Color("75"), lipgloss.Color("245")
	}
	return styles{
		title:    lipgloss.NewStyle().Bold(true),
		tab:      lipgloss.NewStyle(),
		tabOn:    lipgloss.NewStyle().Bold(true).Underline(true).Foreground(accent),
		heading:  lipgloss.NewStyle().Bold(true).Foreground(accent),
		selected: lipgloss.NewStyle().Reverse(true),
		dim:      lipgloss.NewStyle().Foreground(dimC),
		err:      lipgloss.NewStyle().Foreground(lipgloss.Color("160")),
		warn:     lipgloss.NewStyle().Foreground(lipgloss.Color("172")),
		ok:       lipgloss.NewStyle().Foreground(lipgloss.Color("28")),
		bar:      lipgloss.NewStyle().Foreground(accent),
		status:   lipgloss.NewStyle().Foreground(dimC),
	}
}
