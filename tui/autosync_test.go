package tui

import (
	"context"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	gosync "sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/sync"
	"github.com/liaison-dev/liaison/visits"
)

// fakeTimers records the timers the UI asks for instead of running them;
// a test fires one by sending its message, after moving the clock.
type fakeTimers struct {
	list []fakeTimer
}

type fakeTimer struct {
	d   time.Duration
	msg tea.Msg
}

func (f *fakeTimers) after(d time.Duration, msg tea.Msg) tea.Cmd {
	f.list = append(f.list, fakeTimer{d, msg})
	return nil
}

// lastAuto is the latest auto-sync timer asked for.
func (f *fakeTimers) lastAuto(t *testing.T) fakeTimer {
	t.Helper()
	for i := len(f.list) - 1; i >= 0; i-- {
		if _, ok := f.list[i].msg.(autoTickMsg); ok {
			return f.list[i]
		}
	}
	t.Fatal("no auto-sync timer was set")
	return fakeTimer{}
}

func (f *fakeTimers) count(kind tea.Msg) int {
	n := 0
	for _, x := range f.list {
		switch kind.(type) {
		case autoTickMsg:
			if _, ok := x.msg.(autoTickMsg); ok {
				n++
			}
		case remindTickMsg:
			if _, ok := x.msg.(remindTickMsg); ok {
				n++
			}
		}
	}
	return n
}

// clock is the UI's injected time.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

// realHQ is a reference HQ on loopback that a switch makes unreachable
// (connection refused) without stopping it; the laptop syncs with the real
// sync.Client.
type realHQ struct {
	hq      *store.HQ
	url     string
	down    atomic.Bool
	refused atomic.Int32
}

func startHQ(t *testing.T, laptop *store.Store) *realHQ {
	t.Helper()
	hq, err := store.OpenHQ(filepath.Join(t.TempDir(), "hq.db"), store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	tok, err := hq.AddOfficer("wang", "王", "admin")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sync.NewHandler(sync.Bolt{HQ: hq}, sync.ServerOptions{}))
	t.Cleanup(func() { srv.Close(); hq.Close() })
	h := &realHQ{hq: hq, url: srv.URL}
	if _, err := sync.Login(context.Background(), laptop, nil, srv.URL, tok); err != nil {
		t.Fatal(err)
	}
	return h
}

// syncer is the laptop's tui.Syncer over sync.Client, dialling through the
// switch; it counts the syncs that ran at the same time.
func (h *realHQ) syncer(s *store.Store) *countingSyncer {
	var dialer net.Dialer
	hc := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			if h.down.Load() {
				h.refused.Add(1)
				return nil, &net.OpError{Op: "dial", Net: network, Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}
			}
			return dialer.DialContext(ctx, network, addr)
		}}}
	c := &sync.Client{Store: s, HTTP: hc, Retry: sync.Retry{Attempts: 3, Base: time.Millisecond, Max: 2 * time.Millisecond}}
	return &countingSyncer{run: func(ctx context.Context) (Summary, error) {
		sum, err := c.Sync(ctx)
		return Summary{Pushed: sum.Pushed, Pulled: sum.Pulled, Conflicts: sum.Conflicts, Rejected: sum.Rejected}, err
	}}
}

type countingSyncer struct {
	run          func(ctx context.Context) (Summary, error)
	calls, inNow atomic.Int32
	most         atomic.Int32
	mu           gosync.Mutex
}

func (c *countingSyncer) Sync(ctx context.Context, progress func(Progress)) (Summary, error) {
	c.calls.Add(1)
	n := c.inNow.Add(1)
	defer c.inNow.Add(-1)
	c.mu.Lock()
	if n > c.most.Load() {
		c.most.Store(n)
	}
	c.mu.Unlock()
	progress(Progress{Stage: "hello"})
	return c.run(ctx)
}

func topLine(m *Model) string { return strings.SplitN(m.View(), "\n", 2)[0] }

// fire moves the clock by the timer's wait and delivers it.
func fire(m *Model, clk *clock, tm fakeTimer) {
	clk.t = clk.t.Add(tm.d)
	run(m, func() tea.Msg { return tm.msg })
}

