package store

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/liaison-dev/liaison/visits"
)

// The need lifecycle at HQ: which status changes a push may make, and the
// history of statuses HQ keeps to judge changes made concurrently with
// another (docs/sync.md, "Need status: only from a state HQ holds").

// checkStatus checks a need's status change. A new need's status (no
// value yet, base "") can only be the first one, registered. Any other
// change names the status it started from (base), which HQ must hold (a
// current value, or one it held before: a change made concurrently with
// another), and goes to a status the lifecycle allows from there, or
// keeps one of the values it chose between: a current value named in base
// or resolves. resolves may only name statuses HQ holds or held.
//
// Nothing follows a terminal status (visits.Terminal): a change that
// replaces a terminal leaf (names it in base or resolves) must set a
// terminal status too. A change made concurrently from an older status is
// still added beside a terminal leaf as a conflict (refusing it would make
// HQ's state depend on the order in which laptops sync), but keeping it
// over the terminal status, or stepping on from it while resolving the
// terminal leaf, is refused: the terminal leaf stays until a terminal
// status replaces it.
func (x *hqTx) checkStatus(op Op, leaves []Leaf) *OpError {
	to, ok := jsonText(op.Value)
	if !ok || !visits.Valid(visits.KindStatus, to) {
		return &OpError{Code: "illegal_transition", Reason: fmt.Sprintf("%s is not a need status", truncateJSON(op.Value, 40))}
	}
	if op.Base == "" {
		switch {
		case !x.pushed:
			return nil // HQ's master data
		case len(leaves) > 0:
			return &OpError{Code: "illegal_transition", Reason: "the need already has a status; a change must name the status it started from (base)"}
		case len(op.Resolves) > 0:
			return &OpError{Code: "unknown_base", Reason: "resolves names statuses the need does not have"}
		case to != visits.StatusRegistered:
			return &OpError{Code: "illegal_transition", Reason: fmt.Sprintf("a new need starts as %s, not %s", visits.StatusRegistered, to)}
		}
		return nil
	}
	from, ok := x.statusAt(op, leaves, op.Base)
	if !ok {
		return &OpError{Code: "unknown_base", Reason: "the status this change started from (" + op.Base + ") is unknown to HQ"}
	}
	for _, r := range op.Resolves {
		if _, ok := x.statusAt(op, leaves, r); !ok {
			return &OpError{Code: "unknown_base", Reason: "resolves names a status (" + r + ") unknown to HQ"}
		}
	}
	if !visits.Terminal(to) {
		for _, l := range leaves {
			if v, _ := jsonText(l.Value); visits.Terminal(v) && (l.Stamp == op.Base || slices.Contains(op.Resolves, l.Stamp)) {
				return &OpError{Code: "illegal_transition", Reason: fmt.Sprintf(
					"nothing follows %s: a change that replaces it (names it in base or resolves) must be %s or %s, not %s",
					v, visits.StatusRejected, visits.StatusWithdrawn, to)}
			}
		}
	}
	if slices.Contains(visits.AllowedTransitions(from), to) {
		return nil
	}
	for _, l := range leaves {
		if l.Stamp == op.Base || slices.Contains(op.Resolves, l.Stamp) {
			if v, _ := jsonText(l.Value); v == to {
				return nil // keeping one of the values in conflict is a choice, not a step
			}
		}
	}
	return &OpError{Code: "illegal_transition", Reason: fmt.Sprintf("a need cannot go from %s to %s; allowed: %v",
		from, to, visits.AllowedTransitions(from))}
}

// statusAt is the status stamp named: a current leaf's value, or the value
// HQ's history holds for it.
func (x *hqTx) statusAt(op Op, leaves []Leaf, stamp Stamp) (string, bool) {
	var raw []byte
	for _, l := range leaves {
		if l.Stamp == stamp {
			raw = l.Value
		}
	}
	if raw == nil {
		raw = x.tx.Bucket(bHQHistory).Get(key([]byte(op.Type), []byte(op.ID), []byte(op.Field), []byte(stamp)))
	}
	var s string
	if raw == nil || json.Unmarshal(raw, &s) != nil {
		return "", false
	}
	return s, true
}

// remember writes a need's status into HQ's history once the op that set
// it changed the field: leaves is the field as merged. Only a value that
// became a current leaf is written, so the history holds statuses HQ
// held, never one carried by an op that changed nothing.
func (x *hqTx) remember(op Op, leaves []Leaf) error {
	if !rememberedField(op.Type, op.Field) { // hq_funnel.go
		return nil
	}
	for _, l := range leaves {
		if l.Stamp == op.Stamp && l.OpID == op.OpID {
			return x.tx.Bucket(bHQHistory).Put(key([]byte(op.Type), []byte(op.ID), []byte(op.Field), []byte(op.Stamp)), l.Value)
		}
	}
	return nil
}
