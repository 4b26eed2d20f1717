package incident

import (
	"fmt"
)

// Evolve applies one event to state and returns the new state. It is
// total: it never fails and never panics, and it trusts the event (Decide
// or Replay has checked it), applying its effect whatever the current
// status. An event of another type than the package's own is ignored
// apart from Version and UpdatedAt.
func Evolve(state Incident, e Event) Incident {
	if e == nil {
		return state
	}
	m := e.Metadata()
	s := state
	s.Version++
	if m.At.After(s.UpdatedAt) || s.UpdatedAt.IsZero() {
		s.UpdatedAt = m.At
	}
	if h := hashID(m.Command); len(s.seen) == 0 || s.seen[len(s.seen)-1] != h {
		// A full-capacity append copies, so states that share history
		// never write into each other's slices.
		s.seen = append(s.seen[:len(s.seen):len(s.seen)], h)
	}
	switch e := e.(type) {
	case Reported:
		s.ID, s.Status = m.Incident, StatusReported
		s.Category, s.Channel, s.Priority = e.Category, e.Channel, e.Priority
		s.Location, s.Grid, s.Address = e.Location, e.Grid, e.Address
		s.Description, s.Media, s.Contact = e.Description, e.Media, e.Contact
		s.Reporter, s.ReportedAt, s.AcceptTerm = m.Actor.ID, m.At, e.AcceptTerm
	case Accepted:
		s.Status, s.AcceptedAt, s.Escalated = StatusAccepted, m.At, 0
	case Rejected:
		s.Status, s.Reject, s.DuplicateOf, s.Escalated = StatusRejected, e.Reason, e.DuplicateOf, 0
	case Dispatched:
		s.Status, s.Platform, s.Unit, s.HandleTerm, s.Escalated = StatusDispatched, e.Platform, e.Unit, e.HandleTerm, 0
	case Returned:
		s.Status, s.Unit, s.HandleTerm, s.Escalated = StatusReturned, "", Term{}, 0
		s.Returns++
	case Started:
		s.Status = StatusInProgress
	case Resolved:
		s.Status, s.Resolution, s.Evidence = StatusResolved, e.Result, e.Evidence
	case Closed:
		s.Status, s.ClosedAt, s.Rated, s.Escalated = StatusClosed, m.At, false, 0
	case Reopened:
		s.Rated = false
		if e.Redo {
			s.Status, s.HandleTerm, s.Escalated = StatusDispatched, e.HandleTerm, 0
			s.Redos++
		} else {
			s.Status = StatusReopened
			s.Reopens++
		}
	case Escalated:
		s.Escalated = e.Level
	case Extended:
		s.HandleTerm, s.Escalated = e.HandleTerm, 0
		s.Extensions++
	case Rated:
		s.Grade, s.Comment, s.Rated = e.Grade, e.Comment, true
		if s.FirstGrade == 0 {
			s.FirstGrade = e.Grade
		}
	}
	return s
}

// Replay folds events into the state they build, checking that they form
// a history Decide could have produced: the first is Reported, all name
// one incident, times never go backwards, and each event applies in the
// status its predecessors left. On the first violation it returns the
// error (wrapped with the event's index) and the zero Incident. Replay of
// no events is the zero Incident.
func Replay(events []Event) (Incident, error) {
	var s Incident
	for i, e := range events {
		if err := Check(s, e); err != nil {
			return Incident{}, fmt.Errorf("incident: replaying event %d: %w", i, err)
		}
		s = Evolve(s, e)
	}
	return s, nil
}

// Check reports whether e may follow state: it names state's incident, is
// not dated before state's latest event, and applies in state's status.
func Check(state Incident, e Event) error {
	if e == nil {
		return fmt.Errorf("%w: nil event", ErrTransition)
	}
	m := e.Metadata()
	if err := checkMeta(m); err != nil {
		return err
	}
	if state.Status != 0 && m.Incident != state.ID {
		return fmt.Errorf("%w: %q, not %q", ErrWrongIncident, m.Incident, state.ID)
	}
	if m.At.Before(state.UpdatedAt) {
		return ErrTimeBackwards
	}
	op := e.op()
	if !allowed(op, state.Status) {
		return &TransitionError{From: state.Status, Op: op}
	}
	return nil
}
