package incident

import (
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/internal/validate"
	"github.com/grassrootsgov/grassroots/workday"
)

// Event is a fact about an incident, caused by one command. The concrete
// types are Reported, Accepted, Rejected, Dispatched, Returned, Started,
// Resolved, Closed, Reopened, RedoOrdered, Escalated, Extended, Rated and
// Located; the set is closed. Every event embeds the grassroots.Meta of
// its command and is named by EventName, the <name> of its CloudEvents
// type grassroots.incident.<name>.v1. Events carry every value their
// effect needs (deadlines already computed), so Evolve needs no catalogue
// or calendar and any vendor replays them to the same state.
//
// An event's JSON is its wire form: the Meta's members and the event's
// own at the top level of the envelope's data.
type Event interface {
	grassroots.DomainEvent
	// Validate reports every problem with the event's own content as a
	// *grassroots.ValidationError: what a decoded event must hold to have
	// come from Decide, whatever the state. The codec calls it, and
	// checks the Meta, on decode; Evolve checks the event against the
	// state.
	Validate() error
	// apply checks the event against *s, the state before it, where the
	// data lets it re-check what Decide checked, and applies the event's
	// effect to *s; first reports whether the event is the first of its
	// command. It never sets the status: Evolve takes that from the table.
	apply(s *Incident, first bool) error
}

// Reported opens an incident.
type Reported struct {
	grassroots.Meta `validate:"-"`
	Category        string    `json:"category" validate:"required,max=64,id"`
	Channel         Channel   `json:"channel"`
	Priority        Priority  `json:"priority"`
	Location        Location  `json:"location,omitzero" validate:"-"`
	Grid            grid.Code `json:"grid,omitempty"`
	Address         string    `json:"address,omitempty" validate:"omitempty,max=1000"`
	AddressID       string    `json:"address_id,omitempty" validate:"omitempty,id"`
	Description     string    `json:"description,omitempty" validate:"omitempty,max=4000"`
	Media           []string  `json:"media,omitempty" validate:"omitempty,max=16,dive,max=2048,http_url"`
	Contact         Contact   `json:"contact,omitzero" validate:"-"`
	AcceptTerm      Term      `json:"accept_term" validate:"-"`
}

// Accepted files the matter.
type Accepted struct {
	grassroots.Meta `validate:"-"`
}

// Rejected declines the matter; it is final.
type Rejected struct {
	grassroots.Meta `validate:"-"`
	Reason          RejectReason `json:"reason"`
	DuplicateOf     string       `json:"duplicate_of,omitempty" validate:"omitempty,id"`
	Note            string       `json:"note,omitempty" validate:"omitempty,max=1000"`
}

// Dispatched assigns platform and unit and starts the handling term.
type Dispatched struct {
	grassroots.Meta `validate:"-"`
	Platform        Platform `json:"platform"`
	Unit            string   `json:"unit" validate:"required,id"`
	HandleTerm      Term     `json:"handle_term" validate:"-"`
}

// Returned sends the matter back to the dispatcher.
type Returned struct {
	grassroots.Meta `validate:"-"`
	Reason          string `json:"reason" validate:"required,max=1000"`
}

// Started records that handling began.
type Started struct {
	grassroots.Meta `validate:"-"`
}

// Resolved reports the matter handled.
type Resolved struct {
	grassroots.Meta `validate:"-"`
	Result          string   `json:"result" validate:"required,max=1000"`
	Evidence        []string `json:"evidence,omitempty" validate:"omitempty,max=16,dive,max=2048,http_url"`
}

// Closed closes the matter.
type Closed struct {
	grassroots.Meta `validate:"-"`
	Note            string `json:"note,omitempty" validate:"omitempty,max=1000"`
}

// Reopened reopens a closed matter, which then waits for dispatch.
type Reopened struct {
	grassroots.Meta `validate:"-"`
	Reason          string `json:"reason" validate:"required,max=1000"`
}

// RedoOrdered is the redo (重办) a dissatisfied rating orders: it follows
// the Rated event of the same command and sends the closed matter
// straight back to the unit that handled it, with a new handling term.
type RedoOrdered struct {
	grassroots.Meta `validate:"-"`
	Unit            string `json:"unit" validate:"required,id"`
	HandleTerm      Term   `json:"handle_term" validate:"-"`
}

// Escalated records a reminder, urge or report on the running deadline,
// which it names.
type Escalated struct {
	grassroots.Meta `validate:"-"`
	Level           Level     `json:"level"`
	Deadline        time.Time `json:"deadline"`
}

// Extended moves the handling deadline.
type Extended struct {
	grassroots.Meta `validate:"-"`
	RequestedAt     time.Time     `json:"requested_at"`
	By              workday.Limit `json:"by" validate:"-"`
	HandleTerm      Term          `json:"handle_term" validate:"-"`
	Reason          string        `json:"reason,omitempty" validate:"omitempty,max=1000"`
}

// Rated records the reporter's rating.
type Rated struct {
	grassroots.Meta `validate:"-"`
	Grade           Grade  `json:"grade"`
	Comment         string `json:"comment,omitempty" validate:"omitempty,max=1000"`
	Substantive     bool   `json:"substantive,omitempty"`
}

