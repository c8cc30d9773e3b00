package visits

import (
	"fmt"
	"strings"
)

// The application funnel's rules (steps in plan.go):
//
//   - Steps only move forward in FunnelSteps order. A step may be skipped
//     (科技型中小企业 has no 区级审核推荐, and an officer who learns of an
//     application late records where it stands), but never repeated or
//     gone back to.
//   - StepApproved and StepDenied end the application: nothing follows
//     them. Either may follow any other step.
//   - A step's date is a day, not before the previous step's and not
//     later than tomorrow (a step records what happened; tomorrow allows
//     for clock and zone slips, as visits do).
//   - StepApproved needs the certificate number and its issue date; the
//     expiry, when not given, follows the tier's rule (Qualification.
//     ValidUntil: 高企 3 years, 科小 the year end, 省级 none known). The
//     approval becomes the enterprise's qualification of the
//     application's kind (Application.Qualification), written by the
//     store in the same transaction, so the tier follows by itself.
//   - An application has a kind (hnte, prov, tsme) and a year; only 高企
//     has batches (1..3; 0 until decided). An enterprise has at most one
//     unfinished application per kind and year (a new one may follow a
//     denial).

// Kinds of the funnel's labels.
const (
	KindFunnelStep Kind = "funnel_step"
	KindFlag       Kind = "enterprise_flag"
)

// Enterprise flags the plan counts by (Enterprise's JSON names).
const (
	FlagAboveSize   = "above_size"   // 规上
	FlagPrivate     = "private"      // 民营
	FlagSpecialized = "specialized"  // 专精特新
	FlagLittleGiant = "little_giant" // 专精特新"小巨人"
)

// Funnel error codes (FieldError.Code).
const (
	ErrCodeStepOrder  = "step_order"       // Args[0]: the step asked for, Args[1]: the current one
	ErrCodeStepEnded  = "step_ended"       // Args[0]: the step that ended the application
	ErrCodeFutureDate = "future_date"      // Args[0]: the day given, later than tomorrow
	ErrCodeBatchKind  = "batch_kind"       // Args[0]: the application's kind
	ErrCodeOpenApp    = "open_application" // Args[0]: year, Args[1]: kind, Args[2]: the open application's id
)

// Application year bounds.
const (
	MinApplicationYear = 2000
	MaxApplicationYear = 2100
)

func init() {
	terms[KindFunnelStep] = []Term{
		{StepPlanned, "拟申报", "Planned"},
		{StepRegistered, "已注册", "Registered"},
		{StepSubmitted, "已提交", "Submitted"},
		{StepRecommended, "区级审核推荐", "Recommended by the district"},
		{StepReview, "评审", "Under review"},
		{StepPublicized, "公示", "Publicized"},
		{StepApproved, "认定通过", "Approved"},
		{StepDenied, "未通过", "Not approved"},
	}
	terms[KindFlag] = []Term{
		{FlagAboveSize, "规上企业", "Above designated size"},
		{FlagPrivate, "民营企业", "Private"},
		{FlagSpecialized, "专精特新", "Specialized and innovative"},
		{FlagLittleGiant, "专精特新“小巨人”", "Little giant"},
	}
	for k, v := range funnelFieldLabels {
		fieldLabels[k] = v
	}
	extraMessages[ErrCodeStepOrder] = func(f string, arg func(int) any, lang Lang) string {
		from, to := Label(KindFunnelStep, strings.TrimSpace(toString(arg(1))), lang), Label(KindFunnelStep, toString(arg(0)), lang)
		return pick(lang != EN, "申报已到“"+from+"”，不能再记为“"+to+"”（进度只能向前）",
			"the application is at "+from+"; it cannot go to "+to+" (steps only move forward)")
	}
	extraMessages[ErrCodeStepEnded] = func(f string, arg func(int) any, lang Lang) string {
		s := Label(KindFunnelStep, toString(arg(0)), lang)
		return pick(lang != EN, "申报已结束（"+s+"），不能再记录进度", "the application has ended ("+s+"); no step can follow")
	}
	extraMessages[ErrCodeFutureDate] = func(f string, arg func(int) any, lang Lang) string {
		return pick(lang != EN, f+" "+toString(arg(0))+" 晚于今天，不能登记将来的事", f+" "+toString(arg(0))+" is in the future")
	}
	extraMessages[ErrCodeBatchKind] = func(f string, arg func(int) any, lang Lang) string {
		k := Label(KindAppKind, toString(arg(0)), lang)
		return pick(lang != EN, k+"不分批次，只有高企认定填写"+f, k+" has no batches; only HNTE recognition has a "+f)
	}
	extraMessages[ErrCodeOpenApp] = func(f string, arg func(int) any, lang Lang) string {
		k := Label(KindAppKind, toString(arg(1)), lang)
		return pick(lang != EN, "该企业 "+toString(arg(0))+" 年已有未结束的"+k+"申报（"+toString(arg(2))+"）",
			"the enterprise already has an unfinished "+toString(arg(0))+" "+k+" application ("+toString(arg(2))+")")
	}
}

var funnelFieldLabels = map[string][2]string{
	"year":          {"申报年度", "year"},
	"step":          {"申报进度", "step"},
	"date":          {"日期", "date"},
	"previous_step": {"上一步的日期", "the previous step's date"},
	"certificate":   {"证书编号", "certificate number"},
	FlagAboveSize:   {"规上企业", "above designated size"},
	FlagPrivate:     {"民营企业", "private"},
	FlagSpecialized: {"专精特新", "specialized"},
	FlagLittleGiant: {"小巨人", "little giant"},
}

