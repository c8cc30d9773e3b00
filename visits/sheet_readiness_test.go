package visits

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"reflect"
	"strconv"
	"testing"

	"github.com/liaison-dev/liaison/visits/visitstest/testseed"
)

var readinessSheet = [][]string{
	{"企业名称", "统一社会信用代码", "规上", "民营", "专精特新", "小巨人", "I类知识产权", "II类知识产权（件）", "职工总数", "科技人员数",
		"近三年研发费用（万元）", "境内研发费用", "近三年销售收入（元）", "上年销售收入", "高新技术产品（服务）收入", "总收入（亿元）", "创新能力评分", "重大安全质量环境事故"},
	// 1: every figure, in the sheet's units: 万元 by default, 元 and 亿元 by header, 86万 by cell.
	{"甲公司", "91350100M000100Y43", "是", "否", "√", "是", "0", "5件", "137", "12人",
		"310", "310", "100,000,000", "6000", "2800", "0.5", "65", "否"},
	// 2: blanks and placeholders change nothing; a cell's own unit wins.
	{"乙公司", "91310115MA1K4A001D", "", "", "", "", "", "-", "", "", "86万", "/", "", "", "", "", "暂无", ""},
	// 3: a bad figure refuses the row, naming the column.
	{"丙公司", "91310115MA1K4A002G", "是", "", "", "", "", "", "abc", "", "", "", "", "", "", "", "", ""},
	// 4: a part above its whole refuses the row, naming both.
	{"丁公司", "91310115MA1K4A0070", "", "", "", "", "", "", "10", "11", "", "", "", "", "", "", "", ""},
	// 5: a bad 小巨人 cell is left empty with a warning, as the other flags.
	{"戊公司", "91310115MA1K4A003K", "", "", "", "也许", "", "", "", "", "", "", "", "", "", "", "", ""},
	// 6: a score above 100 refuses the row.
	{"己公司", "91310115MA1K4A004F", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "101", ""},
}

func TestImportReadinessColumns(t *testing.T) {
	res := ParseEnterpriseRows(readinessSheet)
	if len(res.Unknown) != 0 {
		t.Errorf("unknown columns %v", res.Unknown)
	}
	if len(res.Rows) != 3 {
		t.Fatalf("rows %+v refused %+v", res.Rows, res.Refused)
	}
	a := res.Rows[0].Enterprise
	r := a.Readiness
	if !a.AboveSize || a.Private || !a.Specialized || !a.LittleGiant {
		t.Errorf("flags %+v", a)
	}
	want := Readiness{IPClassI: ip(0), IPClassII: ip(5), StaffTotal: ip(137), StaffRD: ip(12), RD3Y: fl(3.1e6), RDInChina3Y: fl(3.1e6),
		Sales3Y: fl(1e8), SalesLastYear: fl(6e7), HighTechIncome: fl(2.8e7), TotalIncome: fl(5e7), InnovationScore: fl(65), MajorViolation: bl(false)}
	if !reflect.DeepEqual(r, want) {
		t.Errorf("readiness\n got %s\nwant %s", jsonOf(r), jsonOf(want))
	}
	b := res.Rows[1]
	if *b.Enterprise.Readiness.RD3Y != 860000 || b.Enterprise.Readiness.IPClassII != nil || b.Enterprise.Readiness.InnovationScore != nil {
		t.Errorf("row 3: %s", jsonOf(b.Enterprise.Readiness))
	}
	if !reflect.DeepEqual(b.Fields, []string{"name", "rd_3y", "uscc"}) {
		t.Errorf("row 3 fields %v: placeholders must not count as given", b.Fields)
	}
	wantRefused := []RowError{
		{Row: 4, Reason: ReasonBadCell, Column: "职工总数", Value: "abc"},
		{Row: 5, Reason: ReasonExceeds, Column: "科技人员数", Detail: "职工总数"},
		{Row: 7, Reason: ReasonBadCell, Column: "创新能力评分", Value: "101"},
	}
	if !reflect.DeepEqual(res.Refused, wantRefused) {
		t.Errorf("refused\n got %+v\nwant %+v", res.Refused, wantRefused)
	}
	if w := res.Warnings; len(w) != 1 || w[0].Row != 6 || w[0].Column != "小巨人" || w[0].Reason != ReasonBadValue || res.Rows[2].Enterprise.LittleGiant {
		t.Errorf("小巨人 也许: warnings %+v", w)
	}
	if m := res.Refused[1].Message(ZH); m != "第 5 行：[科技人员数] 大于“职工总数”，本行未导入" {
		t.Errorf("message %q", m)
	}
	if m := res.Refused[0].Message(ZH); m != "第 4 行：[职工总数] “abc” 无法识别，本行未导入" {
		t.Errorf("message %q", m)
	}
	// A second identical row is a duplicate, not a conflict (figures are pointers).
	dup := ParseEnterpriseRows(append(readinessSheet[:2:2], readinessSheet[1]))
	if len(dup.Warnings) != 1 || dup.Warnings[0].Reason != ReasonDuplicateRow {
		t.Errorf("identical rows: warnings %+v refused %+v", dup.Warnings, dup.Refused)
	}
}

