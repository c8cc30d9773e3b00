package tui

import (
	"encoding/binary"
	"os"
	"strconv"
	"sync"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// The visits owed of the home screen are the costliest part of a start-up:
// every enterprise's obligations, from this year's visits of four
// occasions (the occasion index), needs, cadences, the calendar and HQ's
// dates. A snapshot that computed them keeps them in the database
// (store.PutHomeCache, after the first frame), and the next start-up on
// the same day, of the same build, at the same state of the database (no
// write since, by any path) reads them back instead: the same rows in the
// same order (TestHomeCacheMatchesFullComputation). Anything else — a
// save, a pull, a login, another day, another build, another file — and
// they are computed again.

// homeCacheVersion changes with the encoding below or with what the rows
// mean.
const homeCacheVersion = "owed1"

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

// saveHomeCmd keeps the snapshot's visits owed for the next start-up,
// off the update loop; a database written meanwhile keeps nothing.
func (c *common) saveHomeCmd(sn *snapshot) tea.Cmd {
	if sn == nil || sn.save == nil {
		return nil
	}
	st, save := c.st, *sn.save
	return c.do(func() tea.Msg {
		if err := st.PutHomeCache(save.gen, save.key, encodeOwed(sn)); err != nil {
			c.logf("home cache not kept: %v", err)
		}
		return nil
	})
}

// encodeOwed: per row, the enterprise's index in sn.ents, then the
// occasion, due date, reason, detail and need id, each a length and its
// bytes.
func encodeOwed(sn *snapshot) []byte {
	out := binary.AppendUvarint(nil, uint64(len(sn.owed)))
	for i := range sn.owed {
		o := &sn.owed[i].Obligation
		out = binary.AppendUvarint(out, uint64(sn.byID[o.EnterpriseID]))
		for _, s := range [...]string{o.Occasion, string(o.Due), o.Reason, o.Detail, o.NeedID} {
			out = binary.AppendUvarint(out, uint64(len(s)))
			out = append(out, s...)
		}
	}
	return out
}

// decodeOwed reads encodeOwed's rows back against sn.ents; false if they
// do not fit (then they are computed).
func decodeOwed(b []byte, sn *snapshot) ([]owedRow, bool) {
	uv := func() (uint64, bool) {
		n, w := binary.Uvarint(b)
		if w <= 0 {
			return 0, false
		}
		b = b[w:]
		return n, true
	}
	seen := map[string]string{} // occasions, dates and reasons repeat
	str := func(intern bool) (string, bool) {
		n, ok := uv()
		if !ok || n > uint64(len(b)) {
			return "", false
		}
		raw := b[:n]
		b = b[n:]
		if !intern {
			return string(raw), true
		}
		if s, ok := seen[string(raw)]; ok {
			return s, true
		}
		s := string(raw)
		seen[s] = s
		return s, true
	}
	n, ok := uv()
	if !ok || n > uint64(len(b)) {
		return nil, false
	}
	rows := make([]owedRow, n)
	for i := range rows {
		e, ok := uv()
		if !ok || e >= uint64(len(sn.ents)) {
			return nil, false
		}
		ent := &sn.ents[e]
		var f [5]string
		for j := range f {
			if f[j], ok = str(j != 3 && j != 4); !ok {
				return nil, false
			}
		}
		rows[i] = owedRow{Obligation: visits.Obligation{EnterpriseID: ent.ent.ID, Occasion: f[0], Due: visits.Date(f[1]),
			Reason: f[2], Detail: f[3], NeedID: f[4]}, name: ent.name}
	}
	return rows, len(b) == 0
}
