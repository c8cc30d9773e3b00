package tui

import (
	"log"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// common is what every screen shares: the store, the language and its
// text, styles, keys, the clock and the terminal size. It is built once by
// New and passed by pointer; only the root model changes the size and the
// snapshot.
type common struct {
	st     *store.Store
	lang   visits.Lang
	text   catalog
	styles styles
	keys   keyMap
	now    func() time.Time
	log    *log.Logger
	sync   Syncer
	outDir string // where exports are written

	width, height int
	snap          *snapshot     // the latest loaded data; nil until the first load
	early         *snapshot     // the home screen's data from the home cache until snap is loaded (snapshot_cache.go)
	drawn         chan struct{} // closed by the first frame with data (startup_after.go); nil then, and in tests
	releaseGC     func()        // restores the collector held at start-up (startup_gc.go); nil once called or never held
}

// t returns the text of key in the chosen language.
func (c *common) t(key string) string { return c.text.get(key) }

// tf formats the text of key.
func (c *common) tf(key string, args ...any) string { return c.text.format(key, args...) }

// label is a code's display label (HQ's wording of occasions and units:
// settings_labels.go).
func (c *common) label(k visits.Kind, code string) string { return c.settings().Label(k, code, c.lang) }

// today is the current day in Asia/Shanghai.
func (c *common) today() visits.Date { return visits.DateOf(c.now()) }
