package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// readinessForm fills in what the plan counts an enterprise by (规上, 民营,
// 专精特新, 小巨人) and the inputs of the HNTE readiness checklist (issue
// 11, item 4). An empty number is "not known yet" (never failing); money
// is typed in 万元 and stored in yuan. It saves the flags and the inputs
// (Writer.SetEnterpriseFlags, SetReadiness: only what changed becomes an
// op) in one transaction.
type readinessForm struct {
	c      *common
	f      form
	id     string
	orig   *visits.Enterprise
	err    error
	dirty  bool
	saving bool

	aboveSize, private, specialized, littleGiant *field
	registered, arrived, ipI, ipII, staffRD      *field
	staffTotal                                   *field
	sales3Y, salesLast, rd3Y, rdChina            *field
	highTech, totalIncome, score, violation      *field
}

// readinessSavedMsg reports the save.
type readinessSavedMsg struct{ err error }

func newReadinessForm(c *common, id string) *readinessForm {
	s := &readinessForm{c: c, f: form{c: c}, id: id}
	s.f.msg = s.message
	s.aboveSize = s.f.boolField("above_size", c.t("plan.flag.above_size"))
	s.private = s.f.boolField("private", c.t("plan.flag.private"))
	s.specialized = s.f.boolField("specialized", c.t("plan.flag.specialized"))
	s.littleGiant = s.f.boolField("little_giant", c.t("plan.flag.little_giant"))
	num := func(code, label string) *field { return s.f.textField(code, c.t(label)) }
	s.registered = num("registered_on", "plan.in.registered_on")
	s.arrived = num("arrived_on", "plan.in.arrived_on")
	s.ipI = num("ip_class_i", "plan.in.ip_class_i")
	s.ipII = num("ip_class_ii", "plan.in.ip_class_ii")
	s.staffRD = num("staff_rd", "plan.in.staff_rd")
	s.staffTotal = num("staff_total", "plan.in.staff_total")
	s.sales3Y = num("sales_3y", "plan.in.sales_3y")
	s.salesLast = num("sales_last_year", "plan.in.sales_last_year")
	s.rd3Y = num("rd_3y", "plan.in.rd_3y")
	s.rdChina = num("rd_in_china_3y", "plan.in.rd_in_china_3y")
	s.highTech = num("high_tech_income", "plan.in.high_tech_income")
	s.totalIncome = num("total_income", "plan.in.total_income")
	s.score = num("innovation_score", "plan.in.innovation_score")
	no, yes := c.t("plan.violation.no"), c.t("plan.violation.yes")
	s.violation = s.f.optChoiceField("major_violation", c.t("plan.in.major_violation"),
		[]visits.Term{{Code: "no", ZH: no, EN: no}, {Code: "yes", ZH: yes, EN: yes}})
	s.violation.choice = 0
	s.f.setFocus(0)
	return s
}

// Init loads the record to edit.
func (s *readinessForm) Init() tea.Cmd {
	st, id := s.c.st, s.id
	return s.c.do(func() tea.Msg {
		var e visits.Enterprise
		err := st.View(func(r *store.Reader) (err error) { e, err = store.Get[visits.Enterprise](r, id); return err })
		return entLoadedMsg{id: id, ent: e, err: err}
	})
}

func (s *readinessForm) Title() string       { return s.c.t("plan.form.title") }
func (s *readinessForm) Capturing() bool     { return s.f.capturing() }
func (s *readinessForm) Dirty() bool         { return s.dirty }
func (s *readinessForm) Hint(w int) string   { return s.f.editor(w) }
func (s *readinessForm) Keys() []key.Binding { return s.f.keys() }

// fill puts a loaded record into the fields.
func (s *readinessForm) fill(e visits.Enterprise) {
	s.orig = &e
	s.aboveSize.setBool(e.AboveSize)
	s.private.setBool(e.Private)
	s.specialized.setBool(e.Specialized)
	s.littleGiant.setBool(e.LittleGiant)
	r := e.Readiness
	s.registered.set(string(r.RegisteredOn))
	s.arrived.set(string(e.ArrivedOn))
	for fl, v := range map[*field]*int{s.ipI: r.IPClassI, s.ipII: r.IPClassII, s.staffRD: r.StaffRD,
		s.staffTotal: r.StaffTotal} {
		fl.set(showInt(v))
	}
	for fl, v := range map[*field]*float64{s.sales3Y: r.Sales3Y, s.salesLast: r.SalesLastYear, s.rd3Y: r.RD3Y,
		s.rdChina: r.RDInChina3Y, s.highTech: r.HighTechIncome, s.totalIncome: r.TotalIncome} {
		fl.set(showWan(v))
	}
	s.score.set(showNumber(r.InnovationScore))
	s.violation.set("")
	if r.MajorViolation != nil {
		s.violation.set(map[bool]string{false: "no", true: "yes"}[*r.MajorViolation])
	}
	s.validate()
}

