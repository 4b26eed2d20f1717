package risk

import (
	"slices"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/nilvalue"
)

// Evolve applies one event to r and returns the new state, or r unchanged
// and an error for an event Decide could not have produced from r: a nil
// event or one with an invalid Meta (*grassroots.ValidationError), an
// event of another risk (ErrWrongRisk), one dated before r's last event
// (ErrTimeOrder), one the transition table does not allow in r's stage
// (*grassroots.TransitionError), one that fails a guard Decide checks (the
// same errors Decide returns), and a repeat of an applied command's event
// (grassroots.ErrDuplicateEvent, or a *grassroots.CommandConflictError
// for another command under a used ID).
//
// Evolve does not check the event's own fields again: Decide checked them
// on the command and Codec checks them on every decoded envelope. It never
// writes into r's slices, so r stays valid.
func (Decider) Evolve(r Risk, e Event) (Risk, error) {
	if nilvalue.Is(e) {
		return r, grassroots.NewValidationError(grassroots.FieldError{Rule: grassroots.RuleRequired, Message: "an event is required"})
	}
	m := e.Metadata()
	if err := m.Validate(); err != nil {
		return r, err
	}
	if err := r.addresses(m); err != nil {
		return r, err
	}
	if err := r.follows(m); err != nil {
		return r, err
	}
	to, command, err := table.Next(lifecycle, r.Stage, e.EventName())
	if err != nil {
		return r, err
	}
	log, err := r.log.Add(m, command, e.EventName())
	if err != nil {
		return r, err
	}
	if err := guard(&r, e); err != nil {
		return r, err
	}
	// r is the caller's copy; nothing can fail from here on.
	apply(&r, e)
	r.Stage, r.UpdatedAt, r.log = to, m.At, log
	r.Version++
	return r, nil
}

// Replay folds events from the zero state with Evolve. It refuses any
// history Decide could not have produced, returning a
// *grassroots.ReplayError with the index of the first event refused and
// why.
func (d Decider) Replay(events []Event) (Risk, error) {
	return grassroots.Replay(d.Evolve, events)
}

// apply records what e says in *r; the stage comes from the table.
func apply(r *Risk, e Event) {
	m := e.Metadata()
	switch e := e.(type) {
	case Identified:
		*r = Risk{
			ID: m.AggregateID, Category: e.Category, Title: e.Title, Subject: e.Subject,
			Source: e.Source, Hit: e.Hit, Owner: e.Owner, NextReview: e.NextReview,
			IdentifiedAt: m.At, Version: r.Version,
		}
	case Assessed:
		a := e.Assessment
		r.Assessment = &a
	case AlertIssued:
		r.Alert = e.Level
	case AlertRaised:
		r.Alert = e.Level
	case AlertLowered:
		r.Alert = e.Level
	case PlanActivated:
		r.Plan = &Plan{Template: e.Plan.Template, Steps: slices.Clone(e.Plan.Steps)}
	case StepCompleted:
		i := r.stepIndex(e.Step)
		steps := slices.Clone(r.Plan.Steps)
		steps[i].Completed = m.At
		r.Plan = &Plan{Template: r.Plan.Template, Steps: steps}
		r.Actions = append(slices.Clip(r.Actions), Action{Step: e.Step, By: m.Actor, At: m.At, Note: e.Note})
	case Remediated:
		impact := e.Impact
		r.Impact = &impact
		r.Accountability = append(slices.Clip(r.Accountability), e.Accountability...)
		r.Lessons = append(slices.Clip(r.Lessons), e.Lessons...)
	case Closed:
		r.CloseReason = e.Reason
	case Dismissed:
		r.CloseReason = CloseFalsePositive
	case Reopened:
		r.Reopened++
		r.Alert = 0
		r.Plan = nil
		r.CloseReason = 0
	case Accepted:
		r.Acceptance = &Acceptance{Approver: m.Actor, Justification: e.Justification, Given: m.At, Expires: e.Expires}
	case AcceptanceRevoked:
		a := *r.Acceptance
		a.Revoked = m.At
		r.Acceptance = &a
	case Reviewed:
		r.LastReview = m.At
		r.NextReview = e.NextReview
	case Escalated:
		r.Escalations = append(slices.Clip(r.Escalations), Escalation{Kind: e.Kind, Key: e.Key, Due: e.Due, At: m.At})
	}
}
