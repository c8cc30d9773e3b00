package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
)

// palette is the command palette (: or ctrl+k): every action by name,
// filtered as you type, the input on the bottom line.
type palette struct {
	c     *common
	input textinput.Model
	items []paletteItem
	shown []paletteItem
	sel   int
}

type paletteItem struct {
	name string
	msg  tea.Msg
	// The name's full pinyin and initials (the enterprise filter's
	// pinyinOf), computed once when the palette opens: "qwjr" or
	// "qianwang" find 前往 今日.
	full, initials string
}

func newPalette(c *common) palette {
	in := newInput(": ")
	in.Focus()
	p := palette{c: c, input: in}
	for i, id := range tabs {
		p.items = append(p.items, paletteItem{name: c.t("cmd.go") + " " + c.t([]string{"tab.today", "tab.enterprises",
			"tab.needs", "tab.followups", "tab.sync", "tab.report"}[i]), msg: navMsg{to: id}})
	}
	p.items = append(p.items,
		paletteItem{name: c.t("cmd.new_visit"), msg: navMsg{to: scrVisitForm}},
		paletteItem{name: c.t("cmd.new_enterprise"), msg: navMsg{to: scrEnterpriseForm}},
		paletteItem{name: c.t("cmd.sync"), msg: syncMsg{}},
		paletteItem{name: c.t("cmd.reload"), msg: changedMsg{}},
		paletteItem{name: c.t("cmd.quit"), msg: quitMsg{}},
	)
	py := newPinyinCache()
	for i := range p.items {
		p.items[i].full, p.items[i].initials = py.pinyinOf(p.items[i].name)
	}
	p.filter()
	return p
}

func (p *palette) filter() {
	q := strings.ToLower(strings.TrimSpace(p.input.Value()))
	p.shown = p.shown[:0]
	for _, it := range p.items {
		if q == "" || strings.Contains(strings.ToLower(it.name), q) || strings.Contains(it.full, q) ||
			strings.Contains(it.initials, q) {
			p.shown = append(p.shown, it)
		}
	}
	p.sel = min(p.sel, max(0, len(p.shown)-1))
}

// update returns the command to run and whether the palette closes.
func (p *palette) update(msg tea.KeyMsg) (tea.Cmd, bool) {
	k := p.c.keys
	switch {
	case key.Matches(msg, k.Back):
		return nil, true
	case msg.String() == "enter":
		if len(p.shown) == 0 {
			return nil, true
		}
		m := p.shown[p.sel].msg
		return func() tea.Msg { return m }, true
	case msg.String() == "up" || msg.String() == "ctrl+p":
		p.sel = max(0, p.sel-1)
		return nil, false
	case msg.String() == "down" || msg.String() == "ctrl+n":
		p.sel = min(len(p.shown)-1, p.sel+1)
		return nil, false
	}
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	p.filter()
	return cmd, false
}

func (p palette) view(w, h int) string {
	lines := []string{p.c.styles.heading.Render(p.c.t("palette.title"))}
	for i, it := range p.shown {
		mark := "  "
		if i == p.sel {
			mark = "> "
		}
		lines = append(lines, mark+it.name)
	}
	return strings.Join(lines, "\n")
}
