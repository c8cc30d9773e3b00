package tui

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
)

// mode is what the root shows over the current screen.
type mode int

const (
	modeNormal mode = iota
	modeHelp
	modePalette
	modeConfirmQuit
	modeDraft
)

// Model is the root: chrome, overlays and routing. Screens do the rest.
type Model struct {
	c        *common
	debug    bool
	mode     mode
	cur      screenID
	stack    []screenID // for esc
	screens  map[screenID]screen
	note     noteMsg
	index    *searchIndex
	palette  palette
	draft    visitDraft
	loses    bool // quitting now loses unsaved text (no draft keeps it)
	syncing  bool
	progress Progress // the latest step of the running sync
	spin     int      // spinner frame
	spinGen  int      // which sync the spinner ticks for
	syncCh   chan tea.Msg
	cancel   context.CancelFunc
	auto     autoSync // syncing by itself and the day's-end reminder (autosync.go)
}

func newModel(c *common, debug bool) *Model {
	m := &Model{c: c, debug: debug, screens: map[screenID]screen{}}
	m.screens[scrToday] = newScreen(c, scrToday, navMsg{})
	return m
}

// Init loads the data and looks for a draft.
func (m *Model) Init() tea.Cmd {
	return tea.Batch(m.c.startCmd(), loadDraftCmd(m.c), m.screens[scrToday].Init(), m.autoInit())
}

func (m *Model) screen() screen { return m.screens[m.cur] }

// Update routes a message: global keys and root messages first, then the
// current screen. In a modal mode the overlay gets the keys.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if m.debug {
		m.c.logf("msg %T %s", msg, cut(fmt.Sprintf("%v", msg), 200))
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.c.width, m.c.height = msg.Width, msg.Height
		return m, nil
	case snapshotMsg:
		m.c.loadedFirst()
		if msg.err != nil {
			m.note = m.c.errNote(msg.err)
			return m, nil
		}
		m.c.logf("snapshot loaded in %s: %d enterprises", msg.took, len(msg.snap.ents))
		m.c.snap, m.c.early = msg.snap, nil
		return m, tea.Batch(m.c.afterDrawn(m.c.indexCmd(msg.snap.ents, m.index)), m.broadcast(msg), m.c.afterDrawn(m.c.saveHomeCmd(msg.snap)))
	case homeMsg:
		if m.c.snap != nil {
			return m, nil
		}
		m.c.early = msg.snap
		s, _ := m.screens[scrToday].Update(msg)
		m.screens[scrToday] = s
		return m, m.c.loadCmd()
	case indexMsg:
		m.index = msg.idx
		return m, m.broadcast(msg)
	case draftMsg:
		if !msg.draft.empty() {
			m.draft, m.mode = msg.draft, modeDraft
		}
		return m, nil
	case changedMsg:
		if msg.note != "" {
			m.note = noteMsg{text: msg.note}
		}
		return m, tea.Batch(m.c.loadCmd(), m.broadcast(msg), m.c.loadSyncState(), m.onSaved())
	case noteMsg:
		m.note = msg
		return m, nil
	case navMsg:
		if msg.replace {
			m.back()
		}
		return m, m.navigate(msg)
	case backMsg:
		return m, m.back()
	case quitMsg:
		return m.quit()
	case syncMsg:
		return m, m.startSync()
	case syncStartedMsg, syncProgressMsg, syncDoneMsg:
		return m, m.syncUpdate(msg)
	case spinMsg:
		return m, m.spinTick(msg)
	case autoTickMsg:
		return m, m.onAutoTick(msg)
	case remindTickMsg:
		return m, tea.Batch(m.c.loadSyncState(), m.remindTimer())
	case syncStateMsg:
		return m, m.onSyncState(msg)
	case tea.KeyMsg:
		return m.key(msg)
	case loaded:
		return m, m.toOwner(msg)
	}
	return m, m.toScreen(msg)
}

