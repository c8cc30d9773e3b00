package tui

import (
	"time"

	"github.com/liaison-dev/liaison/visits"
)

// Messages between screens and the root model. Screens never call each
// other: they return one of these and the root acts on it.

type screenID int

const (
	scrToday screenID = iota
	scrEnterprises
	scrNeeds
	scrFollowUps
	scrSync
	scrReport
	scrDetail
	scrVisitForm
	scrEnterpriseForm
	scrNeedForm
	scrFollowUpForm
	scrVisitCorrect
	scrReadinessForm // the plan's forms (planscreens.go)
	scrApplicationForm
	scrStepForm
)

// tabs are the screens the tab key and 1-6 cycle through.
var tabs = [...]screenID{scrToday, scrEnterprises, scrNeeds, scrFollowUps, scrSync, scrReport}

// navMsg opens a screen; ent, need and visit select what it shows.
type navMsg struct {
	to      screenID
	ent     string
	need    string
	visit   string
	app     string             // an application (the step form)
	owed    *visits.Obligation // a new visit fulfils this owed visit
	replace bool               // the current screen is done: esc goes to the one before it
}

// loaded is a screen's own data, loaded in the background: it goes to
// that screen even if another is showing by the time it arrives (a form
// that saves closes itself and asks every screen to reload; the reload of
// the screen beneath may finish before the form has closed).
type loaded interface{ owner() screenID }

func (detailMsg) owner() screenID    { return scrDetail }
func (needsMsg) owner() screenID     { return scrNeeds }
func (eventsMsg) owner() screenID    { return scrNeeds }
func (followUpsMsg) owner() screenID { return scrFollowUps }
func (syncDataMsg) owner() screenID  { return scrSync }
func (reportMsg) owner() screenID    { return scrReport }
func (selectAppMsg) owner() screenID { return scrDetail }

// backMsg closes the current screen (esc).
type backMsg struct{}

// changedMsg says the database changed: the root reloads the snapshot.
type changedMsg struct{ note string }

// noteMsg shows a one-line message on the status line.
type noteMsg struct {
	text string
	err  bool
}

// quitMsg asks the root to quit (it may ask first).
type quitMsg struct{}

// syncMsg asks the root to start a sync.
type syncMsg struct{}

// snapshotMsg carries freshly loaded data.
type snapshotMsg struct {
	snap *snapshot
	err  error
	took time.Duration
}

// indexMsg carries the search index built after a load.
type indexMsg struct{ idx *searchIndex }

// draftMsg offers a draft found at start-up.
type draftMsg struct{ draft visitDraft }
