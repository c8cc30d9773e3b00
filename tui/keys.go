package tui

import "github.com/charmbracelet/bubbles/key"

// keyMap is every key binding of the UI, with its help text in the chosen
// language. Screens list the ones they use for the help overlay.
type keyMap struct {
	// Global.
	Help, Filter, Palette, NextTab, PrevTab, Jump, Back, Quit, ForceQuit, Sync key.Binding
	// Moving.
	Up, Down, Left, Right, PageUp, PageDown, Enter key.Binding
	// Screens.
	NewVisit, NewEnterprise, Status, Done, DoneNext, Keep, ExportRejected, SyncNow,
	FilterStatus, FilterCategory, FilterOverdue, ExportMD, ExportCSV, ExportXLSX,
	PrevWeek, NextWeek, Save, NextField, PrevField, Toggle, Yes, No key.Binding
	// Enterprise detail and needs (added later).
	EditProfile, NewNeed, NewFollowUp, AddNote, Extend, FilterUnit key.Binding
	// The detail's visits tab: correct the selected visit (g: 更正 gengzheng).
	CorrectVisit key.Binding
	// The plan (issue 11): readiness inputs, applications (plankeys.go).
	EditReadiness, AddApplication, RecordStep key.Binding
	// Named for help and footers only (keys.go's show): what a group of
	// keys does on a screen, worded once for both.
	DetailTabs, OpenEnterprise, PickMove, PickOK, PickCancel, FieldMove, Choose, AreaLeave,
	AreaCursor, AreaNewline, EscDraft, EscDiscard key.Binding
}

func newKeys(t catalog) keyMap {
	b := func(help string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(keys[0], t.get(help)))
	}
	k := keyMap{
		Help:      b("key.help", "?"),
		Filter:    b("key.filter", "/"),
		Palette:   b("key.palette", ":", "ctrl+k"),
		NextTab:   b("key.next_tab", "tab"),
		PrevTab:   b("key.prev_tab", "shift+tab"),
		Jump:      b("key.jump", "1", "2", "3", "4", "5", "6"),
		Back:      b("key.back", "esc"),
		Quit:      b("key.quit", "q"),
		ForceQuit: b("key.quit", "ctrl+c"),
		Sync:      b("key.sync", "ctrl+s"),

		Up:       b("key.up", "k", "up"),
		Down:     b("key.down", "j", "down"),
		Left:     b("key.left", "h", "left"),
		Right:    b("key.right", "l", "right"),
		PageUp:   b("key.page_up", "pgup", "ctrl+u"),
		PageDown: b("key.page_down", "pgdown", "ctrl+d"),
		Enter:    b("key.open", "enter"),

		NewVisit:       b("key.new_visit", "n"),
		NewEnterprise:  b("key.new_enterprise", "a"),
		Status:         b("key.status", "t"),
		Done:           b("key.done", "d"),
		DoneNext:       b("key.done_next", "D"),
		Keep:           b("key.keep", "enter"),
		ExportRejected: b("key.export_rejected", "e"),
		SyncNow:        b("key.sync_now", "s"),
		FilterStatus:   b("key.filter_status", "s"),
		FilterCategory: b("key.filter_category", "c"),
		FilterOverdue:  b("key.filter_overdue", "o"),
		ExportMD:       b("key.export_md", "m"),
		ExportCSV:      b("key.export_csv", "c"),
		ExportXLSX:     b("key.export_xlsx", "x"),
		PrevWeek:       b("key.prev_week", "["),
		NextWeek:       b("key.next_week", "]"),
		Save:           b("key.save", "ctrl+o"),
		NextField:      b("key.next_field", "tab", "down"),
		PrevField:      b("key.prev_field", "shift+tab", "up"),
		Toggle:         b("key.toggle", " "),
		Yes:            b("key.yes", "y"),
		No:             b("key.no", "n"),

		EditProfile: b("key.edit_profile", "e"),
		NewNeed:     b("key.new_need", "r"),
		NewFollowUp: b("key.new_followup", "f"),
		AddNote:     b("key.add_note", "a"),
		Extend:      b("key.extend", "e"),
		FilterUnit:  b("key.filter_unit", "u"),

		CorrectVisit: b("key.correct_visit", "g"),

		EditReadiness:  b("key.edit_readiness", "i"),
		AddApplication: b("key.add_application", "a"),
		RecordStep:     b("key.record_step", "t"),

		DetailTabs:     show(t, "h/l", "key.detail_tabs"),
		OpenEnterprise: b("key.open_enterprise", "enter"),
		PickMove:       show(t, "j/k", "key.pick_move"),
		PickOK:         show(t, "enter", "key.pick_ok"),
		PickCancel:     show(t, "esc", "key.pick_cancel"),
		FieldMove:      show(t, t.get("key.name.field_move"), "key.field_move"),
		Choose:         show(t, t.get("key.name.left_right"), "key.choose"),
		AreaLeave:      show(t, "tab/shift+tab", "key.area_leave"),
		AreaCursor:     show(t, t.get("key.name.up_down"), "key.area_cursor"),
		AreaNewline:    show(t, "enter", "key.area_newline"),
		EscDraft:       show(t, "esc", "key.esc_draft"),
		EscDiscard:     show(t, "esc", "key.esc_discard"),
	}
	k.Jump.SetHelp("1-6", t.get("key.jump"))
	k.Toggle.SetHelp("space", t.get("key.toggle"))
	k.Up.SetHelp("k/up", t.get("key.up"))
	k.Down.SetHelp("j/down", t.get("key.down"))
	k.Left.SetHelp("h/left", t.get("key.left"))
	k.Right.SetHelp("l/right", t.get("key.right"))
	k.Palette.SetHelp(":/ctrl+k", t.get("key.palette"))
	k.Quit.SetHelp("q/ctrl+c", t.get("key.quit"))
	return k
}

// show is a binding that names keys for help and footers only: the keys
// themselves are matched elsewhere (several bindings, or a text area).
func show(t catalog, keys, help string) key.Binding {
	return key.NewBinding(key.WithHelp(keys, t.get(help)))
}

// globalKeys are listed on every screen's help.
func (k keyMap) global() []key.Binding {
	return []key.Binding{k.Help, k.Filter, k.Palette, k.NextTab, k.Jump, k.Back, k.Sync, k.Up, k.Down, k.Quit}
}
