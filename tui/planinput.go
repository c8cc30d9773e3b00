package tui

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/liaison-dev/liaison/visits"
)

// Numbers and dates as officers type them on the plan's forms: digits
// may come full width from a Chinese input method (１２３．５), thousands
// may be grouped with commas; money is typed in 万元 and stored in yuan.
// Empty means "not known yet".

// The plan forms' own error codes (worded by planFieldMessage).
const (
	errCodeNumber   = "plan_number"   // not a number
	errCodeWhole    = "plan_whole"    // a count that is not a whole number
	errCodeNegative = "plan_negative" // below zero
	errCodeLater    = "plan_later"    // Args[0]: a day after today
)

// halfWidth turns full-width digits and signs into ASCII and drops
// grouping commas and spaces.
func halfWidth(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return '0' + (r - '０')
		case r == '．' || r == '。':
			return '.'
		case r == '－':
			return '-'
		case r == ',' || r == '，' || r == ' ' || r == '\u3000':
			return -1
		}
		return r
	}, strings.TrimSpace(s))
}

// parseNumber reads a non-negative number; "" is nil.
func parseNumber(s string) (*float64, string) {
	s = halfWidth(s)
	if s == "" {
		return nil, ""
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return nil, errCodeNumber
	}
	if v < 0 {
		return nil, errCodeNegative
	}
	return &v, ""
}

// parseCount reads a non-negative whole number; "" is nil.
func parseCount(s string) (*int, string) {
	v, code := parseNumber(s)
	if v == nil || code != "" {
		return nil, code
	}
	if *v != math.Trunc(*v) || *v > 1e9 {
		return nil, errCodeWhole
	}
	n := int(*v)
	return &n, ""
}

// parseWan reads an amount in 万元 and returns it in yuan (to the fen).
func parseWan(s string) (*float64, string) {
	v, code := parseNumber(s)
	if v == nil || code != "" {
		return nil, code
	}
	y := math.Round(*v*1e4*100) / 100
	return &y, ""
}

func showInt(p *int) string {
	if p == nil {
		return ""
	}
	return strconv.Itoa(*p)
}

func showNumber(p *float64) string {
	if p == nil {
		return ""
	}
	return strconv.FormatFloat(*p, 'f', -1, 64)
}

// showWan shows an amount in yuan as 万元.
func showWan(p *float64) string {
	if p == nil {
		return ""
	}
	return strconv.FormatFloat(*p/1e4, 'f', -1, 64)
}

// planFieldMessage words an error of one of f's fields with the field's
// label as the form shows it, in the form's language. Errors of fields
// the form does not have are left to the domain's wording.
func planFieldMessage(c *common, f *form, e visits.FieldError) (string, bool) {
	label := labelOf(f, e.Field)
	if label == e.Field {
		return "", false
	}
	arg := func(i int) any {
		if i < len(e.Args) {
			return e.Args[i]
		}
		return ""
	}
	switch e.Code {
	case errCodeNumber, errCodeWhole, errCodeNegative, errCodeLater:
		return c.tf("plan.err."+e.Code, label, clean(strings.TrimSpace(toString(arg(0))))), true
	case visits.ErrCodeAtMost:
		return c.tf("plan.err.plan_over", label, labelOf(f, toString(arg(0)))), true
	case visits.ErrCodeNumber:
		return c.tf("plan.err.plan_number", label, clean(toString(arg(0)))), true
	case visits.ErrCodeDate:
		return c.tf("plan.err.date", label, clean(toString(arg(0)))), true
	case visits.ErrCodeRange:
		return c.tf("plan.err.range", label, arg(0), arg(1)), true
	case visits.ErrCodeRequired:
		return c.tf("plan.err.required", label), true
	case visits.ErrCodeInvalid:
		return c.tf("plan.err.invalid", label, clean(toString(arg(0)))), true
	case visits.ErrCodeBefore:
		if other := labelOf(f, toString(arg(0))); other != toString(arg(0)) {
			return c.tf("plan.err.before", label, other), true
		}
	}
	return "", false
}

func toString(v any) string { return fmt.Sprint(v) }

// labelOf is the label of f's field called key, or key.
func labelOf(f *form, key string) string {
	for _, fl := range f.fields {
		if fl.key == key {
			return fl.label
		}
	}
	return key
}
