package tui

// newPlanScreen makes the plan's screens (issue 11) for newScreen.
func newPlanScreen(c *common, id screenID, nav navMsg) screen {
	switch id {
	case scrReadinessForm:
		return newReadinessForm(c, nav.ent)
	case scrApplicationForm:
		return newAppForm(c, nav.ent)
	case scrStepForm:
		return newStepForm(c, nav.app)
	}
	return newToday(c)
}
