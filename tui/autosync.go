package tui

import (
	"errors"
	"math/rand/v2"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/sync"
	"github.com/liaison-dev/liaison/visits"
)

// The UI syncs by itself while it runs (Options.SyncEvery): once at
// start-up when anything is pending, then every interval, and soon after
// a save. A sync that fails is tried again after a growing, jittered
// back-off; one that waiting cannot mend (log in again, HQ not verified)
// stops the timer until a sync succeeds. Every sync runs in its own
// goroutine (syncrun.go); timers are commands that return a message, so
// Update never waits and tests drive the clock (Options.After).
//
// The state lives in the root model; the sync line (autosyncline.go)
// shows it on every screen.

const (
	saveDelay  = 3 * time.Second  // a save is synced this long after the last one
	backoffMin = time.Second      // the first retry after a failure: the interval, at least this
	backoffMax = 30 * time.Second //   and at most this,
	backoffCap = 5 * time.Minute  // doubling up to the interval or this, whichever is longer
)

// autoTickMsg is a timer of the auto sync; only the latest one counts.
type autoTickMsg struct{ gen int }

// remindTickMsg is the day's-end reminder's timer.
type remindTickMsg struct{}

// syncStateMsg carries what the sync line shows: the status and the
// working-day calendar.
type syncStateMsg struct {
	status  store.Status
	records int // records with pending changes (Status.Pending counts fields)
	cal     *visits.Calendar
	err     error
}

type autoSync struct {
	every    time.Duration
	remindAt time.Duration
	after    func(time.Duration, tea.Msg) tea.Cmd
	jitter   func() float64

	gen     int       // the timer that counts; older ones are dropped
	next    time.Time // when it fires (zero: no timer)
	fails   int       // syncs that failed in a row
	err     error     // the latest sync's error; nil after a success
	stopped bool      // waiting will not mend err: no timer until a sync succeeds
	auto    bool      // the running sync was started by a timer
	saved   bool      // a save came since the running (or last) sync started
	started bool      // the start-up check was made

	loaded   bool // status and cal are read
	status   store.Status
	records  int
	cal      *visits.Calendar
	reminded visits.Date // the day the reminder's note was shown
}

func newAutoSync(o Options) autoSync {
	a := autoSync{every: o.SyncEvery, remindAt: o.RemindAt, after: o.After, jitter: rand.Float64}
	if a.after == nil {
		a.after = func(d time.Duration, msg tea.Msg) tea.Cmd {
			return tea.Tick(d, func(time.Time) tea.Msg { return msg })
		}
	}
	return a
}

// on reports whether the UI syncs by itself.
func (m *Model) autoOn() bool { return m.auto.every > 0 && m.c.sync != nil }

// schedule sets the one timer that counts to fire after d.
func (m *Model) schedule(d time.Duration) tea.Cmd {
	m.auto.gen++
	m.auto.next = m.c.now().Add(d)
	return m.auto.after(d, autoTickMsg{gen: m.auto.gen})
}

// backoff is the wait before retry number fails (1 for the first): the
// interval (between backoffMin and backoffMax) doubling up to the longer
// of the interval and backoffCap, its second half jittered.
func (a *autoSync) backoff(fails int) time.Duration {
	d := min(max(a.every, backoffMin), backoffMax) << min(max(fails-1, 0), 20)
	if ceiling := max(a.every, backoffCap); d > ceiling || d <= 0 {
		d = ceiling
	}
	return d/2 + time.Duration(float64(d/2)*a.jitter())
}

