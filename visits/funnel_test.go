package visits

import (
	"reflect"
	"testing"
)

func TestFunnelLabels(t *testing.T) {
	want := []string{"拟申报", "已注册", "已提交", "区级审核推荐", "评审", "公示", "认定通过", "未通过"}
	if len(FunnelSteps) != len(want) {
		t.Fatalf("%d steps", len(FunnelSteps))
	}
	for i, s := range FunnelSteps {
		if l := Label(KindFunnelStep, s, ZH); l != want[i] {
			t.Errorf("%s = %q, want %q", s, l, want[i])
		}
		if c, ok := LookupCode(KindFunnelStep, want[i]); !ok || c != s {
			t.Errorf("lookup %s = %q", want[i], c)
		}
	}
	if l := Label(KindFlag, FlagLittleGiant, ZH); l != "专精特新“小巨人”" {
		t.Errorf("little giant %q", l)
	}
}

func TestNextSteps(t *testing.T) {
	a := Application{}
	if got := NextSteps(a); !reflect.DeepEqual(got, FunnelSteps) {
		t.Errorf("fresh: %v", got)
	}
	a.Steps = []ApplicationStep{{Step: StepRecommended}}
	if got := NextSteps(a); !reflect.DeepEqual(got, []string{StepReview, StepPublicized, StepApproved, StepDenied}) {
		t.Errorf("after recommended: %v", got)
	}
	a.Steps = append(a.Steps, ApplicationStep{Step: StepDenied})
	if got := NextSteps(a); got != nil || !a.Ended() {
		t.Errorf("after denied: %v", got)
	}
}

func TestApplyStepMessagesNameTheField(t *testing.T) {
	a := Application{Kind: TierProv, Year: 2026, Steps: []ApplicationStep{{Step: StepPublicized, Date: "2026-09-01"}}}
	_, err := ApplyStep(a, ApplicationStep{Step: StepSubmitted, Date: "2026-08-01"}, Qualification{}, "2026-11-20")
	es := AsErrors(err)
	if len(es) != 2 {
		t.Fatalf("errors %v", err)
	}
	if m := es.For("step")[0].Message(ZH); m != "申报已到“公示”，不能再记为“已提交”（进度只能向前）" {
		t.Errorf("step message %q", m)
	}
	if m := es.For("date")[0].Message(ZH); m != "日期不能早于上一步的日期" {
		t.Errorf("date message %q", m)
	}
	// 省级 has no rule for an end: none is invented.
	got, err := ApplyStep(a, ApplicationStep{Step: StepApproved, Date: "2026-09-20"}, Qualification{Certificate: " SJ-1 ", Issued: "2026-09-20"}, "2026-11-20")
	if err != nil || got.Certificate != "SJ-1" || got.Expires != "" || len(a.Steps) != 1 {
		t.Errorf("prov approval %+v %v", got, err)
	}
	q, ok := got.Qualification()
	if !ok || q != (Qualification{Kind: TierProv, Certificate: "SJ-1", Issued: "2026-09-20"}) {
		t.Errorf("qualification %+v", q)
	}
	_, err = ApplyStep(a, ApplicationStep{Step: StepApproved, Date: "2026-09-20"}, Qualification{Certificate: "x", Issued: "2026-09-20", Expires: "2026-09-19"}, "2026-11-20")
	if fe := AsErrors(err).For("expires"); len(fe) != 1 || fe[0].Code != ErrCodeBefore {
		t.Errorf("expiry before issue: %v", err)
	}
	if m := AsErrors(ValidateApplication(Application{EnterpriseID: "e", Kind: TierTSME, Year: 2026, Batch: 1})).Message(ZH); m != "科技型中小企业评价不分批次，只有高企认定填写申报批次" {
		t.Errorf("batch message %q", m)
	}
}

func TestWithQualification(t *testing.T) {
	qs := []Qualification{{Kind: TierTSME, Certificate: "A"}}
	qs2 := WithQualification(qs, Qualification{Kind: TierHNTE, Certificate: "B", Issued: "2026-01-01"})
	qs3 := WithQualification(qs2, Qualification{Kind: TierHNTE, Certificate: "B", Issued: "2026-01-02"})
	if len(qs) != 1 || len(qs2) != 2 || len(qs3) != 2 || qs3[1].Issued != "2026-01-02" {
		t.Errorf("%v %v %v", qs, qs2, qs3)
	}
}