// A laptop with pending visits and HQ down: the UI tries at start-up,
// backs off with growing, jittered waits, says so on the sync line without
// a note or an error box, keeps a half-typed form intact, and once HQ is
// back the visits reach it, each op once, and the line says synced.
func TestAutoSyncBacksOffAndRecovers(t *testing.T) {
	s := fixture(t, 10, 50)
	hq := startHQ(t, s)
	ents := []visits.Enterprise{}
	_ = s.View(func(r *store.Reader) (err error) { ents, err = store.All[visits.Enterprise](r); return err })
	for i := range 3 {
		v := &visits.Visit{EnterpriseID: ents[i].ID, At: fixedNow, Occasion: visits.OccRoutine, Method: "on_site", Summary: "走访"}
		if err := s.Update(func(w *store.Writer) error { return w.AddVisit(v) }); err != nil {
			t.Fatal(err)
		}
	}
	var pending int
	_ = s.View(func(r *store.Reader) error { pending = r.PendingCount(); return nil })
	hq.down.Store(true)
	clk := &clock{t: fixedNow}
	tm := &fakeTimers{}
	cs := hq.syncer(s)
	m := New(Options{Store: s, Lang: visits.ZH, Now: clk.now, OutDir: t.TempDir(), Syncer: cs,
		SyncEvery: 2 * time.Second, After: tm.after})
	seed := uint64(time.Now().UnixNano())
	t.Logf("jitter seed %d", seed)
	m.auto.jitter = rand.New(rand.NewPCG(seed, 0)).Float64
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	run(m, m.Init())
	if cs.calls.Load() != 1 || hq.refused.Load() == 0 {
		t.Fatalf("start-up with pending work: %d syncs, %d refused dials", cs.calls.Load(), hq.refused.Load())
	}
	// A form is being typed in all along.
	const typed = "甘肃测试光电"
	press(m, "2", "a", typed)
	if m.cur != scrEnterpriseForm || !strings.Contains(m.View(), typed) {
		t.Fatalf("the form does not show what was typed:\n%s", m.View())
	}
	var waits []time.Duration
	for i := 1; i <= 4; i++ {
		next := tm.lastAuto(t)
		waits = append(waits, next.d)
		full := min(2*time.Second<<(i-1), backoffCap)
		if next.d < full/2 || next.d > full {
			t.Fatalf("wait %d is %v, want %v to %v (waits %v)", i, next.d, full/2, full, waits)
		}
		// At 80 columns beside the form's title only the problem fits; at
		// 120 the whole line.
		if top := topLine(m); !strings.Contains(top, "不可达") {
			t.Fatalf("after %d failures the tab bar is %q", i, top)
		}
		m.Update(tea.WindowSizeMsg{Width: 120, Height: 24})
		retry := clk.t.Add(next.d).In(visits.Shanghai).Format("15:04:05")
		if top := topLine(m); !strings.HasSuffix(top, " 从未同步 · 3 待上传 · 总部不可达，"+retry+" 重试") {
			t.Fatalf("after %d failures the tab bar at 120 columns is %q", i, top)
		}
		m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		if m.note.text != "" || m.mode != modeNormal {
			t.Fatalf("a failed auto sync left a note %q or mode %d", m.note.text, m.mode)
		}
		if !strings.Contains(m.View(), typed) || m.cur != scrEnterpriseForm {
			t.Fatal("the form lost its text or focus during the syncs")
		}
		if i == 4 {
			hq.down.Store(false) // HQ is back
		}
		fire(m, clk, next)
	}
	if pending == 0 || pendingOf(s) != 0 {
		t.Fatalf("pending before %d, after %d", pending, pendingOf(s))
	}
	top := topLine(m)
	// (the laptop's clock learnt HQ's time, so the time is today's real one)
	if !strings.Contains(top, "已同步 ") || strings.Contains(top, "不可达") || strings.Contains(top, "待上传") {
		t.Fatalf("after HQ came back the tab bar is %q", top)
	}
	if next := tm.lastAuto(t); next.d != 2*time.Second {
		t.Fatalf("after a success the next sync is in %v, want the interval", next.d)
	}
	counts := map[string]int{}
	_ = hq.hq.OpLog(func(who string, op store.Op, _ store.Result) error {
		if who == "wang" { // HQ's own ops (the officer record) are not the laptop's
			counts[op.OpID]++
		}
		return nil
	})
	if len(counts) != pending {
		t.Fatalf("HQ's log has %d ops, %d were pending", len(counts), pending)
	}
	for id, n := range counts {
		if n != 1 {
			t.Errorf("op %s is in HQ's log %d times", id, n)
		}
	}
	if got := m.View(); !strings.Contains(got, typed) {
		t.Fatalf("the form lost its text:\n%s", got)
	}
	if cs.most.Load() != 1 {
		t.Fatalf("%d syncs ran at once", cs.most.Load())
	}
}

