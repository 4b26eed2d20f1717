package risk

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/grassrootsgov/grassroots"
)

// Sentinels for conditions that carry no data. Struct errors below match
// the sentinel of their kind with errors.Is. Transitions a stage does not
// allow are *grassroots.TransitionError (matching grassroots.ErrTransition),
// reused command IDs *grassroots.CommandConflictError, and refused
// histories *grassroots.ReplayError.
var (
	// ErrInvalidCategory is returned for a category code that is not
	// lower_snake ASCII of 1 to 64 characters starting with a letter.
	ErrInvalidCategory = errors.New("risk: invalid category code")
	// ErrOutOfRange is matched by every *RangeError.
	ErrOutOfRange = errors.New("risk: value out of range")
	// ErrInvalidMatrix is matched by every *MatrixError: a matrix or scale
	// that is not complete and consistent.
	ErrInvalidMatrix = errors.New("risk: invalid matrix")
	// ErrWrongRisk is returned when a command or event names another risk
	// than the state it is decided against.
	ErrWrongRisk = errors.New("risk: command addressed to another risk")
	// ErrTimeOrder is returned when a command or event is dated before the
	// last recorded event of the risk.
	ErrTimeOrder = errors.New("risk: command dated before the risk's last event")
	// ErrApproverIsOwner is matched by every *ApproverError: a risk owner
	// accepting their own risk. Acceptance needs a second person.
	ErrApproverIsOwner = errors.New("risk: approver must not be the risk owner")
	// ErrExpiryNotFuture is returned when an acceptance expires at or
	// before the moment it is given.
	ErrExpiryNotFuture = errors.New("risk: acceptance expiry must be after the acceptance")
	// ErrNoAcceptance is returned when revoking or relying on an
	// acceptance that is not in effect.
	ErrNoAcceptance = errors.New("risk: no acceptance in effect")
	// ErrAlertNotHigher is matched by an *AlertError for a raise to a level
	// that is not more severe than the alert in force.
	ErrAlertNotHigher = errors.New("risk: alert level is not higher than the current one")
	// ErrAlertNotLower is matched by an *AlertError for a lowering to a
	// level that is not less severe than the alert in force.
	ErrAlertNotLower = errors.New("risk: alert level is not lower than the current one")
	// ErrUnknownStep is matched by a *StepError for a step the active plan
	// does not have.
	ErrUnknownStep = errors.New("risk: unknown plan step")
	// ErrStepCompleted is matched by a *StepError for a step completed
	// before.
	ErrStepCompleted = errors.New("risk: plan step already completed")
	// ErrAlreadyEscalated is matched by an *EscalationError for a matter
	// escalated before.
	ErrAlreadyEscalated = errors.New("risk: already escalated")
	// ErrNotDue is matched by an *EscalationError for a matter that is not
	// overdue, or that the risk does not have.
	ErrNotDue = errors.New("risk: nothing overdue to escalate")

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
	// ErrZeroWeight is matched by every *ZeroWeightError.
	ErrZeroWeight = errors.New("risk: group has zero total weight")
)

// RangeError reports a rating or score outside its scale. A nil
// *RangeError still matches ErrOutOfRange; its Error says it is nil.
type RangeError struct {
	// What names the value: "likelihood", "impact", "score", …
	What string
	// Value is the rejected value as text.
	Value string
	// Min and Max are the inclusive bounds, as text.
	Min, Max string
}

// Error returns, for example, "risk: likelihood 6 outside [1, 5]".
func (e *RangeError) Error() string {
	if e == nil {
		return "risk: value out of range (a nil *RangeError)"
	}
	return fmt.Sprintf("risk: %s %s outside [%s, %s]", e.What, e.Value, e.Min, e.Max)
}

// Is reports whether target is ErrOutOfRange.
func (e *RangeError) Is(target error) bool { return target == ErrOutOfRange }

// MatrixError reports a Matrix or Scale that fails its Validate. Err is the
// *grassroots.ValidationError listing every problem, so the error matches
// ErrInvalidMatrix and grassroots.ErrInvalid, and errors.As finds the
// ValidationError. A nil *MatrixError still matches ErrInvalidMatrix,
// says it is nil and unwraps to nil.
type MatrixError struct {
	// Name is the matrix's or scale's name, possibly empty.
	Name string
	// Err holds the problems.
	Err *grassroots.ValidationError
}

// Error names the matrix and lists every problem.
func (e *MatrixError) Error() string {
	if e == nil {
		return "risk: invalid matrix (a nil *MatrixError)"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "risk: invalid matrix %q: ", e.Name)
	if e.Err == nil {
		b.WriteString("no problems recorded")
		return b.String()
	}
	for i := range e.Err.Fields {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(e.Err.Fields[i].Error())
	}
	return b.String()
}

// Is reports whether target is ErrInvalidMatrix.
func (e *MatrixError) Is(target error) bool { return target == ErrInvalidMatrix }