// Located sets or corrects the matter's location; Grid empty means the
// grid is unknown.
type Located struct {
	grassroots.Meta `validate:"-"`
	Location        Location  `json:"location" validate:"-"`
	Grid            grid.Code `json:"grid,omitempty"`
}

// EventName returns "reported".
func (Reported) EventName() string { return "reported" }

// EventName returns "accepted".
func (Accepted) EventName() string { return "accepted" }

// EventName returns "rejected".
func (Rejected) EventName() string { return "rejected" }

// EventName returns "dispatched".
func (Dispatched) EventName() string { return "dispatched" }

// EventName returns "returned".
func (Returned) EventName() string { return "returned" }

// EventName returns "started".
func (Started) EventName() string { return "started" }

// EventName returns "resolved".
func (Resolved) EventName() string { return "resolved" }

// EventName returns "closed".
func (Closed) EventName() string { return "closed" }

// EventName returns "reopened".
func (Reopened) EventName() string { return "reopened" }

// EventName returns "redo_ordered".
func (RedoOrdered) EventName() string { return "redo_ordered" }

// EventName returns "escalated".
func (Escalated) EventName() string { return "escalated" }

// EventName returns "extended".
func (Extended) EventName() string { return "extended" }

// EventName returns "rated".
func (Rated) EventName() string { return "rated" }

// EventName returns "located".
func (Located) EventName() string { return "located" }

// Validate reports every problem of the report's content: a category
// code, a defined channel and priority, a place (a valid location or an
// address), text within its limits, http(s) media URLs and an acceptance
// term.
func (e Reported) Validate() error {
	var p validate.Problems
	p.Tags("", e)
	checkReport(&p, e.Channel, e.Location, e.Grid, e.Address, e.AddressID, e.Description, e.Media)
	checkEnum(&p, "priority", e.Priority, priorityNames)
	e.AcceptTerm.check(&p, "accept_term")
	return p.Err()
}

// Validate reports nothing: an acceptance carries only its Meta.
func (e Accepted) Validate() error { return nil }

// Validate reports an undefined reason, a duplicate without the original
// (or an original for another reason) and a note over MaxText.
func (e Rejected) Validate() error {
	var p validate.Problems
	p.Tags("", e)
	checkRejection(&p, e.Reason, e.DuplicateOf, e.Note)
	return p.Err()
}

// Validate reports an undefined platform, a missing unit and a missing
// handling term.
func (e Dispatched) Validate() error {
	var p validate.Problems
	p.Tags("", e)
	checkEnum(&p, "platform", e.Platform, platformNames)
	e.HandleTerm.check(&p, "handle_term")
	return p.Err()
}

// Validate reports a missing or overlong reason.
func (e Returned) Validate() error { return textProblems(e, "reason", e.Reason, true) }

// Validate reports nothing: a start carries only its Meta.
func (e Started) Validate() error { return nil }

// Validate reports a missing or overlong result and evidence that is not
// a list of http(s) URLs.
func (e Resolved) Validate() error {
	var p validate.Problems
	p.Tags("", e)
	checkText(&p, "result", e.Result, true)
	checkURLs(&p, "evidence", e.Evidence)
	return p.Err()
}

// Validate reports an overlong note.
func (e Closed) Validate() error { return textProblems(e, "note", e.Note, false) }

// Validate reports a missing or overlong reason.
func (e Reopened) Validate() error { return textProblems(e, "reason", e.Reason, true) }

// Validate reports a missing unit or handling term.
func (e RedoOrdered) Validate() error {
	var p validate.Problems
	p.Tags("", e)
	e.HandleTerm.check(&p, "handle_term")
	return p.Err()
}

// Validate reports an undefined level and a missing deadline.
func (e Escalated) Validate() error {
	var p validate.Problems
	checkEnum(&p, "level", e.Level, levelNames)
	p.Require(!e.Deadline.IsZero(), "deadline", "deadline is required")
	return p.Err()
}

// Validate reports an invalid limit, a request time after the event, a
// missing handling term and an overlong reason.
func (e Extended) Validate() error {
	var p validate.Problems
	p.Tags("", e)
	checkExtension(&p, e.RequestedAt, e.At, e.By, e.Reason)
	e.HandleTerm.check(&p, "handle_term")
	return p.Err()
}

// Validate reports an undefined grade and an overlong comment.
func (e Rated) Validate() error {
	var p validate.Problems
	p.Tags("", e)
	checkRating(&p, e.Grade, e.Comment)
	return p.Err()
}

// Validate reports a missing or invalid location and an invalid grid.
func (e Located) Validate() error {
	var p validate.Problems
	checkLocation(&p, e.Location, e.Grid)
	return p.Err()
}

// textProblems validates an event or command whose content is one text
// field at path: its tags, and the text as checkText checks it.
func textProblems(v any, path, text string, required bool) error {
	var p validate.Problems
	p.Tags("", v)
	checkText(&p, path, text, required)
	return p.Err()
}
