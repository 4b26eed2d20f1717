package incident

import (
	"errors"
	"fmt"
	"strings"

	"github.com/grassrootsgov/grassroots"
)

// Decoding errors.
var (
	// ErrTrailingData reports data after the JSON value of a document.
	ErrTrailingData = errors.New("incident: trailing data after JSON value")
)

// Decider errors. A command the status does not allow, or an event that
// cannot follow it, is a *grassroots.TransitionError; a reused command ID
// a *grassroots.CommandConflictError; a refused history a
// *grassroots.ReplayError.
var (
	// ErrForbidden is matched by every *PermissionError.
	ErrForbidden = errors.New("incident: not permitted")
	// ErrNotConfigured reports a Decide on a Decider without a catalogue
	// or calendar (the zero Decider only replays).
	ErrNotConfigured = errors.New("incident: decider needs a catalogue and a calendar; build it with NewDecider")
	// ErrTimeBackwards reports a command or event dated before the latest
	// event of its incident.
	ErrTimeBackwards = errors.New("incident: time goes backwards")
	// ErrWrongIncident reports a command or event for another incident.
	ErrWrongIncident = errors.New("incident: command or event names another incident")
	// ErrNilEvent reports a nil event given to Evolve.
	ErrNilEvent = errors.New("incident: nil event")
	// ErrUnknownCategory reports a category code missing from the catalogue.
	ErrUnknownCategory = errors.New("incident: unknown category")
	// ErrNotLocated reports a dispatch of a matter that has no point yet:
	// a report made with an address only waits for a Locate command.
	ErrNotLocated = errors.New("incident: matter has no location yet; locate it before dispatch")
	// ErrEscalation reports an escalation without a running deadline, one
	// that does not go up, a reminder at or after the deadline, an urge or
	// report before it, or one that names another deadline.
	ErrEscalation = errors.New("incident: escalation out of order")
	// ErrAlreadyRated reports a second rating of one closure.
	ErrAlreadyRated = errors.New("incident: already rated since the latest closure")
	// ErrRedo reports a redo that does not follow, within the same
	// command, the rating that ordered it, or that names another unit or
	// a term that does not start with it.
	ErrRedo = errors.New("incident: redo must follow its rating and go back to the unit that handled the matter")
	// ErrTerm reports a term in an event that does not start when the
	// event happens, or an extension that shortens or moves the handling
	// term.
	ErrTerm = errors.New("incident: term does not fit the event")
	// ErrExtensionLate reports an extension requested after the deadline.
	ErrExtensionLate = errors.New("incident: extension requested after the deadline")
	// ErrUnknownGrid reports a grid code missing from the router's tree.
	ErrUnknownGrid = errors.New("incident: unknown grid")
	// ErrNoUnit reports that no unit is registered for a platform on a grid
	// or any grid above it.
	ErrNoUnit = errors.New("incident: no responsible unit")
	// ErrBadOptions reports invalid duplicate-search or statistics options.
	ErrBadOptions = errors.New("incident: invalid options")
)

// The conditions of a Rule that a PermissionError names in Missing.
const (
	MissingParty    = "party"
	MissingRole     = "role"
	MissingReporter = "reporter"
	MissingUnit     = "unit"
)

// PermissionError reports an actor who may not issue a command, and what
// the permission table expected. Missing names the failed condition of
// the Rule (MissingParty, MissingRole, MissingReporter or MissingUnit);
// the field of that condition says what would have passed: Parties or
// Roles lists the accepted ones, Reporter is the actor ID of the
// incident's reporter, Unit the responsible unit (empty when none is).
// A nil *PermissionError still matches ErrForbidden; its Error says it is
// nil.
type PermissionError struct {
	Op       Op
	Actor    string
	Party    grassroots.Party
	Missing  string
	Parties  []grassroots.Party
	Roles    []string
	Reporter string
	Unit     string
}

// Error names the actor, the command and what was expected, for example
// `incident: actor "clerk" (community) may not dispatch: needs role
// dispatcher`.
func (e *PermissionError) Error() string {
	if e == nil {
		return "incident: not permitted (a nil *PermissionError)"
	}
	var want string
	switch e.Missing {
	case MissingParty:
		names := make([]string, len(e.Parties))
		for i, p := range e.Parties {
			names[i] = p.String()
		}
		want = "needs party " + strings.Join(names, " or ")
	case MissingRole:
		want = "needs role " + strings.Join(e.Roles, " or ")
	case MissingReporter:
		want = fmt.Sprintf("only the reporter (actor %q) may", e.Reporter)
	case MissingUnit:
		if e.Unit == "" {
			want = "needs the responsible unit, and none is assigned"
		} else {
			want = fmt.Sprintf("needs organization %q, the responsible unit", e.Unit)
		}
	default:
		want = e.Missing + " condition not met"
	}
	return fmt.Sprintf("incident: actor %q (%s) may not %s: %s", e.Actor, e.Party, e.Op, want)
}

// Is matches ErrForbidden.
func (e *PermissionError) Is(target error) bool { return target == ErrForbidden }
