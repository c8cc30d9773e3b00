package tui

import (
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/liaison-dev/liaison/sync"
	"github.com/liaison-dev/liaison/visits"
)

// The sync line stands at the right end of the tab bar on every screen
// when no sync runs: when the last sync reached HQ, what is still to
// send, open conflicts, why the last sync failed and when the next try
// is, and the day's-end reminder. It says times as clock times, not
// "in 2 minutes", so it never goes stale on an idle screen (which does
// not redraw). It only takes the room the tabs leave: the tabs never
// move, and when it is too long its least important parts go first.

// lineSeg is one part of the sync line, long and short.
type lineSeg struct {
	long, short string
	rank        int // which goes first when there is no room: lowest
}

// syncLine is the sync line in at most w cells ("" when there is nothing
// to say or no room).
func (m *Model) syncLine(w int) string {
	segs := m.syncSegs()
	if len(segs) == 0 || w <= 0 {
		return ""
	}
	join := func(segs []lineSeg, short bool) string {
		parts := make([]string, len(segs))
		for i, s := range segs {
			parts[i] = s.long
			if short {
				parts[i] = s.short
			}
		}
		return strings.Join(parts, " · ")
	}
	for _, short := range []bool{false, true} {
		if s := join(segs, short); displayWidth(s) <= w {
			return s
		}
	}
	// Short forms: the most important parts that fit, in their order.
	order := make([]int, len(segs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return segs[b].rank - segs[a].rank })
	keep := make([]bool, len(segs))
	kept := func() []lineSeg {
		var out []lineSeg
		for i, s := range segs {
			if keep[i] {
				out = append(out, s)
			}
		}
		return out
	}
	for _, i := range order {
		keep[i] = true
		if displayWidth(join(kept(), true)) > w {
			keep[i] = false
		}
	}
	return join(kept(), true)
}

// syncSegs are the parts of the sync line, in the order shown.
func (m *Model) syncSegs() []lineSeg {
	c, a := m.c, &m.auto
	remind := m.dayEnd().Due
	if (c.sync == nil && !remind) || !a.loaded {
		return nil
	}
	var segs []lineSeg
	st := a.status
	if c.sync != nil {
		switch {
		case st.LastSync.IsZero():
			segs = append(segs, lineSeg{c.t("sync.line.never"), c.t("sync.line.never"), 1})
		default:
			when := c.lineTime(st.LastSync, false)
			segs = append(segs, lineSeg{c.tf("sync.line.synced", when), when, 1})
		}
	}
	if st.Pending > 0 {
		p := c.tf("sync.line.pending", max(1, a.records))
		segs = append(segs, lineSeg{p, p, 2})
	}
	if st.Conflicts > 0 {
		s := "! " + c.tf("sync.line.conflicts", st.Conflicts)
		segs = append(segs, lineSeg{s, s, 3})
	}
	if a.err != nil && c.sync != nil {
		segs = append(segs, m.problemSeg())
	}
	if remind {
		segs = append(segs, lineSeg{"! " + c.t("sync.line.remind"), "! " + c.t("sync.line.remind_short"), 4})
	}
	return segs
}

// problemSeg says why the last sync failed and when the next try is.
func (m *Model) problemSeg() lineSeg {
	c, a := m.c, &m.auto
	var key string
	switch {
	case unreachableErr(a.err):
		key = "sync.line.unreachable"
	case errors.Is(a.err, sync.ErrUnauthorized), errors.Is(a.err, sync.ErrNotLoggedIn):
		key = "sync.line.login"
	case permanent(a.err):
		key = "sync.line.stopped"
	default:
		key = "sync.line.failed"
	}
	long, short := c.t(key), c.t(key+"_short")
	if !a.next.IsZero() && !a.stopped {
		at := c.lineTime(a.next, a.next.Sub(c.now()) < time.Minute)
		long += c.tf("sync.line.retry", at)
		short += " " + c.tf("sync.line.retry_short", at)
	}
	return lineSeg{long, short, 5}
}

// lineTime is a time as the sync line says it: the clock time today
// (with seconds when asked), the date before today.
func (c *common) lineTime(t time.Time, seconds bool) string {
	t = t.In(visits.Shanghai)
	if visits.DateOf(t) != c.today() {
		return t.Format("01-02")
	}
	if seconds {
		return t.Format("15:04:05")
	}
	return t.Format("15:04")
}
