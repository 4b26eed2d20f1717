package incident

import (
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/workday"
)

// Command is a request to change an incident. The concrete types are
// Report, Accept, Reject, Dispatch, Return, Start, Resolve, Close, Reopen,
// Escalate, Extend, Rate and Locate; the set is closed. Every command
// embeds a grassroots.Meta (aggregate_id is the incident's ID) and is
// named, as the transition table names it, by CommandName, which is the
// wire name of its Op.
//
// The JSON tags give a command's language-neutral form (the conformance
// vectors use it); the `validate` tags state its plain field rules, which
// Decide checks. Nested values (the Meta, a Location, a Limit) carry
// `validate:"-"` because they validate themselves.
type Command interface {
	grassroots.Command
	op() Op
}

// Report opens a new incident. It needs a place: a Location (a point in
// a declared CRS), or an Address or AddressID for a report that a person
// or a later Locate command will place on the map. Grid is optional even
// with a point (Router.Route and a grid index find it).
type Report struct {
	grassroots.Meta `validate:"-"`
	Category        string    `json:"category" validate:"required"`
	Channel         Channel   `json:"channel"`
	Location        Location  `json:"location,omitzero" validate:"-"`
	Grid            grid.Code `json:"grid,omitempty"`
	// Address is the address as written (Open311 address_string), at
	// most MaxText characters.
	Address string `json:"address,omitempty" validate:"omitempty,max=1000"`
	// AddressID is the address's ID in the caller's address register
	// (Open311 address_id).
	AddressID string `json:"address_id,omitempty" validate:"omitempty,id"`
	// Description is optional, at most MaxDescription characters.
	Description string   `json:"description,omitempty" validate:"omitempty,max=4000"`
	Media       []string `json:"media,omitempty" validate:"omitempty,max=16,dive,max=2048,http_url"`
	Contact     Contact  `json:"contact,omitzero" validate:"-"`
	// Priority overrides the category's default when set.
	Priority Priority `json:"priority,omitzero"`
}

// Accept files a reported matter.
type Accept struct {
	grassroots.Meta `validate:"-"`
}

// Reject declines a reported or returned matter.
type Reject struct {
	grassroots.Meta `validate:"-"`
	Reason          RejectReason `json:"reason"`
	// DuplicateOf names the original when Reason is RejectDuplicate, and
	// is empty otherwise.
	DuplicateOf string `json:"duplicate_of,omitempty" validate:"omitempty,id"`
	Note        string `json:"note,omitempty" validate:"omitempty,max=1000"`
}

// Dispatch assigns the matter to a platform and a responsible unit and
// starts the handling clock. The incident needs a point (ErrNotLocated).
type Dispatch struct {
	grassroots.Meta `validate:"-"`
	// Platform overrides the category's platform when set.
	Platform Platform `json:"platform,omitzero"`
	Unit     string   `json:"unit" validate:"required,id"`
}

// Return sends a misrouted matter back from the unit to the dispatcher.
type Return struct {
	grassroots.Meta `validate:"-"`
	Reason          string `json:"reason" validate:"required,max=1000"`
}

// Start records that the unit began handling.
type Start struct {
	grassroots.Meta `validate:"-"`
}

// Resolve reports the matter handled, with the result and evidence.
type Resolve struct {
	grassroots.Meta `validate:"-"`
	Result          string   `json:"result" validate:"required,max=1000"`
	Evidence        []string `json:"evidence,omitempty" validate:"omitempty,max=16,dive,max=2048,http_url"`
}

// Close closes a resolved matter after verification.
type Close struct {
	grassroots.Meta `validate:"-"`
	Note            string `json:"note,omitempty" validate:"omitempty,max=1000"`
}

// Reopen reopens a closed matter; it then waits for dispatch.
type Reopen struct {
	grassroots.Meta `validate:"-"`
	Reason          string `json:"reason" validate:"required,max=1000"`
}

// Escalate records a reminder, urge or report on the running deadline.
type Escalate struct {
	grassroots.Meta `validate:"-"`
	Level           Level `json:"level"`
}

// Extend moves the handling deadline by a further limit. The unit's
// request must have been made at or before the deadline; the dispatcher
// approves it by issuing this command.
type Extend struct {
	grassroots.Meta `validate:"-"`
	RequestedAt     time.Time     `json:"requested_at"`
	By              workday.Limit `json:"by" validate:"-"`
	Reason          string        `json:"reason,omitempty" validate:"omitempty,max=1000"`
}

// Rate is the reporter's rating of a closed matter.
type Rate struct {
	grassroots.Meta `validate:"-"`
	Grade           Grade  `json:"grade"`
	Comment         string `json:"comment,omitempty" validate:"omitempty,max=1000"`
	// Substantive marks a dissatisfied rating whose reason concerns the
	// handling itself (not, say, the law), which may order a redo.
	Substantive bool `json:"substantive,omitempty"`
}

// Locate sets or corrects where the matter is: the point and its CRS and,
// when known, the grid. A report that came with an address only waits
// for it before dispatch. The new location replaces the old one, grid
// included: an empty Grid leaves the grid unknown, since the old grid may
// not hold the new point.
type Locate struct {
	grassroots.Meta `validate:"-"`
	Location        Location  `json:"location" validate:"-"`
	Grid            grid.Code `json:"grid,omitempty"`
}

// CommandName returns "report".
func (Report) CommandName() string { return OpReport.String() }

// CommandName returns "accept".
func (Accept) CommandName() string { return OpAccept.String() }

// CommandName returns "reject".
func (Reject) CommandName() string { return OpReject.String() }

// CommandName returns "dispatch".
func (Dispatch) CommandName() string { return OpDispatch.String() }

// CommandName returns "return".
func (Return) CommandName() string { return OpReturn.String() }

// CommandName returns "start".
func (Start) CommandName() string { return OpStart.String() }

// CommandName returns "resolve".
func (Resolve) CommandName() string { return OpResolve.String() }

// CommandName returns "close".
func (Close) CommandName() string { return OpClose.String() }

// CommandName returns "reopen".
func (Reopen) CommandName() string { return OpReopen.String() }

// CommandName returns "escalate".
func (Escalate) CommandName() string { return OpEscalate.String() }

// CommandName returns "extend".
func (Extend) CommandName() string { return OpExtend.String() }

// CommandName returns "rate".
func (Rate) CommandName() string { return OpRate.String() }

// CommandName returns "locate".
func (Locate) CommandName() string { return OpLocate.String() }

func (Report) op() Op   { return OpReport }
func (Accept) op() Op   { return OpAccept }
func (Reject) op() Op   { return OpReject }
func (Dispatch) op() Op { return OpDispatch }
func (Return) op() Op   { return OpReturn }
func (Start) op() Op    { return OpStart }
func (Resolve) op() Op  { return OpResolve }
func (Close) op() Op    { return OpClose }
func (Reopen) op() Op   { return OpReopen }
func (Escalate) op() Op { return OpEscalate }
func (Extend) op() Op   { return OpExtend }
func (Rate) op() Op     { return OpRate }
func (Locate) op() Op   { return OpLocate }
