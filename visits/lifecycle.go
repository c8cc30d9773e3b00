package visits

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// The need lifecycle. A need's status is the result of its events; each
// status event is checked here before it is appended.

var (
	// ErrIllegalTransition: the table does not allow going from one status
	// to the other (or a status is unknown). The message lists the allowed
	// targets.
	ErrIllegalTransition = errors.New("illegal need status transition")
	// ErrReasonRequired: suspending, rejecting and reopening a closed need
	// need a reason.
	ErrReasonRequired = errors.New("a reason is required")
	// ErrSatisfaction: a revisit (from replied) needs the satisfaction
	// rating that matches the target: satisfied or basic to close,
	// unsatisfied to reopen, unreached to stay replied.
	ErrSatisfaction = errors.New("revisit satisfaction does not match the target status")
)

// transitions is the table of domain.md, targets in display order.
func transitions(from string) []string {
	switch from {
	case StatusRegistered:
		return []string{StatusAccepted, StatusRejected, StatusReplied, StatusWithdrawn}
	case StatusAccepted:
		return []string{StatusAssigned, StatusReplied, StatusRejected, StatusWithdrawn}
	case StatusAssigned:
		return []string{StatusInProgress, StatusAssigned, StatusSuspended, StatusReplied, StatusWithdrawn}
	case StatusInProgress:
		return []string{StatusReplied, StatusSuspended, StatusWithdrawn}
	case StatusSuspended:
		return []string{StatusInProgress, StatusClosed}
	case StatusReplied:
		return []string{StatusClosed, StatusInProgress, StatusReplied}
	case StatusClosed:
		return []string{StatusInProgress}
	}
	return nil
}

// AllowedTransitions returns the statuses a need in status from may move
// to; none for terminal or unknown statuses. assigned → assigned is a
// transfer to another unit; replied → replied records an unreached
// revisit.
func AllowedTransitions(from string) []string {
	return transitions(from)
}

// Terminal reports whether nothing can follow status (rejected,
// withdrawn). Closed is not terminal: it may be reopened.
func Terminal(status string) bool {
	return status == StatusRejected || status == StatusWithdrawn
}

// RevisitTarget returns the status a revisit with the given satisfaction
// leads to from replied, or "" for an unknown rating.
func RevisitTarget(satisfaction string) string {
	switch satisfaction {
	case SatSatisfied, SatBasic:
		return StatusClosed
	case SatUnsatisfied:
		return StatusInProgress
	case SatUnreached:
		return StatusReplied
	}
	return ""
}

// NeedsReason reports whether moving from → to requires a reason.
func NeedsReason(from, to string) bool {
	return to == StatusSuspended || to == StatusRejected ||
		(from == StatusClosed && to == StatusInProgress)
}

// CheckTransition checks one status change. reason is the free text of the
// event; satisfaction is the revisit rating, required (and only read) when
// from is replied. The error matches ErrIllegalTransition,
// ErrReasonRequired or ErrSatisfaction.
func CheckTransition(from, to, reason, satisfaction string) error {
	if !Valid(KindStatus, from) {
		return fmt.Errorf("%w: unknown status %q", ErrIllegalTransition, from)
	}
	if !Valid(KindStatus, to) {
		return fmt.Errorf("%w: unknown status %q", ErrIllegalTransition, to)
	}
	allowed := transitions(from)
	if !slices.Contains(allowed, to) {
		if len(allowed) == 0 {
			return fmt.Errorf("%w: %s → %s: %s is final", ErrIllegalTransition, from, to, from)
		}
		return fmt.Errorf("%w: %s → %s; from %s allowed: %s",
			ErrIllegalTransition, from, to, from, strings.Join(allowed, ", "))
	}
	if NeedsReason(from, to) && strings.TrimSpace(reason) == "" {
		return fmt.Errorf("%w: %s → %s", ErrReasonRequired, from, to)
	}
	if from == StatusReplied && RevisitTarget(satisfaction) != to {
		want := map[string]string{
			StatusClosed:     SatSatisfied + " or " + SatBasic,
			StatusInProgress: SatUnsatisfied,
			StatusReplied:    SatUnreached,
		}[to]
		return fmt.Errorf("%w: replied → %s needs satisfaction %s, got %q", ErrSatisfaction, to, want, satisfaction)
	}
	return nil
}
