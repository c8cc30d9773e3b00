package visits

import (
	"strings"
	"testing"
)

// The official wording (issue 11): labels change, codes never do.
func TestOfficialLabels(t *testing.T) {
	tests := []struct {
		kind   Kind
		code   string
		zh, en string
	}{
		{KindReadinessItem, ReadyRDStaff, "科技人员占比不低于10%", "S&T staff at least 10%"},
		{KindReadinessItem, ReadyNoViolation, "申请认定前一年内未发生重大安全、重大质量事故或严重环境违法行为",
			"No major safety or quality accident or serious environmental violation in the year before applying"},
		{KindStatus, StatusSuspended, "暂缓办理", "Suspended"},
		{KindTier, TierNone, "暂无资质", "No qualification"},
		{KindObligationReason, ReasonOverdueNeed, "诉求逾期", "Overdue need"},
		{KindUnit, "区经济合作服务中心", "区经济合作服务中心", "District Economic Cooperation Service Center"},
		{KindUnit, "区委组织部", "区委组织部", "District Party Committee Organization Department"},
		{KindUnit, "区教育局", "区教育局", "District Education Bureau"},
	}
	for _, tt := range tests {
		if !Valid(tt.kind, tt.code) {
			t.Errorf("%s %q is not a code", tt.kind, tt.code)
		}
		if zh, en := Label(tt.kind, tt.code, ZH), Label(tt.kind, tt.code, EN); zh != tt.zh || en != tt.en {
			t.Errorf("%s %s = %q / %q, want %q / %q", tt.kind, tt.code, zh, en, tt.zh, tt.en)
		}
	}
	if units := Codes(KindUnit); units[len(units)-1] != "其他" {
		t.Errorf("units end with %q, want 其他 last", units[len(units)-1])
	}
	// One word for late: 逾期, never 超期; 挂账 (kept under supervision) is not 暂缓.
	for kind, ts := range terms {
		for _, term := range ts {
			if strings.Contains(term.ZH, "超期") || strings.Contains(term.ZH, "挂账") || strings.Contains(term.ZH, "研发人员") {
				t.Errorf("%s %s label %q", kind, term.Code, term.ZH)
			}
		}
	}
}
