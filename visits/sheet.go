package visits

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Enterprise-list import: HQ sends spreadsheets whose layout varies from
// one office to the next. ReadSheet turns a file into rows of cells;
// ParseEnterpriseRows finds the header row and the columns by their
// Chinese names; PlanImport compares with what is already stored. A
// refused row never stops the others.

// ReadSheet reads every row of a "csv" (UTF-8 with or without a byte
// order mark, else GB18030/GBK) or "xlsx" (the first sheet with a cell)
// file within DefaultSheetLimits. ReadSheetWith also says which encoding
// a CSV was read in.
func ReadSheet(r io.Reader, format string) ([][]string, error) {
	s, err := ReadSheetWith(r, format, SheetLimits{})
	return s.Rows, err
}

// Import fields: the json names of the Enterprise fields a column fills.
const (
	colName        = "name"
	colUSCC        = "uscc"
	colShortName   = "short_name"
	colStreet      = "street"
	colAddress     = "address"
	colLegalRep    = "legal_rep"
	colContact     = "contact_name"
	colContactRole = "contact_title"
	colPhone       = "contact_phone"
	colDomain      = "domain"
	colQualKind    = "qualification_kind"
	colCertificate = "certificate"
	colIssued      = "issued"
	colExpires     = "expires"
	colAboveSize   = "above_size"
	colPrivate     = "private"
	colSpecialized = "specialized"
	colKey         = "key"
	colStage       = "stage"
	colBatch       = "batch"
	colRegistered  = "registered_on"
	colArrived     = "arrived_on" // 落户日期: the 新落户 visit is owed from it
)

// importColumns lists, per field, the header texts HQ sheets use. Headers
// are compared after dropping spaces, asterisks and parenthesised notes,
// so "统一社会信用代码（18位）*" matches.
var importColumns = []struct {
	field   string
	headers []string
}{
	{colName, []string{"企业名称", "单位名称", "企业全称", "公司名称", "企业名", "名称", "企业"}},
	{colUSCC, []string{"统一社会信用代码", "信用代码", "社会信用代码", "统一信用代码", "社会统一信用代码", "统一代码", "uscc"}},
	{colShortName, []string{"企业简称", "简称"}},
	{colStreet, []string{"所属街道", "街道", "所在街道", "街道/镇", "所属街镇", "街镇", "所属乡镇街道"}},
	{colAddress, []string{"地址", "注册地址", "企业地址", "经营地址", "通讯地址", "详细地址", "办公地址"}},
	{colLegalRep, []string{"法定代表人", "法人代表", "法人", "法定代表人姓名"}},
	{colContact, []string{"联系人", "联系人姓名"}},
	{colContactRole, []string{"联系人职务", "职务"}},
	{colPhone, []string{"联系电话", "电话", "联系方式", "手机", "手机号", "手机号码", "联系人电话"}},
	{colDomain, []string{"技术领域", "领域", "所属领域", "所属技术领域", "高新技术领域", "重点支持领域"}},
	{colQualKind, []string{"资质类型", "资质", "企业类型", "入库类型"}},
	{colCertificate, []string{"证书编号", "高企证书编号", "高新技术企业证书编号", "证书号"}},
	{colIssued, []string{"发证日期", "认定日期", "发证时间", "认定时间", "证书日期"}},
	{colExpires, []string{"有效期至", "到期日期", "证书到期日期", "到期时间", "有效期截止"}},
	{colAboveSize, []string{"是否规上", "规上", "规上企业", "是否规模以上", "是否规上企业"}},
	{colPrivate, []string{"是否民营", "民营", "民营企业", "是否民营企业"}},
	{colSpecialized, []string{"是否专精特新", "专精特新", "专精特新企业", "是否专精特新企业"}},
	{colKey, []string{"是否重点企业", "重点企业", "是否重点"}},
	{colStage, []string{"培育阶段", "阶段", "培育类型", "培育梯次"}},
	{colBatch, []string{"申报批次", "批次", "计划批次", "计划申报批次"}},
	{colRegistered, []string{"成立日期", "注册日期", "成立时间", "注册时间"}},
	{colArrived, []string{"落户日期", "落户时间", "迁入日期", "入驻日期"}},
}

