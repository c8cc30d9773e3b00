package visits

// The plan's figures: the targets HQ measures the district by, and the
// application funnel that turns enterprises into 高企, 省级科技创新型企业 and
// 科技型中小企业. Codes are stable; labels live in codes.go's terms and may be
// reworded by HQ's settings.

// Target codes. Annual targets count what happened in the target's year;
// stock targets count what holds on a day, by the end of the target's year.
const (
	TargetNewHNTE          = "new_hnte"           // 新认定高企, per year
	TargetNewProv          = "new_prov"           // 新认定省级科技创新型企业, per year
	TargetNewTSME          = "new_tsme"           // 入库科技型中小企业, per year
	TargetHNTE             = "hnte"               // 高企存量, by the year
	TargetProv             = "prov"               // 省级科技创新型企业存量
	TargetTSME             = "tsme"               // 科技型中小企业存量
	TargetHNTEAboveSize    = "hnte_above_size"    // 规上高企
	TargetHNTEPrivateShare = "hnte_private_share" // 民营高企占比, percent
	TargetTSMEPrivateShare = "tsme_private_share" // 民营科小占比, percent
	TargetSpecialized      = "specialized"        // 专精特新及小巨人
)

// Target units.
const (
	UnitCount   = "count"
	UnitPercent = "percent"
)

// Target is one figure the plan is measured by: at least Value (a count,
// or a percentage 0..100 when Unit is UnitPercent) in Year (Annual) or by
// the end of Year (a stock).
type Target struct {
	Code   string  `json:"code"`
	Year   int     `json:"year"`
	Value  float64 `json:"value"`
	Unit   string  `json:"unit"`
	Annual bool    `json:"annual,omitempty"`
}

// DefaultTargets are the action plan's figures for year: the three annual
// targets of every year, and the stock targets due by the end of 2027
// (reported in 2026 and 2027 as the road to them).
func DefaultTargets(year int) []Target {
	ts := []Target{
		{Code: TargetNewHNTE, Year: year, Value: 35, Unit: UnitCount, Annual: true},
		{Code: TargetNewProv, Year: year, Value: 50, Unit: UnitCount, Annual: true},
		{Code: TargetNewTSME, Year: year, Value: 300, Unit: UnitCount, Annual: true},
	}
	if year <= 2027 {
		ts = append(ts,
			Target{Code: TargetHNTE, Year: 2027, Value: 255, Unit: UnitCount},
			Target{Code: TargetProv, Year: 2027, Value: 319, Unit: UnitCount},
			Target{Code: TargetTSME, Year: 2027, Value: 432, Unit: UnitCount},
			Target{Code: TargetHNTEAboveSize, Year: 2027, Value: 40, Unit: UnitCount},
			Target{Code: TargetHNTEPrivateShare, Year: 2027, Value: 80, Unit: UnitPercent},
			Target{Code: TargetTSMEPrivateShare, Year: 2027, Value: 85, Unit: UnitPercent},
			Target{Code: TargetSpecialized, Year: 2027, Value: 56, Unit: UnitCount},
		)
	}
	return ts
}

// Funnel steps of an application, in order. Approved and Denied end it.
const (
	StepPlanned     = "planned"     // 拟申报
	StepRegistered  = "registered"  // 已注册
	StepSubmitted   = "submitted"   // 已提交
	StepRecommended = "recommended" // 区级审核推荐
	StepReview      = "review"      // 评审
	StepPublicized  = "publicized"  // 公示
	StepApproved    = "approved"    // 认定通过
	StepDenied      = "denied"      // 未通过
)

// FunnelSteps lists the steps in order.
var FunnelSteps = []string{StepPlanned, StepRegistered, StepSubmitted, StepRecommended, StepReview, StepPublicized, StepApproved, StepDenied}

// ApplicationStep records that an application reached a step: on which
// day, recorded by whom (an officer id, set from the author), with an
// optional note.
type ApplicationStep struct {
	Step string `json:"step"`
	Date Date   `json:"date"`
	By   string `json:"by,omitempty"`
	Note string `json:"note,omitempty"`
}
