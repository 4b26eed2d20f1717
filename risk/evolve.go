package risk

import (
	"fmt"
	"slices"
)

// Evolve applies one event to r and returns the new state. It trusts the
// event: apply only events that Decide returned for r, or use Replay,
// which checks. Evolve never writes into r's slices, so r stays valid.
func Evolve(r Risk, e Event) Risk {
	if e == nil {
		return r
	}
	h := e.Head()
	t, moves := transition(e.command(), r.Stage)
	switch e := e.(type) {
	case Identified:
		r = Risk{
			ID: h.Risk, Category: e.Category, Title: e.Title, Subject: e.Subject,
			Source: e.Source, Hit: e.Hit, Owner: e.Owner, NextReview: e.NextReview,
			IdentifiedAt: h.At,
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
		if i := r.stepIndex(e.Step); i >= 0 {
			steps := slices.Clone(r.Plan.Steps)
			steps[i].Completed = h.At
			r.Plan = &Plan{Template: r.Plan.Template, Steps: steps}
		}
		r.Actions = append(slices.Clip(r.Actions), Action{Step: e.Step, By: h.By, At: h.At, Note: e.Note})
	case Remediated:
		impact := e.Impact
		r.Impact = &impact
		r.Accountability = append(slices.Clip(r.Accountability), e.Accountability...)
		r.Lessons = append(slices.Clip(r.Lessons), e.Lessons...)
	case Closed:
		r.CloseReason = e.Reason
	case Reopened:
		r.Reopened++
		r.Alert = 0
		r.Plan = nil
		r.CloseReason = 0
	case Accepted:
		r.Acceptance = &Acceptance{Approver: h.By, Justification: e.Justification, Given: h.At, Expires: e.Expires}
	case AcceptanceRevoked:
		if r.Acceptance != nil {
			a := *r.Acceptance
			a.Revoked = h.At
			r.Acceptance = &a
		}
	case Reviewed:
		r.LastReview = h.At
		r.NextReview = e.NextReview
	case Escalated:
		r.Escalations = append(slices.Clip(r.Escalations), Escalation{Kind: e.Kind, Key: e.Key, Due: e.Due, At: h.At})
	default:
		return r
	}
	if moves {
		r.Stage = t.To
	}
	r.UpdatedAt = h.At
	r.Version++
	return r
}

// Replay folds events into a risk, checking each against the state before
// it exactly as Decide would check the command it records: the first event
// must be Identified, all must concern one risk, in time order, each
// allowed where it stands. The first failing event gives an error that
// matches ErrReplay and the cause, with the index.
func Replay(events []Event) (Risk, error) {
	var r Risk
	for i, e := range events {
		if e == nil {
			return Risk{}, fmt.Errorf("%w: event %d is nil", ErrReplay, i)
		}
		if _, err := Decide(r, e.command()); err != nil {
			return Risk{}, fmt.Errorf("%w: event %d (%s): %w", ErrReplay, i, e.EventName(), err)
		}
		r = Evolve(r, e)
	}
	return r, nil
}
