package visits

// Tier and 三清单 are derived from an enterprise's qualifications for a
// reference day; they are never typed. A qualification issued after the
// reference day is not yet known on it, so past weeks are judged with what
// was true then.

// ValidUntil returns the last day q is valid: Expires when given; without
// one,
//
//   - an HNTE certificate: the day before the third anniversary of Issued
//     (valid 3 years from issue);
//   - a tech-SME listing (科技型中小企业入库): 31 December of the year of
//     Issued (登记编号当年有效: it lapses at year end unless renewed, and a
//     renewal is a new qualification issued the next year);
//   - otherwise, or when Issued is not a date: zero, meaning no end is
//     known.
func (q Qualification) ValidUntil() Date {
	if q.Expires != "" {
		return q.Expires
	}
	var buf [10]byte
	return Date(q.computedUntil(&buf))
}

// computedUntil writes ValidUntil without Expires into buf and returns
// it (empty when no end is known), without making a string: ValidOn runs
// for every qualification of every enterprise at start-up.
func (q Qualification) computedUntil(buf *[10]byte) []byte {
	n, ok := dayNum(q.Issued)
	if !ok {
		return nil
	}
	y, m, d := civilFromDays(n)
	switch q.Kind {
	case TierHNTE:
		// Feb 29 + 3 years lands on Mar 1; the day before is Feb 28.
		return dateInto(buf, daysFromCivil(y+3, m, d)-1)
	case TierTSME:
		return dateInto(buf, daysFromCivil(y, 12, 31))
	}
	return nil
}

// ValidOn reports whether q is in force on day d: issued on or before d
// (or issue unknown) and d not after ValidUntil.
func (q Qualification) ValidOn(d Date) bool {
	if !q.knownOn(d) {
		return false
	}
	if q.Expires != "" {
		return d <= q.Expires
	}
	var buf [10]byte
	until := q.computedUntil(&buf)
	return len(until) == 0 || string(d) <= string(until)
}

// knownOn: q existed on d.
func (q Qualification) knownOn(d Date) bool {
	return q.Issued == "" || q.Issued <= d
}

// Tier returns the highest tier (none, tsme, prov, hnte) among the
// qualifications valid on the day.
func Tier(e Enterprise, on Date) string { return tierOf(e.Qualifications, on) }

// tierOf is Tier of an enterprise's qualifications (the report asks it of
// thousands of enterprises: an Enterprise is large to copy).
func tierOf(qs []Qualification, on Date) string {
	best := 0
	for _, q := range qs {
		if r := tierRank(q.Kind); r > best && q.ValidOn(on) {
			best = r
		}
	}
	return [...]string{TierNone, TierTSME, TierProv, TierHNTE}[best]
}

// tierRank orders the tiers: none 0, tsme 1, prov 2, hnte 3.
func tierRank(kind string) int {
	switch kind {
	case TierTSME:
		return 1
	case TierProv:
		return 2
	case TierHNTE:
		return 3
	}
	return 0
}

// yearOf returns the year of d, or 0 when d is not a date.
func yearOf(d Date) int {
	n, ok := dayNum(d)
	if !ok {
		return 0
	}
	y, _, _ := civilFromDays(n)
	return y
}

// Lists returns the 三清单 the enterprise is on for the reference day, in
// code order:
//
//   - hnte_expiring: its latest HNTE certificate ends in the reference
//     year (a renewal issued in time ends later, so it leaves the list);
//   - prov_not_hnte: a valid provincial qualification and no valid HNTE;
//   - failed_renewal: its latest HNTE certificate ended in an earlier year
//     and none followed.
//
// An HNTE certificate with no known (or a malformed) end keeps the enterprise off the
// first and last lists.
func Lists(e Enterprise, on Date) []string { return listsOf(e.Qualifications, on) }

// listsOf is Lists of an enterprise's qualifications.
func listsOf(qs []Qualification, on Date) []string {
	var out []string
	latest, hadHNTE, open := Date(""), false, false
	prov, hnte := false, false
	for _, q := range qs {
		if !q.knownOn(on) {
			continue
		}
		switch q.Kind {
		case TierHNTE:
			hadHNTE = true
			hnte = hnte || q.ValidOn(on)
			if u := q.ValidUntil(); yearOf(u) == 0 {
				open = true
			} else if u > latest {
				latest = u
			}
		case TierProv:
			prov = prov || q.ValidOn(on)
		}
	}
	year, ly := yearOf(on), yearOf(latest)
	if hadHNTE && !open && ly == year {
		out = append(out, ListHNTEExpiring)
	}
	if prov && !hnte {
		out = append(out, ListProvNotHNTE)
	}
	if hadHNTE && !open && ly < year {
		out = append(out, ListFailedRenewal)
	}
	return out
}
