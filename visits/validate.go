package visits

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Validation of what officers type, for the forms and the command line.
// Each problem is a FieldError: a field name (the JSON name of the record
// field), a stable code and arguments, so that screens can mark the field
// and say what is wrong in the officer's language.

// FieldError codes.
const (
	ErrCodeRequired         = "required"           // the field is empty
	ErrCodeInvalid          = "invalid"            // Args[0]: a code that is not in the enumeration
	ErrCodeDuplicate        = "duplicate"          // Args[0]: a code listed twice
	ErrCodeDate             = "date"               // Args[0]: not YYYY-MM-DD
	ErrCodeFuture           = "future"             // Args[0]: the day given, later than tomorrow
	ErrCodeRequiredForOther = "required_for_other" // note missing while the occasion is other
	ErrCodeBefore           = "before"             // Args[0]: the field it may not precede
	ErrCodeRange            = "range"              // Args[0], Args[1]: the allowed bounds
	ErrCodeUSCCLength       = "uscc_length"        // Args[0]: number of characters
	ErrCodeUSCCChar         = "uscc_char"          // Args[0]: position (1-based), Args[1]: the character
	ErrCodeUSCCCheck        = "uscc_check"         // Args[0]: the expected check character; confirm to store
	ErrCodeNotFound         = "not_found"          // Args[0]: the id that names no record
)

// FieldError is one problem with one field.
type FieldError struct {
	Field string // JSON field name, with an index for lists: "qualifications[1].expires"
	Code  string // one of the ErrCode constants
	Args  []any
}

// Error returns the English message.
func (e FieldError) Error() string { return e.Message(EN) }

// Message says which field is wrong and why, in lang.
func (e FieldError) Message(lang Lang) string {
	f := fieldLabel(e.Field, lang)
	arg := func(i int) any {
		if i < len(e.Args) {
			return e.Args[i]
		}
		return ""
	}
	zh := lang != EN
	switch e.Code {
	case ErrCodeRequired:
		return pick(zh, fmt.Sprintf("%s不能为空", f), fmt.Sprintf("%s is required", f))
	case ErrCodeInvalid:
		return pick(zh, fmt.Sprintf("%s“%v”不是有效的选项", f, arg(0)), fmt.Sprintf("%s %q is not a valid choice", f, fmt.Sprint(arg(0))))
	case ErrCodeDuplicate:
		return pick(zh, fmt.Sprintf("%s“%v”重复", f, arg(0)), fmt.Sprintf("%s %q is listed twice", f, fmt.Sprint(arg(0))))
	case ErrCodeDate:
		return pick(zh, fmt.Sprintf("%s“%v”不是有效日期，应为 YYYY-MM-DD", f, arg(0)), fmt.Sprintf("%s %q is not a date (want YYYY-MM-DD)", f, fmt.Sprint(arg(0))))
	case ErrCodeFuture:
		return pick(zh, fmt.Sprintf("%s %v 晚于今天，不能登记将来的走访", f, arg(0)), fmt.Sprintf("%s %v is in the future", f, arg(0)))
	case ErrCodeRequiredForOther:
		return pick(zh, fmt.Sprintf("走访事由为“其他”时，%s不能为空", f), fmt.Sprintf("%s is required when the occasion is other", f))
	case ErrCodeBefore:
		o := fieldLabel(fmt.Sprint(arg(0)), lang)
		return pick(zh, fmt.Sprintf("%s不能早于%s", f, o), fmt.Sprintf("%s cannot be before %s", f, o))
	case ErrCodeRange:
		return pick(zh, fmt.Sprintf("%s应在 %v 到 %v 之间", f, arg(0), arg(1)), fmt.Sprintf("%s must be between %v and %v", f, arg(0), arg(1)))
	case ErrCodeUSCCLength:
		return pick(zh, fmt.Sprintf("%s为 %v 位，应为 18 位（旧工商注册号为 15 位数字）", f, arg(0)),
			fmt.Sprintf("%s has %v characters; want 18 (or 15 digits for an old registration number)", f, arg(0)))
	case ErrCodeUSCCChar:
		return pick(zh, fmt.Sprintf("%s第 %v 位“%v”不是有效字符（只用数字和除 I、O、S、V、Z 以外的大写字母）", f, arg(0), arg(1)),
			fmt.Sprintf("%s: character %q at position %v is not allowed (digits and A-Z except I, O, S, V, Z)", f, fmt.Sprint(arg(1)), arg(0)))
	case ErrCodeNotFound:
		return pick(zh, fmt.Sprintf("找不到该%s（%v）", f, arg(0)), fmt.Sprintf("no such %s (%v)", f, arg(0)))
	case ErrCodeUSCCCheck:
		return pick(zh, fmt.Sprintf("%s校验位不符（按规则应为 %v），请核对；确认无误后可保存", f, arg(0)),
			fmt.Sprintf("%s check character does not match (expected %v); check it, or confirm it is right", f, arg(0)))
	}
	if m := extraMessages[e.Code]; m != nil {
		return m(f, arg, lang)
	}
	if len(e.Args) > 0 {
		return fmt.Sprintf("%s: %s %v", f, e.Code, e.Args)
	}
	return fmt.Sprintf("%s: %s", f, e.Code)
}

