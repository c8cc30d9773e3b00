package tui

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// Flows run the real Bubble Tea program (teatest) and type as a person
// would. Chinese is sent as whole runes: teatest's Type splits bytes.

func startFlow(t *testing.T, s *store.Store, lang visits.Lang) *teatest.TestModel {
	t.Helper()
	m := New(Options{Store: s, Lang: lang, Now: func() time.Time { return fixedNow }, OutDir: t.TempDir()})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
	t.Cleanup(func() { _ = tm.Quit() })
	waitOutput(t, tm, "应走访")
	return tm
}

func send(tm *teatest.TestModel, keys ...string) {
	for _, k := range keys {
		tm.Send(keyMsg(k))
	}
}

// Waits are generous: on a loaded two-core CI machine under -race a frame
// can take seconds; a passing test never waits that long.
func waitOutput(t *testing.T, tm *teatest.TestModel, want string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(want)) },
		teatest.WithDuration(30*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

// waitFor polls the store until cond holds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	guard := time.After(30 * time.Second)
	for !cond() {
		select {
		case <-tick.C:
		case <-guard:
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// waitOutputMatch waits until the output matches re and returns the
// submatches of the first match that ok accepts.
func waitOutputMatch(t *testing.T, tm *teatest.TestModel, re *regexp.Regexp, ok func(m [][]byte) bool) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		for _, m := range re.FindAllSubmatch(b, -1) {
			if ok(m) {
				return true
			}
		}
		return false
	}, teatest.WithDuration(30*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

func TestFlowCreateVisitWithChineseSummary(t *testing.T) {
	s := fixture(t, 20, 100)
	tm := startFlow(t, s, visits.ZH)
	send(tm, "2")
	waitOutput(t, tm, "企业名称")
	send(tm, "n")
	waitOutput(t, tm, "新建走访")
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("张总")})
	send(tm, "down")
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("华为来访，企业反映“融资难”——需对接银行……")})
	send(tm, "ctrl+o")
	waitOutput(t, tm, "走访已保存")
	var found bool
	waitFor(t, "the visit in the store", func() bool {
		_ = s.View(func(r *store.Reader) error {
			vs, err := r.VisitsBetween(fixedNow.Add(-time.Hour), fixedNow.Add(time.Hour))
			for _, v := range vs {
				found = found || (v.Summary == "华为来访，企业反映“融资难”——需对接银行……" && v.PeopleMet == "张总")
			}
			return err
		})
		return found
	})
}

func TestFlowNeedLifecycle(t *testing.T) {
	s := fixture(t, 5, 20)
	var ent visits.Enterprise
	need := &visits.Need{Category: "finance", Severity: visits.SeverityGeneral, Title: "生命周期测试诉求"}
	err := s.Update(func(w *store.Writer) error {
		es, err := store.All[visits.Enterprise](w.Reader())
		if err != nil {
			return err
		}
		ent = es[0]
		need.EnterpriseID = ent.ID
		return w.AddNeed(need)
	})
	if err != nil {
		t.Fatal(err)
	}
	tm := startFlow(t, s, visits.ZH)
	send(tm, "3")
	waitOutput(t, tm, "办理记录")
	send(tm, "/")
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("生命周期")})
	send(tm, "enter")
	waitOutput(t, tm, "1 / ")
	// registered -> accepted -> assigned -> in_progress -> replied: the first
	// legal target each time, no note.
	for _, want := range []string{visits.StatusAccepted, visits.StatusAssigned, visits.StatusInProgress, visits.StatusReplied} {
		send(tm, "t", "enter", "enter")
		waitFor(t, want, func() bool { return needStatusQuiet(s, need.ID) == want })
		// Wait until the screen shows it too: the officer acts on what is shown.
		waitOutput(t, tm, "-> "+visits.Label(visits.KindStatus, want, visits.ZH))
	}
	// The revisit asks for satisfaction: satisfied closes the need.
	send(tm, "t")
	waitOutput(t, tm, "回访满意度")
	send(tm, "enter", "enter")
	waitFor(t, "closed", func() bool { return needStatusQuiet(s, need.ID) == visits.StatusClosed })
	var evs []visits.NeedEvent
	_ = s.View(func(r *store.Reader) (err error) { evs, err = r.EventsOf(need.ID); return err })
	if len(evs) != 6 || evs[5].Satisfaction != visits.SatSatisfied {
		t.Fatalf("history: %+v", evs)
	}
	waitOutput(t, tm, "满意")
}

func needStatusQuiet(s *store.Store, id string) string {
	var n visits.Need
	_ = s.View(func(r *store.Reader) (err error) { n, err = store.Get[visits.Need](r, id); return err })
	return n.Status
}

func TestFlowFilterByPinyinInitials(t *testing.T) {
	s := fixture(t, 40, 100)
	tm := startFlow(t, s, visits.ZH)
	send(tm, "2")
	waitOutput(t, tm, "40 / 40")
	send(tm, "/")
	tm.Type("hxsw") // ASCII: Type is fine here
	// Filtering is debounced (60 ms) and "筛选：hxsw" shows as soon as it
	// is typed while the pinyin index is still being built: the result is
	// in when the count of the shown rows falls below 40 with the filter
	// shown (a changed line is redrawn whole).
	waitOutputMatch(t, tm, regexp.MustCompile(`([0-9]+) / 40 家[^\n]*?筛选：hxsw`), func(m [][]byte) bool {
		return string(m[1]) != "40"
	})
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	m := tm.FinalModel(t, teatest.WithFinalTimeout(30*time.Second)).(*Model)
	rows := m.screens[scrEnterprises].(*enterprises).rows
	if len(rows) == 0 {
		t.Fatal("hxsw found nothing")
	}
	for _, i := range rows {
		if name := m.c.snap.ents[i].name; !strings.Contains(name, "华信") {
			t.Errorf("hxsw matched %s", name)
		}
	}
}