// Unwrap returns the ValidationError, or nil when there is none (never
// an interface holding a nil pointer).
func (e *MatrixError) Unwrap() error {
	if e == nil || e.Err == nil {
		return nil
	}
	return e.Err
}

// AlertError reports a raise (Raise true) or a lowering that does not go
// the way it says from the alert in force. It matches ErrAlertNotHigher or
// ErrAlertNotLower; a nil *AlertError matches neither, and its Error says
// it is nil.
type AlertError struct {
	Raise bool
	// Current is the alert in force; Requested the level asked for.
	Current, Requested AlertLevel
}

// Error names the alert in force and the levels the change may go to.
func (e *AlertError) Error() string {
	if e == nil {
		return "risk: alert change refused (a nil *AlertError)"
	}
	verb, allowed := "lower", levelsBelow(e.Current)
	if e.Raise {
		verb, allowed = "raise", levelsAbove(e.Current)
	}
	msg := fmt.Sprintf("risk: cannot %s the alert to %s: the alert in force is %s", verb, e.Requested.Roman(), e.Current.Roman())
	if len(allowed) == 0 {
		if e.Raise {
			return msg + ", the highest level"
		}
		return msg + ", the lowest level"
	}
	return msg + "; " + verb + " to " + strings.Join(allowed, " or ")
}

// Is reports whether target is ErrAlertNotHigher (for a raise) or
// ErrAlertNotLower (for a lowering).
func (e *AlertError) Is(target error) bool {
	if e == nil {
		return false
	}
	if e.Raise {
		return target == ErrAlertNotHigher
	}
	return target == ErrAlertNotLower
}

// levelsAbove and levelsBelow return the printed levels more and less
// severe than a.
func levelsAbove(a AlertLevel) []string {
	var out []string
	for _, l := range AlertLevels() {
		if l.Above(a) {
			out = append(out, l.Roman())
		}
	}
	return out
}

func levelsBelow(a AlertLevel) []string {
	var out []string
	for _, l := range AlertLevels() {
		if a.Above(l) {
			out = append(out, l.Roman())
		}
	}
	return out
}

// StepError reports a step that cannot be completed: one the active plan
// does not have (Completed zero; matches ErrUnknownStep) or one completed
// before (matches ErrStepCompleted). A nil *StepError matches neither,
// and its Error says it is nil.
type StepError struct {
	// Step is the step named.
	Step string
	// Completed is when the step was completed; zero for an unknown step.
	Completed time.Time
	// Open lists the plan's steps not yet completed, in plan order.
	Open []string
	// NoPlan reports that the risk has no active plan.
	NoPlan bool
}

// Error names the step and lists the plan's open steps.
func (e *StepError) Error() string {
	if e == nil {
		return "risk: plan step refused (a nil *StepError)"
	}
	var msg string
	switch {
	case e.NoPlan:
		return fmt.Sprintf("risk: no plan step %q: the risk has no active plan", e.Step)
	case e.Completed.IsZero():
		msg = fmt.Sprintf("risk: the active plan has no step %q", e.Step)
	default:
		msg = fmt.Sprintf("risk: step %q was completed at %s", e.Step, e.Completed.Format(time.RFC3339))
	}
	if len(e.Open) == 0 {
		return msg + "; no step is open"
	}
	return msg + "; open steps: " + strings.Join(e.Open, ", ")
}

// Is reports whether target is ErrUnknownStep or ErrStepCompleted, as the
// case is.
func (e *StepError) Is(target error) bool {
	if e == nil {
		return false
	}
	if e.Completed.IsZero() {
		return target == ErrUnknownStep
	}
	return target == ErrStepCompleted
}

// ApproverError reports an acceptance whose approver is the risk's owner.
// It matches ErrApproverIsOwner, as does a nil *ApproverError, whose Error
// says it is nil.
type ApproverError struct {
	// Owner is the owner's actor ID.
	Owner string
}

// Error names the owner who may not approve.
func (e *ApproverError) Error() string {
	if e == nil {
		return "risk: approver must not be the risk owner (a nil *ApproverError)"
	}
	return fmt.Sprintf("risk: the approver of an acceptance must not be the risk's owner %q; another actor must accept", e.Owner)
}

// Is reports whether target is ErrApproverIsOwner.
func (e *ApproverError) Is(target error) bool { return target == ErrApproverIsOwner }

// EscalationError reports an escalation that is refused: one escalated
// before (Escalated set; matches ErrAlreadyEscalated), or one that is not
// due (matches ErrNotDue): the risk has no such open matter (Deadline
// zero), the matter's deadline is not the one named, or it is not yet
// overdue at the command's time. A nil *EscalationError matches neither,
// and its Error says it is nil.
type EscalationError struct {
	Kind EscalationKind
	Key  string
	// Due is the deadline the escalation names.
	Due time.Time
	// At is the escalation's time.
	At time.Time
	// Deadline is the matter's deadline in the risk; zero when the risk
	// has no such open matter.
	Deadline time.Time
	// Escalated is when the matter was escalated before; zero if never.
	Escalated time.Time
	// Open lists the plan's open steps, for a step escalation whose step
	// is not open.
	Open []string
}