// key handles a key press by mode.
func (m *Model) key(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	// Keys typed quickly (or sent by a script) can arrive as one message
	// with several runes: commands take them one at a time, a text input
	// takes the rest whole.
	if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste && !m.capturing() {
		var cmds []tea.Cmd
		for i, r := range msg.Runes {
			if m.capturing() {
				_, cmd := m.key(tea.KeyMsg{Type: tea.KeyRunes, Runes: msg.Runes[i:]})
				return m, tea.Batch(append(cmds, cmd)...)
			}
			_, cmd := m.key(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt})
			cmds = append(cmds, cmd)
		}
		return m, tea.Batch(cmds...)
	}
	k := m.c.keys
	switch m.mode {
	case modeHelp:
		m.mode = modeNormal
		return m, nil
	case modePalette:
		cmd, done := m.palette.update(msg)
		if done {
			m.mode = modeNormal
		}
		return m, cmd
	case modeConfirmQuit:
		if key.Matches(msg, k.Yes) || msg.String() == "ctrl+c" {
			return m, tea.Quit
		}
		m.mode = modeNormal
		return m, nil
	case modeDraft:
		switch {
		case key.Matches(msg, k.Yes), msg.String() == "enter":
			m.mode = modeNormal
			f := newVisitForm(m.c, "")
			f.load(m.draft)
			m.screens[scrVisitForm] = f
			return m, m.push(scrVisitForm)
		case key.Matches(msg, k.No):
			m.mode = modeNormal
			return m, saveDraftCmd(m.c, nil)
		case key.Matches(msg, k.Back):
			m.mode = modeNormal
		}
		return m, nil
	}
	m.note = noteMsg{}
	capturing := m.screen().Capturing()
	switch {
	case msg.String() == "ctrl+c":
		return m.quit()
	case key.Matches(msg, k.Sync):
		return m, m.startSync()
	case key.Matches(msg, k.Palette) && (msg.String() == "ctrl+k" || !capturing):
		m.palette = newPalette(m.c)
		m.mode = modePalette
		return m, nil
	}
	if capturing {
		return m, m.toScreen(msg)
	}
	switch {
	case key.Matches(msg, k.Help):
		m.mode = modeHelp
		return m, nil
	case key.Matches(msg, k.Quit):
		return m.quit()
	case key.Matches(msg, k.Jump):
		return m, m.navigate(navMsg{to: tabs[msg.Runes[0]-'1']})
	case key.Matches(msg, k.NextTab), key.Matches(msg, k.PrevTab):
		if _, isForm := m.screen().(dirty); isForm {
			break // forms use tab to move between fields
		}
		i := 0
		for j, t := range tabs {
			if t == m.cur {
				i = j
			}
		}
		if key.Matches(msg, k.NextTab) {
			i = (i + 1) % len(tabs)
		} else {
			i = (i + len(tabs) - 1) % len(tabs)
		}
		return m, m.navigate(navMsg{to: tabs[i]})
	case key.Matches(msg, k.Back) && len(m.stack) > 0:
		if !m.screenWantsEsc() {
			return m, m.back()
		}
	}
	return m, m.toScreen(msg)
}

// capturing reports whether typed text goes to an input right now.
func (m *Model) capturing() bool {
	return m.mode == modePalette || (m.mode == modeNormal && m.screen().Capturing())
}

// screenWantsEsc lets a screen use esc first (to close its own prompt).
func (m *Model) screenWantsEsc() bool {
	w, ok := m.screen().(interface{ WantsEsc() bool })
	return ok && w.WantsEsc()
}

// toScreen passes a message to the current screen.
func (m *Model) toScreen(msg tea.Msg) tea.Cmd {
	s, cmd := m.screen().Update(msg)
	m.screens[m.cur] = s
	return cmd
}

// toOwner passes a screen's loaded data to that screen, showing or not.
func (m *Model) toOwner(msg loaded) tea.Cmd {
	s, ok := m.screens[msg.owner()]
	if !ok {
		return nil
	}
	s, cmd := s.Update(msg)
	m.screens[msg.owner()] = s
	return cmd
}