// permanent reports whether waiting cannot mend err.
func permanent(err error) bool {
	for _, e := range []error{sync.ErrUnauthorized, sync.ErrNotLoggedIn, sync.ErrUntrusted,
		sync.ErrInsecureHTTP, sync.ErrUnsupportedProtocol} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// unreachableErr reports whether err says HQ could not be reached.
func unreachableErr(err error) bool { return errors.Is(err, sync.ErrUnreachable) }

// loadSyncState reads the status and calendar the sync line shows.
func (c *common) loadSyncState() tea.Cmd {
	st := c.st
	return c.do(func() tea.Msg {
		var m syncStateMsg
		m.err = st.View(func(r *store.Reader) error {
			m.status, m.records, m.cal = r.Status(), r.PendingRecords(), r.Calendar()
			return nil
		})
		return m
	})
}

// autoInit starts the reminder's timer and reads the sync line's state;
// the first read decides whether to sync at once.
func (m *Model) autoInit() tea.Cmd {
	return tea.Batch(m.c.loadSyncState(), m.remindTimer())
}

// onSyncState keeps the state read; on the first read the auto sync
// starts (at once when anything is pending) and a reminder already due
// is said.
func (m *Model) onSyncState(msg syncStateMsg) tea.Cmd {
	if msg.err != nil {
		m.c.logf("sync state: %v", msg.err)
		return nil
	}
	m.auto.status, m.auto.records, m.auto.cal, m.auto.loaded = msg.status, msg.records, msg.cal, true
	if m.c.snap != nil && m.c.snap.status != msg.status {
		// Today's status line shows the new counts; the rows are the same
		// snapshot, so nothing moves under the cursor.
		sn := *m.c.snap
		sn.status = msg.status
		m.c.snap = &sn
	}
	m.remindNote()
	if m.auto.started || !m.autoOn() {
		return nil
	}
	m.auto.started = true
	if msg.status.Pending > 0 {
		return m.startSyncBy(true)
	}
	return m.schedule(m.auto.every)
}

// onAutoTick starts a sync when the timer that fired is the one that
// counts and no sync runs (a running sync sets the next timer itself).
func (m *Model) onAutoTick(msg autoTickMsg) tea.Cmd {
	if msg.gen != m.auto.gen || !m.autoOn() {
		return nil
	}
	m.auto.next = time.Time{}
	if m.syncing {
		return nil
	}
	return m.startSyncBy(true)
}

// onSaved syncs a save soon, when HQ answers: a timer saveDelay after the
// last save, unless HQ is being retried (its back-off stands) or a sync
// runs (it syncs again when done).
func (m *Model) onSaved() tea.Cmd {
	m.auto.saved = true
	if !m.autoOn() || m.syncing || m.auto.fails > 0 || m.auto.stopped {
		return nil
	}
	return m.schedule(saveDelay)
}

// afterSync records how a sync ended and sets the next timer.
func (m *Model) afterSync(err error) tea.Cmd {
	a := &m.auto
	a.err = err
	if err == nil {
		a.fails, a.stopped = 0, false
	} else if permanent(err) {
		a.stopped = true
	} else {
		a.fails++
	}
	if !m.autoOn() || a.stopped {
		a.gen++ // no timer counts
		a.next = time.Time{}
		return nil
	}
	switch {
	case err != nil:
		return m.schedule(a.backoff(a.fails))
	case a.saved:
		return m.schedule(saveDelay)
	}
	return m.schedule(a.every)
}

// remindTimer fires at the next reminder time (today's if still ahead).
func (m *Model) remindTimer() tea.Cmd {
	if m.auto.remindAt <= 0 {
		return nil
	}
	now := m.c.now().In(visits.Shanghai)
	at := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, visits.Shanghai).Add(m.auto.remindAt)
	if !at.After(now) {
		at = at.AddDate(0, 0, 1)
	}
	return m.auto.after(at.Sub(now), remindTickMsg{})
}

// dayEnd is whether the day's-end reminder is due now.
func (m *Model) dayEnd() store.DayEnd {
	if !m.auto.loaded {
		return store.DayEnd{}
	}
	return store.DayEndAt(m.c.now(), m.auto.remindAt, m.auto.cal, m.auto.status)
}

// remindNote says the reminder on the bottom line once a day, when it
// becomes due; the sync line keeps saying it while it is.
func (m *Model) remindNote() {
	d := m.dayEnd()
	today := m.c.today()
	if !d.Due || m.auto.reminded == today {
		return
	}
	m.auto.reminded = today
	if d.Pending > 0 {
		m.note = noteMsg{text: m.c.tf("sync.remind.pending", max(1, m.auto.records)), err: true}
	} else {
		m.note = noteMsg{text: m.c.t("sync.remind.not_today"), err: true}
	}
}
