package provider

import (
	"fmt"
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/nilvalue"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// Decider is the contract lifecycle: Decide checks a command against a
// contract's state, Evolve applies an event, Replay folds a history. Its
// transitions are the table Transitions returns. It needs no
// configuration: the zero value is ready to use, and it is safe for
// concurrent use.
type Decider struct{}

var _ grassroots.Decider[State, Command, Event] = (*Decider)(nil)

// Codec converts contract events to and from CloudEvents envelopes of
// type grassroots.provider.<name>.v1, subject the contract ID. Seal the
// events Decide returns with Codec.Seal; replay stored envelopes with
// Decider.ReplayEnvelopes, which verifies their chain.
var Codec = mustCodec(grassroots.NewCodec[Event](lifecycle,
	Drafted{}, Amended{}, Published{}, Signed{}, Activated{}, Completed{}, Terminated{}, Cancelled{}))

func mustCodec(c *grassroots.Codec[Event], err error) *grassroots.Codec[Event] {
	if err != nil {
		panic(err) // the event list above is a literal; a failure is a programming error
	}
	return c
}

// Decide checks cmd against s and the actor's rights and returns the
// events it causes, or an error and no events. It never changes s.
//
// It refuses, in this order: an invalid Meta (*grassroots.ValidationError);
// a command ID the contract used for another command
// (*grassroots.CommandConflictError); a command for another contract or
// earlier than the contract's latest event (*grassroots.ValidationError,
// rules mismatch and order); a command the status does not allow
// (*grassroots.TransitionError); then the command's own conditions: a
// missing reason or invalid terms (*grassroots.ValidationError), an actor
// who may not issue it (*ForbiddenError), publishing twice
// (ErrAlreadyPublished), activating unpublished (ErrNotPublished),
// completing before the term ends (ErrTooEarly). A command the contract
// has already applied returns no events and no error.
//
// Rights: the buyer is a grassroots.Government actor whose Organization is
// Contract.Buyer.ID; the supplier is a grassroots.Provider actor whose
// Organization is Contract.Supplier.ID. Sign and Terminate may come from
// either; every other command only from the buyer.
func (Decider) Decide(s State, cmd Command) ([]Event, error) {
	if nilvalue.Is(cmd) {
		return nil, nilProblem("command")
	}
	m := cmd.Metadata()
	if err := m.Validate(); err != nil {
		return nil, err
	}
	name := cmd.CommandName()
	if repeat, err := s.log.Check(m, name); err != nil || repeat {
		return nil, err
	}
	if err := checkMeta(&s, &m); err != nil {
		return nil, err
	}
	if err := contractTable.Allows(lifecycle, s.Status, name); err != nil {
		return nil, err
	}
	e := cmd.event(s.Contract.Published)
	if err := checkEvent(&s, e); err != nil {
		return nil, err
	}
	return []Event{e}, nil
}

// Evolve returns s with e applied, its status taken from the transition
// table. It refuses, returning s unchanged and an error, an event Decide
// could not have produced from s: an invalid Meta, another contract's
// event, one earlier than s's latest event, one the table does not allow
// from s's status, one whose actor may not issue its command or whose
// data fails the command's conditions, and an event of a command s has
// already applied (grassroots.ErrDuplicateEvent).
func (Decider) Evolve(s State, e Event) (State, error) {
	if nilvalue.Is(e) {
		return s, nilProblem("event")
	}
	m := e.Metadata()
	if err := m.Validate(); err != nil {
		return s, err
	}
	if err := checkMeta(&s, &m); err != nil {
		return s, err
	}
	name := e.EventName()
	to, command, err := contractTable.Next(lifecycle, s.Status, name)
	if err != nil {
		return s, err
	}
	if err := checkEvent(&s, e); err != nil {
		return s, err
	}
	log, err := s.log.Add(m, command, name)
	if err != nil {
		return s, err
	}
	// s is the caller's copy; nothing can fail from here on.
	applyEvent(&s, e)
	s.Status, s.At, s.Version, s.log = to, m.At, s.Version+1, log
	return s, nil
}

// Replay folds events from "no contract yet" with Evolve and refuses any
// history Decide could not have produced, naming the event's index in a
// *grassroots.ReplayError.
func (d Decider) Replay(events []Event) (State, error) { return grassroots.Replay(d.Evolve, events) }

// ReplayEnvelopes verifies that envs form one intact chain, decodes them
// with Codec and replays the events: the way from stored envelopes to a
// contract's state.
func (d Decider) ReplayEnvelopes(envs []grassroots.Event) (State, error) {
	return grassroots.ReplayEnvelopes[State, Command, Event](d, Codec, envs)
}

// checkMeta refuses a command or event for another contract than s's, or
// earlier than s's latest event.
func checkMeta(s *State, m *grassroots.Meta) error {
	if s.Status != 0 && m.AggregateID != s.Contract.ID {
		return problem("aggregate_id", grassroots.RuleMismatch,
			fmt.Sprintf("aggregate_id %q is not this contract, %q", m.AggregateID, s.Contract.ID))
	}
	if m.At.Before(s.At) {
		return problem("at", grassroots.RuleOrder,
			fmt.Sprintf("at %s is before the contract's latest event at %s", formatTime(m.At), formatTime(s.At)))
	}
	return nil
}

func problem(path, rule, message string) error {
	var p validate.Problems
	p.Add(path, rule, message)
	return p.Err()
}

func nilProblem(what string) error {
	return problem("", grassroots.RuleRequired, "a "+what+" is required, not nil")
}

func alreadyPublished(contract string) error {
	return fmt.Errorf("%w: contract %q was published before; publish is allowed once", ErrAlreadyPublished, contract)
}

func notPublished(contract string) error {
	return fmt.Errorf("%w: contract %q must be published before it is activated", ErrNotPublished, contract)
}

func tooEarly(contract string, at, end time.Time) error {
	return fmt.Errorf("%w: contract %q cannot be completed at %s, before its term ends at %s", ErrTooEarly, contract, formatTime(at), formatTime(end))
}
