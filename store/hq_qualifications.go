package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/liaison-dev/liaison/visits"
)

// An enterprise's qualifications decide its tier (高企, 科小, 省级), which
// the plan counts. A laptop writes them only when an application is
// approved (Writer.RecordApplicationStep writes the application first,
// then the qualification), so HQ takes a pushed change to them only when
// every qualification it adds is the certificate of an approved
// application of that enterprise as HQ holds it, and it keeps every one
// it started from (one of the same kind and number may replace it). A
// change that keeps one of the values it replaces is a choice (resolving
// a conflict). HQ's own master data is not judged.

// checkQualifications checks a pushed op on an enterprise's
// qualifications; other ops pass.
func (x *hqTx) checkQualifications(op Op, fs fieldSet) *OpError {
	if !x.pushed || op.Type != visits.TypeEnterprise || op.Field != "qualifications" {
		return nil
	}
	leaves := fs[op.Field]
	var to, from []visits.Qualification
	if json.Unmarshal(op.Value, &to) != nil {
		return badOp("qualifications of an enterprise must be a list of qualifications")
	}
	if op.Base != "" {
		raw, ok := x.valueAt(op, leaves, op.Base)
		if !ok {
			return &OpError{Code: "unknown_base", Reason: "the qualifications this change started from (" + op.Base + ") are unknown to HQ"}
		}
		if json.Unmarshal(raw, &from) != nil {
			from = nil
		}
	}
	for _, r := range op.Resolves {
		if _, ok := x.valueAt(op, leaves, r); !ok {
			return &OpError{Code: "unknown_base", Reason: "resolves names qualifications (" + r + ") unknown to HQ"}
		}
	}
	for _, l := range leaves {
		if (l.Stamp == op.Base || slices.Contains(op.Resolves, l.Stamp)) && bytes.Equal(compact(l.Value), compact(op.Value)) {
			return nil
		}
	}
	for _, q := range from {
		if !slices.ContainsFunc(to, func(o visits.Qualification) bool { return o.Kind == q.Kind && o.Certificate == q.Certificate }) {
			return &OpError{Code: "forbidden", Reason: fmt.Sprintf("qualifications drop %s certificate %s; a qualification is only replaced by one of the same kind and number",
				q.Kind, quoteShort(q.Certificate))}
		}
	}
	var approved []visits.Qualification
	for _, q := range to {
		if slices.Contains(from, q) {
			continue
		}
		if approved == nil {
			var err error
			if approved, err = x.approvedOf(op.ID); err != nil {
				return badOp("the enterprise's applications cannot be read: " + err.Error())
			}
		}
		if !slices.Contains(approved, q) {
			return &OpError{Code: "forbidden", Reason: fmt.Sprintf(
				"%s certificate %s is not the certificate of an approved application of enterprise %s at HQ; record the approval (申报进度) instead",
				quoteShort(q.Kind), quoteShort(q.Certificate), op.ID)}
		}
	}
	return nil
}

// approvedOf returns the qualifications the approved applications of
// enterprise ent give, as HQ holds them (non-nil).
func (x *hqTx) approvedOf(ent string) ([]visits.Qualification, error) {
	out := []visits.Qualification{}
	// The enterprise's applications, in id order.
	var ids []string
	for _, k := range x.ownedBy(ent) { // hq_efeed.go
		if typ, id, err := splitRecKey(k); err == nil && typ == visits.TypeApplication {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	for _, id := range ids {
		fs, err := x.loadFields(visits.TypeApplication, id)
		if err != nil {
			return nil, err
		}
		var a visits.Application
		if json.Unmarshal(materialize(id, fs), &a) != nil {
			continue
		}
		if q, ok := a.Qualification(); ok {
			out = append(out, q)
		}
	}
	return out, nil
}
