package risk

import (
	"errors"
	"fmt"
)

// Sentinels for conditions that carry no data. Struct errors below match
// the sentinel of their kind with errors.Is.
var (
	// ErrInvalidCategory is returned for a category code that is not
	// lower_snake ASCII of 1 to 64 characters starting with a letter.
	ErrInvalidCategory = errors.New("risk: invalid category code")
	// ErrOutOfRange is matched by every *RangeError.
	ErrOutOfRange = errors.New("risk: value out of range")
	// ErrInvalidMatrix is returned for a matrix or scale that is not
	// complete and consistent.
	ErrInvalidMatrix = errors.New("risk: invalid matrix")
	// ErrTransition is matched by every *TransitionError.
	ErrTransition = errors.New("risk: command not allowed in this stage")
	// ErrWrongRisk is returned when a command names another risk than the
	// state it is decided against.
	ErrWrongRisk = errors.New("risk: command addressed to another risk")
	// ErrTimeOrder is returned when a command is dated before the last
	// recorded event of the risk.
	ErrTimeOrder = errors.New("risk: command dated before the last event")
	// ErrApproverIsOwner is returned when a risk owner tries to accept
	// their own risk: acceptance needs a second person.
	ErrApproverIsOwner = errors.New("risk: approver must not be the risk owner")
	// ErrExpiryNotFuture is returned when an acceptance expires at or
	// before the moment it is given.
	ErrExpiryNotFuture = errors.New("risk: acceptance expiry must be after the acceptance")
	// ErrNoAcceptance is returned when revoking or relying on an
	// acceptance that is not in effect.
	ErrNoAcceptance = errors.New("risk: no acceptance in effect")
	// ErrAlertNotHigher is returned when raising an alert to a level that
	// is not higher than the current one.
	ErrAlertNotHigher = errors.New("risk: alert level is not higher than the current one")
	// ErrAlertNotLower is returned when lowering an alert to a level that
	// is not lower than the current one.
	ErrAlertNotLower = errors.New("risk: alert level is not lower than the current one")
	// ErrUnknownStep is returned when a command names a plan step the
	// active plan does not have.
	ErrUnknownStep = errors.New("risk: unknown plan step")
	// ErrStepCompleted is returned when completing a step twice.
	ErrStepCompleted = errors.New("risk: plan step already completed")
	// ErrAlreadyEscalated is returned when an escalation was already
	// recorded for the same matter.
	ErrAlreadyEscalated = errors.New("risk: already escalated")
	// ErrNotDue is returned when escalating a matter that is not overdue.
	ErrNotDue = errors.New("risk: nothing overdue to escalate")

	// ErrUnknownEventType is returned when an envelope's type is not a risk
	// event of this version.
	ErrUnknownEventType = errors.New("risk: unknown event type")
	// ErrEnvelope is returned for an envelope that cannot carry a risk
	// event: no subject, no data, or data that does not decode.
	ErrEnvelope = errors.New("risk: invalid event envelope")
	// ErrReplay is returned when a sequence of events cannot be replayed:
	// an event that its predecessors do not allow, or events of several
	// risks.
	ErrReplay = errors.New("risk: events do not replay")

	// ErrNoCalendar is returned when a plan step counts working time but
	// no calendar was given.
	ErrNoCalendar = errors.New("risk: working-time deadline needs a calendar")
	// ErrNoTemplate is returned when no contingency plan template matches a
	// category and alert level.
	ErrNoTemplate = errors.New("risk: no plan template for category and alert level")

	// ErrEmptyGroup is matched by every *EmptyGroupError.
	ErrEmptyGroup = errors.New("risk: group has no samples")
	// ErrUndefinedRate is matched by every *UndefinedRateError.
	ErrUndefinedRate = errors.New("risk: rate undefined")
)

// RangeError reports a rating or score outside its scale.
type RangeError struct {
	// What names the value: "likelihood", "impact", "score", …
	What string
	// Value is the rejected value as text.
	Value string
	// Min and Max are the inclusive bounds, as text.
	Min, Max string
}

func (e *RangeError) Error() string {
	return fmt.Sprintf("risk: %s %s outside [%s, %s]", e.What, e.Value, e.Min, e.Max)
}

// Is reports whether target is ErrOutOfRange.
func (e *RangeError) Is(target error) bool { return target == ErrOutOfRange }

// TransitionError reports a command that the risk's stage does not allow.
type TransitionError struct {
	Stage   Stage
	Command string
}

func (e *TransitionError) Error() string {
	return fmt.Sprintf("risk: %s not allowed in stage %s", e.Command, e.Stage)
}

// Is reports whether target is ErrTransition.
func (e *TransitionError) Is(target error) bool { return target == ErrTransition }

// EmptyGroupError reports a group that fairness was asked about but that has
// no samples.
type EmptyGroupError struct {
	Group string
}

func (e *EmptyGroupError) Error() string {
	return fmt.Sprintf("risk: group %q has no samples", e.Group)
}

// Is reports whether target is ErrEmptyGroup.
func (e *EmptyGroupError) Is(target error) bool { return target == ErrEmptyGroup }

// UndefinedRateError reports a rate or ratio whose denominator is zero:
// a true-positive rate of a group without actual positives, a ratio whose
// largest rate is zero, a disparate impact against a reference group that
// nobody in was selected.
type UndefinedRateError struct {
	// Group is the group concerned, or empty for a ratio across groups.
	Group string
	// Rate names the rate: "selection_rate", "true_positive_rate",
	// "false_positive_rate", "demographic_parity_ratio", …
	Rate string
}

func (e *UndefinedRateError) Error() string {
	if e.Group == "" {
		return fmt.Sprintf("risk: %s undefined (zero denominator)", e.Rate)
	}
	return fmt.Sprintf("risk: %s of group %q undefined (zero denominator)", e.Rate, e.Group)
}

// Is reports whether target is ErrUndefinedRate.
func (e *UndefinedRateError) Is(target error) bool { return target == ErrUndefinedRate }