// headerField maps a normalized header text to its field.
func headerField(h string) string {
	key := normalizeHeader(h)
	if key == "" {
		return ""
	}
	for _, c := range importColumns {
		for _, v := range c.headers {
			if key == v {
				return c.field
			}
		}
	}
	if i := readinessColumn(key); i >= 0 { // sheet_readiness.go
		return readinessColumns[i].field
	}
	return ""
}

// normalizeHeader drops white space, asterisks, a leading "序号" style
// number and any parenthesised note, and lower-cases ASCII.
func normalizeHeader(h string) string {
	var b strings.Builder
	depth := 0
	for _, r := range foldWidth(h) {
		switch {
		case r == '(' || r == '（' || r == '[' || r == '【':
			depth++
		case r == ')' || r == '）' || r == ']' || r == '】':
			if depth > 0 {
				depth--
			}
		case depth > 0, unicode.IsSpace(r), r == '*', r == '＊', r == ':', r == '：':
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// foldWidth maps full-width ASCII forms (０-９, Ａ-Ｚ, punctuation) and the
// ideographic space to their ASCII equivalents.
func foldWidth(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			return r - 0xFF01 + '!'
		case r == 0x3000:
			return ' '
		}
		return r
	}, s)
}

// cleanCell trims white space of every kind, including the non-breaking
// and ideographic spaces spreadsheets carry.
func cleanCell(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\u00a0' || r == '\ufeff' })
}

// maxHeaderScan is how far down the header row is looked for: titles and
// notes, often merged across the columns, sit above it.
const maxHeaderScan = 30

// findHeader returns the index of the header row: the first row with at
// least two known headers, one of them the name or the USCC.
func findHeader(rows [][]string) (int, map[int]string) {
	for i := 0; i < len(rows) && i < maxHeaderScan; i++ {
		cols := map[int]string{}
		seen := map[string]bool{}
		for j, cell := range rows[i] {
			if f := headerField(cell); f != "" && !seen[f] {
				cols[j], seen[f] = f, true
			}
		}
		if len(cols) >= 2 && (seen[colName] || seen[colUSCC]) {
			return i, cols
		}
	}
	return -1, nil
}

// parseDate reads the dates spreadsheets hold: 2023-12-08, 2023/12/8,
// 2023.12.8, 2023年12月8日, 20231208, and Excel's day serial numbers.
func parseDate(s string) (Date, bool) {
	s = strings.TrimSpace(foldWidth(s))
	if s == "" {
		return "", true
	}
	if allDigits(strings.Replace(s, ".", "", 1)) && strings.Count(s, ".") <= 1 {
		if len(s) == 8 && !strings.Contains(s, ".") {
			t, err := time.ParseInLocation("20060102", s, Shanghai)
			return Date(t.Format(time.DateOnly)), err == nil
		}
		n, err := strconv.ParseFloat(s, 64)
		if err != nil || n < 3000 || n > 2958465 { // serials from 1908 to 9999
			return "", false
		}
		// Excel serial: days since 1899-12-30 (the 1900 leap-year bug is
		// absorbed by starting on the 30th).
		t := time.Date(1899, 12, 30, 0, 0, 0, 0, Shanghai).AddDate(0, 0, int(n))
		return Date(t.Format(time.DateOnly)), true
	}
	s = strings.NewReplacer("年", "-", "月", "-", "日", "", "/", "-", ".", "-").Replace(s)
	if i := strings.IndexAny(s, " T"); i > 0 { // drop a time of day
		s = s[:i]
	}
	parts := strings.Split(s, "-")
	if len(parts) != 3 {
		return "", false
	}
	y, e1 := strconv.Atoi(parts[0])
	m, e2 := strconv.Atoi(parts[1])
	d, e3 := strconv.Atoi(parts[2])
	if e1 != nil || e2 != nil || e3 != nil || y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31 {
		return "", false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, Shanghai)
	if t.Day() != d {
		return "", false
	}
	return Date(t.Format(time.DateOnly)), true
}

