package tui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// screen is one page of the UI. The root model owns the chrome (tab bar,
// status line, overlays) and gives the screen the rest.
type screen interface {
	Init() tea.Cmd
	Update(msg tea.Msg) (screen, tea.Cmd)
	// View draws the body in exactly w×h cells.
	View(w, h int) string
	// Title is the screen's name in the tab bar and help.
	Title() string
	// Keys lists the screen's own bindings for the help overlay.
	Keys() []key.Binding
	// Hint is the bottom line: the focused input, or a short key hint.
	// A text input sits there so the input method's popup follows it.
	Hint(w int) string
	// Capturing reports whether typed letters belong to the screen (a
	// text input is focused): then only esc, tab and ctrl keys are global.
	Capturing() bool
}

// dirty is implemented by forms: unsaved text makes quitting ask first.
type dirty interface{ Dirty() bool }

// drafted is implemented by forms that may keep a draft of their text:
// quitting says the text is kept only when every form with unsaved text
// keeps it.
type drafted interface{ KeepsDraft() bool }

// newScreen is the factory of screens; the root caches what it makes.
func newScreen(c *common, id screenID, nav navMsg) screen {
	switch id {
	case scrEnterprises:
		return newEnterprises(c)
	case scrNeeds:
		return newNeeds(c, nav.need)
	case scrFollowUps:
		return newFollowUps(c)
	case scrSync:
		return newSyncScreen(c)
	case scrReport:
		return newReport(c)
	case scrDetail:
		return newDetail(c, nav.ent)
	case scrVisitForm:
		f := newVisitForm(c, nav.ent)
		if nav.owed != nil {
			f.fulfil(*nav.owed)
		}
		return f
	case scrVisitCorrect:
		return newVisitCorrectForm(c, nav.visit)
	case scrEnterpriseForm:
		return newEnterpriseForm(c, nav.ent)
	case scrNeedForm:
		return newNeedForm(c, nav.ent)
	case scrFollowUpForm:
		return newFollowUpForm(c, nav.ent)
	case scrReadinessForm, scrApplicationForm, scrStepForm:
		return newPlanScreen(c, id, nav)
	default:
		return newToday(c)
	}
}