func pendingOf(s *store.Store) int {
	n := 0
	_ = s.View(func(r *store.Reader) error { n = r.PendingCount(); return nil })
	return n
}

// scripted answers each sync with the next result; held, if set, keeps a
// sync running until released.
type scripted struct {
	calls   atomic.Int32
	results []error
	sum     Summary
	held    chan struct{}
}

func (s *scripted) Sync(ctx context.Context, progress func(Progress)) (Summary, error) {
	n := int(s.calls.Add(1))
	if s.held != nil {
		<-s.held
	}
	var err error
	if n-1 < len(s.results) {
		err = s.results[n-1]
	}
	if err != nil {
		return Summary{}, err
	}
	return s.sum, nil
}

func autoModel(t *testing.T, s *store.Store, clk *clock, sy Syncer, lang visits.Lang) (*Model, *fakeTimers) {
	t.Helper()
	tm := &fakeTimers{}
	m := New(Options{Store: s, Lang: lang, Now: clk.now, OutDir: t.TempDir(), Syncer: sy,
		SyncEvery: 5 * time.Minute, RemindAt: store.DefaultRemindAt, After: tm.after})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	run(m, m.Init())
	return m, tm
}

// One sync at a time: ctrl+s during an auto sync says one is running and
// starts none; a save during it is synced soon after it; a save debounces
// the timer, and a timer that was replaced does nothing.
func TestAutoSyncNeverTwoAtOnce(t *testing.T) {
	s := fixture(t, 10, 50)
	clk := &clock{t: fixedNow}
	sy := &scripted{held: make(chan struct{})}
	m, tm := autoModel(t, s, clk, sy, visits.ZH)
	first := tm.lastAuto(t)
	if first.d != 5*time.Minute || sy.calls.Load() != 0 {
		t.Fatalf("nothing pending: first timer %v, %d syncs", first.d, sy.calls.Load())
	}
	clk.t = clk.t.Add(first.d)
	_, cmd := m.Update(first.msg)
	started, ok := cmd().(syncStartedMsg)
	if !ok {
		t.Fatal("the timer did not start a sync")
	}
	m.Update(started)
	_, cmd = m.Update(keyMsg("ctrl+s"))
	if note, ok := cmd().(noteMsg); !ok || note.text != "同步正在进行" {
		t.Fatalf("ctrl+s during an auto sync: %#v", note)
	}
	timers := tm.count(autoTickMsg{})
	m.Update(changedMsg{}) // a save while the sync runs
	if tm.count(autoTickMsg{}) != timers {
		t.Fatal("a save during a sync set a timer")
	}
	close(sy.held)
	for msg := range started.ch {
		_, cmd := m.Update(msg)
		run(m, cmd)
	}
	if sy.calls.Load() != 1 || m.syncing {
		t.Fatalf("%d syncs, syncing %v", sy.calls.Load(), m.syncing)
	}
	if next := tm.lastAuto(t); next.d != saveDelay {
		t.Fatalf("after a sync with a save during it the next is in %v, want %v", next.d, saveDelay)
	}
	// Two saves: only the second's timer counts.
	run(m, func() tea.Msg { return changedMsg{} })
	old := tm.lastAuto(t)
	run(m, func() tea.Msg { return changedMsg{} })
	fire(m, clk, old)
	if sy.calls.Load() != 1 {
		t.Fatal("a replaced timer started a sync")
	}
	fire(m, clk, tm.lastAuto(t))
	if sy.calls.Load() != 2 {
		t.Fatalf("the save's timer did not sync: %d syncs", sy.calls.Load())
	}
}

