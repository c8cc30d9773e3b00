package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"runtime"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/liaison-dev/liaison/visits"
)

// The weekly report reads a few flat members (strings, times, booleans) of
// tens of thousands of records. encoding/json spends most of its time on
// reflection and validation there, so those members are decoded here in
// one pass over the record, without reflection: a string with no escape,
// control character or invalid UTF-8 is copied as is, a time is read by
// time.Time's own UnmarshalJSON. Anything else (an escaped name or string,
// a value of an unexpected type, a record that is not a plain object)
// falls back to encoding/json on the picked members (pickMembers), so the
// result is what decodeEach gives: TestFlatDecodeMatchesJSON checks it.

// flatField is one member the report reads: its JSON name and where it
// goes (a *string, *time.Time or *bool inside *T).
type flatField[T any] struct {
	name []byte
	at   func(*T) any
}

func flat[T any](name string, at func(*T) any) flatField[T] {
	return flatField[T]{name: []byte(name), at: at}
}

// The members the report reads, as visitNames, eventNames, assignmentNames
// and flagNames list them (report_input_data.go).
var (
	visitFlat = []flatField[visits.Visit]{
		flat("id", func(v *visits.Visit) any { return &v.ID }),
		flat("enterprise_id", func(v *visits.Visit) any { return &v.EnterpriseID }),
		flat("at", func(v *visits.Visit) any { return &v.At }),
		flat("occasion", func(v *visits.Visit) any { return &v.Occasion }),
		flat("method", func(v *visits.Visit) any { return &v.Method }),
		flat("lead_officer", func(v *visits.Visit) any { return &v.LeadOfficer }),
		flat("summary", func(v *visits.Visit) any { return &v.Summary }),
		flat("next_plan", func(v *visits.Visit) any { return &v.NextPlan }),
	}
	eventFlat = []flatField[visits.NeedEvent]{
		flat("id", func(e *visits.NeedEvent) any { return &e.ID }),
		flat("need_id", func(e *visits.NeedEvent) any { return &e.NeedID }),
		flat("from", func(e *visits.NeedEvent) any { return &e.From }),
		flat("to", func(e *visits.NeedEvent) any { return &e.To }),
		flat("at", func(e *visits.NeedEvent) any { return &e.At }),
		flat("satisfaction", func(e *visits.NeedEvent) any { return &e.Satisfaction }),
	}
	assignmentFlat = []flatField[visits.Assignment]{
		flat("id", func(a *visits.Assignment) any { return &a.ID }),
		flat("enterprise_id", func(a *visits.Assignment) any { return &a.EnterpriseID }),
		flat("officer_id", func(a *visits.Assignment) any { return &a.OfficerID }),
		flat("role", func(a *visits.Assignment) any { return &a.Role }),
	}
	flagFlat = []flatField[entFlags]{
		flat("above_size", func(f *entFlags) any { return &f.AboveSize }),
		flat("private", func(f *entFlags) any { return &f.Private }),
		flat("specialized", func(f *entFlags) any { return &f.Specialized }),
		flat("little_giant", func(f *entFlags) any { return &f.LittleGiant }),
	}
)

// needFlat: the members of a need the report reads (not its description,
// co-units, technical details or visit).
var needFlat = []flatField[visits.Need]{
	flat("id", func(n *visits.Need) any { return &n.ID }),
	flat("created_at", func(n *visits.Need) any { return &n.CreatedAt }),
	flat("updated_at", func(n *visits.Need) any { return &n.UpdatedAt }),
	flat("enterprise_id", func(n *visits.Need) any { return &n.EnterpriseID }),
	flat("category", func(n *visits.Need) any { return &n.Category }),
	flat("severity", func(n *visits.Need) any { return &n.Severity }),
	flat("title", func(n *visits.Need) any { return &n.Title }),
	flat("jinanchoupan", func(n *visits.Need) any { return &n.Jinanchoupan }),
	flat("first_receiver", func(n *visits.Need) any { return &n.FirstReceiver }),
	flat("lead_unit", func(n *visits.Need) any { return &n.LeadUnit }),
	flat("registered_at", func(n *visits.Need) any { return &n.RegisteredAt }),
	flat("reply_due", func(n *visits.Need) any { return (*string)(&n.ReplyDue) }),
	flat("close_due", func(n *visits.Need) any { return (*string)(&n.CloseDue) }),
	flat("extended", func(n *visits.Need) any { return &n.Extended }),
	flat("status", func(n *visits.Need) any { return &n.Status }),
	flat("satisfaction", func(n *visits.Need) any { return &n.Satisfaction }),
}

// readinessFlat: an enterprise's readiness inputs (a nested object of
// numbers, a date and a flag).
type entReadiness struct {
	Readiness visits.Readiness `json:"readiness"`
}

