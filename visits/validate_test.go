package visits

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// fields lists "field:code" of each error, in order.
func fields(t *testing.T, err error) string {
	t.Helper()
	if err == nil {
		return ""
	}
	var es Errors
	if !errors.As(err, &es) {
		t.Fatalf("error %v is not Errors", err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Field+":"+e.Code)
	}
	return strings.Join(out, " ")
}

func TestFieldErrorMessage(t *testing.T) {
	tests := []struct {
		e      FieldError
		zh, en string
	}{
		{FieldError{"summary", ErrCodeRequired, nil}, "走访内容不能为空", "summary is required"},
		{FieldError{"method", ErrCodeInvalid, []any{"bike"}}, "走访方式“bike”不是有效的选项", `method "bike" is not a valid choice`},
		{FieldError{"note", ErrCodeRequiredForOther, nil}, "走访事由为“其他”时，备注不能为空", "note is required when the occasion is other"},
		{FieldError{"at", ErrCodeFuture, []any{"2026-06-03"}}, "走访时间 2026-06-03 晚于今天，不能登记将来的走访", "visit date 2026-06-03 is in the future"},
		{FieldError{"qualifications[1].expires", ErrCodeBefore, []any{"qualifications[1].issued"}},
			"资质2的到期日期不能早于资质2的发证日期", "qualification 2 expiry date cannot be before qualification 2 issue date"},
		{FieldError{"uscc", ErrCodeUSCCLength, []any{17}},
			"统一社会信用代码为 17 位，应为 18 位（旧工商注册号为 15 位数字）", "USCC has 17 characters; want 18 (or 15 digits for an old registration number)"},
		{FieldError{"uscc", ErrCodeUSCCChar, []any{9, "O"}},
			"统一社会信用代码第 9 位“O”不是有效字符（只用数字和除 I、O、S、V、Z 以外的大写字母）",
			`USCC: character "O" at position 9 is not allowed (digits and A-Z except I, O, S, V, Z)`},
		{FieldError{"uscc", ErrCodeUSCCCheck, []any{"3"}},
			"统一社会信用代码校验位不符（按规则应为 3），请核对；确认无误后可保存",
			"USCC check character does not match (expected 3); check it, or confirm it is right"},
		{FieldError{"due", ErrCodeDate, []any{"2026-02-30"}}, "完成期限“2026-02-30”不是有效日期，应为 YYYY-MM-DD", `due date "2026-02-30" is not a date (want YYYY-MM-DD)`},
		{FieldError{"batch", ErrCodeRange, []any{1, 3}}, "申报批次应在 1 到 3 之间", "batch must be between 1 and 3"},
		{FieldError{"purposes", ErrCodeDuplicate, []any{"care"}}, "走访目的“care”重复", `purpose "care" is listed twice`},
		{FieldError{"mystery", "odd", nil}, "mystery: odd", "mystery: odd"},
	}
	for _, tt := range tests {
		if got := tt.e.Message(ZH); got != tt.zh {
			t.Errorf("%+v zh = %q, want %q", tt.e, got, tt.zh)
		}
		if got := tt.e.Message(EN); got != tt.en {
			t.Errorf("%+v en = %q, want %q", tt.e, got, tt.en)
		}
	}
	es := Errors{{"summary", ErrCodeRequired, nil}, {"method", ErrCodeRequired, nil}}
	if es.Error() != "summary is required; method is required" || es.Message(ZH) != "走访内容不能为空；走访方式不能为空" {
		t.Errorf("Errors messages: %q / %q", es.Error(), es.Message(ZH))
	}
	if len(es.For("method")) != 1 || len(es.For("note")) != 0 {
		t.Error("Errors.For")
	}
	if AsErrors(es) == nil || AsErrors(nil) != nil || AsErrors(errors.New("x")) != nil {
		t.Error("AsErrors")
	}
}

