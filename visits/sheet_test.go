package visits

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

var (
	usccA = "91350100M000100Y43"
	usccB = "91310110666007217T"
	usccC = "9144030071526726XG"
)

// fullWidth writes ASCII digits and letters in their full-width forms.
func fullWidth(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '!' && r <= '~' {
			return r - '!' + 0xFF01
		}
		return r
	}, s)
}

// messyWorkbook is a list as HQ might send it: a merged title and a note
// above the header, decorated headers, a blank line, full-width digits,
// trailing spaces, a duplicate row, a conflicting duplicate USCC, a bad
// USCC, a wrong check character and unknown columns.
func messyWorkbook(t testing.TB) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sh := "Sheet1"
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetCellValue(sh, "A1", "2026年高新技术企业培育库企业名单"))
	must(f.MergeCell(sh, "A1", "M1"))
	must(f.SetCellValue(sh, "A2", "填报单位：区科技局    填报日期：2026年3月"))
	must(f.MergeCell(sh, "A2", "M2"))
	head := []any{"序号", "企业名称 ", "统一社会信用代码（18位）*", "所属街道", "技术领域", "高企证书编号",
		"发证日期", "法定代表人", "联系人", "联系电话", "是否规上", "培育阶段", "备注"}
	must(f.SetSheetRow(sh, "A3", &head))
	issued := time.Date(2023, 11, 30, 0, 0, 0, 0, time.UTC)
	rows := [][]any{
		{1, "甘肃示例科技有限公司  ", fullWidth(usccA), "东岗街道 ", "电子信息", "GR202362000123", issued, "张三", "李四", fullWidth("13900000001"), "是", "成熟一批", "重点"},
		nil, // a blank line
		{2, "兰州样本新材料有限公司", usccB + " ", "  雁南街道", "新材料", "", "", "王五", "", "0931-1234567", "否", "培育", ""},
		{3, "兰州冒名材料有限公司", usccB, "雁南街道", "新材料", "", "", "王五", "", "", "否", "培育", ""},
		{2, "兰州样本新材料有限公司", usccB, "雁南街道", "新材料", "", "", "王五", "", "0931-1234567", "否", "培育", ""},
		{4, "错码企业", "91350100M000100Y4", "东岗街道", "", "", "", "", "", "", "", "", ""},
		{5, "校验位企业", "91350100M000100Y44", "东岗街道", "", "", "", "", "", "", "", "", ""},
		{6, "深圳参照企业", strings.ToLower(usccC), "拱星墩街道", "八、先进制造与自动化", "", "2024年5月6日", "", "", "", "√", "申报", "外地"},
	}
	for i, r := range rows {
		if r == nil {
			continue
		}
		must(f.SetSheetRow(sh, fmt.Sprintf("A%d", 4+i), &r))
	}
	style, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	must(err)
	must(f.SetCellStyle(sh, "G4", "G4", style))
	var buf bytes.Buffer
	must(f.Write(&buf))
	return buf.Bytes()
}