// parseYesNo reads 是/否 and its many spellings (ParseYesNo); in a flag
// column a dash or slash means 否.
func parseYesNo(s string) (bool, bool) {
	switch strings.TrimSpace(foldWidth(s)) {
	case "", "-", "/":
		return false, true
	}
	return ParseYesNo(s)
}

// matchTerm finds the code of kind whose code or label (Chinese or
// English) is s, or whose Chinese label s contains or is contained in.
func matchTerm(k Kind, s string) (string, bool) {
	key := normalizeHeader(s)
	if key == "" {
		return "", true
	}
	ts := Terms(k)
	for _, t := range ts {
		if key == t.Code || key == normalizeHeader(t.ZH) || key == strings.ToLower(t.EN) {
			return t.Code, true
		}
	}
	for _, t := range ts {
		zh := normalizeHeader(t.ZH)
		if strings.Contains(key, zh) || (len([]rune(key)) >= 2 && strings.Contains(zh, key)) {
			return t.Code, true
		}
	}
	return "", false
}

var chineseNumerals = map[string]int{"一": 1, "二": 2, "三": 3}

// parseBatch reads 1, 第1批, 第一批, 一批.
func parseBatch(s string) (int, bool) {
	t := strings.TrimSpace(foldWidth(s))
	if t == "" {
		return 0, true
	}
	t = strings.TrimSuffix(strings.TrimPrefix(t, "第"), "批")
	if n, ok := chineseNumerals[t]; ok {
		return n, true
	}
	if n, err := strconv.Atoi(t); err == nil && n >= 1 && n <= 3 {
		return n, true
	}
	return 0, false
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// Reasons a row is refused or a cell is dropped.
const (
	ReasonNoHeader      = "no_header"      // no header row found (Row is 0)
	ReasonMissingName   = "missing_name"   // the name cell is empty
	ReasonMissingUSCC   = "missing_uscc"   // no USCC: rows are matched by it
	ReasonBadUSCC       = "bad_uscc"       // wrong length or character
	ReasonUSCCCheck     = "uscc_check"     // right shape, wrong check character, not confirmed
	ReasonDuplicateUSCC = "duplicate_uscc" // an earlier row has the USCC with other values
	ReasonDuplicateRow  = "duplicate_row"  // warning: same as an earlier row, skipped
	ReasonBadValue      = "bad_value"      // warning: a cell was not understood and left empty
)

// RowError is a refused row, or (in Warnings) a row imported without one
// of its cells. Row is 1-based, as the spreadsheet shows it.
type RowError struct {
	Row    int    `json:"row"`
	Reason string `json:"reason"`
	Column string `json:"column,omitempty"` // header text as in the sheet
	Value  string `json:"value,omitempty"`
	Detail string `json:"detail,omitempty"`
}

// Message explains the error in lang.
func (e RowError) Message(lang Lang) string {
	var zh, en string
	switch e.Reason {
	case ReasonNoHeader:
		zh, en = "找不到表头行（需包含“企业名称”或“统一社会信用代码”等列）", "no header row found (it needs columns such as 企业名称 or 统一社会信用代码)"
	case ReasonMissingName:
		zh, en = "企业名称为空", "the enterprise name is empty"
	case ReasonMissingUSCC:
		zh, en = "缺少统一社会信用代码，无法与已有企业对应", "no USCC: rows are matched to enterprises by it"
	case ReasonBadUSCC:
		zh, en = "统一社会信用代码格式错误", "malformed USCC"
	case ReasonUSCCCheck:
		zh, en = "统一社会信用代码校验位不符（应为 "+e.Detail+"），确认无误后单独确认导入", "USCC check character is wrong (expected "+e.Detail+"); import it after confirming"
	case ReasonDuplicateUSCC:
		zh, en = "与第 "+e.Detail+" 行统一社会信用代码重复且内容不同，本行未导入", "same USCC as row "+e.Detail+" with different values; this row was not imported"
	case ReasonDuplicateRow:
		zh, en = "与第 "+e.Detail+" 行完全相同，已跳过", "same as row "+e.Detail+"; skipped"
	case ReasonBadValue:
		zh, en = "无法识别，已留空", "not understood; left empty"
	case ReasonBadCell:
		zh, en = "无法识别，本行未导入", "not understood; row not imported"
	case ReasonExceeds:
		zh, en = "大于“"+ShortValue(e.Detail)+"”，本行未导入", "is more than "+ShortValue(e.Detail)+"; row not imported"
	default:
		zh, en = e.Reason, e.Reason
	}
	msg := tr(lang, "第 %d 行：", "row %d: ")
	out := fmt.Sprintf(msg, e.Row)
	if e.Row == 0 {
		out = ""
	}
	if e.Column != "" {
		out += "[" + ShortValue(e.Column) + "] "
	}
	if e.Value != "" {
		out += "“" + ShortValue(e.Value) + "” "
	}
	out += tr(lang, zh, en)
	if e.Reason == ReasonBadUSCC && e.Detail != "" {
		out += ": " + e.Detail
	}
	return out
}

// Error returns the English message.
func (e RowError) Error() string { return e.Message(EN) }

// ParsedRow is one accepted row. Fields lists the json names of the
// Enterprise fields the row gave a value for: an import only overwrites
// those, so blank cells never erase stored data.
type ParsedRow struct {
	Row        int        `json:"row"`
	Enterprise Enterprise `json:"enterprise"`
	Fields     []string   `json:"fields"`
}

// ImportResult is a parsed sheet.
type ImportResult struct {
	HeaderRow int               `json:"header_row"` // 1-based; 0 when none was found
	Columns   map[string]string `json:"columns"`    // field -> header text found
	Unknown   []string          `json:"unknown_columns"`
	Rows      []ParsedRow       `json:"rows"`
	Refused   []RowError        `json:"refused"`
	Warnings  []RowError        `json:"warnings"`
	Encoding  string            `json:"encoding,omitempty"` // Sheet.Encoding, set by the caller that read the file
}

// ImportOptions change how rows are parsed.
type ImportOptions struct {
	// ConfirmedUSCC holds normalized codes whose wrong check character an
	// officer has confirmed; those rows are accepted with USCCConfirmed set.
	ConfirmedUSCC map[string]bool
}

// ParseEnterpriseRows parses rows with no confirmed codes; see
// ParseEnterpriseRowsWith.
func ParseEnterpriseRows(rows [][]string) ImportResult {
	return ParseEnterpriseRowsWith(rows, ImportOptions{})
}

// ParseEnterpriseRowsWith finds the header row (titles may sit above it),
// maps the known columns, and parses every later row that is not blank.
// Duplicates by USCC: a row equal to an earlier one is skipped with a
// warning; a row with the same USCC but other values is refused, and the
// earlier row kept, so that nothing is merged silently.
func ParseEnterpriseRowsWith(rows [][]string, opts ImportOptions) ImportResult {
	res := ImportResult{Columns: map[string]string{}, Unknown: []string{}, Rows: []ParsedRow{}, Refused: []RowError{}, Warnings: []RowError{}}
	h, cols := findHeader(rows)
	if h < 0 {
		res.Refused = append(res.Refused, RowError{Reason: ReasonNoHeader})
		return res
	}
	res.HeaderRow = h + 1
	header := rows[h]
	for j, cell := range header {
		if f, ok := cols[j]; ok {
			res.Columns[f] = cleanCell(cell)
		} else if c := cleanCell(cell); c != "" {
			res.Unknown = append(res.Unknown, c)
		}
	}
	firstRow := map[string]int{} // USCC -> index into res.Rows
	for i := h + 1; i < len(rows); i++ {
		if blankRow(rows[i]) {
			continue
		}
		p, errs, refused := parseRow(i+1, rows[i], header, cols, opts)
		if refused != nil {
			res.Refused = append(res.Refused, *refused)
			continue
		}
		if k, dup := firstRow[p.Enterprise.USCC]; dup {
			first := res.Rows[k]
			e := RowError{Row: p.Row, Reason: ReasonDuplicateUSCC, Column: res.Columns[colUSCC], Value: p.Enterprise.USCC, Detail: strconv.Itoa(first.Row)}
			if sameParsed(first, p) {
				e.Reason = ReasonDuplicateRow
				res.Warnings = append(res.Warnings, e)
			} else {
				res.Refused = append(res.Refused, e)
			}
			continue
		}
		firstRow[p.Enterprise.USCC] = len(res.Rows)
		res.Rows = append(res.Rows, p)
		res.Warnings = append(res.Warnings, errs...)
	}
	return res
}

func blankRow(row []string) bool {
	for _, c := range row {
		if cleanCell(c) != "" {
			return false
		}
	}
	return true
}

// sameParsed compares by value (JSON: the readiness figures are
// pointers, which %+v would compare by address).
func sameParsed(a, b ParsedRow) bool {
	a.Row, b.Row = 0, 0
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	return errA == nil && errB == nil && bytes.Equal(ja, jb)
}

// parseRow parses one data row. It returns the warnings of cells left
// empty, or the reason the whole row is refused.
func parseRow(rowNum int, row, header []string, cols map[int]string, opts ImportOptions) (ParsedRow, []RowError, *RowError) {
	p := ParsedRow{Row: rowNum}
	e := &p.Enterprise
	var warns []RowError
	var contact Contact
	var qual Qualification
	set := func(f string) { p.Fields = append(p.Fields, f) }
	headerOf := map[string]string{}
	for j := 0; j < len(row) && j < len(header); j++ {
		f, known := cols[j]
		if !known {
			continue
		}
		raw := cleanCell(row[j])
		if raw == "" {
			continue
		}
		bad := func() {
			warns = append(warns, RowError{Row: rowNum, Reason: ReasonBadValue, Column: cleanCell(header[j]), Value: raw})
		}
		val := cleanCell(foldWidth(raw))
		switch f {
		case colName:
			e.Name = raw
		case colUSCC:
			e.USCC = raw
		case colShortName:
			e.ShortName = raw
		case colStreet:
			e.Street = raw
		case colAddress:
			e.Address = raw
		case colLegalRep:
			e.LegalRep = raw
		case colContact:
			contact.Name = raw
		case colContactRole:
			contact.Title = raw
		case colPhone:
			contact.Phone = strings.Join(strings.Fields(val), " ")
		case colDomain:
			if code, ok := matchTerm(KindDomain, raw); ok {
				e.Domain = code
			} else {
				bad()
			}
		case colQualKind:
			if code, ok := matchTerm(KindTier, raw); ok && code != TierNone {
				qual.Kind = code
			} else {
				bad()
			}
		case colCertificate:
			qual.Certificate = val
		case colIssued, colExpires, colRegistered, colArrived:
			d, ok := parseDate(val)
			if !ok {
				bad()
				continue
			}
			switch f {
			case colIssued:
				qual.Issued = d
			case colExpires:
				qual.Expires = d
			case colArrived:
				e.ArrivedOn = d
			default:
				e.Readiness.RegisteredOn = d
			}
		case colAboveSize, colPrivate, colSpecialized, colKey:
			b, ok := parseYesNo(val)
			if !ok {
				bad()
				continue
			}
			*map[string]*bool{colAboveSize: &e.AboveSize, colPrivate: &e.Private, colSpecialized: &e.Specialized, colKey: &e.Key}[f] = b
		case colStage:
			if code, ok := matchTerm(KindStage, raw); ok {
				e.Stage = code
			} else {
				bad()
			}
		case colBatch:
			if n, ok := parseBatch(val); ok {
				e.Batch = n
			} else {
				bad()
			}
		default: // the readiness inputs and 小巨人: sheet_readiness.go
			i, _ := readinessField(f)
			understood, given := parseReadinessCell(e, i, val, header[j])
			switch {
			case !understood && readinessColumns[i].kind == 'f':
				bad()
				continue
			case !understood:
				return p, nil, &RowError{Row: rowNum, Reason: ReasonBadCell, Column: cleanCell(header[j]), Value: raw}
			case !given:
				continue
			}
			headerOf[f] = cleanCell(header[j])
		}
		if f != colContact && f != colContactRole && f != colPhone && f != colQualKind &&
			f != colCertificate && f != colIssued && f != colExpires {
			set(f)
		}
	}
	if r := rowContradiction(rowNum, *e, headerOf); r != nil {
		return p, nil, r
	}
	if contact != (Contact{}) {
		e.Contacts = []Contact{contact}
		set("contacts")
	}
	if qual.Certificate != "" || !qual.Issued.IsZero() || qual.Kind != "" {
		if qual.Kind == "" {
			qual.Kind = TierHNTE // the certificate columns of HQ lists are HNTE certificates
		}
		if qual.Expires.IsZero() && qual.Kind == TierHNTE && !qual.Issued.IsZero() {
			qual.Expires = hnteExpiry(qual.Issued)
		}
		e.Qualifications = []Qualification{qual}
		set("qualifications")
	}
	slices.Sort(p.Fields)
	warnFor := func(reason, detail string) *RowError {
		return &RowError{Row: rowNum, Reason: reason, Value: e.USCC, Detail: detail}
	}
	if e.Name == "" {
		return p, nil, &RowError{Row: rowNum, Reason: ReasonMissingName}
	}
	if e.USCC == "" {
		return p, nil, warnFor(ReasonMissingUSCC, "")
	}
	u, err := ParseUSCC(e.USCC)
	if err != nil {
		return p, nil, warnFor(ReasonBadUSCC, err.Error())
	}
	e.USCC = u.Code
	if !u.CheckOK {
		if !opts.ConfirmedUSCC[u.Code] {
			return p, nil, warnFor(ReasonUSCCCheck, string(u.Expected))
		}
		e.USCCConfirmed = true
		set("uscc_confirmed")
	}
	return p, warns, nil
}

// hnteExpiry is the end of an HNTE certificate's three years.
func hnteExpiry(issued Date) Date {
	t := issued.Time()
	if t.IsZero() {
		return ""
	}
	return Date(t.AddDate(3, 0, -1).Format(time.DateOnly))
}

// tr picks the Chinese or English text of this package's own words.
func tr(lang Lang, zh, en string) string {
	if lang == EN {
		return en
	}
	return zh
}

// PlannedRow is one enterprise an import will write. For an update,
// Enterprise is the stored record with the sheet's values merged in (its
// Meta kept) and Changed names the fields that differ.
type PlannedRow struct {
	Row        int        `json:"row"`
	Enterprise Enterprise `json:"enterprise"`
	Changed    []string   `json:"changed,omitempty"`
}

// ImportPlan is what an import would do; a dry run prints it, a real run
// also writes Created and Updated.
type ImportPlan struct {
	Created   []PlannedRow `json:"created"`
	Updated   []PlannedRow `json:"updated"`
	Unchanged []PlannedRow `json:"unchanged"`
	Refused   []RowError   `json:"refused"`
	Warnings  []RowError   `json:"warnings"`
	Unknown   []string     `json:"unknown_columns"`
	Encoding  string       `json:"encoding,omitempty"` // as in ImportResult
}

// PlanImport matches parsed rows to existing enterprises by USCC. A row
// overwrites only the fields it has a value for; a qualification is added
// unless one of the same kind and certificate (or issue date) exists,
// which is then updated; a contact is added unless one with the same name
// exists, which is then updated.
func PlanImport(existing []Enterprise, parsed ImportResult) ImportPlan {
	plan := ImportPlan{
		Created: []PlannedRow{}, Updated: []PlannedRow{}, Unchanged: []PlannedRow{},
		Refused: append([]RowError{}, parsed.Refused...), Warnings: append([]RowError{}, parsed.Warnings...),
		Unknown: append([]string{}, parsed.Unknown...), Encoding: parsed.Encoding,
	}
	byUSCC := make(map[string]int, len(existing))
	for i, e := range existing {
		if k := NormalizeUSCC(e.USCC); k != "" {
			if _, dup := byUSCC[k]; !dup {
				byUSCC[k] = i
			}
		}
	}
	for _, p := range parsed.Rows {
		i, ok := byUSCC[p.Enterprise.USCC]
		if !ok {
			plan.Created = append(plan.Created, PlannedRow{Row: p.Row, Enterprise: p.Enterprise})
			continue
		}
		merged, changed := mergeImported(existing[i], p)
		pr := PlannedRow{Row: p.Row, Enterprise: merged, Changed: changed}
		if len(changed) == 0 {
			plan.Unchanged = append(plan.Unchanged, pr)
		} else {
			plan.Updated = append(plan.Updated, pr)
		}
	}
	return plan
}

// mergeImported applies the fields p has to a copy of old.
func mergeImported(old Enterprise, p ParsedRow) (Enterprise, []string) {
	e := old
	e.Contacts = slices.Clone(old.Contacts)
	e.Qualifications = slices.Clone(old.Qualifications)
	in := p.Enterprise
	var changed []string
	setStr := func(name string, dst *string, v string) {
		if *dst != v {
			*dst, changed = v, append(changed, name)
		}
	}
	setBool := func(name string, dst *bool, v bool) {
		if *dst != v {
			*dst, changed = v, append(changed, name)
		}
	}
	for _, f := range p.Fields {
		switch f {
		case colName:
			setStr(f, &e.Name, in.Name)
		case colShortName:
			setStr(f, &e.ShortName, in.ShortName)
		case colStreet:
			setStr(f, &e.Street, in.Street)
		case colAddress:
			setStr(f, &e.Address, in.Address)
		case colLegalRep:
			setStr(f, &e.LegalRep, in.LegalRep)
		case colDomain:
			setStr(f, &e.Domain, in.Domain)
		case colStage:
			setStr(f, &e.Stage, in.Stage)
		case colAboveSize:
			setBool(f, &e.AboveSize, in.AboveSize)
		case colPrivate:
			setBool(f, &e.Private, in.Private)
		case colSpecialized:
			setBool(f, &e.Specialized, in.Specialized)
		case colKey:
			setBool(f, &e.Key, in.Key)
		case "uscc_confirmed":
			setBool(f, &e.USCCConfirmed, in.USCCConfirmed)
		case colBatch:
			if e.Batch != in.Batch {
				e.Batch, changed = in.Batch, append(changed, f)
			}
		case colArrived:
			if e.ArrivedOn != in.ArrivedOn {
				e.ArrivedOn, changed = in.ArrivedOn, append(changed, f)
			}
		case colRegistered:
			if e.Readiness.RegisteredOn != in.Readiness.RegisteredOn {
				e.Readiness.RegisteredOn, changed = in.Readiness.RegisteredOn, append(changed, "readiness")
			}
		case "contacts":
			if mergeContact(&e.Contacts, in.Contacts[0]) {
				changed = append(changed, f)
			}
		case "qualifications":
			if mergeQualification(&e.Qualifications, in.Qualifications[0]) {
				changed = append(changed, f)
			}
		default:
			if _, ok := readinessField(f); ok && mergeReadinessField(&e, in, f) {
				changed = append(changed, f)
			}
		}
	}
	return e, changed
}

func mergeContact(cs *[]Contact, c Contact) bool {
	for i, old := range *cs {
		if old.Name == c.Name || (c.Name == "" && old.Phone == c.Phone) {
			m := old
			if c.Title != "" {
				m.Title = c.Title
			}
			if c.Phone != "" {
				m.Phone = c.Phone
			}
			(*cs)[i] = m
			return m != old
		}
	}
	*cs = append(*cs, c)
	return true
}

func mergeQualification(qs *[]Qualification, q Qualification) bool {
	for i, old := range *qs {
		same := old.Kind == q.Kind && ((q.Certificate != "" && old.Certificate == q.Certificate) ||
			(q.Certificate == "" && old.Issued == q.Issued) || (old.Certificate == "" && old.Issued == q.Issued))
		if !same {
			continue
		}
		m := old
		if q.Certificate != "" {
			m.Certificate = q.Certificate
		}
		if !q.Issued.IsZero() {
			m.Issued = q.Issued
		}
		if !q.Expires.IsZero() {
			m.Expires = q.Expires
		}
		(*qs)[i] = m
		return m != old
	}
	*qs = append(*qs, q)
	return true
}