var readinessFlat = []flatField[entReadiness]{
	flat("readiness", func(e *entReadiness) any { return flatObject[visits.Readiness]{&e.Readiness, readinessFields} }),
}

// shownFlat: the plan's flags and the readiness inputs of an enterprise the
// report shows, in one pass over its record.
type entShown struct {
	entFlags
	Readiness visits.Readiness `json:"readiness"`
}

var shownFlat = []flatField[entShown]{
	flat("above_size", func(f *entShown) any { return &f.AboveSize }),
	flat("private", func(f *entShown) any { return &f.Private }),
	flat("specialized", func(f *entShown) any { return &f.Specialized }),
	flat("little_giant", func(f *entShown) any { return &f.LittleGiant }),
	flat("readiness", func(e *entShown) any { return flatObject[visits.Readiness]{&e.Readiness, readinessFields} }),
}

var readinessFields = []flatField[visits.Readiness]{
	flat("registered_on", func(r *visits.Readiness) any { return (*string)(&r.RegisteredOn) }),
	flat("ip_class_i", func(r *visits.Readiness) any { return &r.IPClassI }),
	flat("ip_class_ii", func(r *visits.Readiness) any { return &r.IPClassII }),
	flat("staff_total", func(r *visits.Readiness) any { return &r.StaffTotal }),
	flat("staff_rd", func(r *visits.Readiness) any { return &r.StaffRD }),
	flat("sales_3y", func(r *visits.Readiness) any { return &r.Sales3Y }),
	flat("sales_last_year", func(r *visits.Readiness) any { return &r.SalesLastYear }),
	flat("rd_3y", func(r *visits.Readiness) any { return &r.RD3Y }),
	flat("rd_in_china_3y", func(r *visits.Readiness) any { return &r.RDInChina3Y }),
	flat("high_tech_income", func(r *visits.Readiness) any { return &r.HighTechIncome }),
	flat("total_income", func(r *visits.Readiness) any { return &r.TotalIncome }),
	flat("innovation_score", func(r *visits.Readiness) any { return &r.InnovationScore }),
	flat("major_violation", func(r *visits.Readiness) any { return &r.MajorViolation }),
}

// flatObject is a member that is itself a flat object.
type flatObject[T any] struct {
	p      *T
	fields []flatField[T]
}

func (o flatObject[T]) set(v []byte) bool { return decodeFlat(v, o.fields, o.p) }

// entFlags are the plan's flags of an enterprise.
type entFlags struct {
	AboveSize   bool `json:"above_size"`
	Private     bool `json:"private"`
	Specialized bool `json:"specialized"`
	LittleGiant bool `json:"little_giant"`
}

// decodeFlatEach decodes the fields of raw records on every CPU, keeping
// their order: decodeEach with names, faster.
func decodeFlatEach[T any](typ string, raws [][]byte, fields []flatField[T]) ([]T, error) {
	names := make([][]byte, len(fields))
	for i, f := range fields {
		names[i] = f.name
	}
	out := make([]T, len(raws))
	if err := decodeFlatEachInto(typ, raws, nil, fields, names, out); err != nil {
		return nil, err
	}
	return out, nil
}