func TestImportMessyXLSX(t *testing.T) {
	rows, err := ReadSheet(bytes.NewReader(messyWorkbook(t)), "xlsx")
	if err != nil {
		t.Fatal(err)
	}
	res := ParseEnterpriseRows(rows)
	if res.HeaderRow != 3 {
		t.Errorf("header row = %d, want 3", res.HeaderRow)
	}
	if want := []string{"序号", "备注"}; !slices.Equal(res.Unknown, want) {
		t.Errorf("unknown columns = %q, want %q", res.Unknown, want)
	}
	var got []string
	for _, p := range res.Rows {
		got = append(got, fmt.Sprintf("%d %s", p.Row, p.Enterprise.USCC))
	}
	if want := []string{"4 " + usccA, "6 " + usccB, "11 " + usccC}; !slices.Equal(got, want) {
		t.Errorf("accepted rows = %q, want %q", got, want)
	}
	got = nil
	for _, e := range res.Refused {
		got = append(got, fmt.Sprintf("%d %s %s", e.Row, e.Reason, e.Detail))
	}
	want := []string{"7 duplicate_uscc 6", "9 bad_uscc " + (&USCCShapeError{Code: "91350100M000100Y4", Len: 17}).Error(), "10 uscc_check 3"}
	if !slices.Equal(got, want) {
		t.Errorf("refused = %q\nwant %q", got, want)
	}
	if len(res.Warnings) != 1 || res.Warnings[0].Row != 8 || res.Warnings[0].Reason != ReasonDuplicateRow {
		t.Errorf("warnings = %+v, want the duplicate row 8", res.Warnings)
	}

	a := res.Rows[0].Enterprise
	if a.Name != "甘肃示例科技有限公司" || a.Street != "东岗街道" || a.Domain != "electronic_info" ||
		!a.AboveSize || a.Stage != StageMature || a.LegalRep != "张三" {
		t.Errorf("row 4 parsed as %+v", a)
	}
	wantQ := Qualification{Kind: TierHNTE, Certificate: "GR202362000123", Issued: "2023-11-30", Expires: "2026-11-29"}
	if len(a.Qualifications) != 1 || a.Qualifications[0] != wantQ {
		t.Errorf("row 4 qualifications = %+v, want %+v", a.Qualifications, wantQ)
	}
	if len(a.Contacts) != 1 || a.Contacts[0] != (Contact{Name: "李四", Phone: "13900000001"}) {
		t.Errorf("row 4 contacts = %+v", a.Contacts)
	}
	c := res.Rows[2].Enterprise
	if c.Domain != "advanced_manufacturing" || c.Stage != StageApply || !c.AboveSize || c.Qualifications[0].Issued != "2024-05-06" {
		t.Errorf("row 11 parsed as %+v", c)
	}
	for _, e := range res.Refused {
		if e.Message(ZH) == "" || e.Message(EN) == "" || !strings.Contains(e.Message(ZH), fmt.Sprintf("第 %d 行", e.Row)) {
			t.Errorf("message of %+v: %q / %q", e, e.Message(ZH), e.Message(EN))
		}
	}
}

func TestImportConfirmedCheck(t *testing.T) {
	rows := [][]string{{"企业名称", "信用代码"}, {"校验位企业", "91350100M000100Y44"}}
	res := ParseEnterpriseRowsWith(rows, ImportOptions{ConfirmedUSCC: map[string]bool{"91350100M000100Y44": true}})
	if len(res.Rows) != 1 || !res.Rows[0].Enterprise.USCCConfirmed {
		t.Fatalf("confirmed code not accepted: %+v", res)
	}
}

func TestReadSheetCSV(t *testing.T) {
	in := "\ufeff单位名称,社会信用代码,街道,是否专精特新,认定日期,申报批次\r\n" +
		"\"甲公司, 分部\",91350100M000100Y43,东岗街道,是,2023/1/5,第二批\r\n" +
		",,,,,\r\n" +
		"乙公司,91310110666007217T,雁南街道,否,20220301,３\r\n"
	rows, err := ReadSheet(strings.NewReader(in), "csv")
	if err != nil {
		t.Fatal(err)
	}
	res := ParseEnterpriseRows(rows)
	if len(res.Rows) != 2 || len(res.Refused) != 0 || len(res.Warnings) != 0 {
		t.Fatalf("result = %+v", res)
	}
	a, b := res.Rows[0].Enterprise, res.Rows[1].Enterprise
	if a.Name != "甲公司, 分部" || !a.Specialized || a.Batch != 2 || a.Qualifications[0].Issued != "2023-01-05" {
		t.Errorf("row 2 = %+v", a)
	}
	if b.Batch != 3 || b.Qualifications[0].Issued != "2022-03-01" || res.Rows[1].Row != 4 {
		t.Errorf("row 4 = %+v", b)
	}
}

func TestImportNoHeader(t *testing.T) {
	res := ParseEnterpriseRows([][]string{{"a", "b"}, {"c"}})
	if len(res.Refused) != 1 || res.Refused[0].Reason != ReasonNoHeader || res.HeaderRow != 0 {
		t.Fatalf("got %+v", res)
	}
	if _, err := ReadSheet(strings.NewReader(""), "ods"); err == nil {
		t.Error("ods accepted")
	}
}

