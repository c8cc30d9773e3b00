package store

import (
	"encoding/json"

	"github.com/liaison-dev/liaison/visits"
)

// Some fields have rules on their value beyond its type and shape (the
// funnel's steps, an enterprise's qualifications and readiness inputs).
// CheckOp applies them, so the laptop's Writer refuses to write, and HQ
// refuses to take, a value that breaks them: one rule on both sides, and
// nothing an honest laptop writes is refused later. A value already
// stored (pulled before a rule existed) is still read as it is.

// fieldValueChecks maps "type.field" to its value's rule: why the
// (well-formed, type-checked, non-null) JSON value breaks it, or "".
var fieldValueChecks = map[string]func(value []byte, maxID int) string{
	"application.steps":         stepsFit,
	"application.certificate":   certificateFits,
	"enterprise.qualifications": qualificationsFit,
	"enterprise.readiness":      readinessFits,
	"application.kind":          appKindFits,
	"application.year":          appYearFits,
	"application.batch":         appBatchFits,
}

func appKindFits(value []byte, _ int) string {
	if s, ok := jsonText(value); !ok || !visits.Valid(visits.KindAppKind, s) {
		return "kind of an application must be hnte, prov or tsme, not " + truncateJSON(value, 40)
	}
	return ""
}

// intIn reads a JSON integer in [lo, hi] (valueFits has checked the type).
func intIn(value []byte, lo, hi int) bool {
	var n int
	return json.Unmarshal(value, &n) == nil && lo <= n && n <= hi
}

func appYearFits(value []byte, _ int) string {
	if !intIn(value, visits.MinApplicationYear, visits.MaxApplicationYear) {
		return "year of an application must be from 2000 to 2100, not " + truncateJSON(value, 40)
	}
	return ""
}

func appBatchFits(value []byte, _ int) string {
	if !intIn(value, 0, 3) {
		return "batch of an application must be from 0 (undecided) to 3, not " + truncateJSON(value, 40)
	}
	return ""
}

// fieldValueFits returns why value breaks its field's rule, or "".
func fieldValueFits(typ, field string, value []byte, maxID int) string {
	f := fieldValueChecks[typ+"."+field]
	if f == nil || string(value) == "null" {
		return ""
	}
	return f(value, maxID)
}

func stepsFit(value []byte, maxID int) string {
	var steps []visits.ApplicationStep
	if err := json.Unmarshal(value, &steps); err != nil {
		return "steps of an application must be a list of steps"
	}
	idOK := func(s string) bool { return checkID("by", s, maxID) == "" }
	if err := visits.CheckSteps(steps, idOK); err != nil {
		return err.Error()
	}
	return ""
}

// certOK checks a certificate number: a short printable text.
func certOK(maxID int) func(string) string {
	return func(s string) string {
		if r := checkCode("certificate", s, maxID); r != "" {
			return r[len("certificate "):]
		}
		return ""
	}
}

func certificateFits(value []byte, maxID int) string {
	s, ok := jsonText(value)
	if !ok {
		return "certificate of an application must be a text"
	}
	return checkCode("certificate", s, maxID)
}

func qualificationsFit(value []byte, maxID int) string {
	var qs []visits.Qualification
	if err := json.Unmarshal(value, &qs); err != nil {
		return "qualifications of an enterprise must be a list of qualifications"
	}
	if err := visits.CheckQualifications(qs, certOK(maxID)); err != nil {
		return err.Error()
	}
	return ""
}

func readinessFits(value []byte, _ int) string {
	var r visits.Readiness
	if err := json.Unmarshal(value, &r); err != nil {
		return "readiness of an enterprise must be an object of readiness inputs"
	}
	if err := visits.ValidateReadiness(r); err != nil {
		return "readiness: " + err.Error()
	}
	return ""
}
