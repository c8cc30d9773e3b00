package tui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
	"github.com/liaison-dev/liaison/visits/render"
)

// report shows a week's report as tables and bars (reportview.go) and
// exports it as md, csv or xlsx.
type report struct {
	c      *common
	week   visits.Week
	rep    *visits.Report
	scroll int
	page   int // lines the last View showed, for page keys
	err    error
	busy   bool
}

type reportMsg struct {
	week visits.Week
	rep  *visits.Report
	err  error
}

func newReport(c *common) *report { return &report{c: c, week: visits.WeekOf(c.today())} }

// Init builds the report (store.Reader.WeeklyReportInput, as the CLI and
// HQ do); it runs only when the screen is opened or the week changes.
func (s *report) Init() tea.Cmd {
	s.busy = true
	st, week, now := s.c.st, s.week, s.c.now()
	return s.c.do(func() tea.Msg {
		var in visits.ReportInput
		err := st.View(func(r *store.Reader) (err error) {
			in, err = r.WeeklyReportInput(week, store.WeeklyReportOptions{GeneratedAt: now})
			return err
		})
		if err != nil {
			return reportMsg{week: week, err: err}
		}
		rep := in.Report()
		return reportMsg{week: week, rep: &rep}
	})
}

func (s *report) Title() string   { return s.c.t("tab.report") }
func (s *report) Capturing() bool { return false }
func (s *report) Hint(w int) string {
	k := s.c.keys
	return footer(w, k.Help, k.PrevWeek, k.NextWeek, k.ExportMD, k.ExportCSV, k.ExportXLSX)
}

func (s *report) Keys() []key.Binding {
	k := s.c.keys
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.PrevWeek, k.NextWeek, k.ExportMD, k.ExportCSV, k.ExportXLSX, k.Back}
}

func (s *report) Update(msg tea.Msg) (screen, tea.Cmd) {
	k := s.c.keys
	switch msg := msg.(type) {
	case reportMsg:
		if msg.week != s.week {
			return s, nil // a late report for a week no longer shown
		}
		s.busy, s.rep, s.err = false, msg.rep, msg.err
	case exportedMsg:
		if msg.err != nil {
			return s, func() tea.Msg { return s.c.errNote(msg.err) }
		}
		note := s.c.tf("exported", msg.path)
		return s, func() tea.Msg { return noteMsg{text: note} }
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, k.Up):
			s.scroll = max(0, s.scroll-1)
		case key.Matches(msg, k.Down):
			s.scroll++
		case key.Matches(msg, k.PageUp):
			s.scroll = max(0, s.scroll-max(1, s.page-1))
		case key.Matches(msg, k.PageDown):
			s.scroll += max(1, s.page-1)
		case key.Matches(msg, k.PrevWeek):
			s.week, s.scroll = s.week.Prev(), 0
			return s, s.Init()
		case key.Matches(msg, k.NextWeek):
			s.week, s.scroll = visits.WeekOf(s.week.End().AddDays(1)), 0
			return s, s.Init()
		case key.Matches(msg, k.ExportMD):
			return s, s.export("md")
		case key.Matches(msg, k.ExportCSV):
			return s, s.export("csv")
		case key.Matches(msg, k.ExportXLSX):
			return s, s.export("xlsx")
		}
	}
	return s, nil
}

func (s *report) export(format string) tea.Cmd {
	if s.rep == nil {
		return nil
	}
	rep, lang := *s.rep, s.c.lang
	path := filepath.Join(s.c.outDir, "report-"+s.week.String()+"."+format)
	return s.c.do(func() tea.Msg {
		var b bytes.Buffer
		var err error
		switch format {
		case "md":
			err = render.Markdown(&b, rep, lang)
		case "csv":
			err = render.CSV(&b, rep, lang)
		default:
			err = render.XLSX(&b, rep, lang)
		}
		if err == nil {
			err = os.MkdirAll(filepath.Dir(path), 0o700)
		}
		if err == nil {
			err = os.WriteFile(path, b.Bytes(), 0o600)
		}
		return exportedMsg{path: path, err: err}
	})
}

func (s *report) View(w, h int) string {
	c := s.c
	head := c.styles.heading.Render(cut(c.tf("report.title", s.week.String(), s.week.Start(), s.week.End()), w))
	switch {
	case s.err != nil:
		return head + "\n" + c.styles.err.Render(c.errNote(s.err).text)
	case s.busy || s.rep == nil:
		return head + "\n" + c.t("report.building")
	}
	lines := s.reportLines(w)
	s.page = h - 1
	s.scroll = max(0, min(s.scroll, len(lines)-(h-1)))
	end := min(len(lines), s.scroll+h-1)
	return strings.Join(append([]string{head}, lines[s.scroll:end]...), "\n")
}