func TestParseDate(t *testing.T) {
	for in, want := range map[string]Date{
		"2023-12-08": "2023-12-08", "2023/12/8": "2023-12-08", "2023.12.8": "2023-12-08",
		"2023年12月8日": "2023-12-08", "20231208": "2023-12-08", "45268": "2023-12-08",
		"２０２３－１２－０８": "2023-12-08", "2023-12-08 00:00:00": "2023-12-08", "": "",
	} {
		if got, ok := parseDate(in); !ok || got != want {
			t.Errorf("parseDate(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"2023-02-30", "soon", "12", "2023-13-01"} {
		if got, ok := parseDate(in); ok {
			t.Errorf("parseDate(%q) = %q, want failure", in, got)
		}
	}
}

func TestPlanImport(t *testing.T) {
	existing := []Enterprise{
		{Meta: Meta{ID: "e1"}, USCC: usccA, Name: "甘肃示例科技有限公司", Street: "旧街道", Domain: "electronic_info",
			Contacts: []Contact{{Name: "李四", Phone: "13900000001"}}},
		{Meta: Meta{ID: "e2"}, USCC: usccB, Name: "兰州样本新材料有限公司", Street: "雁南街道", Domain: "new_materials", Stage: StageCultivate, LegalRep: "王五",
			Contacts: []Contact{{Name: "", Phone: "0931-1234567"}}},
	}
	rows, err := ReadSheet(bytes.NewReader(messyWorkbook(t)), "xlsx")
	if err != nil {
		t.Fatal(err)
	}
	plan := PlanImport(existing, ParseEnterpriseRows(rows))
	if len(plan.Created) != 1 || plan.Created[0].Row != 11 {
		t.Errorf("created = %+v", plan.Created)
	}
	if len(plan.Updated) != 1 || plan.Updated[0].Enterprise.ID != "e1" || plan.Updated[0].Enterprise.Street != "东岗街道" {
		t.Fatalf("updated = %+v", plan.Updated)
	}
	if want := []string{"above_size", "legal_rep", "qualifications", "stage", "street"}; !slices.Equal(sortedCopy(plan.Updated[0].Changed), want) {
		t.Errorf("changed = %q, want %q", plan.Updated[0].Changed, want)
	}
	if len(plan.Unchanged) != 1 || plan.Unchanged[0].Enterprise.ID != "e2" {
		t.Errorf("unchanged = %+v", plan.Unchanged)
	}
	if len(plan.Refused) != 3 || len(plan.Warnings) != 1 {
		t.Errorf("refused %d, warnings %d", len(plan.Refused), len(plan.Warnings))
	}
	if existing[0].Street != "旧街道" {
		t.Error("PlanImport changed its input")
	}
	again := PlanImport([]Enterprise{plan.Updated[0].Enterprise, existing[1], plan.Created[0].Enterprise}, ParseEnterpriseRows(rows))
	if len(again.Created)+len(again.Updated) != 0 || len(again.Unchanged) != 3 {
		t.Errorf("second import not idempotent: %+v", again)
	}
}

func sortedCopy(s []string) []string {
	c := slices.Clone(s)
	slices.Sort(c)
	return c
}

func FuzzParseEnterpriseRows(f *testing.F) {
	f.Add("企业名称,统一社会信用代码,发证日期,申报批次\n甲,91350100M000100Y43,2023/1/5,第二批\n")
	f.Add("标题\n\n单位名称,信用代码,是否规上,培育阶段\n乙,９１３１０１１０６６６００７２１７Ｔ,是,成熟\n乙,91310110666007217T,否,x\n")
	f.Add("\ufeff\"企业名称\",\"证书编号\"\n\"a\"\"b\",\n")
	f.Fuzz(func(t *testing.T, in string) {
		rows, _ := ReadSheet(strings.NewReader(in), "csv")
		res := ParseEnterpriseRows(rows)
		for _, e := range res.Refused {
			_ = e.Message(ZH) + e.Message(EN)
		}
		_ = PlanImport([]Enterprise{{USCC: usccA}}, res)
		// Also as rows of cells split on tabs: headers anywhere.
		var grid [][]string
		for _, line := range strings.Split(in, "\n") {
			grid = append(grid, strings.Split(line, "\t"))
		}
		_ = ParseEnterpriseRows(grid)
	})
}

func FuzzReadSheetCSV(f *testing.F) {
	f.Add("\ufeffa,b\n\"c\nd\",e\n")
	f.Add("\"unterminated\n")
	f.Add("a,\"b\"c\",d\r\n")
	f.Fuzz(func(t *testing.T, in string) {
		rows, err := ReadSheet(strings.NewReader(in), "csv")
		if err != nil {
			return
		}
		if len(rows) > 0 && len(rows[0]) > 0 && strings.HasPrefix(rows[0][0], "\ufeff") && !strings.HasPrefix(in, "\ufeff\ufeff") {
			t.Errorf("BOM kept: %q", rows[0][0])
		}
		var buf bytes.Buffer
		_ = csv.NewWriter(&buf).WriteAll(rows)
	})
}