// Error says why the escalation is refused and what the risk has instead.
func (e *EscalationError) Error() string {
	if e == nil {
		return "risk: escalation refused (a nil *EscalationError)"
	}
	matter := e.Kind.String()
	if e.Key != "" {
		matter += " " + fmt.Sprintf("%q", e.Key)
	}
	switch {
	case !e.Escalated.IsZero():
		return fmt.Sprintf("risk: the %s due %s was escalated at %s", matter, e.Due.Format(time.RFC3339), e.Escalated.Format(time.RFC3339))
	case e.Deadline.IsZero():
		msg := fmt.Sprintf("risk: the risk has no open %s to escalate", matter)
		if e.Kind == EscalationStep {
			if len(e.Open) == 0 {
				return msg + "; no step is open"
			}
			return msg + "; open steps: " + strings.Join(e.Open, ", ")
		}
		return msg
	case !e.Deadline.Equal(e.Due):
		return fmt.Sprintf("risk: the %s is due %s, not %s", matter, e.Deadline.Format(time.RFC3339), e.Due.Format(time.RFC3339))
	case e.Kind == EscalationAcceptance:
		return fmt.Sprintf("risk: the acceptance expires at %s, after %s; escalate it from its expiry on", e.Deadline.Format(time.RFC3339), e.At.Format(time.RFC3339))
	}
	return fmt.Sprintf("risk: the %s due %s is not overdue at %s; escalate it after its deadline", matter, e.Deadline.Format(time.RFC3339), e.At.Format(time.RFC3339))
}

// Is reports whether target is ErrAlreadyEscalated or ErrNotDue, as the
// case is.
func (e *EscalationError) Is(target error) bool {
	if e == nil {
		return false
	}
	if !e.Escalated.IsZero() {
		return target == ErrAlreadyEscalated
	}
	return target == ErrNotDue
}

// EmptyGroupError reports a group that fairness was asked about but that has
// no samples. A nil *EmptyGroupError still matches ErrEmptyGroup; its
// Error says it is nil.
type EmptyGroupError struct {
	Group string
	// Found lists the groups the samples have, in name order.
	Found []string
}

// Error names the group and the groups the samples have.
func (e *EmptyGroupError) Error() string {
	if e == nil {
		return "risk: group has no samples (a nil *EmptyGroupError)"
	}
	return fmt.Sprintf("risk: group %q has no samples; the samples have groups %s", e.Group, strings.Join(e.Found, ", "))
}

// Is reports whether target is ErrEmptyGroup.
func (e *EmptyGroupError) Is(target error) bool { return target == ErrEmptyGroup }

// UndefinedRateError reports a rate or ratio whose denominator is zero:
// a true-positive rate of a group without actual positives, a ratio whose
// largest rate is zero, a disparate impact against a reference group that
// nobody in was selected. A nil *UndefinedRateError still matches
// ErrUndefinedRate; its Error says it is nil.
type UndefinedRateError struct {
	// Group is the group concerned, or empty for a ratio across groups.
	Group string
	// Rate names the rate: "selection_rate", "true_positive_rate",
	// "false_positive_rate", "demographic_parity_ratio",
	// "equalized_odds_ratio" or "disparate_impact_ratio" (a reference
	// group nobody in was selected).
	Rate string
}

// Error names the rate and, if any, the group.
func (e *UndefinedRateError) Error() string {
	if e == nil {
		return "risk: rate undefined (a nil *UndefinedRateError)"
	}
	if e.Group == "" {
		return fmt.Sprintf("risk: %s undefined (zero denominator)", e.Rate)
	}
	return fmt.Sprintf("risk: %s of group %q undefined (zero denominator)", e.Rate, e.Group)
}

// Is reports whether target is ErrUndefinedRate.
func (e *UndefinedRateError) Is(target error) bool { return target == ErrUndefinedRate }

// ZeroWeightError reports a group whose samples weigh zero in total, so
// that none of its weighted rates is defined. A nil *ZeroWeightError still
// matches ErrZeroWeight; its Error says it is nil.
type ZeroWeightError struct {
	Group string
	// Samples is how many samples the group has.
	Samples int
}

// Error names the group and its number of samples.
func (e *ZeroWeightError) Error() string {
	if e == nil {
		return "risk: group has zero total weight (a nil *ZeroWeightError)"
	}
	return fmt.Sprintf("risk: group %q has %d samples of total weight 0; a weighted rate needs a positive total weight", e.Group, e.Samples)
}

// Is reports whether target is ErrZeroWeight.
func (e *ZeroWeightError) Is(target error) bool { return target == ErrZeroWeight }
