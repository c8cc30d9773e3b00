package visits

import (
	"slices"
	"strconv"
)

// Calendar returns the working-day calendar in force on this laptop: for
// each year HQ set (calendar:YEAR), HQ's; for the other years, the
// calendar imported on this laptop (local, nil: none) where it covers
// them; then the built-in one (2026); then Monday to Friday. With no
// calendar from HQ it is local itself.
func (s Settings) Calendar(local *Calendar) *Calendar {
	years := s.CalendarYears()
	if len(years) == 0 {
		return local
	}
	c := &Calendar{holidays: map[int]bool{}, workdays: map[int]bool{}, names: map[int]string{}}
	hq := map[int]bool{}
	for _, y := range years {
		cy := s.Calendars[y]
		one, err := cy.calendar(y)
		if err != nil {
			continue // checked when stored (CheckSetting)
		}
		hq[y] = true
		c.absorb(one, y)
		c.names[y] = cy.Name
		if cy.Name == "" {
			c.names[y] = "HQ " + strconv.Itoa(y)
		}
		if c.YearFrom == 0 || y < c.YearFrom {
			c.YearFrom = y
		}
	}
	if local != nil {
		for _, sp := range local.covered {
			y, _, _ := civilFromDays(sp.from)
			if hq[y] {
				continue
			}
			c.absorb(local, y)
			c.names[y] = local.nameOf(y)
			if y < c.YearFrom {
				c.YearFrom = y
			}
		}
	}
	c.Name = c.names[years[len(years)-1]]
	return c
}

// CalendarYears returns the years HQ set a calendar for, in order.
func (s Settings) CalendarYears() []int {
	var ys []int
	for y := range s.Calendars {
		ys = append(ys, y)
	}
	slices.Sort(ys)
	return ys
}

// absorb copies year y of from into c and marks y covered.
func (c *Calendar) absorb(from *Calendar, y int) {
	lo, hi := daysFromCivil(y, 1, 1), daysFromCivil(y+1, 1, 1)
	for n := range from.holidays {
		if n >= lo && n < hi {
			c.holidays[n] = true
		}
	}
	for n := range from.workdays {
		if n >= lo && n < hi {
			c.workdays[n] = true
		}
	}
	c.cover(y)
}

// nameOf is the name of the calendar that lists year y's days: a merged
// calendar keeps each year's.
func (c *Calendar) nameOf(y int) string {
	if n, ok := c.names[y]; ok {
		return n
	}
	return c.Name
}

// CalendarFromHQ reports whether HQ's settings set the calendar of d's year.
func (s Settings) CalendarFromHQ(d Date) bool {
	_, ok := s.Calendars[d.Year()]
	return ok
}

// Lists reports whether c itself lists a date of d's year (not counting
// the built-in calendar it falls back to). A nil c lists nothing.
func (c *Calendar) Lists(d Date) bool {
	n, ok := dayNum(d)
	return ok && c != nil && c.coversDay(n)
}
