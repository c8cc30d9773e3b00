package tui

import (
	"time"

	"github.com/liaison-dev/liaison/visits"
)

// dayCache turns Unix milliseconds into days (Asia/Shanghai) remembering
// each day made: thousands of last visits fall on a few hundred days, and
// formatting a time costs more than a map lookup. Days from 1992 on are
// keyed by their number at UTC+8 (China has had no daylight saving time
// since 1991); earlier ones are worked out each time.
type dayCache map[int64]visits.Date

const (
	msPerDay    = 24 * 60 * 60 * 1000
	shanghaiOff = 8 * 60 * 60 * 1000
	from1992    = 694195200000 // 1992-01-01T00:00:00Z in ms
)

func (c dayCache) of(ms int64) visits.Date {
	if ms < from1992 {
		return visits.DateOf(time.UnixMilli(ms))
	}
	k := (ms + shanghaiOff) / msPerDay
	if d, ok := c[k]; ok {
		return d
	}
	d := visits.DateOf(time.UnixMilli(ms))
	c[k] = d
	return d
}

// joinLastVisits sets each row's last visit from the (id, ms) pairs
// each gives in id order; rows are in id order too.
func joinLastVisits(rows []entRow, each func(fn func(ent []byte, ms int64))) {
	days, i := dayCache{}, 0
	each(func(ent []byte, ms int64) {
		for i < len(rows) && rows[i].ent.ID < string(ent) {
			i++
		}
		if i < len(rows) && rows[i].ent.ID == string(ent) {
			rows[i].last = days.of(ms)
		}
	})
}
