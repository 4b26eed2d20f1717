package incident

import (
	"fmt"
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/nilvalue"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// Evolve applies one event to state and returns the new state, taking
// the new status from the transition table. It refuses, returning state
// unchanged and the error, any event that Decide could not have produced
// from state:
//
//   - a nil event (ErrNilEvent);
//   - an event of another incident (ErrWrongIncident) or dated before
//     state's latest event (ErrTimeBackwards);
//   - an event the table does not allow in state's status
//     (*grassroots.TransitionError);
//   - an event of a command already applied, or a command ID used by
//     another command (grassroots.ErrDuplicateEvent,
//     *grassroots.CommandConflictError, from the command log);
//   - an actor the permission table does not allow (*PermissionError);
//   - what the event's data lets it re-check: a dispatch of a matter
//     without a point (ErrNotLocated), a second rating since the latest
//     closure (ErrAlreadyRated), an escalation that does not go up, falls
//     on the wrong side of its deadline or names another
//     (ErrEscalation), an extension requested after the deadline
//     (ErrExtensionLate), a term that does not start with its event or an
//     extension that does not lengthen the running term (ErrTerm), a redo
//     that does not follow its rating (ErrRedo), a matter rejected as a
//     duplicate of itself (*grassroots.ValidationError).
//
// Evolve does not re-check the rules that depend on the event alone (a
// valid Meta, text limits, defined enumeration values): Meta.Validate and
// the event's Validate method state them, and the codec checks both on
// decode. It uses none of the decider's configuration.
func (d *Decider) Evolve(state Incident, e Event) (Incident, error) {
	// state is the caller's copy already, and evolve changes it only
	// when it succeeds.
	err := evolve(&state, e)
	return state, err
}

// Replay folds events from the zero Incident with Evolve and returns the
// state they build, or a *grassroots.ReplayError naming the first event
// Evolve refuses. Replay of no events is the zero Incident.
//
// It is grassroots.Replay(d.Evolve, events), written as a loop that
// applies each event to one state in place rather than copying the state
// in and out of Evolve for every event.
func (d *Decider) Replay(events []Event) (Incident, error) {
	var s Incident
	for i, e := range events {
		if err := evolve(&s, e); err != nil {
			return Incident{}, &grassroots.ReplayError{Index: i, Err: err}
		}
	}
	return s, nil
}

// evolve applies e to *s, the work of Evolve. It changes *s only when it
// succeeds: every check comes before the first write, so Evolve can
// return its own argument either way.
func evolve(s *Incident, e Event) error {
	if nilvalue.Is(e) {
		return ErrNilEvent
	}
	m := e.Metadata()
	if s.Status != 0 && m.AggregateID != s.ID {
		return fmt.Errorf("%w: %q, not %q", ErrWrongIncident, m.AggregateID, s.ID)
	}
	if m.At.Before(s.UpdatedAt) {
		return fmt.Errorf("%w: %s before %s", ErrTimeBackwards, m.At.Format(time.RFC3339Nano), s.UpdatedAt.Format(time.RFC3339Nano))
	}
	name := e.EventName()
	to, command, err := table.Next(pkgName, s.Status, name)
	if err != nil {
		return err
	}
	op, err := ParseOp(command)
	if err != nil {
		return err
	}
	if err := rules[op].check(m.Actor, s); err != nil {
		return err
	}
	log, err := s.log.Add(m, command, name)
	if err != nil {
		return err
	}
	if err := applyTo(s, e, log.Len() > s.log.Len()); err != nil {
		return err
	}
	s.ID, s.Status, s.UpdatedAt, s.log = m.AggregateID, to, m.At, log
	s.Version++
	return nil
}

// ReplayEnvelopes verifies that envs form one intact hash chain, decodes
// them with Codec (which reads contacts masked or in clear) and replays
// them: grassroots.ReplayEnvelopes(d, Codec, envs).
func (d *Decider) ReplayEnvelopes(envs []grassroots.Event) (Incident, error) {
	return grassroots.ReplayEnvelopes(d, Codec, envs)
}

// applyTo applies e to *s. It calls each type's apply method directly,
// so that s stays on the caller's stack: through the interface it would
// escape to the heap, one allocation of the whole state per event.
func applyTo(s *Incident, e Event, first bool) error {
	switch e := e.(type) {
	case Reported:
		return e.apply(s, first)
	case Accepted:
		return e.apply(s, first)
	case Rejected:
		return e.apply(s, first)
	case Dispatched:
		return e.apply(s, first)
	case Returned:
		return e.apply(s, first)
	case Started:
		return e.apply(s, first)
	case Resolved:
		return e.apply(s, first)
	case Closed:
		return e.apply(s, first)
	case Reopened:
		return e.apply(s, first)
	case RedoOrdered:
		return e.apply(s, first)
	case Escalated:
		return e.apply(s, first)
	case Extended:
		return e.apply(s, first)
	case Rated:
		return e.apply(s, first)
	case Located:
		return e.apply(s, first)
	}
	return fmt.Errorf("incident: event type %T is not an incident event", e)
}

// startsAt reports an ErrTerm unless t starts at at.
func startsAt(t Term, at time.Time, what string) error {
	if !t.Start.Equal(at) || t.End.Before(t.Start) {
		return fmt.Errorf("%w: the %s must run from the event's time %s", ErrTerm, what, at.Format(time.RFC3339Nano))
	}
	return nil
}

func (e Reported) apply(s *Incident, _ bool) error {
	if err := startsAt(e.AcceptTerm, e.At, "acceptance term"); err != nil {
		return err
	}
	s.Category, s.Channel, s.Priority = e.Category, e.Channel, e.Priority
	s.Location, s.Grid, s.Address, s.AddressID = e.Location, e.Grid, e.Address, e.AddressID
	s.Description, s.Media, s.Contact = e.Description, e.Media, e.Contact
	s.Reporter, s.ReportedAt, s.AcceptTerm = e.Actor.ID, e.At, e.AcceptTerm
	return nil
}

func (e Accepted) apply(s *Incident, _ bool) error {
	s.AcceptedAt, s.Escalated = e.At, 0
	return nil
}

func (e Rejected) apply(s *Incident, _ bool) error {
	if e.DuplicateOf == s.ID && e.DuplicateOf != "" {
		var p validate.Problems
		p.Add("duplicate_of", grassroots.RuleReference, "a matter is not a duplicate of itself")
		return p.Err()
	}
	s.Reject, s.DuplicateOf, s.Escalated = e.Reason, e.DuplicateOf, 0
	return nil
}

func (e Dispatched) apply(s *Incident, _ bool) error {
	if !s.Located() {
		return ErrNotLocated
	}
	if err := startsAt(e.HandleTerm, e.At, "handling term"); err != nil {
		return err
	}
	s.Platform, s.Unit, s.HandleTerm, s.Escalated = e.Platform, e.Unit, e.HandleTerm, 0
	return nil
}

func (e Returned) apply(s *Incident, _ bool) error {
	s.Unit, s.HandleTerm, s.Escalated = "", Term{}, 0
	s.Returns++
	return nil
}

func (e Started) apply(s *Incident, _ bool) error { return nil }

func (e Resolved) apply(s *Incident, _ bool) error {
	s.Resolution, s.Evidence = e.Result, e.Evidence
	return nil
}

func (e Closed) apply(s *Incident, _ bool) error {
	s.ClosedAt, s.Rated, s.Escalated = e.At, false, 0
	return nil
}

func (e Reopened) apply(s *Incident, _ bool) error {
	s.Rated = false
	s.Reopens++
	return nil
}

func (e RedoOrdered) apply(s *Incident, first bool) error {
	if first || !s.Rated {
		return fmt.Errorf("%w: no rating of the same command precedes it", ErrRedo)
	}
	if e.Unit != s.Unit {
		return fmt.Errorf("%w: unit %q, the matter was handled by %q", ErrRedo, e.Unit, s.Unit)
	}
	if err := startsAt(e.HandleTerm, e.At, "handling term"); err != nil {
		return err
	}
	s.HandleTerm, s.Escalated, s.Rated = e.HandleTerm, 0, false
	s.Redos++
	return nil
}

func (e Escalated) apply(s *Incident, _ bool) error {
	term, err := escalation(s, e.Level, e.At)
	if err != nil {
		return err
	}
	if !e.Deadline.Equal(term.End) {
		return fmt.Errorf("%w: it names the deadline %s, the running one is %s", ErrEscalation, e.Deadline.Format(time.RFC3339), term.End.Format(time.RFC3339))
	}
	s.Escalated = e.Level
	return nil
}

func (e Extended) apply(s *Incident, _ bool) error {
	if e.RequestedAt.After(s.HandleTerm.End) {
		return fmt.Errorf("%w: requested %s, deadline %s", ErrExtensionLate, e.RequestedAt.Format(time.RFC3339), s.HandleTerm.End.Format(time.RFC3339))
	}
	if !e.HandleTerm.Start.Equal(s.HandleTerm.Start) || e.HandleTerm.Working != s.HandleTerm.Working || !e.HandleTerm.End.After(s.HandleTerm.End) {
		return fmt.Errorf("%w: an extension keeps the handling term's start and kind and moves its end later", ErrTerm)
	}
	s.HandleTerm, s.Escalated = e.HandleTerm, 0
	s.Extensions++
	return nil
}

func (e Rated) apply(s *Incident, _ bool) error {
	if s.Rated {
		return ErrAlreadyRated
	}
	s.Grade, s.Comment, s.Rated = e.Grade, e.Comment, true
	if s.FirstGrade == 0 {
		s.FirstGrade = e.Grade
	}
	return nil
}

func (e Located) apply(s *Incident, _ bool) error {
	if e.Location.IsZero() {
		return fmt.Errorf("%w: a located event needs a location", ErrNotLocated)
	}
	s.Location, s.Grid = e.Location, e.Grid
	return nil
}
