package demo

import (
	"encoding/json"
	"time"

	"github.com/liaison-dev/liaison/visits"
)

// Settings are the demo HQ's settings (visits.Settings ids → values): the
// district, the unit list (the built-in one and the city bureaus'
// district branches the demo's needs go to), the year's batch deadlines
// and the plan's targets written out, and HQ's 下周工作计划 and 存在问题及建议
// for the week of now and the week before.
func Settings(now time.Time) map[string]json.RawMessage {
	today := visits.DateOf(now)
	year := today.Year()
	var units []visits.UnitTerm
	for _, t := range visits.Terms(visits.KindUnit) {
		units = append(units, visits.UnitTerm{Code: t.Code, ZH: t.ZH, EN: t.EN})
	}
	units = append(units,
		visits.UnitTerm{Code: UnitNaturalResources, ZH: UnitNaturalResources, EN: "Natural Resources Bureau, district branch"},
		visits.UnitTerm{Code: UnitEcology, ZH: UnitEcology, EN: "Ecology and Environment Bureau, district branch"},
		visits.UnitTerm{Code: UnitHousing, ZH: UnitHousing, EN: "District Housing and Construction Bureau"})
	b := visits.DefaultBatches(year)
	out := map[string]json.RawMessage{
		visits.SettingDistrict:                              mustJSON("城关区"),
		visits.SettingUnits:                                 mustJSON(units),
		visits.SettingID(visits.SettingBatches, itoa(year)): mustJSON(b.Deadlines[:]),
		visits.SettingID(visits.SettingTargets, itoa(year)): mustJSON(visits.DefaultTargets(year)),
	}
	for i, note := range []visits.WeeklyNote{
		{Plan: "1. 对申报一批企业逐户核对研发费用归集和知识产权材料；2. 督办逾期诉求，协调自然资源、生态环境分局限时答复；3. 走访新入库科技型中小企业。",
			Problems: "部分企业研发费用归集不规范，高新技术产品收入核算口径不一；用地、环评类诉求办理周期长，建议纳入区级联席会议督办。"},
		{Plan: "1. 完成新落户企业首次走访；2. 组织科技型中小企业评价政策宣讲。",
			Problems: "个别企业联系人变更未及时更新，建议街道协助核实。"},
	} {
		w := visits.WeekOf(today.AddDays(-7 * i))
		out[visits.SettingID(visits.SettingWeeklyNote, w.String())] = mustJSON(note)
	}
	return out
}

func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

func itoa(y int) string {
	b, _ := json.Marshal(y)
	return string(b)
}