// The upsert overwrites only the figures a row gives.
func TestImportReadinessMerge(t *testing.T) {
	old := Enterprise{Meta: Meta{ID: "e1"}, Name: "甲公司", USCC: "91350100M000100Y43",
		Readiness: Readiness{StaffTotal: ip(100), InnovationScore: fl(80), RegisteredOn: "2020-01-01"}}
	sheet := [][]string{{"企业名称", "统一社会信用代码", "职工总数", "科技人员数", "创新能力评分", "小巨人"},
		{"甲公司", "91350100M000100Y43", "120", "15", "", "是"}}
	plan := PlanImport([]Enterprise{old}, ParseEnterpriseRows(sheet))
	if len(plan.Updated) != 1 {
		t.Fatalf("plan %+v", plan)
	}
	u := plan.Updated[0]
	got := u.Enterprise.Readiness
	if *got.StaffTotal != 120 || *got.StaffRD != 15 || *got.InnovationScore != 80 || got.RegisteredOn != "2020-01-01" || !u.Enterprise.LittleGiant {
		t.Errorf("merged %s", jsonOf(got))
	}
	if *old.Readiness.StaffTotal != 100 {
		t.Error("the stored record was changed in place")
	}
	if !reflect.DeepEqual(u.Changed, []string{"little_giant", "staff_rd", "staff_total"}) {
		t.Errorf("changed %v", u.Changed)
	}
	again := PlanImport([]Enterprise{u.Enterprise}, ParseEnterpriseRows(sheet))
	if len(again.Unchanged) != 1 {
		t.Errorf("re-import: %+v", again)
	}
}

func jsonOf(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// A fuzzed readiness cell either refuses its row naming its column, or is
// read into a value ValidateReadiness accepts.
func FuzzImportReadinessCell(f *testing.F) {
	for _, s := range []string{"86", "86万", "1.2亿元", "12人", "是", "-", "1e5", "abc", "１２３", "101"} {
		f.Add(s, uint8(0))
	}
	f.Fuzz(func(t *testing.T, cell string, col uint8) {
		c := readinessColumns[int(col)%len(readinessColumns)]
		rows := [][]string{{"企业名称", "统一社会信用代码", c.headers[0]}, {"甲公司", "91350100M000100Y43", cell}}
		res := ParseEnterpriseRows(rows)
		switch {
		case len(res.Refused) == 1:
			if res.Refused[0].Column != c.headers[0] || res.Refused[0].Reason != ReasonBadCell {
				t.Fatalf("%q in %s: refused %+v", cell, c.field, res.Refused[0])
			}
		case len(res.Rows) == 1:
			if err := ValidateReadiness(res.Rows[0].Enterprise.Readiness); err != nil {
				t.Fatalf("%q in %s: accepted %v", cell, c.field, err)
			}
		default:
			t.Fatalf("%q in %s: %+v", cell, c.field, res)
		}
	})
}

// Random rows of figures: the ones read back equal what was written.
func TestImportReadinessRandom(t *testing.T) {
	seed := testseed.Seed(t)
	rng := rand.New(rand.NewPCG(seed, 0))
	for i := 0; i < 200; i++ {
		total := rng.IntN(1000) + 1
		rd := rng.IntN(total + 1)
		wan := float64(rng.IntN(1_000_000)) / 100 // 0.00 .. 9999.99 万元
		sheet := [][]string{{"企业名称", "统一社会信用代码", "职工总数", "科技人员数", "近三年研发费用"},
			{"甲", "91350100M000100Y43", strconv.Itoa(total), strconv.Itoa(rd), strconv.FormatFloat(wan, 'f', -1, 64)}}
		res := ParseEnterpriseRows(sheet)
		if len(res.Rows) != 1 {
			t.Fatalf("row %v: %+v", sheet[1], res.Refused)
		}
		r := res.Rows[0].Enterprise.Readiness
		if *r.StaffTotal != total || *r.StaffRD != rd || *r.RD3Y != math.Round(wan*1e4*100)/100 {
			t.Fatalf("row %v read %d %d %v", sheet[1], *r.StaffTotal, *r.StaffRD, *r.RD3Y)
		}
	}
}
