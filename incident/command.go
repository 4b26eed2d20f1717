package incident

import (
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/workday"
)

// Meta identifies a command and, copied unchanged, every event the command
// causes: the incident, the command's ID (the idempotency key), who issued
// it and when. In event data its fields appear at the top level.
type Meta struct {
	Incident string           `json:"incident_id"`
	Command  string           `json:"command_id"`
	Actor    grassroots.Actor `json:"actor"`
	At       time.Time        `json:"at"`
}

// Metadata returns m; every command and event embeds a Meta and so has
// this method.
func (m Meta) Metadata() Meta { return m }

// Command is a request to change an incident. The concrete types are
// Report, Accept, Reject, Dispatch, Return, Start, Resolve, Close, Reopen,
// Escalate, Extend and Rate; the set is closed.
type Command interface {
	Metadata() Meta
	// Op names the kind of command.
	Op() Op
}

// Report opens a new incident.
type Report struct {
	Meta
	Category    string
	Channel     Channel
	Location    Location
	Grid        grid.Code // optional
	Address     string    // optional
	Description string
	Media       []string // absolute http(s) URLs
	Contact     Contact
	// Priority overrides the category's default when set.
	Priority Priority
}

// Accept files a reported matter.
type Accept struct{ Meta }

// Reject declines a reported or returned matter.
type Reject struct {
	Meta
	Reason      RejectReason
	DuplicateOf string // required when Reason is RejectDuplicate
	Note        string
}

// Dispatch assigns the matter to a platform and a responsible unit and
// starts the handling clock.
type Dispatch struct {
	Meta
	// Platform overrides the category's platform when set.
	Platform Platform
	Unit     string
}

// Return sends a misrouted matter back from the unit to the dispatcher.
type Return struct {
	Meta
	Reason string
}

// Start records that the unit began handling.
type Start struct{ Meta }

// Resolve reports the matter handled, with the result and evidence.
type Resolve struct {
	Meta
	Result   string
	Evidence []string // absolute http(s) URLs
}

// Close closes a resolved matter after verification.
type Close struct {
	Meta
	Note string
}

// Reopen reopens a closed matter.
type Reopen struct {
	Meta
	Reason string
}

// Escalate records a reminder, urge or report on the running deadline.
type Escalate struct {
	Meta
	Level Level
}

// Extend moves the handling deadline by a further limit. The unit's
// request must have been made at or before the deadline; the dispatcher
// approves it by issuing this command.
type Extend struct {
	Meta
	RequestedAt time.Time
	By          workday.Limit
	Reason      string
}

// Rate is the reporter's rating of a closed matter.
type Rate struct {
	Meta
	Grade   Grade
	Comment string
	// Substantive marks a dissatisfied rating whose reason concerns the
	// handling itself (not, say, the law), which may order a redo.
	Substantive bool
}

// Op returns OpReport.
func (Report) Op() Op { return OpReport }

// Op returns OpAccept.
func (Accept) Op() Op { return OpAccept }

// Op returns OpReject.
func (Reject) Op() Op { return OpReject }

// Op returns OpDispatch.
func (Dispatch) Op() Op { return OpDispatch }

// Op returns OpReturn.
func (Return) Op() Op { return OpReturn }

// Op returns OpStart.
func (Start) Op() Op { return OpStart }

// Op returns OpResolve.
func (Resolve) Op() Op { return OpResolve }

// Op returns OpClose.
func (Close) Op() Op { return OpClose }

// Op returns OpReopen.
func (Reopen) Op() Op { return OpReopen }

// Op returns OpEscalate.
func (Escalate) Op() Op { return OpEscalate }

// Op returns OpExtend.
func (Extend) Op() Op { return OpExtend }

// Op returns OpRate.
func (Rate) Op() Op { return OpRate }