// decodeFlatEachInto is decodeFlatEach into out (zero, len(raws) long);
// keys are the raws' keys when they are report summaries (nil: records).
func decodeFlatEachInto[T any](typ string, raws, keys [][]byte, fields []flatField[T], names [][]byte, out []T) error {
	if names == nil {
		names = flatFieldNames(fields)
	}
	workers := min(runtime.GOMAXPROCS(0), max(1, len(raws)/256))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(raws); i += workers {
				var key []byte
				if keys != nil {
					key = keys[i]
				}
				if err := decodeFlatInto(raws[i], key, fields, names, &out[i]); err != nil {
					errs[w] = fmt.Errorf("%s: %w", typ, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// decodeFlatInto sets the fields of out (zero) from raw: a report
// summary in the binary form (summary_report.go), else a JSON object,
// read by decodeFlat or, when it is not as plain as that expects, by
// encoding/json on the picked members.
func decodeFlatInto[T any](raw, key []byte, fields []flatField[T], names [][]byte, out *T) error {
	if len(raw) > 0 && (raw[0] == summaryBinary || raw[0] == summaryBinaryIDs) {
		if !decodeFlatBinary(raw, key, fields, out) {
			return errSummaryCorrupt
		}
		return nil
	}
	if decodeFlat(raw, fields, out) {
		return nil
	}
	*out = *new(T)
	if names == nil {
		names = flatFieldNames(fields)
	}
	return json.Unmarshal(pickMembers(raw, names), out)
}

// decodeFlat sets the fields of out from rec, a JSON object; false when
// rec is not as plain as it expects (the caller then uses encoding/json).
func decodeFlat[T any](rec []byte, fields []flatField[T], out *T) bool {
	i := skipSpace(rec, 0)
	if i >= len(rec) || rec[i] != '{' {
		return false
	}
	i = skipSpace(rec, i+1)
	if i < len(rec) && rec[i] == '}' {
		return skipSpace(rec, i+1) == len(rec)
	}
	for i < len(rec) {
		if rec[i] != '"' {
			return false
		}
		end := bytes.IndexByte(rec[i+1:], '"')
		if end < 0 {
			return false
		}
		name := rec[i+1 : i+1+end]
		if bytes.IndexByte(name, '\\') >= 0 {
			return false
		}
		i = skipSpace(rec, i+end+2)
		if i >= len(rec) || rec[i] != ':' {
			return false
		}
		i = skipSpace(rec, i+1)
		j := skipValue(rec, i)
		if j < 0 || j == i {
			return false
		}
		if f := flatFind(fields, name); f != nil && !setFlat(f.at(out), rec[i:j]) {
			return false
		}
		i = skipSpace(rec, j)
		switch {
		case i < len(rec) && rec[i] == ',':
			i = skipSpace(rec, i+1)
		case i < len(rec) && rec[i] == '}':
			return skipSpace(rec, i+1) == len(rec)
		default:
			return false
		}
	}
	return false
}

// flatFind returns the field named name, matched as encoding/json does
// (exactly, else ignoring case), or nil.
func flatFind[T any](fields []flatField[T], name []byte) *flatField[T] {
	for k := range fields {
		if bytes.Equal(fields[k].name, name) {
			return &fields[k]
		}
	}
	for k := range fields {
		if bytes.EqualFold(fields[k].name, name) {
			return &fields[k]
		}
	}
	return nil
}

// setFlat stores the JSON value v in p; false when v is not a plain value
// of p's type (or null, which encoding/json would skip: so does this).
func setFlat(p any, v []byte) bool {
	if string(v) == "null" {
		switch p := p.(type) { // encoding/json sets a pointer to nil
		case **int:
			*p = nil
		case **float64:
			*p = nil
		case **bool:
			*p = nil
		case *[]string:
			*p = nil
		case interface{ setNull() }:
			p.setNull()
		}
		return true
	}
	switch p := p.(type) {
	case interface{ set([]byte) bool }:
		return p.set(v)
	case **int:
		if !plainNumber(v, false) {
			return false
		}
		n, err := strconv.ParseInt(string(v), 10, 0)
		*p = &[]int{int(n)}[0]
		return err == nil
	case **float64:
		if !plainNumber(v, true) {
			return false
		}
		f, err := strconv.ParseFloat(string(v), 64)
		*p = &[]float64{f}[0]
		return err == nil
	case **bool:
		var b bool
		if !setFlat(&b, v) {
			return false
		}
		*p = &b
		return true
	case *string:
		s, ok := plainString(v)
		if ok {
			*p = s
		}
		return ok
	case *time.Time:
		if _, ok := plainString(v); !ok {
			return false
		}
		return p.UnmarshalJSON(v) == nil
	case *bool:
		switch string(v) {
		case "true":
			*p = true
		case "false":
			*p = false
		default:
			return false
		}
		return true
	}
	return setFlatMore(p, v) // report_input_flat_whole.go
}

// plainNumber reports whether v is a JSON number strconv reads as
// encoding/json does: an integer (no fraction or exponent) unless float.
func plainNumber(v []byte, float bool) bool {
	if len(v) == 0 || len(v) > 24 {
		return false
	}
	for i, c := range v {
		switch {
		case c >= '0' && c <= '9':
		case c == '-' && i == 0:
		case float && (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') && i > 0:
		default:
			return false
		}
	}
	last := v[len(v)-1]
	return last >= '0' && last <= '9' && (v[0] != '-' || len(v) > 1 && v[1] >= '0' && v[1] <= '9') &&
		!(len(v) > 1 && v[0] == '0' && v[1] >= '0' && v[1] <= '9') && !(len(v) > 2 && v[0] == '-' && v[1] == '0' && v[2] >= '0' && v[2] <= '9')
}

// plainString returns the JSON string v unquoted when it needs no
// unescaping: no backslash, no control character, valid UTF-8.
func plainString(v []byte) (string, bool) {
	if len(v) < 2 || v[0] != '"' || v[len(v)-1] != '"' {
		return "", false
	}
	s := v[1 : len(v)-1]
	ascii := true
	for _, c := range s {
		if c < 0x20 || c == '\\' || c == '"' {
			return "", false
		}
		if c >= 0x80 {
			ascii = false
		}
	}
	if !ascii && !utf8.Valid(s) {
		return "", false
	}
	return string(s), true
}
