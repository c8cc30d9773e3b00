package tui

import (
	"encoding/binary"
	"encoding/json"
	"os"
	"strconv"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// The home screen's first frame needs every enterprise's obligations (the
// count of visits owed and the widest name), and with them the occasion
// index, needs, cadences, the calendar and HQ's dates: the costliest part
// of a start-up. A snapshot that computed them keeps what the home screen
// draws in the database (store.PutHomeCache, after the first frame), and
// the next start-up on the same day, of the same build, at the same state
// of the database (no write since, by any path) draws its first frame from
// that alone (homeMsg), then loads the full snapshot behind it, its visits
// owed read from the cache too. The frames are byte-identical
// (TestHomeCacheMatchesFullComputation). Anything else — a save, a pull,
// a login, another day, another build, another file — and everything is
// computed as before.

// homeCacheVersion changes with the encoding below or with what the rows
// mean.
const homeCacheVersion = "home2"

var (
	buildOnce  sync.Once
	buildStamp string
)

// homeCacheKey is the key of the day's cache for this build ("" when
// the build cannot be told apart: no cache). The build is the
// executable's size and modification time: a rebuilt or upgraded binary,
// whose obligations may be computed otherwise, never reads an older one's.
func homeCacheKey(today visits.Date) string {
	buildOnce.Do(func() {
		exe, err := os.Executable()
		if err != nil {
			return
		}
		fi, err := os.Stat(exe)
		if err != nil {
			return
		}
		buildStamp = strconv.FormatInt(fi.Size(), 10) + "." + strconv.FormatInt(fi.ModTime().UnixNano(), 10)
	})
	if buildStamp == "" {
		return ""
	}
	return homeCacheVersion + "|" + string(today) + "|" + buildStamp
}

// homeSave is what a snapshot that computed its visits owed may keep.
type homeSave struct {
	gen store.Generation
	key string
}

// saveHomeCmd keeps what the snapshot's home screen draws for the next
// start-up, off the update loop; a database written meanwhile keeps
// nothing.
func (c *common) saveHomeCmd(sn *snapshot) tea.Cmd {
	if sn == nil || sn.save == nil {
		return nil
	}
	st, save := c.st, *sn.save
	return c.do(func() tea.Msg {
		payload, err := encodeHome(sn)
		if err == nil {
			err = st.PutHomeCache(save.gen, store.HomeEntry{Key: save.key, Payload: payload})
		}
		if err != nil {
			c.logf("home cache not kept: %v", err)
		}
		return nil
	})
}

// keepAhead keeps the home screens of the day of now and of the next day
// for the next start-up, the first of tomorrow's included, when the
// database is as the reads saw it (the officer quit; nothing writes until
// the next start). Nothing is written when both are kept already.
func keepAhead(st *store.Store, now time.Time) error {
	next := now.Add(24 * time.Hour) // Asia/Shanghai has no daylight saving time
	keyToday, keyNext := homeCacheKey(visits.DateOf(now)), homeCacheKey(visits.DateOf(next))
	if keyToday == "" || st.ReadOnly() {
		return nil
	}
	kept := false
	_ = st.View(func(r *store.Reader) error {
		kept = r.HomeCache(keyToday) != nil && r.HomeCache(keyNext) != nil
		return nil
	})
	if kept {
		return nil
	}
	today, err := loadSnapshot(st, now)
	if err != nil {
		return err
	}
	tomorrow, err := loadSnapshot(st, next)
	if err != nil {
		return err
	}
	if today.cached && tomorrow.cached {
		return nil
	}
	if !today.consistent || !tomorrow.consistent || today.gen != tomorrow.gen {
		return store.ErrStaleCache
	}
	var entries []store.HomeEntry
	for _, sn := range []*snapshot{today, tomorrow} {
		key := homeCacheKey(visits.DateOf(sn.at))
		if key == "" {
			return nil
		}
		payload, err := encodeHome(sn)
		if err != nil {
			return err
		}
		entries = append(entries, store.HomeEntry{Key: key, Payload: payload})
	}
	return st.PutHomeCache(today.gen, entries...)
}

// homeMsg carries the home screen's data read from the cache: enough for
// the first frame, not a snapshot (no enterprise rows).
type homeMsg struct{ snap *snapshot }

// startCmd draws the first frame from the home cache when it holds one
// for this state of the database, then loads the snapshot; otherwise it
// loads the snapshot at once.
func (c *common) startCmd() tea.Cmd {
	st, now := c.st, c.now()
	load := c.loadCmd()
	return c.do(func() tea.Msg {
		if key := homeCacheKey(visits.DateOf(now)); key != "" {
			var raw []byte
			_ = st.View(func(r *store.Reader) error { raw = r.HomeCache(key); return nil })
			if sn, ok := decodeHome(raw, now); ok {
				return homeMsg{snap: sn}
			}
		}
		return load()
	})
}

// encodeHome: the rows of the three sections, each field a length and
// its bytes, the enterprise's cleaned name with each; then the charts'
// counts, the sync status, the officer, the calendar flag and HQ's
// settings (JSON, homeSettings).
func encodeHome(sn *snapshot) ([]byte, error) {
	var out []byte
	str := func(ss ...string) {
		for _, s := range ss {
			out = binary.AppendUvarint(out, uint64(len(s)))
			out = append(out, s...)
		}
	}
	out = binary.AppendUvarint(out, uint64(len(sn.owed)))
	for i := range sn.owed {
		o := &sn.owed[i]
		str(o.EnterpriseID, o.Occasion, string(o.Due), o.Reason, o.Detail, o.NeedID, o.name)
	}
	out = binary.AppendUvarint(out, uint64(len(sn.fus)))
	for _, f := range sn.fus {
		str(f.ID, f.EnterpriseID, f.Action, string(f.Due), f.Status, sn.entName(f.EnterpriseID))
	}
	out = binary.AppendUvarint(out, uint64(len(sn.overdue)))
	for i, n := range sn.overdue {
		str(n.ID, n.EnterpriseID, n.Title, n.Status, string(sn.overdueDue[i]), sn.entName(n.EnterpriseID))
	}
	for _, v := range sn.perDay {
		out = binary.AppendUvarint(out, uint64(v))
	}
	out = binary.AppendUvarint(out, uint64(len(openStatuses)))
	for _, st := range openStatuses {
		str(st)
		out = binary.AppendUvarint(out, uint64(sn.byStat[st]))
	}
	status, err := json.Marshal(sn.status)
	if err != nil {
		return nil, err
	}
	settings, err := json.Marshal(toHomeSettings(sn.settings))
	if err != nil {
		return nil, err
	}
	noCal := "0"
	if sn.noCal {
		noCal = "1"
	}
	str(string(status), sn.officer, noCal, string(settings))
	return out, nil
}

// homeSettings is visits.Settings as JSON can hold it: the weekly notes,
// keyed by a struct, as a list.
type homeSettings struct {
	S        visits.Settings
	Notes    []homeNote
	NotesNil bool
}

type homeNote struct {
	Week visits.Week
	Note visits.WeeklyNote
}

func toHomeSettings(set visits.Settings) homeSettings {
	h := homeSettings{NotesNil: set.Notes == nil}
	for w, n := range set.Notes {
		h.Notes = append(h.Notes, homeNote{Week: w, Note: n})
	}
	h.S, h.S.Notes = set, nil
	return h
}

func (h homeSettings) settings() visits.Settings {
	set := h.S
	if !h.NotesNil {
		set.Notes = make(map[visits.Week]visits.WeeklyNote, len(h.Notes))
		for _, n := range h.Notes {
			set.Notes[n.Week] = n.Note
		}
	}
	return set
}

// decodeHome reads encodeHome's bytes back into a snapshot of the home
// screen alone (early); false if they do not read.
func decodeHome(b []byte, now time.Time) (*snapshot, bool) {
	if len(b) == 0 {
		return nil, false
	}
	d := homeDec{b: b, seen: map[string]string{}}
	sn := &snapshot{at: now, byStat: map[string]int{}, names: map[string]string{}, early: true}
	// What was kept was made safe before it was kept, but the cache is read
	// from the database file like any record: the texts it shows are made
	// safe again on the way to the terminal (clean is idempotent, and
	// quick on plain text).
	name := func(id string) string {
		n := clean(d.str(false))
		sn.names[id] = n
		return n
	}
	sn.owed = make([]owedRow, d.count())
	for i := range sn.owed {
		o := &sn.owed[i]
		o.EnterpriseID, o.Occasion, o.Due = d.str(true), d.str(true), visits.Date(d.str(true))
		o.Reason, o.Detail, o.NeedID = d.str(true), clean(d.str(false)), d.str(false)
		o.name = name(o.EnterpriseID)
	}
	sn.fus = make([]visits.FollowUp, d.count())
	for i := range sn.fus {
		f := &sn.fus[i]
		f.ID, f.EnterpriseID, f.Action, f.Due, f.Status = d.str(false), d.str(true), clean(d.str(false)), visits.Date(d.str(true)), d.str(true)
		name(f.EnterpriseID)
	}
	sn.overdue = make([]visits.Need, d.count())
	sn.overdueDue = make([]visits.Date, len(sn.overdue))
	for i := range sn.overdue {
		n := &sn.overdue[i]
		n.ID, n.EnterpriseID, n.Title, n.Status, sn.overdueDue[i] = d.str(false), d.str(true), clean(d.str(false)), d.str(true), visits.Date(d.str(true))
		name(n.EnterpriseID)
	}
	for i := range sn.perDay {
		sn.perDay[i] = int(d.uv())
	}
	for range d.count() {
		st := d.str(true)
		sn.byStat[st] = int(d.uv())
	}
	status, officer, noCal, settings := d.str(false), d.str(false), d.str(false), d.str(false)
	sn.officer, sn.noCal = officer, noCal == "1"
	var set homeSettings
	if d.bad || len(d.b) != 0 || json.Unmarshal([]byte(status), &sn.status) != nil || json.Unmarshal([]byte(settings), &set) != nil {
		return nil, false
	}
	sn.settings = set.settings()
	sn.nameW, sn.nameWKnown = sn.homeNameWidth(), true // off the update loop
	return sn, true
}

// homeDec reads encodeHome's fields; bad once one does not read.
type homeDec struct {
	b    []byte
	bad  bool
	seen map[string]string // codes, ids and dates repeat
}

func (d *homeDec) uv() uint64 {
	n, w := binary.Uvarint(d.b)
	if w <= 0 {
		d.bad, d.b = true, nil
		return 0
	}
	d.b = d.b[w:]
	return n
}

// count is a number of rows, at most one per byte left.
func (d *homeDec) count() int {
	n := d.uv()
	if n > uint64(len(d.b)) {
		d.bad, d.b = true, nil
		return 0
	}
	return int(n)
}

func (d *homeDec) str(intern bool) string {
	n := d.uv()
	if n > uint64(len(d.b)) {
		d.bad, d.b = true, nil
		return ""
	}
	raw := d.b[:n]
	d.b = d.b[n:]
	if !intern {
		return string(raw)
	}
	if s, ok := d.seen[string(raw)]; ok {
		return s
	}
	s := string(raw)
	d.seen[s] = s
	return s
}
