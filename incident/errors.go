package incident

import (
	"errors"
	"fmt"

	"github.com/grassrootsgov/grassroots"
)

// Decoding errors.
var (
	// ErrTrailingData reports data after the JSON value of a document.
	ErrTrailingData = errors.New("incident: trailing data after JSON value")
)

// Decider errors.
var (
	// ErrForbidden is matched by every *PermissionError.
	ErrForbidden = errors.New("incident: not permitted")
	// ErrTransition is matched by every *TransitionError.
	ErrTransition = errors.New("incident: command not allowed in this status")
	// ErrTimeBackwards reports a command or event dated before the latest
	// event of its incident.
	ErrTimeBackwards = errors.New("incident: time goes backwards")
	// ErrWrongIncident reports a command or event for another incident.
	ErrWrongIncident = errors.New("incident: command or event names another incident")
	// ErrUnknownCategory reports a category code missing from the catalogue.
	ErrUnknownCategory = errors.New("incident: unknown category")
	// ErrEscalation reports an escalation that does not go up, or a
	// reminder after or an urge or report before the deadline.
	ErrEscalation = errors.New("incident: escalation out of order")
	// ErrAlreadyRated reports a second rating of one closure.
	ErrAlreadyRated = errors.New("incident: already rated since the latest closure")
	// ErrUnknownEvent reports an envelope type or event name this package
	// does not define.
	ErrUnknownEvent = errors.New("incident: unknown event type")
	// ErrUnknownGrid reports a grid code missing from the router's tree.
	ErrUnknownGrid = errors.New("incident: unknown grid")
	// ErrNoUnit reports that no unit is registered for a platform on a grid
	// or any grid above it.
	ErrNoUnit = errors.New("incident: no responsible unit")
	// ErrBadOptions reports invalid duplicate-search options.
	ErrBadOptions = errors.New("incident: invalid options")
	// ErrUnknownCommand reports a Command whose type this package does not
	// define, though its Op is valid.
	ErrUnknownCommand = errors.New("incident: unknown command type")
	// ErrExtensionLate reports an extension requested after the deadline.
	ErrExtensionLate = errors.New("incident: extension requested after the deadline")
)

// PermissionError reports an actor who may not issue a command. Missing
// names the failed condition of the Rule: "party", "role", "reporter" or
// "unit".
type PermissionError struct {
	Op      Op
	Actor   string
	Party   grassroots.Party
	Missing string
}

// Error names the actor, the command and the failed condition.
func (e *PermissionError) Error() string {
	return fmt.Sprintf("incident: actor %q (%s) may not %s: %s condition not met", e.Actor, e.Party, e.Op, e.Missing)
}

// Is matches ErrForbidden.
func (e *PermissionError) Is(target error) bool { return target == ErrForbidden }

// TransitionError reports a command kind that does not apply in the
// incident's status. From is 0 for an incident not yet reported.
type TransitionError struct {
	From Status
	Op   Op
}

// Error names the command and the status.
func (e *TransitionError) Error() string {
	from := e.From.String()
	if e.From == 0 {
		from = "unreported"
	}
	return fmt.Sprintf("incident: cannot %s an incident that is %s", e.Op, from)
}

// Is matches ErrTransition.
func (e *TransitionError) Is(target error) bool { return target == ErrTransition }