// extraMessages words the codes other files of the package add (funnel.go,
// readiness_input.go): field label, argument getter, language.
var extraMessages = map[string]func(f string, arg func(int) any, lang Lang) string{}

func pick(zh bool, z, e string) string {
	if zh {
		return z
	}
	return e
}

// fieldLabels names the fields of the forms: zh, en.
var fieldLabels = map[string][2]string{
	"enterprise_id":   {"企业", "enterprise"},
	"enterprise":      {"企业", "enterprise"},
	"need":            {"诉求", "need"},
	"reason":          {"更正原因", "reason"},
	"name":            {"名称", "name"},
	"uscc":            {"统一社会信用代码", "USCC"},
	"arrived_on":      {"落户日期", "moved into the district on"},
	"domain":          {"技术领域", "tech domain"},
	"stage":           {"培育阶段", "stage"},
	"batch":           {"申报批次", "batch"},
	"qualifications":  {"资质", "qualification"},
	"kind":            {"类型", "kind"},
	"issued":          {"发证日期", "issue date"},
	"expires":         {"到期日期", "expiry date"},
	"contacts":        {"联系人", "contact"},
	"at":              {"走访时间", "visit date"},
	"occasion":        {"走访事由", "occasion"},
	"extra_occasions": {"附加事由", "extra occasion"},
	"method":          {"走访方式", "method"},
	"purposes":        {"走访目的", "purpose"},
	"summary":         {"走访内容", "summary"},
	"note":            {"备注", "note"},
	"title":           {"诉求标题", "title"},
	"category":        {"诉求类别", "category"},
	"nature":          {"诉求性质", "nature"},
	"severity":        {"紧急程度", "severity"},
	"status":          {"状态", "status"},
	"satisfaction":    {"满意度", "satisfaction"},
	"tech_domain":     {"技术领域", "tech domain"},
	"reply_due":       {"答复期限", "reply due date"},
	"close_due":       {"办结期限", "close due date"},
	"action":          {"跟进事项", "action"},
	"due":             {"完成期限", "due date"},
}

// fieldLabel names field in lang; "qualifications[1].expires" becomes
// "资质2的到期日期" / "qualification 2 expiry date". Unknown names are
// shown as they are.
func fieldLabel(field string, lang Lang) string {
	i := 0
	if lang == EN {
		i = 1
	}
	label := func(s string) string {
		if l, ok := fieldLabels[s]; ok {
			return l[i]
		}
		return s
	}
	head, tail, dotted := strings.Cut(field, ".")
	name, idx, indexed := strings.Cut(head, "[")
	out := label(name)
	if indexed {
		n, _ := strconv.Atoi(strings.TrimSuffix(idx, "]"))
		out += pick(i == 0, strconv.Itoa(n+1), " "+strconv.Itoa(n+1))
	}
	if dotted {
		out += pick(i == 0, "的"+label(tail), " "+label(tail))
	}
	return out
}

// Errors is every problem found in one record, in field order. Validate
// functions return it as their error; get it back with errors.As.
type Errors []FieldError

// Error returns the English messages joined by "; ".
func (es Errors) Error() string { return es.Message(EN) }

// Message returns the messages in lang joined by "; " (Chinese: "；").
func (es Errors) Message(lang Lang) string {
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.Message(lang)
	}
	return strings.Join(msgs, pick(lang != EN, "；", "; "))
}

// For returns the errors of one field.
func (es Errors) For(field string) []FieldError {
	var out []FieldError
	for _, e := range es {
		if e.Field == field {
			out = append(out, e)
		}
	}
	return out
}

// AsErrors returns the field errors in err (nil if err is nil or not made
// by a Validate function).
func AsErrors(err error) Errors {
	var es Errors
	if errors.As(err, &es) {
		return es
	}
	return nil
}

type checker struct{ errs Errors }

func (c *checker) add(field, code string, args ...any) {
	c.errs = append(c.errs, FieldError{Field: field, Code: code, Args: args})
}

func (c *checker) err() error {
	if len(c.errs) == 0 {
		return nil
	}
	return c.errs
}

func (c *checker) required(field, value string) bool {
	if strings.TrimSpace(value) == "" {
		c.add(field, ErrCodeRequired)
		return false
	}
	return true
}

// code checks an enumeration value; empty passes unless required.
func (c *checker) code(field string, k Kind, value string, required bool) {
	if value == "" {
		if required {
			c.add(field, ErrCodeRequired)
		}
		return
	}
	if !Valid(k, value) {
		c.add(field, ErrCodeInvalid, value)
	}
}

