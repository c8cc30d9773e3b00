package visits

import (
	"slices"
	"sort"
)

// AreaFigure is the visits and the coverage of one officer, street or
// unit. Visits are those of the week (and of last week) led by the officer
// (by an officer of the unit; to an enterprise of the street). Coverage
// counts the assigned enterprises (包抓联) of the officer (of any officer
// of the unit; in the street) by when they were last visited, by anyone,
// on AsOf: this week, this month, this year, never.
type AreaFigure struct {
	Code           string `json:"code"`           // officer id, street name or unit code; "": none recorded
	Name           string `json:"name,omitempty"` // the officer's name
	Unit           string `json:"unit,omitempty"` // the officer's unit
	Visits         int    `json:"visits"`
	VisitsLastWeek int    `json:"visits_last_week"`
	Assigned       int    `json:"assigned"`
	VisitedWeek    int    `json:"visited_week"`
	VisitedMonth   int    `json:"visited_month"`
	VisitedYear    int    `json:"visited_year"`
	Never          int    `json:"never"`
}

// Coverage is VisitedYear out of Assigned.
func (a AreaFigure) Coverage() Ratio { return Ratio{Num: a.VisitedYear, Den: a.Assigned} }

// seen is when an enterprise was last visited, as of a day.
type seen struct{ week, month, year, ever bool }

// seenOn returns, per enterprise id, when it was last visited on ref.
func (ix *reportIndex) seenOn(w Week, ref Date) map[string]seen {
	out := make(map[string]seen, len(ix.ds.Enterprises))
	start, monthStart, yearStart := w.Start(), ref[:8]+"01", ref[:4]+"-01-01"
	for id, vis := range ix.visits {
		var s seen
		for _, vi := range vis {
			d := ix.visitDay[vi]
			if d > ref {
				continue
			}
			s.ever = true
			s.week = s.week || d >= start
			s.month = s.month || d >= monthStart
			s.year = s.year || d >= yearStart
		}
		out[id] = s
	}
	return out
}

// areas computes the figures by officer, by street and by unit.
func (ix *reportIndex) areas(w Week, ref Date) (byOfficer, byStreet, byUnit []AreaFigure) {
	officers, streets, units := map[string]*AreaFigure{}, map[string]*AreaFigure{}, map[string]*AreaFigure{}
	get := func(m map[string]*AreaFigure, code string) *AreaFigure {
		a := m[code]
		if a == nil {
			a = &AreaFigure{Code: code}
			m[code] = a
		}
		return a
	}
	unitOf := func(officer string) string {
		if o := ix.officers[officer]; o != nil {
			return o.Unit
		}
		return ""
	}
	street := func(ent string) string {
		if e := ix.ents[ent]; e != nil {
			return e.Street
		}
		return ""
	}
	prev := w.Prev()
	start, prevStart, prevEnd := w.Start(), prev.Start(), prev.End() // Week.Contains formats its days: not per visit
	for i := range ix.ds.Visits {
		d := ix.visitDay[i]
		cur, last := d >= start && d <= ref, d >= prevStart && d <= prevEnd
		if !cur && !last {
			continue
		}
		v := &ix.ds.Visits[i]
		for _, a := range []*AreaFigure{get(officers, v.LeadOfficer), get(streets, street(v.EnterpriseID)), get(units, unitOf(v.LeadOfficer))} {
			a.Visits += b2i(cur)
			a.VisitsLastWeek += b2i(last)
		}
	}
	seenBy := ix.seenOn(w, ref)
	for i := range ix.ds.Enterprises {
		e := &ix.ds.Enterprises[i]
		as := ix.assigns[e.ID]
		if len(as) == 0 || createdAfter(e.Meta, ref) {
			continue
		}
		s := seenBy[e.ID]
		count := func(a *AreaFigure) {
			a.Assigned++
			a.VisitedWeek += b2i(s.week)
			a.VisitedMonth += b2i(s.month)
			a.VisitedYear += b2i(s.year)
			a.Never += b2i(!s.ever)
		}
		count(get(streets, e.Street))
		var offs, us []string
		for _, a := range as {
			if a.OfficerID != "" {
				offs = append(offs, a.OfficerID)
				us = append(us, unitOf(a.OfficerID))
			}
		}
		slices.Sort(offs)
		slices.Sort(us)
		for _, o := range slices.Compact(offs) {
			count(get(officers, o))
		}
		for _, u := range slices.Compact(us) {
			count(get(units, u))
		}
	}
	for code, a := range officers {
		if code != "" {
			a.Name, a.Unit = ix.officerName(code), unitOf(code)
		}
	}
	byOfficer = sortedAreas(officers, nil, func(a, b *AreaFigure) bool {
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.Code < b.Code
	})
	byStreet = sortedAreas(streets, nil, nil)
	byUnit = sortedAreas(units, Codes(KindUnit), nil)
	return byOfficer, byStreet, byUnit
}

// sortedAreas lists the areas: those of known codes in that order, then
// the rest by less (else by code), the one with no code last.
func sortedAreas(m map[string]*AreaFigure, known []string, less func(a, b *AreaFigure) bool) []AreaFigure {
	out := []AreaFigure{}
	var rest []*AreaFigure
	for _, c := range known {
		if a := m[c]; a != nil {
			out = append(out, *a)
		}
	}
	for c, a := range m {
		if c != "" && !slices.Contains(known, c) {
			rest = append(rest, a)
		}
	}
	sort.Slice(rest, func(i, j int) bool {
		if less != nil {
			return less(rest[i], rest[j])
		}
		return rest[i].Code < rest[j].Code
	})
	for _, a := range rest {
		out = append(out, *a)
	}
	if a := m[""]; a != nil {
		out = append(out, *a)
	}
	return out
}