// Current returns the step the application stands at ("" before any).
func (a Application) Current() string {
	if len(a.Steps) == 0 {
		return ""
	}
	return a.Steps[len(a.Steps)-1].Step
}

// Ended reports whether the application was approved or denied.
func (a Application) Ended() bool {
	c := a.Current()
	return c == StepApproved || c == StepDenied
}

// stepRank is the step's place in FunnelSteps (approved and denied share
// the last place), or -1.
func stepRank(step string) int {
	if step == StepDenied {
		step = StepApproved
	}
	for i, s := range FunnelSteps {
		if s == step {
			return i
		}
	}
	return -1
}

// NextSteps returns the steps that may be recorded next, in order: every
// later step (skipping is allowed), none once the application has ended.
func NextSteps(a Application) []string {
	if a.Ended() {
		return nil
	}
	cur := stepRank(a.Current())
	var out []string
	for _, s := range FunnelSteps {
		if stepRank(s) > cur {
			out = append(out, s)
		}
	}
	return out
}

// ValidateApplication checks a new application (its steps are checked as
// they are recorded, by ApplyStep).
func ValidateApplication(a Application) error {
	var c checker
	c.required("enterprise_id", a.EnterpriseID)
	c.code("kind", KindAppKind, a.Kind, true)
	if a.Year < MinApplicationYear || a.Year > MaxApplicationYear {
		c.add("year", ErrCodeRange, MinApplicationYear, MaxApplicationYear)
	}
	switch {
	case a.Batch != 0 && a.Kind != TierHNTE && Valid(KindAppKind, a.Kind):
		c.add("batch", ErrCodeBatchKind, a.Kind)
	case a.Batch < 0 || a.Batch > 3:
		c.add("batch", ErrCodeRange, 1, 3)
	}
	return c.err()
}

// OpenApplication returns the id of an unfinished application of the
// same enterprise, kind and year as a among apps (other than a itself), or
// "".
func OpenApplication(a Application, apps []Application) string {
	for _, o := range apps {
		if o.ID != a.ID && o.EnterpriseID == a.EnterpriseID && o.Kind == a.Kind && o.Year == a.Year && !o.Ended() {
			return o.ID
		}
	}
	return ""
}

// ApplyStep returns a with step s recorded, or the field errors that
// refuse it. today is the officer's day (DateOf(now)). For StepApproved,
// cert gives the certificate: Certificate and Issued are required,
// Expires is derived when empty; its Kind is ignored (the application's).
// Other steps ignore cert.
func ApplyStep(a Application, s ApplicationStep, cert Qualification, today Date) (Application, error) {
	var c checker
	ok := true
	switch {
	case a.Ended():
		c.add("step", ErrCodeStepEnded, a.Current())
		ok = false
	case s.Step == "":
		c.add("step", ErrCodeRequired)
		ok = false
	case !Valid(KindFunnelStep, s.Step):
		c.add("step", ErrCodeInvalid, s.Step)
		ok = false
	case stepRank(s.Step) <= stepRank(a.Current()):
		c.add("step", ErrCodeStepOrder, s.Step, a.Current())
		ok = false
	}
	if s.Date == "" {
		c.add("date", ErrCodeRequired)
	} else if c.date("date", s.Date) {
		if today != "" && s.Date > today.AddDays(1) {
			c.add("date", ErrCodeFutureDate, string(s.Date))
		}
		if n := len(a.Steps); n > 0 && a.Steps[n-1].Date != "" && s.Date < a.Steps[n-1].Date {
			c.add("date", ErrCodeBefore, "previous_step")
		}
	}
	if ok && s.Step == StepApproved {
		cert.Kind = a.Kind
		cert.Certificate = strings.TrimSpace(cert.Certificate)
		c.required("certificate", cert.Certificate)
		if cert.Issued == "" {
			c.add("issued", ErrCodeRequired)
		}
		okI := c.date("issued", cert.Issued)
		okE := c.date("expires", cert.Expires)
		if okI && okE && cert.Expires < cert.Issued {
			c.add("expires", ErrCodeBefore, "issued")
		}
		if okI && cert.Expires == "" {
			cert.Expires = cert.ValidUntil()
		}
	}
	if err := c.err(); err != nil {
		return a, err
	}
	a.Steps = append(append([]ApplicationStep(nil), a.Steps...), s)
	if s.Step == StepApproved {
		a.Certificate, a.Issued, a.Expires = cert.Certificate, cert.Issued, cert.Expires
	}
	return a, nil
}

// Qualification returns the qualification an approved application gives
// its enterprise, and false when it is not approved.
func (a Application) Qualification() (Qualification, bool) {
	if a.Current() != StepApproved {
		return Qualification{}, false
	}
	return Qualification{Kind: a.Kind, Certificate: a.Certificate, Issued: a.Issued, Expires: a.Expires}, true
}

// WithQualification returns qs with q added, or replacing the one of the
// same kind and certificate number (recording an approval twice, say on
// two laptops, gives one qualification).
func WithQualification(qs []Qualification, q Qualification) []Qualification {
	out := append([]Qualification(nil), qs...)
	for i, o := range out {
		if o.Kind == q.Kind && o.Certificate == q.Certificate {
			out[i] = q
			return out
		}
	}
	return append(out, q)
}

func toString(v any) string { return fmt.Sprint(v) }
