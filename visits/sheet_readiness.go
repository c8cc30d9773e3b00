package visits

import "strings"

// The import sheet's columns for the 小巨人 flag and the HNTE readiness
// inputs (issue 11). Money columns are in 万元, the unit of statistics
// sheets, unless the header's note says otherwise (近三年研发费用（元）,
// （亿元）) or the cell carries its own unit (86万, 310000元). A placeholder
// (-, /, —, 不详, 暂无) is a blank cell: not known, nothing changes.
//
// Unlike the older columns, whose bad cells are left empty with a
// warning, a readiness cell that is not understood refuses its row
// (bad_cell, naming the column): a figure guessed wrong would pass or fail
// the checklist falsely. So does a row whose figures contradict each
// other (科技人员 above 职工总数: exceeds, naming both columns).

// Reasons of the readiness columns.
const (
	ReasonBadCell = "bad_cell" // a readiness cell not understood; the row is refused
	ReasonExceeds = "exceeds"  // a part above its whole (Detail: the whole's header); refused
)

// readinessColumns maps the inputs (Readiness JSON names, and the
// little_giant flag) to the normalized headers that fill them and how a
// cell is read: c count, m money, s score, b yes/no, f flag (a bad cell
// warns, as the other flags do).
var readinessColumns = []struct {
	field   string
	kind    byte
	headers []string
}{
	{FlagLittleGiant, 'f', []string{"是否小巨人", "小巨人", "专精特新小巨人", "是否专精特新小巨人", "小巨人企业", "国家级专精特新小巨人", "是否专精特新\"小巨人\"", "专精特新\"小巨人\"", "专精特新“小巨人”", "是否专精特新“小巨人”"}},
	{"ip_class_i", 'c', []string{"i类知识产权", "ⅰ类知识产权", "一类知识产权", "i类知识产权数", "i类知识产权数量", "i类知识产权件数"}},
	{"ip_class_ii", 'c', []string{"ii类知识产权", "ⅱ类知识产权", "二类知识产权", "ii类知识产权数", "ii类知识产权数量", "ii类知识产权件数"}},
	{"staff_total", 'c', []string{"职工总数", "职工人数", "从业人员", "从业人员数", "员工总数", "职工总人数"}},
	{"staff_rd", 'c', []string{"科技人员数", "科技人员", "科技人员人数", "研发人员数", "研发人员", "科技人员总数"}},
	{"rd_3y", 'm', []string{"近三年研发费用", "近三年研发费用总额", "研发费用", "近三个会计年度研发费用", "近三年研发投入"}},
	{"rd_in_china_3y", 'm', []string{"境内研发费用", "近三年境内研发费用", "其中境内研发费用", "在中国境内发生的研发费用"}},
	{"sales_3y", 'm', []string{"近三年销售收入", "近三年销售收入总额", "近三个会计年度销售收入"}},
	{"sales_last_year", 'm', []string{"上年销售收入", "上年度销售收入", "最近一年销售收入", "近一年销售收入"}},
	{"high_tech_income", 'm', []string{"高新技术产品收入", "高新技术产品服务收入", "高新收入", "上年高新技术产品收入"}},
	{"total_income", 'm', []string{"总收入", "同期总收入", "上年总收入", "企业总收入"}},
	{"innovation_score", 's', []string{"创新能力评分", "创新能力评价得分", "创新能力得分", "创新能力评价"}},
	{"major_violation", 'b', []string{"重大安全质量环境事故", "是否发生重大安全质量事故或严重环境违法行为", "重大安全、重大质量事故或严重环境违法行为",
		"重大事故或环境违法", "是否有重大安全质量环境事故", "重大安全质量事故", "重大事故"}},
}

// readinessColumn returns the index in readinessColumns of a normalized
// header, or -1.
func readinessColumn(key string) int {
	for i, c := range readinessColumns {
		for _, h := range c.headers {
			if key == h {
				return i
			}
		}
	}
	return -1
}

// readinessField reports whether f is a field of readinessColumns.
func readinessField(f string) (int, bool) {
	for i, c := range readinessColumns {
		if c.field == f {
			return i, true
		}
	}
	return -1, false
}

