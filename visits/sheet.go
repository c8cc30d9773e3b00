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
	case ReasonStepRefused:
		zh, en = "申报进度不符合规则，未导入（"+e.Detail+"）", "the step breaks the funnel's rules; not imported ("+e.Detail+")"
	case ReasonMissingCell:
		zh, en = "为空，本行未导入", "is empty; row not imported"
	case ReasonStepBehind:
		d := Label(KindFunnelStep, e.Detail, ZH)
		zh, en = "已登记的申报进度（"+d+"）更靠后，保留原进度", "the stored application is further on ("+Label(KindFunnelStep, e.Detail, EN)+"); kept"
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
	// Application holds the funnel cells (sheet_funnel.go), nil without.
	Application *SheetApplication `json:"application,omitempty"`
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
			headerOf[f] = cleanCell(header[j])
			qual.Certificate = val
		case colIssued, colExpires, colRegistered, colArrived:
			d, ok := parseDate(val)
			if !ok {
				bad()
				continue
			}
			switch f {
			case colIssued:
				headerOf[f] = cleanCell(header[j])
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
		case colAppKind, colAppYear, colAppStep, colAppDate:
			if p.Application == nil {
				p.Application = &SheetApplication{}
			}
			headerOf[f] = cleanCell(header[j])
			if !parseFunnelCell(p.Application, f, raw, val) {
				return p, nil, &RowError{Row: rowNum, Reason: ReasonBadCell, Column: cleanCell(header[j]), Value: raw}
			}
			continue
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
	if r := finishFunnelRow(rowNum, p.Application, e, &qual, headerOf); r != nil {
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
