package visits

import (
	"math"
)

// The readiness inputs (Enterprise.Readiness) and the enterprise flags as
// officers type them: the form, the command line and the import sheet
// all check them here. Money is in yuan (元) everywhere it is stored; the
// import sheet reads 万元 by default (see ParseMoney).

// Readiness error codes.
const (
	ErrCodeNumber = "number"  // Args[0]: the value, not a number ≥ 0
	ErrCodeAtMost = "at_most" // Args[0]: the field it may not exceed
)

// MaxMoney bounds a money input (yuan): a typo of ten extra zeros is
// refused, not stored.
const MaxMoney = 1e14

// MaxCount bounds a count input (people, IP).
const MaxCount = 10_000_000

// Readiness input names, the JSON names of Readiness in form order.
var ReadinessFields = []string{"registered_on", "ip_class_i", "ip_class_ii", "staff_total", "staff_rd",
	"rd_3y", "rd_in_china_3y", "sales_3y", "sales_last_year", "high_tech_income", "total_income",
	"innovation_score", "major_violation"}

var readinessFieldLabels = map[string][2]string{
	"registered_on":    {"注册成立日期", "registration date"},
	"ip_class_i":       {"I类知识产权", "class I IP"},
	"ip_class_ii":      {"II类知识产权", "class II IP"},
	"staff_total":      {"职工总数", "total staff"},
	"staff_rd":         {"科技人员数", "S&T staff"},
	"sales_3y":         {"近三年销售收入", "sales, last 3 years"},
	"sales_last_year":  {"上年销售收入", "sales last year"},
	"rd_3y":            {"近三年研发费用", "R&D spend, last 3 years"},
	"rd_in_china_3y":   {"近三年境内研发费用", "R&D spend in China, last 3 years"},
	"high_tech_income": {"高新技术产品（服务）收入", "high-tech income"},
	"total_income":     {"总收入", "total income"},
	"innovation_score": {"创新能力评分", "innovation score"},
	"major_violation":  {"重大安全质量环境事故", "major accident or violation"},
	"readiness":        {"申报条件", "readiness"},
}

func init() {
	for k, v := range readinessFieldLabels {
		fieldLabels[k] = v
	}
	extraMessages[ErrCodeNumber] = func(f string, arg func(int) any, lang Lang) string {
		return pick(lang != EN, f+"“"+toString(arg(0))+"”应为不小于 0 的数", f+" "+toString(arg(0))+" must be a number, 0 or more")
	}
	extraMessages[ErrCodeAtMost] = func(f string, arg func(int) any, lang Lang) string {
		o := fieldLabel(toString(arg(0)), lang)
		return pick(lang != EN, f+"不能大于"+o, f+" cannot be more than "+o)
	}
}

// ValidateReadiness checks the inputs: counts and money not negative nor
// absurd, the score 0..100, and the parts not above their wholes (科技人员
// ≤ 职工总数, 境内研发 ≤ 研发, 上年销售 ≤ 近三年销售, 高新收入 ≤ 总收入).
// Fields are named by their JSON names (ReadinessFields).
func ValidateReadiness(r Readiness) error {
	var c checker
	c.date("registered_on", r.RegisteredOn)
	count := func(f string, p *int) {
		if p != nil && (*p < 0 || *p > MaxCount) {
			c.add(f, ErrCodeRange, 0, MaxCount)
		}
	}
	money := func(f string, p *float64) bool {
		if p == nil {
			return false
		}
		if math.IsNaN(*p) || math.IsInf(*p, 0) || *p < 0 || *p > MaxMoney {
			c.add(f, ErrCodeNumber, *p)
			return false
		}
		return true
	}
	count("ip_class_i", r.IPClassI)
	count("ip_class_ii", r.IPClassII)
	count("staff_total", r.StaffTotal)
	count("staff_rd", r.StaffRD)
	if r.StaffRD != nil && r.StaffTotal != nil && *r.StaffRD > *r.StaffTotal {
		c.add("staff_rd", ErrCodeAtMost, "staff_total")
	}
	pair := func(part string, p *float64, whole string, w *float64) {
		okP, okW := money(part, p), money(whole, w)
		if okP && okW && *p > *w {
			c.add(part, ErrCodeAtMost, whole)
		}
	}
	pair("rd_in_china_3y", r.RDInChina3Y, "rd_3y", r.RD3Y)
	pair("sales_last_year", r.SalesLastYear, "sales_3y", r.Sales3Y)
	pair("high_tech_income", r.HighTechIncome, "total_income", r.TotalIncome)
	if s := r.InnovationScore; s != nil && (math.IsNaN(*s) || *s < 0 || *s > 100) {
		c.add("innovation_score", ErrCodeRange, 0, 100)
	}
	return c.err()
}

// Flags is a change to the enterprise flags: nil leaves a flag as it is.
type Flags struct {
	AboveSize   *bool `json:"above_size,omitempty"`
	Private     *bool `json:"private,omitempty"`
	Specialized *bool `json:"specialized,omitempty"`
	LittleGiant *bool `json:"little_giant,omitempty"`
}

// Apply sets the given flags on e and returns the codes (Flag*) of those
// that changed, in KindFlag order. 小巨人 and 专精特新 are set separately:
// neither implies the other here (the plan's count takes either).
func (f Flags) Apply(e *Enterprise) []string {
	var changed []string
	set := func(code string, p *bool, dst *bool) {
		if p != nil && *p != *dst {
			*dst = *p
			changed = append(changed, code)
		}
	}
	set(FlagAboveSize, f.AboveSize, &e.AboveSize)
	set(FlagPrivate, f.Private, &e.Private)
	set(FlagSpecialized, f.Specialized, &e.Specialized)
	set(FlagLittleGiant, f.LittleGiant, &e.LittleGiant)
	return changed
}

// FlagValue returns the flag code's value on e.
func FlagValue(e Enterprise, code string) bool {
	switch code {
	case FlagAboveSize:
		return e.AboveSize
	case FlagPrivate:
		return e.Private
	case FlagSpecialized:
		return e.Specialized
	case FlagLittleGiant:
		return e.LittleGiant
	}
	return false
}

// FieldLabel names a field of a form ("staff_rd", "qualifications[1].expires")
// in lang, as validation messages do.
func FieldLabel(field string, lang Lang) string { return fieldLabel(field, lang) }