// Conflicts and rejected ops after an auto sync raise a note that leads
// to the sync screen; a refused login stops the timer and says so.
func TestAutoSyncNoticeAndStop(t *testing.T) {
	s := fixture(t, 10, 50)
	clk := &clock{t: fixedNow}
	sy := &scripted{sum: Summary{Pushed: 2, Conflicts: 1, Rejected: 1}}
	m, tm := autoModel(t, s, clk, sy, visits.ZH)
	fire(m, clk, tm.lastAuto(t))
	if !strings.Contains(m.note.text, "1 处冲突、1 项被拒") || !strings.Contains(m.note.text, "按 5") {
		t.Fatalf("note after conflicts: %q", m.note.text)
	}
	press(m, "5")
	if m.cur != scrSync {
		t.Fatal("5 does not open the sync screen")
	}

	sy2 := &scripted{results: []error{sync.ErrUnauthorized}}
	m, tm = autoModel(t, s, clk, sy2, visits.EN)
	fire(m, clk, tm.lastAuto(t))
	before := len(tm.list)
	if top := topLine(m); !strings.HasSuffix(top, " log in") || m.note.text != "" {
		t.Fatalf("after a refused token: tab bar %q, note %q", top, m.note.text)
	}
	if m.auto.next != (time.Time{}) || len(tm.list) != before {
		t.Fatal("a refused token leaves a timer running")
	}
	// A manual sync that succeeds starts the timer again.
	sy2.results = nil
	press(m, "ctrl+s")
	if tm.lastAuto(t).d != 5*time.Minute || m.auto.stopped {
		t.Fatal("a successful manual sync did not restart the timer")
	}
}

// The day's-end reminder: on a working day after 17:30 with pending work
// the UI says so (a note once, the sync line while it holds); not before
// the time (its timer fires at 17:30) and not on a holiday.
func TestDayEndReminder(t *testing.T) {
	s := fixture(t, 10, 50)
	var ent visits.Enterprise
	_ = s.View(func(r *store.Reader) error { es, _ := store.All[visits.Enterprise](r); ent = es[0]; return nil })
	v := &visits.Visit{EnterpriseID: ent.ID, At: fixedNow, Occasion: visits.OccRoutine, Method: "on_site", Summary: "走访"}
	if err := s.Update(func(w *store.Writer) error { return w.AddVisit(v) }); err != nil {
		t.Fatal(err)
	}
	at := func(s string) time.Time {
		v, _ := time.ParseInLocation("2006-01-02 15:04", s, visits.Shanghai)
		return v
	}
	// Wednesday 2026-12-02, 17:45.
	clk := &clock{t: at("2026-12-02 17:45")}
	m, _ := autoModel(t, s, clk, nil, visits.ZH)
	if !strings.Contains(m.note.text, "今天还有 1 项修改未上传到总部") {
		t.Fatalf("no reminder on a working day after 17:30: note %q", m.note.text)
	}
	if top := topLine(m); !strings.Contains(top, "下班前请同步") {
		t.Fatalf("the tab bar has no reminder: %q", top)
	}
	press(m, "j") // the note goes with the next key; the line stays
	if m.note.text != "" || !strings.Contains(topLine(m), "下班前请同步") {
		t.Fatalf("after a key: note %q, tab bar %q", m.note.text, topLine(m))
	}
	// National Day, a Thursday: no reminder.
	clk = &clock{t: at("2026-10-01 18:00")}
	m, _ = autoModel(t, s, clk, nil, visits.ZH)
	if m.note.text != "" || strings.Contains(topLine(m), "下班前") {
		t.Fatalf("a reminder on a holiday: note %q, tab bar %q", m.note.text, topLine(m))
	}
	// 17:00 on a working day: nothing yet; the timer fires at 17:30.
	clk = &clock{t: at("2026-12-02 17:00")}
	m, tm := autoModel(t, s, clk, nil, visits.EN)
	if m.note.text != "" || tm.count(remindTickMsg{}) != 1 {
		t.Fatalf("at 17:00: note %q, %d reminder timers", m.note.text, tm.count(remindTickMsg{}))
	}
	var timer fakeTimer
	for _, x := range tm.list {
		if _, ok := x.msg.(remindTickMsg); ok {
			timer = x
		}
	}
	if timer.d != 30*time.Minute {
		t.Fatalf("the reminder fires in %v, want 30m", timer.d)
	}
	fire(m, clk, timer)
	if !strings.Contains(m.note.text, "1 changes have not reached HQ") || tm.count(remindTickMsg{}) != 2 {
		t.Fatalf("at 17:30: note %q, %d reminder timers (the next day's is set)", m.note.text, tm.count(remindTickMsg{}))
	}
}

