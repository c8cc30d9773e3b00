package main

import (
	"flag"
	"strings"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// liaison enterprise set: the flags the plan counts by (规上, 民营, 专精特新,
// 小巨人), the day it moved into the district (落户日期, --arrived-on: the
// 新落户 visit is owed from it) and the readiness inputs of the HNTE
// checklist. Only the flags
// given change; an empty value (--staff-total=) clears a figure back to
// unknown. Money is in yuan unless it says 万 or 亿 ("86万", "1.2亿").

// optFlag is a flag that remembers its raw text; a bare boolean one
// (--above-size) reads "true".
type optFlag struct {
	raw    string
	isBool bool
}

func (o *optFlag) String() string     { return o.raw }
func (o *optFlag) Set(s string) error { o.raw = s; return nil }
func (o *optFlag) IsBoolFlag() bool   { return o.isBool }

// readinessFlags maps each readiness flag to its Readiness field (JSON
// name) and how it is read.
var readinessFlags = []struct {
	flag, field string
	kind        byte // d date, c count, m money, s score, b yes/no
}{
	{"registered-on", "registered_on", 'd'},
	{"ip-class-i", "ip_class_i", 'c'}, {"ip-class-ii", "ip_class_ii", 'c'},
	{"staff-total", "staff_total", 'c'}, {"staff-rd", "staff_rd", 'c'},
	{"rd-3y", "rd_3y", 'm'}, {"rd-in-china-3y", "rd_in_china_3y", 'm'},
	{"sales-3y", "sales_3y", 'm'}, {"sales-last-year", "sales_last_year", 'm'},
	{"high-tech-income", "high_tech_income", 'm'}, {"total-income", "total_income", 'm'},
	{"innovation-score", "innovation_score", 's'}, {"major-violation", "major_violation", 'b'},
}

var flagFlags = []struct{ flag, code string }{
	{"above-size", visits.FlagAboveSize}, {"private", visits.FlagPrivate},
	{"specialized", visits.FlagSpecialized}, {"little-giant", visits.FlagLittleGiant},
}

// setReadinessField reads raw into field of r ("" clears it), or returns
// the field error.
func setReadinessField(r *visits.Readiness, field string, kind byte, raw string) *visits.FieldError {
	raw = strings.TrimSpace(raw)
	bad := &visits.FieldError{Field: field, Code: visits.ErrCodeNumber, Args: []any{raw}}
	var ip **int
	var fp **float64
	switch field {
	case "ip_class_i":
		ip = &r.IPClassI
	case "ip_class_ii":
		ip = &r.IPClassII
	case "staff_total":
		ip = &r.StaffTotal
	case "staff_rd":
		ip = &r.StaffRD
	case "rd_3y":
		fp = &r.RD3Y
	case "rd_in_china_3y":
		fp = &r.RDInChina3Y
	case "sales_3y":
		fp = &r.Sales3Y
	case "sales_last_year":
		fp = &r.SalesLastYear
	case "high_tech_income":
		fp = &r.HighTechIncome
	case "total_income":
		fp = &r.TotalIncome
	case "innovation_score":
		fp = &r.InnovationScore
	}
	switch kind {
	case 'd':
		if raw == "" {
			r.RegisteredOn = ""
			return nil
		}
		d, err := visits.ParseDate(raw)
		if err != nil {
			return &visits.FieldError{Field: field, Code: visits.ErrCodeDate, Args: []any{raw}}
		}
		r.RegisteredOn = d
	case 'c':
		if raw == "" {
			*ip = nil
			return nil
		}
		n, ok := visits.ParseCount(raw)
		if !ok {
			return bad
		}
		*ip = &n
	case 'm', 's':
		if raw == "" {
			*fp = nil
			return nil
		}
		var v float64
		var ok bool
		if kind == 'm' {
			v, ok = visits.ParseMoney(raw, visits.Yuan)
		} else if v, ok = visits.ParseScore(raw); !ok {
			return &visits.FieldError{Field: field, Code: visits.ErrCodeRange, Args: []any{0, 100}}
		}
		if !ok {
			return bad
		}
		*fp = &v
	case 'b':
		if raw == "" {
			r.MajorViolation = nil
			return nil
		}
		b, ok := visits.ParseYesNo(raw)
		if !ok {
			return &visits.FieldError{Field: field, Code: visits.ErrCodeInvalid, Args: []any{raw}}
		}
		r.MajorViolation = &b
	}
	return nil
}

func cmdEnterpriseSet(e *env, args []string) error {
	fs := flag.NewFlagSet("enterprise set", flag.ContinueOnError)
	vals := map[string]*optFlag{}
	for _, f := range flagFlags {
		vals[f.flag] = &optFlag{isBool: true}
		fs.Var(vals[f.flag], f.flag, "")
	}
	for _, f := range readinessFlags {
		vals[f.flag] = &optFlag{isBool: f.kind == 'b'}
		fs.Var(vals[f.flag], f.flag, "")
	}
	arrived := &optFlag{}
	fs.Var(arrived, "arrived-on", "")
	fs.BoolVar(&e.jsonOut, "json", false, "")
	pos, err := flags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageKey("cli.enterprise.usage_set")
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	var errs visits.Errors
	var fl visits.Flags
	for _, f := range flagFlags {
		if !given[f.flag] {
			continue
		}
		b, ok := visits.ParseYesNo(vals[f.flag].raw)
		if !ok {
			errs = append(errs, visits.FieldError{Field: f.code, Code: visits.ErrCodeInvalid, Args: []any{vals[f.flag].raw}})
			continue
		}
		switch f.code {
		case visits.FlagAboveSize:
			fl.AboveSize = &b
		case visits.FlagPrivate:
			fl.Private = &b
		case visits.FlagSpecialized:
			fl.Specialized = &b
		case visits.FlagLittleGiant:
			fl.LittleGiant = &b
		}
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	var v enterpriseView
	err = s.Update(func(w *store.Writer) error {
		ent, err := findEnterprise(w.Reader(), pos[0])
		if err != nil {
			return err
		}
		r, touched := ent.Readiness, false
		for _, f := range readinessFlags {
			if given[f.flag] {
				touched = true
				if fe := setReadinessField(&r, f.field, f.kind, vals[f.flag].raw); fe != nil {
					errs = append(errs, *fe)
				}
			}
		}
		var arrivedOn visits.Date
		if given["arrived-on"] {
			if v := strings.TrimSpace(arrived.raw); v != "" {
				d, err := visits.ParseDate(v)
				if err != nil {
					errs = append(errs, visits.FieldError{Field: "arrived_on", Code: visits.ErrCodeDate, Args: []any{v}})
				}
				arrivedOn = d
			}
		}
		if len(errs) > 0 {
			return errs
		}
		if _, err := w.SetEnterpriseFlags(ent.ID, fl); err != nil {
			return err
		}
		if given["arrived-on"] {
			if err := w.SetArrivedOn(ent.ID, arrivedOn); err != nil {
				return err
			}
		}
		if touched {
			if err := w.SetReadiness(ent.ID, r); err != nil {
				return err
			}
		}
		ent, err = store.Get[visits.Enterprise](w.Reader(), ent.ID)
		v = view(ent, visits.DateOf(s.Now()))
		return err
	})
	if err != nil {
		return err
	}
	if e.jsonOut {
		return e.printJSON(showView(v, visits.DateOf(s.Now())))
	}
	return nil
}
