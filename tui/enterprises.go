package tui

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/liaison-dev/liaison/visits"
)

// filterDelay is how long typing must pause before the table is filtered.
const filterDelay = 60 * time.Millisecond

// enterprises is the table of enterprises, filtered as you type by name,
// pinyin initials, full pinyin and USCC. Only the visible rows are drawn.
type enterprises struct {
	c     *common
	idx   *searchIndex
	input textinput.Model
	rows  []int // indexes into the snapshot's rows, in the order shown
	query string
	seq   int // the newest query's number; older results are dropped
	sel   int
	cur   string // the selected enterprise's id: a reload keeps it selected
	tbl   table  // draws the rows and keeps the selection in view
}

type filterTickMsg struct{ seq int }

type filterResultMsg struct {
	seq   int
	query string
	rows  []int
}

func newEnterprises(c *common) *enterprises {
	s := &enterprises{c: c, input: newInput("/ ")}
	s.tbl = table{c: c, cursor: true, head: true, cols: entColumns(c)}
	s.input.Placeholder = c.t("ent.filter_placeholder")
	s.all()
	return s
}

func (s *enterprises) all() {
	s.tbl.changed()
	s.rows = s.rows[:0]
	if s.c.snap != nil {
		for i := range s.c.snap.ents {
			s.rows = append(s.rows, i)
		}
	}
}

func (s *enterprises) Init() tea.Cmd   { return nil }
func (s *enterprises) Title() string   { return s.c.t("tab.enterprises") }
func (s *enterprises) Capturing() bool { return s.input.Focused() }
func (s *enterprises) WantsEsc() bool  { return s.query != "" }

func (s *enterprises) Keys() []key.Binding {
	k := s.c.keys
	return []key.Binding{k.Filter, k.Up, k.Down, k.PageUp, k.PageDown, k.Enter, k.NewVisit, k.NewEnterprise, k.Back}
}

func (s *enterprises) Hint(w int) string {
	if s.input.Focused() || s.query != "" {
		return s.input.View()
	}
	k, note := s.c.keys, s.c.t("hint.type_filter")
	return note + footerSep + footer(w-displayWidth(note+footerSep), k.Help, k.Enter, k.NewVisit, k.NewEnterprise, k.Quit)
}

func (s *enterprises) Update(msg tea.Msg) (screen, tea.Cmd) {
	k := s.c.keys
	switch msg := msg.(type) {
	case snapshotMsg:
		s.all()
		return s, s.refilter()
	case indexMsg:
		s.idx = msg.idx
		return s, s.refilter()
	case filterTickMsg:
		if msg.seq != s.seq || s.idx == nil {
			return s, nil
		}
		idx, q, seq := s.idx, s.input.Value(), s.seq
		return s, s.c.do(func() tea.Msg { return filterResultMsg{seq: seq, query: q, rows: idx.match(q)} })
	case filterResultMsg:
		if msg.seq == s.seq { // a late result never overwrites a newer query
			same := msg.query == s.query
			s.rows, s.query = msg.rows, msg.query
			s.tbl.changed()
			if same { // the same query over reloaded data: nothing moves
				s.reselect()
			} else {
				s.sel, s.tbl.top = 0, 0
				s.cur = s.selected()
			}
		}
		return s, nil
	case tea.KeyMsg:
		if s.input.Focused() {
			switch msg.String() {
			case "enter", "down":
				s.input.Blur()
				return s, nil
			case "esc":
				s.input.Blur()
				s.input.SetValue("")
				return s, s.refilter()
			}
			var cmd tea.Cmd
			before := s.input.Value()
			s.input, cmd = s.input.Update(msg)
			if s.input.Value() != before {
				cmd = tea.Batch(cmd, s.refilter())
			}
			return s, cmd
		}
		switch {
		case key.Matches(msg, k.Filter): // a fresh filter, not the old one continued
			s.input.SetValue("")
			return s, tea.Batch(s.input.Focus(), s.refilter())
		case s.startsFilter(msg):
			// Typing filters at once: Chinese, pinyin or a USCC needs no /.
			s.input.SetValue("")
			focus := s.input.Focus()
			s.input, _ = s.input.Update(msg)
			return s, tea.Batch(focus, s.refilter())
		case key.Matches(msg, k.Back) && s.query != "":
			s.input.SetValue("")
			return s, s.refilter()
		case key.Matches(msg, k.Up):
			s.move(-1)
		case key.Matches(msg, k.Down):
			s.move(1)
		case key.Matches(msg, k.PageUp):
			s.move(-s.tbl.page())
		case key.Matches(msg, k.PageDown):
			s.move(s.tbl.page())
		case key.Matches(msg, k.Enter):
			if id := s.selected(); id != "" {
				return s, nav(navMsg{to: scrDetail, ent: id})
			}
		case key.Matches(msg, k.NewVisit):
			return s, nav(navMsg{to: scrVisitForm, ent: s.selected()})
		case key.Matches(msg, k.NewEnterprise):
			return s, nav(navMsg{to: scrEnterpriseForm})
		}
	}
	return s, nil
}