// The sync screen lists pending work as a person says it, never as field
// ops.
func TestSyncScreenPendingWork(t *testing.T) {
	s := fixture(t, 10, 50)
	var ent visits.Enterprise
	var need visits.Need
	_ = s.View(func(r *store.Reader) error {
		es, _ := store.All[visits.Enterprise](r)
		ent = es[1]
		ns, _ := r.NeedsWithStatus(visits.StatusRegistered)
		need = ns[0]
		return nil
	})
	v := &visits.Visit{EnterpriseID: ent.ID, At: fixedNow, Occasion: visits.OccRoutine, Method: "on_site", Summary: "走访"}
	err := s.Update(func(w *store.Writer) error {
		if err := w.AddVisit(v); err != nil {
			return err
		}
		return w.ChangeNeedStatus(need.ID, visits.StatusAccepted, "", "")
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		lang      visits.Lang
		visit, st string
	}{{visits.ZH, "新建走访 · " + ent.Name + " · 11-27", "诉求状态 已受理"}, {visits.EN, "new visit · " + ent.Name + " · 11-27", "need status"}} {
		m := newTest(t, s, c.lang, 120, 40)
		press(m, "5")
		view := m.View()
		if !strings.Contains(view, c.visit) || !strings.Contains(view, c.st) {
			t.Fatalf("%s: the sync screen does not say the pending work plainly:\n%s", c.lang, view)
		}
		for _, raw := range []string{"created_at", "visit at", "need status \"", "updated_at"} {
			if strings.Contains(view, raw) {
				t.Fatalf("%s: the sync screen shows field ops (%q):\n%s", c.lang, raw, view)
			}
		}
	}
}

// The sync line never takes more room than it is given, and keeps its
// most important part (why HQ is not reached) whenever that fits alone.
func TestSyncLineFits(t *testing.T) {
	s := fixture(t, 10, 50)
	clk := &clock{t: fixedNow}
	m, _ := autoModel(t, s, clk, &scripted{}, visits.ZH)
	m.auto.status.Pending, m.auto.records, m.auto.status.Conflicts = 40, 3, 2
	m.auto.err, m.auto.next = sync.ErrUnreachable, fixedNow.Add(90*time.Second)
	problem := m.problemSeg().short
	for w := 0; w <= 120; w++ {
		line := m.syncLine(w)
		if displayWidth(line) > w {
			t.Fatalf("width %d: %q is %d cells", w, line, displayWidth(line))
		}
		if w >= displayWidth(problem) && !strings.Contains(line, problem) && !strings.Contains(line, "总部不可达") {
			t.Fatalf("width %d: %q lost the problem", w, line)
		}
	}
	if got := m.syncLine(200); got != "从未同步 · 3 待上传 · ! 冲突 2 · 总部不可达，10:01 重试" {
		t.Fatalf("the whole line: %q", got)
	}
	// Beside a long title on the detail screen at 100 columns, the line
	// takes only the room the tabs and title leave.
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	press(m, "2", "enter")
	if top := topLine(m); displayWidth(top) != 100 || !strings.Contains(top, "3 待上传") && !strings.Contains(top, "不可达") {
		t.Fatalf("detail tab bar: %q", top)
	}
}
