package tui

import (
	"context"
	"strings"
	"testing"

	"github.com/liaison-dev/liaison/visits"
)

// heldSyncer reports progress and then waits until released.
type heldSyncer struct{ release chan struct{} }

func (h heldSyncer) Sync(ctx context.Context, progress func(Progress)) (Summary, error) {
	progress(Progress{Stage: "push", Done: 3, Total: 10})
	<-h.release
	return Summary{Pushed: 10}, nil
}

// While a sync runs, every screen's tab bar shows the spinner and the
// counts of the progress callback; the spinner turns with each tick and
// the indicator goes when the sync ends.
func TestSyncIndicatorOnEveryScreen(t *testing.T) {
	m := newTest(t, fixture(t, 10, 50), visits.ZH, 80, 24)
	h := heldSyncer{release: make(chan struct{})}
	m.c.sync = h
	_, cmd := m.Update(keyMsg("ctrl+s"))
	started, ok := cmd().(syncStartedMsg)
	if !ok {
		t.Fatal("ctrl+s did not start a sync")
	}
	m.Update(started)
	m.Update(<-started.ch) // the progress
	golden(t, "syncing_zh_80x24", m.View())
	for _, keys := range [][]string{{"1"}, {"2"}, {"3"}, {"4"}, {"5"}, {"6"}, {"2", "enter"}, {"esc", "n"}} {
		press(m, keys...)
		v := m.View()
		top := strings.SplitN(v, "\n", 2)[0]
		if !strings.HasSuffix(top, "| 同步中 上传 3/10") {
			t.Fatalf("after %v the tab bar is %q", keys, top)
		}
		checkFrame(t, v, 80, 24)
	}
	if cmd := m.spinTick(spinMsg{gen: m.spinGen}); cmd == nil || !strings.Contains(m.View(), "/ 同步中") {
		t.Fatal("a tick did not turn the spinner")
	}
	if cmd := m.spinTick(spinMsg{gen: m.spinGen - 1}); cmd != nil {
		t.Fatal("a tick of an earlier sync keeps ticking")
	}
	close(h.release)
	for msg := range started.ch {
		_, cmd := m.Update(msg)
		run(m, cmd)
	}
	if m.syncing || strings.Contains(m.View(), "同步中") {
		t.Fatalf("the indicator stays after the sync:\n%s", m.View())
	}
	if cmd := m.spinTick(spinMsg{gen: m.spinGen}); cmd != nil {
		t.Fatal("the spinner ticks after the sync")
	}
}
