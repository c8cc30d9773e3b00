package tui

import (
	"strings"
	"unicode"

	"github.com/liaison-dev/liaison/tui/pinyin"
)

// searchIndex holds, per enterprise, the lower-case strings a query is
// matched against: name, short name, full pinyin, pinyin initials and
// USCC. It is built once per load (reusing unchanged entries), never per
// keystroke.
type searchIndex struct {
	entries []searchEntry // in the snapshot's enterprise order
}

type searchEntry struct {
	id       string
	name     string // cleaned name and short name, lower case
	full     string // full pinyin of the name, e.g. lanzhoushengwu
	initials string // first letters, e.g. lzsw
	uscc     string
}

// buildIndex computes the pinyin of every enterprise whose name is not
// already in old.
func buildIndex(rows []entRow, old *searchIndex) *searchIndex {
	prev := map[string]searchEntry{}
	if old != nil {
		for _, e := range old.entries {
			prev[e.id] = e
		}
	}
	py := newPinyinCache()
	idx := &searchIndex{entries: make([]searchEntry, len(rows))}
	for i, r := range rows {
		name := strings.ToLower(r.name + " " + clean(r.ent.ShortName))
		if p, ok := prev[r.ent.ID]; ok && p.name == name {
			idx.entries[i] = p
			continue
		}
		full, initials := py.pinyinOf(r.name)
		idx.entries[i] = searchEntry{id: r.ent.ID, name: name, full: full, initials: initials,
			uscc: strings.ToLower(r.ent.USCC)}
	}
	return idx
}

// pinyinCache remembers the pinyin of each character: enterprise names
// share most of theirs (兰州, 科技, 有限公司), and the library allocates
// heavily per call.
type pinyinCache struct {
	of map[rune]string
}

func newPinyinCache() *pinyinCache {
	return &pinyinCache{of: map[rune]string{}}
}

// pinyinOf returns the full pinyin and the initials of s; Latin letters
// and digits are kept as they are, other characters dropped.
func (c *pinyinCache) pinyinOf(s string) (full, initials string) {
	var f, in strings.Builder
	for _, r := range s {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			l := unicode.ToLower(r)
			f.WriteRune(l)
			in.WriteRune(l)
		case unicode.Is(unicode.Han, r):
			p, ok := c.of[r]
			if !ok {
				p = pinyin.Of(r)
				c.of[r] = p
			}
			if p != "" {
				f.WriteString(p)
				in.WriteByte(p[0])
			}
		}
	}
	return f.String(), in.String()
}

// match returns the indexes (into the snapshot's rows) of the enterprises
// that match q, in order. An empty query matches everything.
func (idx *searchIndex) match(q string) []int {
	q = strings.ToLower(strings.TrimSpace(q))
	out := make([]int, 0, 64)
	for i, e := range idx.entries {
		if q == "" || strings.Contains(e.name, q) ||
			strings.Contains(e.full, q) || strings.Contains(e.initials, q) || strings.Contains(e.uscc, q) {
			out = append(out, i)
		}
	}
	return out
}