func TestValidateVisit(t *testing.T) {
	now := time.Date(2026, 6, 1, 4, 0, 0, 0, time.UTC)
	ok := Visit{EnterpriseID: "e1", At: now.Add(-time.Hour), Occasion: OccRoutine, Method: "on_site",
		Purposes: []string{"policy", "needs"}, Summary: "经营正常"}
	tests := []struct {
		name string
		edit func(*Visit)
		want string
	}{
		{"valid", func(*Visit) {}, ""},
		{"empty", func(v *Visit) { *v = Visit{} },
			"enterprise_id:required at:required occasion:required method:required summary:required"},
		{"blank summary", func(v *Visit) { v.Summary = "  \n" }, "summary:required"},
		{"bad codes", func(v *Visit) { v.Occasion, v.Method, v.Purposes = "whim", "bike", []string{"policy", "fun", "policy"} },
			"occasion:invalid method:invalid purposes:invalid purposes:duplicate"},
		{"other without note", func(v *Visit) { v.Occasion = OccOther }, "note:required_for_other"},
		{"other with note", func(v *Visit) { v.Occasion, v.Note = OccOther, "区长调研陪同" }, ""},
		{"extra other without note", func(v *Visit) { v.ExtraOccasions = []string{OccOther} }, "note:required_for_other"},
		{"bad extra", func(v *Visit) { v.ExtraOccasions = []string{"x"} }, "extra_occasions:invalid"},
		{"later today", func(v *Visit) { v.At = now.Add(10 * time.Hour) }, ""},
		{"within a day", func(v *Visit) { v.At = now.Add(23 * time.Hour) }, ""},
		{"two days ahead", func(v *Visit) { v.At = now.Add(48 * time.Hour) }, "at:future"},
		{"long ago", func(v *Visit) { v.At = now.AddDate(-1, 0, 0) }, ""},
	}
	for _, tt := range tests {
		v := ok
		v.Purposes = append([]string(nil), ok.Purposes...)
		tt.edit(&v)
		if got := fields(t, ValidateVisit(v, now)); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestValidateEnterprise(t *testing.T) {
	ok := Enterprise{Name: "兰州某科技有限公司", USCC: "91350100M000100Y43", Domain: "new_materials", Stage: StageMature, Batch: 2,
		Qualifications: []Qualification{{Kind: TierHNTE, Issued: "2023-11-20"}}}
	tests := []struct {
		name string
		edit func(*Enterprise)
		want string
	}{
		{"valid", func(*Enterprise) {}, ""},
		{"no uscc is fine", func(e *Enterprise) { e.USCC = "" }, ""},
		{"legacy", func(e *Enterprise) { e.USCC = "620102000012345" }, ""},
		{"no name", func(e *Enterprise) { e.Name = " " }, "name:required"},
		{"short uscc", func(e *Enterprise) { e.USCC = "91350100M000100Y4" }, "uscc:uscc_length"},
		{"bad char", func(e *Enterprise) { e.USCC = "91350100M000100Y4Z" }, "uscc:uscc_char"},
		{"bad check", func(e *Enterprise) { e.USCC = "91350100M000100Y44" }, "uscc:uscc_check"},
		{"bad check confirmed", func(e *Enterprise) { e.USCC, e.USCCConfirmed = "91350100M000100Y44", true }, ""},
		{"codes", func(e *Enterprise) { e.Domain, e.Stage, e.Batch = "magic", "ripe", 4 }, "domain:invalid stage:invalid batch:range"},
		{"qualification", func(e *Enterprise) {
			e.Qualifications = append(e.Qualifications,
				Qualification{Kind: TierNone, Issued: "2024-13-01"},
				Qualification{Kind: "", Issued: "2024-05-01", Expires: "2024-04-30"})
		}, "qualifications[1].kind:invalid qualifications[1].issued:date qualifications[2].kind:required qualifications[2].expires:before"},
		{"contact", func(e *Enterprise) { e.Contacts = []Contact{{Phone: "139"}} }, "contacts[0].name:required"},
	}
	for _, tt := range tests {
		e := ok
		e.Qualifications = append([]Qualification(nil), ok.Qualifications...)
		tt.edit(&e)
		if got := fields(t, ValidateEnterprise(e)); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
	err := ValidateEnterprise(Enterprise{Name: "x", USCC: "91350100M000100Y44"})
	if msg := AsErrors(err)[0].Message(ZH); !strings.Contains(msg, "应为 3") {
		t.Errorf("check message %q should give the expected character", msg)
	}
}

func TestValidateNeed(t *testing.T) {
	ok := Need{EnterpriseID: "e1", Title: "缺少中试场地", Category: "land_space", Severity: SeverityGeneral}
	tests := []struct {
		name string
		edit func(*Need)
		want string
	}{
		{"valid", func(*Need) {}, ""},
		{"empty", func(n *Need) { *n = Need{} }, "enterprise_id:required title:required category:required severity:required"},
		{"codes", func(n *Need) { n.Nature, n.Status, n.Satisfaction, n.TechDomain = "x", "y", "z", "w" },
			"nature:invalid status:invalid satisfaction:invalid tech_domain:invalid"},
		{"bad severity", func(n *Need) { n.Severity = "meh" }, "severity:invalid"},
		{"dates", func(n *Need) { n.ReplyDue, n.CloseDue = "2026-05-10", "2026-05-09" }, "close_due:before"},
		{"bad date", func(n *Need) { n.ReplyDue = "soon" }, "reply_due:date"},
		{"tech", func(n *Need) { n.Category, n.TechDomain = "tech", "new_materials" }, ""},
	}
	for _, tt := range tests {
		n := ok
		tt.edit(&n)
		if got := fields(t, ValidateNeed(n)); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestValidateFollowUp(t *testing.T) {
	ok := FollowUp{EnterpriseID: "e1", Action: "联系区税务局", Due: "2026-06-05", Status: FollowUpOpen}
	tests := []struct {
		name string
		edit func(*FollowUp)
		want string
	}{
		{"valid", func(*FollowUp) {}, ""},
		{"empty", func(f *FollowUp) { *f = FollowUp{} }, "enterprise_id:required action:required due:required status:required"},
		{"bad", func(f *FollowUp) { f.Due, f.Status = "2026-06-31", "later" }, "due:date status:invalid"},
	}
	for _, tt := range tests {
		f := ok
		tt.edit(&f)
		if got := fields(t, ValidateFollowUp(f)); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}