func (c *checker) codes(field string, k Kind, values []string) {
	seen := map[string]bool{}
	for _, v := range values {
		switch {
		case !Valid(k, v):
			c.add(field, ErrCodeInvalid, v)
		case seen[v]:
			c.add(field, ErrCodeDuplicate, v)
		}
		seen[v] = true
	}
}

// date checks an optional date and reports whether it is usable.
func (c *checker) date(field string, d Date) bool {
	if d == "" {
		return false
	}
	if _, ok := dayNum(d); !ok {
		c.add(field, ErrCodeDate, string(d))
		return false
	}
	return true
}

// ValidateEnterprise checks an enterprise before it is saved. The USCC is
// optional; when present it must parse (store the normalized ParseUSCC
// Code), and a wrong check character is an error until USCCConfirmed is
// set.
func ValidateEnterprise(e Enterprise) error {
	var c checker
	c.required("name", e.Name)
	if e.USCC != "" {
		c.uscc("uscc", e.USCC, e.USCCConfirmed)
	}
	c.code("domain", KindDomain, e.Domain, false)
	c.code("stage", KindStage, e.Stage, false)
	if e.Batch < 0 || e.Batch > 3 {
		c.add("batch", ErrCodeRange, 1, 3)
	}
	for i, q := range e.Qualifications {
		f := fmt.Sprintf("qualifications[%d].", i)
		if q.Kind == TierNone {
			c.add(f+"kind", ErrCodeInvalid, q.Kind)
		} else {
			c.code(f+"kind", KindTier, q.Kind, true)
		}
		okI := c.date(f+"issued", q.Issued)
		okE := c.date(f+"expires", q.Expires)
		if okI && okE && q.Expires < q.Issued {
			c.add(f+"expires", ErrCodeBefore, f+"issued")
		}
	}
	for i, p := range e.Contacts {
		c.required(fmt.Sprintf("contacts[%d].name", i), p.Name)
	}
	return c.err()
}

func (c *checker) uscc(field, s string, confirmed bool) {
	u, err := ParseUSCC(s)
	var se *USCCShapeError
	switch {
	case errors.As(err, &se) && se.Pos == 0:
		c.add(field, ErrCodeUSCCLength, se.Len)
	case errors.As(err, &se):
		c.add(field, ErrCodeUSCCChar, se.Pos, string(se.Char))
	case !u.CheckOK && !confirmed:
		c.add(field, ErrCodeUSCCCheck, string(u.Expected))
	}
}

// ValidateVisit checks a visit before it is saved: enterprise, date (not
// later than one day after now, to allow for clock and zone slips),
// occasion, method and purposes from their enumerations, a summary, and a
// note when an occasion is other.
func ValidateVisit(v Visit, now time.Time) error {
	var c checker
	c.required("enterprise_id", v.EnterpriseID)
	if v.At.IsZero() {
		c.add("at", ErrCodeRequired)
	} else if v.At.After(now.Add(24 * time.Hour)) {
		c.add("at", ErrCodeFuture, string(DateOf(v.At)))
	}
	c.code("occasion", KindOccasion, v.Occasion, true)
	c.codes("extra_occasions", KindOccasion, v.ExtraOccasions)
	c.code("method", KindMethod, v.Method, true)
	c.codes("purposes", KindPurpose, v.Purposes)
	c.required("summary", v.Summary)
	other := v.Occasion == OccOther
	for _, o := range v.ExtraOccasions {
		other = other || o == OccOther
	}
	if other && strings.TrimSpace(v.Note) == "" {
		c.add("note", ErrCodeRequiredForOther)
	}
	return c.err()
}

// ValidateNeed checks a need before it is saved. Status and satisfaction
// may be empty (a new need); the lifecycle checks changes to them.
func ValidateNeed(n Need) error {
	var c checker
	c.required("enterprise_id", n.EnterpriseID)
	c.required("title", n.Title)
	c.code("category", KindCategory, n.Category, true)
	c.code("severity", KindSeverity, n.Severity, true)
	c.code("nature", KindNature, n.Nature, false)
	c.code("status", KindStatus, n.Status, false)
	c.code("satisfaction", KindSatisfaction, n.Satisfaction, false)
	c.code("tech_domain", KindDomain, n.TechDomain, false)
	okR := c.date("reply_due", n.ReplyDue)
	okC := c.date("close_due", n.CloseDue)
	if okR && okC && n.CloseDue < n.ReplyDue {
		c.add("close_due", ErrCodeBefore, "reply_due")
	}
	return c.err()
}

// ValidateFollowUp checks a follow-up before it is saved.
func ValidateFollowUp(f FollowUp) error {
	var c checker
	c.required("enterprise_id", f.EnterpriseID)
	c.required("action", f.Action)
	if f.Due == "" {
		c.add("due", ErrCodeRequired)
	} else {
		c.date("due", f.Due)
	}
	c.code("status", KindFollowUp, f.Status, true)
	return c.err()
}