// record is the loaded enterprise with the typed flags and inputs on top,
// and the field errors of what was typed.
func (s *readinessForm) record() (visits.Enterprise, visits.Errors) {
	var e visits.Enterprise
	if s.orig != nil {
		e = *s.orig
	}
	e.AboveSize, e.Private = s.aboveSize.value() != "", s.private.value() != ""
	e.Specialized, e.LittleGiant = s.specialized.value() != "", s.littleGiant.value() != ""
	var errs visits.Errors
	var r visits.Readiness
	// A past day or none: registered, and moved into the district.
	day := func(fl *field) visits.Date {
		v := strings.TrimSpace(fl.value())
		if v == "" {
			return ""
		}
		d, err := visits.ParseDate(halfWidth(v))
		switch {
		case err != nil:
			errs = append(errs, visits.FieldError{Field: fl.key, Code: visits.ErrCodeDate, Args: []any{v}})
		case d > s.c.today():
			errs = append(errs, visits.FieldError{Field: fl.key, Code: errCodeLater, Args: []any{string(d)}})
		default:
			return d
		}
		return ""
	}
	r.RegisteredOn, e.ArrivedOn = day(s.registered), day(s.arrived)
	count := func(fl *field) *int {
		v, e := parseCount(fl.value())
		if e != "" {
			errs = append(errs, visits.FieldError{Field: fl.key, Code: e, Args: []any{fl.value()}})
		}
		return v
	}
	wan := func(fl *field) *float64 {
		v, e := parseWan(fl.value())
		if e != "" {
			errs = append(errs, visits.FieldError{Field: fl.key, Code: e, Args: []any{fl.value()}})
		}
		return v
	}
	r.IPClassI, r.IPClassII, r.StaffRD, r.StaffTotal = count(s.ipI), count(s.ipII), count(s.staffRD), count(s.staffTotal)
	r.Sales3Y, r.SalesLastYear, r.RD3Y, r.RDInChina3Y = wan(s.sales3Y), wan(s.salesLast), wan(s.rd3Y), wan(s.rdChina)
	r.HighTechIncome, r.TotalIncome = wan(s.highTech), wan(s.totalIncome)
	sc, code := parseNumber(s.score.value())
	switch {
	case code != "":
		errs = append(errs, visits.FieldError{Field: s.score.key, Code: code, Args: []any{s.score.value()}})
	case sc != nil && *sc > 100:
		errs = append(errs, visits.FieldError{Field: s.score.key, Code: visits.ErrCodeRange, Args: []any{0, 100}})
	default:
		r.InnovationScore = sc
	}
	if v := s.violation.value(); v != "" {
		b := v == "yes"
		r.MajorViolation = &b
	}
	// The domain's rules (a part never above its whole, bounds) for the
	// fields that read well.
	bad := map[string]bool{}
	for _, e := range errs {
		bad[e.Field] = true
	}
	for _, e := range visits.AsErrors(visits.ValidateReadiness(r)) {
		if !bad[e.Field] {
			errs = append(errs, e)
		}
	}
	e.Readiness = r
	return e, errs
}

func (s *readinessForm) validate() { _, s.f.errs = s.record() }

func (s *readinessForm) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case entLoadedMsg:
		if msg.id == s.id && !s.dirty {
			s.err = msg.err
			if msg.err == nil {
				s.fill(msg.ent)
			}
		}
	case readinessSavedMsg:
		s.saving = false
		if es := visits.AsErrors(msg.err); len(es) > 0 {
			s.f.errs, s.f.showAll = es, true
			return s, func() tea.Msg { return noteMsg{text: s.f.message(es[0]), err: true} }
		}
		return s, formSaved(s.c, &s.saving, &s.dirty, formSavedMsg{note: s.c.t("plan.form.saved"), err: msg.err})
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, s.c.keys.Save):
			return s, s.save()
		case msg.String() == "esc":
			return s, func() tea.Msg { return backMsg{} }
		}
		if s.orig == nil {
			return s, nil // still loading: typing would be overwritten
		}
		cmd, changed := s.f.update(msg)
		if changed {
			s.dirty = true
			s.validate()
		}
		return s, cmd
	}
	return s, nil
}

func (s *readinessForm) save() tea.Cmd {
	if s.orig == nil || s.saving {
		return nil
	}
	e, errs := s.record()
	s.f.errs, s.f.showAll = errs, true
	if len(errs) > 0 {
		return func() tea.Msg { return noteMsg{text: s.c.t("form.fix_errors"), err: true} }
	}
	s.saving = true
	st, id := s.c.st, s.id
	flags := visits.Flags{AboveSize: &e.AboveSize, Private: &e.Private, Specialized: &e.Specialized,
		LittleGiant: &e.LittleGiant}
	return s.c.do(func() tea.Msg {
		return readinessSavedMsg{err: st.Update(func(w *store.Writer) error {
			if _, err := w.SetEnterpriseFlags(id, flags); err != nil {
				return err
			}
			if err := w.SetArrivedOn(id, e.ArrivedOn); err != nil {
				return err
			}
			return w.SetReadiness(id, e.Readiness)
		})}
	})
}

func (s *readinessForm) View(w, h int) string {
	if s.err != nil {
		return s.c.styles.err.Render(s.c.errNote(s.err).text)
	}
	if s.orig == nil {
		return s.c.t("loading")
	}
	return s.f.view(w, h, s.Title()+"  "+s.c.t("plan.form.units"))
}

// message words the form's own errors, naming the field by its label.
func (s *readinessForm) message(e visits.FieldError) (string, bool) {
	return planFieldMessage(s.c, &s.f, e)
}