// headerUnit is the money unit a header's note names: 元 → Yuan, 亿元 →
// YiYuan, otherwise (万元 or none) WanYuan.
func headerUnit(header string) float64 {
	h := foldWidth(header)
	for _, open := range []string{"(", "（", "[", "【"} {
		if i := strings.LastIndex(h, open); i >= 0 {
			note := h[i:]
			switch {
			case strings.Contains(note, "亿"):
				return YiYuan
			case strings.Contains(note, "万"):
				return WanYuan
			case strings.Contains(note, "元"):
				return Yuan
			}
		}
	}
	return WanYuan
}

// placeholder reports a cell that stands for "not known".
func placeholder(v string) bool {
	switch strings.TrimSpace(v) {
	case "-", "--", "/", "—", "——", "不详", "暂无", "未知", "n/a", "N/A":
		return true
	}
	return false
}

// parseReadinessCell reads one cell of column i into e. It reports
// whether the cell was understood (a placeholder is: it sets nothing)
// and whether it set a value.
func parseReadinessCell(e *Enterprise, i int, val, header string) (ok, set bool) {
	c := readinessColumns[i]
	if c.kind != 'f' && placeholder(val) { // a flag reads - and / as 否, as the other flags do
		return true, false
	}
	r := &e.Readiness
	switch c.kind {
	case 'f':
		b, ok := parseYesNo(val)
		if !ok {
			return false, false
		}
		e.LittleGiant = b
	case 'b':
		b, ok := ParseYesNo(val)
		if !ok {
			return false, false
		}
		r.MajorViolation = &b
	case 'c':
		n, ok := ParseCount(val)
		if !ok {
			return false, false
		}
		*map[string]**int{"ip_class_i": &r.IPClassI, "ip_class_ii": &r.IPClassII, "staff_total": &r.StaffTotal, "staff_rd": &r.StaffRD}[c.field] = &n
	case 'm', 's':
		var v float64
		var ok bool
		if c.kind == 'm' {
			v, ok = ParseMoney(val, headerUnit(header))
		} else {
			v, ok = ParseScore(val)
		}
		if !ok {
			return false, false
		}
		*readinessMoney(r, c.field) = &v
	}
	return true, true
}

// readinessMoney returns the pointer field of r named field (a money or
// score input).
func readinessMoney(r *Readiness, field string) **float64 {
	return map[string]**float64{"rd_3y": &r.RD3Y, "rd_in_china_3y": &r.RDInChina3Y, "sales_3y": &r.Sales3Y,
		"sales_last_year": &r.SalesLastYear, "high_tech_income": &r.HighTechIncome, "total_income": &r.TotalIncome,
		"innovation_score": &r.InnovationScore}[field]
}

// mergeReadinessField copies the readiness input field of in into e and
// reports whether it changed e.
func mergeReadinessField(e *Enterprise, in Enterprise, field string) bool {
	r, n := &e.Readiness, in.Readiness
	switch field {
	case FlagLittleGiant:
		old := e.LittleGiant
		e.LittleGiant = in.LittleGiant
		return old != e.LittleGiant
	case "major_violation":
		changed := r.MajorViolation == nil || *r.MajorViolation != *n.MajorViolation
		r.MajorViolation = n.MajorViolation
		return changed
	case "ip_class_i", "ip_class_ii", "staff_total", "staff_rd":
		m := func(x *Readiness) **int {
			return map[string]**int{"ip_class_i": &x.IPClassI, "ip_class_ii": &x.IPClassII, "staff_total": &x.StaffTotal, "staff_rd": &x.StaffRD}[field]
		}
		dst, src := m(r), m(&n)
		changed := *dst == nil || **dst != **src
		*dst = *src
		return changed
	}
	dst, src := readinessMoney(r, field), readinessMoney(&n, field)
	if dst == nil || *src == nil {
		return false
	}
	changed := *dst == nil || **dst != **src
	*dst = *src
	return changed
}

// rowContradiction checks the row's own figures (a part above its
// whole) and returns the refusal naming both columns, or nil.
func rowContradiction(rowNum int, e Enterprise, headerOf map[string]string) *RowError {
	es := AsErrors(ValidateReadiness(e.Readiness))
	for _, fe := range es {
		if fe.Code == ErrCodeAtMost {
			return &RowError{Row: rowNum, Reason: ReasonExceeds, Column: headerOf[fe.Field], Detail: headerOf[toString(fe.Args[0])]}
		}
	}
	return nil
}