// startsFilter reports whether a key typed on the table begins a filter:
// a letter, digit or any non-ASCII character that is not one of the
// screen's keys (j k n a; q ? and 1-6 are the root's).
func (s *enterprises) startsFilter(msg tea.KeyMsg) bool {
	if msg.Type != tea.KeyRunes || msg.Alt || len(msg.Runes) == 0 {
		return false
	}
	r, k := msg.Runes[0], s.c.keys
	if r < utf8.RuneSelf && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
		return false
	}
	one := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}}
	for _, b := range []key.Binding{k.Up, k.Down, k.NewVisit, k.NewEnterprise, k.Quit, k.Jump, k.Help} {
		if key.Matches(one, b) {
			return false
		}
	}
	return unicode.IsPrint(r)
}

// refilter starts the debounce for the current query.
func (s *enterprises) refilter() tea.Cmd {
	s.seq++
	seq := s.seq
	if s.input.Value() == "" || s.idx == nil {
		s.query = s.input.Value()
		if s.query == "" {
			s.all()
			s.reselect()
			return nil
		}
	}
	return tea.Tick(filterDelay, func(time.Time) tea.Msg { return filterTickMsg{seq: seq} })
}

// reselect selects again the enterprise that was selected (after a reload
// or a cleared filter), or the nearest row if it is gone.
func (s *enterprises) reselect() {
	s.sel = min(s.sel, max(0, len(s.rows)-1))
	if s.c.snap != nil && s.cur != "" {
		for i, r := range s.rows {
			if r < len(s.c.snap.ents) && s.c.snap.ents[r].ent.ID == s.cur {
				s.sel = i
				break
			}
		}
	}
	s.cur = s.selected()
}

func (s *enterprises) move(d int) {
	s.sel = max(0, min(len(s.rows)-1, s.sel+d))
	s.cur = s.selected()
}

func (s *enterprises) selected() string {
	if s.c.snap == nil || s.sel >= len(s.rows) || s.rows[s.sel] >= len(s.c.snap.ents) {
		return ""
	}
	return s.c.snap.ents[s.rows[s.sel]].ent.ID
}

// entColumns are name, tier, domain, street, last visit, open needs and
// 三清单. The name takes the width the others leave; coded columns are as
// wide as their longest label, so they do not move while scrolling.
func entColumns(c *common) []column {
	longest := func(k visits.Kind, title string) int {
		n := displayWidth(title)
		for _, t := range visits.Terms(k) {
			n = max(n, displayWidth(t.Label(c.lang)))
		}
		return n
	}
	lists := displayWidth(c.t("ent.col.lists"))
	for _, l := range []string{"hnte_expiring", "prov_not_hnte", "failed_renewal"} {
		lists = max(lists, displayWidth(c.t("list.short."+l)))
	}
	tier, domain := longest(visits.KindTier, c.t("ent.col.tier")), longest(visits.KindDomain, c.t("ent.col.domain"))
	last := max(10, displayWidth(c.t("ent.col.last")), displayWidth(c.t("ent.never")))
	return []column{
		{title: c.t("ent.col.name"), min: 24, flex: 1},
		{title: c.t("ent.col.tier"), min: min(8, tier), max: tier},
		{title: c.t("ent.col.domain"), min: min(12, domain), max: domain},
		{title: c.t("ent.col.street"), min: 8, max: 12},
		{title: c.t("ent.col.last"), min: last, max: last},
		{title: c.t("ent.col.open"), min: displayWidth(c.t("ent.col.open")), max: 4, right: true},
		{title: c.t("ent.col.lists"), min: min(6, lists), max: lists*2 + 1},
	}
}

// entCells are the cells of the i-th row shown.
func (s *enterprises) entCells(i int) []string {
	c := s.c
	r := c.snap.ents[s.rows[i]]
	today := visits.DateOf(c.snap.at)
	var lists []string
	for _, l := range visits.Lists(*r.ent, today) {
		lists = append(lists, c.t("list.short."+l))
	}
	open := ""
	if r.open > 0 {
		open = fmt.Sprint(r.open)
	}
	last := string(r.last)
	if last == "" {
		last = c.t("ent.never")
	}
	return []string{r.name, c.label(visits.KindTier, visits.Tier(*r.ent, today)), c.label(visits.KindDomain, r.ent.Domain),
		clean(r.ent.Street), last, open, strings.Join(lists, ",")}
}

func (s *enterprises) View(w, h int) string {
	c := s.c
	if c.snap == nil {
		return c.t("loading")
	}
	count := c.tf("ent.count", len(s.rows), len(c.snap.ents))
	if s.query != "" {
		count += "  " + c.tf("ent.filtered", clean(s.query))
	}
	if s.idx == nil {
		count += "  " + c.t("ent.indexing")
	}
	head := c.styles.dim.Render(cut(count, w))
	s.tbl.sel = s.sel
	s.tbl.set(len(s.rows), s.entCells)
	if len(s.rows) == 0 { // the column titles, and why there are no rows
		return head + "\n" + s.tbl.View(w, 1) + "\n  " + c.t("ent.none")
	}
	return head + "\n" + s.tbl.View(w, h-1)
}
