package incident

import (
	"time"

	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/workday"
)

// Event is a fact about an incident, caused by one command. The concrete
// types are Reported, Accepted, Rejected, Dispatched, Returned, Started,
// Resolved, Closed, Reopened, Escalated, Extended and Rated; the set is
// closed. Events carry every value their effect needs (deadlines already
// computed), so Evolve needs no catalogue or calendar and any vendor
// replays them to the same state.
type Event interface {
	Metadata() Meta
	// Name is the event's wire name, the <name> of its CloudEvents type
	// grassroots.incident.<name>.v1.
	Name() string
	op() Op
}

// Reported opens an incident.
type Reported struct {
	Meta
	Category    string    `json:"category"`
	Channel     Channel   `json:"channel"`
	Priority    Priority  `json:"priority"`
	Location    Location  `json:"location"`
	Grid        grid.Code `json:"grid,omitempty"`
	Address     string    `json:"address,omitempty"`
	Description string    `json:"description"`
	Media       []string  `json:"media,omitempty"`
	Contact     Contact   `json:"contact,omitzero"`
	AcceptTerm  Term      `json:"accept_term,omitzero"`
}

// Accepted files the matter.
type Accepted struct{ Meta }

// Rejected declines the matter; it is final.
type Rejected struct {
	Meta
	Reason      RejectReason `json:"reason"`
	DuplicateOf string       `json:"duplicate_of,omitempty"`
	Note        string       `json:"note,omitempty"`
}

// Dispatched assigns platform and unit and starts the handling term.
type Dispatched struct {
	Meta
	Platform   Platform `json:"platform"`
	Unit       string   `json:"unit"`
	HandleTerm Term     `json:"handle_term"`
}

// Returned sends the matter back to the dispatcher.
type Returned struct {
	Meta
	Reason string `json:"reason"`
}

// Started records that handling began.
type Started struct{ Meta }

// Resolved reports the matter handled.
type Resolved struct {
	Meta
	Result   string   `json:"result"`
	Evidence []string `json:"evidence,omitempty"`
}

// Closed closes the matter.
type Closed struct {
	Meta
	Note string `json:"note,omitempty"`
}

// Reopened reopens a closed matter. A redo (ordered by a dissatisfied
// rating) goes straight back to the same unit with a new handling term;
// any other reopening waits for dispatch.
type Reopened struct {
	Meta
	Reason     string `json:"reason"`
	Redo       bool   `json:"redo,omitempty"`
	HandleTerm Term   `json:"handle_term,omitzero"`
}

// Escalated records a reminder, urge or report on the running deadline.
type Escalated struct {
	Meta
	Level    Level     `json:"level"`
	Deadline time.Time `json:"deadline"`
}

// Extended moves the handling deadline.
type Extended struct {
	Meta
	RequestedAt time.Time     `json:"requested_at"`
	By          workday.Limit `json:"by"`
	HandleTerm  Term          `json:"handle_term"`
	Reason      string        `json:"reason,omitempty"`
}

// Rated records the reporter's rating.
type Rated struct {
	Meta
	Grade       Grade  `json:"grade"`
	Comment     string `json:"comment,omitempty"`
	Substantive bool   `json:"substantive,omitempty"`
}

// Name returns "reported".
func (Reported) Name() string { return "reported" }

// Name returns "accepted".
func (Accepted) Name() string { return "accepted" }

// Name returns "rejected".
func (Rejected) Name() string { return "rejected" }

// Name returns "dispatched".
func (Dispatched) Name() string { return "dispatched" }

// Name returns "returned".
func (Returned) Name() string { return "returned" }

// Name returns "started".
func (Started) Name() string { return "started" }

// Name returns "resolved".
func (Resolved) Name() string { return "resolved" }

// Name returns "closed".
func (Closed) Name() string { return "closed" }

// Name returns "reopened".
func (Reopened) Name() string { return "reopened" }

// Name returns "escalated".
func (Escalated) Name() string { return "escalated" }

// Name returns "extended".
func (Extended) Name() string { return "extended" }

// Name returns "rated".
func (Rated) Name() string { return "rated" }

func (Reported) op() Op   { return OpReport }
func (Accepted) op() Op   { return OpAccept }
func (Rejected) op() Op   { return OpReject }
func (Dispatched) op() Op { return OpDispatch }
func (Returned) op() Op   { return OpReturn }
func (Started) op() Op    { return OpStart }
func (Resolved) op() Op   { return OpResolve }
func (Closed) op() Op     { return OpClose }
func (Reopened) op() Op   { return OpReopen }
func (Escalated) op() Op  { return OpEscalate }
func (Extended) op() Op   { return OpExtend }
func (Rated) op() Op      { return OpRate }