// broadcast passes a data message to every cached screen.
func (m *Model) broadcast(msg tea.Msg) tea.Cmd {
	var cmds []tea.Cmd
	for id, s := range m.screens {
		s, cmd := s.Update(msg)
		m.screens[id] = s
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}

// navigate opens a screen, making it if it is not cached (or shows
// another enterprise).
func (m *Model) navigate(nav navMsg) tea.Cmd {
	s, ok := m.screens[nav.to]
	fresh := !ok
	var cmds []tea.Cmd
	switch nav.to {
	case scrDetail:
		fresh = fresh || s.(*detail).id != nav.ent
	case scrVisitForm:
		if ok {
			f := s.(*visitForm)
			fresh = !f.Dirty() || (nav.ent != "" && f.entID != nav.ent)
			if !fresh && nav.owed != nil { // the typed text stays; the visit is the one owed
				f.fulfil(*nav.owed)
			}
		}
	case scrEnterpriseForm, scrNeedForm, scrFollowUpForm, scrVisitCorrect, scrReadinessForm, scrApplicationForm,
		scrStepForm:
		fresh = true
	case scrNeeds:
		if ok && nav.need != "" {
			cmds = append(cmds, s.(*needs).selectNeed(nav.need))
		}
	}
	if fresh {
		s = newScreen(m.c, nav.to, nav)
		m.screens[nav.to] = s
		cmds = append(cmds, s.Init())
		if m.index != nil {
			_, cmd := s.Update(indexMsg{idx: m.index})
			cmds = append(cmds, cmd)
		}
	}
	cmds = append(cmds, m.push(nav.to))
	return tea.Batch(cmds...)
}

func (m *Model) push(id screenID) tea.Cmd {
	if id != m.cur {
		if isTab(id) {
			m.stack = m.stack[:0]
			if id != scrToday {
				m.stack = append(m.stack, scrToday)
			}
		} else {
			m.stack = append(m.stack, m.cur)
		}
		m.cur = id
	}
	return nil
}

func (m *Model) back() tea.Cmd {
	if len(m.stack) == 0 {
		return nil
	}
	m.cur = m.stack[len(m.stack)-1]
	m.stack = m.stack[:len(m.stack)-1]
	return nil
}

func isTab(id screenID) bool {
	for _, t := range tabs {
		if t == id {
			return true
		}
	}
	return false
}

// quit asks first only when a form that is open (showing, or under the
// screen showing) holds unsaved text; a form left earlier and kept in
// the cache is not open.
func (m *Model) quit() (tea.Model, tea.Cmd) {
	ask, loses := false, false
	for _, id := range append([]screenID{m.cur}, m.stack...) {
		s := m.screens[id]
		if d, ok := s.(dirty); ok && d.Dirty() {
			kd, ok := s.(drafted)
			ask, loses = true, loses || !ok || !kd.KeepsDraft()
		}
	}
	if ask {
		m.mode, m.loses = modeConfirmQuit, loses
		return m, nil
	}
	if m.cancel != nil {
		m.cancel()
	}
	return m, tea.Quit
}

// View draws the tab bar, the screen body and the bottom line.
func (m *Model) View() string {
	defer m.c.markDrawn()
	w, h := m.c.width, m.c.height
	if w < 20 || h < 5 {
		return m.c.t("too_small")
	}
	top := m.tabBar(w)
	bodyH := h - 2
	var body, bottom string
	switch m.mode {
	case modeHelp:
		body, bottom = m.helpView(w, bodyH), m.c.t("help.close")
	case modePalette:
		body, bottom = m.palette.view(w, bodyH), m.palette.input.View()
	case modeConfirmQuit:
		body, bottom = m.screen().View(w, bodyH), m.c.t("confirm_quit")
		if m.loses {
			bottom = m.c.t("form.quit_unsaved")
		}
	case modeDraft:
		body, bottom = m.draftView(w, bodyH), m.c.t("draft.prompt")
	default:
		body = m.screen().View(w, bodyH)
		bottom = m.screen().Hint(w)
		if m.note.text != "" && !m.screen().Capturing() {
			bottom = m.note.text
			if m.note.err {
				bottom = m.c.styles.err.Render("! " + bottom)
			}
		}
	}
	return top + "\n" + block(body, w, bodyH) + "\n" + fit(bottom, w)
}

// tabBar names the tabs with their number; the current one is in brackets.
func (m *Model) tabBar(w int) string {
	var b strings.Builder
	st := m.c.styles
	for i, id := range tabs {
		name := fmt.Sprintf("%d %s", i+1, m.screenTitle(id))
		if id == m.cur {
			b.WriteString(st.tabOn.Render("[" + name + "]"))
		} else {
			b.WriteString(st.tab.Render(" " + name + " "))
		}
	}
	if !isTab(m.cur) {
		b.WriteString(" > " + m.screen().Title())
	}
	// The sync indicator keeps the right end, whatever the screen's title.
	if ind := m.syncIndicator(); ind != "" {
		iw := displayWidth(ind)
		return fit(fit(b.String(), max(0, w-iw-1))+" "+cut(ind, w-1), w)
	}
	// Otherwise the sync line, in the room the tabs leave.
	if line := m.syncLine(w - displayWidth(b.String()) - 1); line != "" {
		return fit(b.String(), w-displayWidth(line)-1) + " " + line
	}
	return fit(b.String(), w)
}

func (m *Model) screenTitle(id screenID) string {
	return m.c.t([...]string{"tab.today", "tab.enterprises", "tab.needs", "tab.followups", "tab.sync", "tab.report"}[id])
}

// helpView lists the current screen's keys and the global ones; when they
// do not fit one under the other, they stand side by side, each section
// in its own column.
func (m *Model) helpView(w, h int) string {
	own := m.screen().Keys()
	// A key the screen binds is listed once, under the screen with what
	// it does there (esc on a form discards it), not again among the
	// global ones.
	var global []key.Binding
	for _, g := range m.c.keys.global() {
		if !slices.ContainsFunc(own, func(b key.Binding) bool { return b.Help().Key == g.Help().Key }) {
			global = append(global, g)
		}
	}
	keyW := 12
	for _, b := range append(slices.Clone(own), global...) {
		keyW = max(keyW, displayWidth(b.Help().Key))
	}
	section := func(title string, bs []key.Binding) []string {
		lines := []string{m.c.styles.heading.Render(title)}
		for _, b := range bs {
			lines = append(lines, "  "+fit(b.Help().Key, keyW)+" "+b.Help().Desc)
		}
		return lines
	}
	left := section(m.c.t("help.screen")+" "+m.screen().Title(), own)
	right := section(m.c.t("help.global"), global)
	if len(left)+len(right) <= h || w < 80 {
		return strings.Join(append(left, right...), "\n")
	}
	out := make([]string, max(len(left), len(right)))
	for i := range out {
		l, r := "", ""
		if i < len(left) {
			l = left[i]
		}
		if i < len(right) {
			r = right[i]
		}
		out[i] = fit(l, w/2) + r
	}
	return strings.Join(out, "\n")
}

func (m *Model) draftView(w, h int) string {
	name := m.draft.EntName
	if name == "" {
		name = m.c.t("draft.no_enterprise")
	}
	lines := []string{m.c.styles.heading.Render(m.c.t("draft.found")), "",
		m.c.t("form.enterprise") + ": " + clean(name),
		m.c.t("form.summary") + ": " + clean(m.draft.Summary), "",
		m.c.t("draft.explain")}
	var out []string
	for _, l := range lines {
		out = append(out, wrap(l, w)...)
	}
	return strings.Join(out, "\n")
}

// newInput is a one-line text input as every screen uses it.
func newInput(prompt string) textinput.Model {
	in := textinput.New()
	in.Cursor.SetMode(cursor.CursorStatic) // no blink: no redraw twice a second
	in.Prompt = prompt
	in.CharLimit = 2000
	return in
}
