package tui

import "github.com/liaison-dev/liaison/visits"

// HQ's wording and unit list on the screens (docs/settings.md): the
// labels of occasions and units follow HQ's settings as last synced (the
// snapshot reads them), the rest are built in. Settings hold no control
// characters: visits.Settings.Add skips a value CheckSetting refuses.

// settings returns HQ's settings as of the latest load (zero before it).
func (c *common) settings() visits.Settings {
	if sn := c.home(); sn != nil {
		return sn.settings
	}
	return visits.Settings{}
}

// terms is visits.Terms with HQ's labels; for units, HQ's unit list.
func (c *common) terms(k visits.Kind) []visits.Term {
	set := c.settings()
	var ts []visits.Term
	if k == visits.KindUnit {
		for _, u := range set.UnitTerms() {
			ts = append(ts, visits.Term{Code: u.Code})
		}
	} else {
		ts = visits.Terms(k)
	}
	for i := range ts {
		ts[i].ZH = set.Label(k, ts[i].Code, visits.ZH)
		ts[i].EN = set.Label(k, ts[i].Code, visits.EN)
	}
	return ts
}
