package risk

import (
	"fmt"
	"slices"
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/nilvalue"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// lifecycle names the package in transition errors.
const lifecycle = "risk"

var (
	openStages = []Stage{StageIdentified, StageAssessed, StageAlerted, StageUnderManagement, StageRemediated}
	// acceptStages are the stages in which a risk can be accepted: rated,
	// and not yet closed.
	acceptStages = []Stage{StageAssessed, StageAlerted, StageUnderManagement, StageRemediated}
	// allStages are the stages of an existing risk.
	allStages = append(slices.Clip(openStages), StageClosed)
)

// table is the risk chain's transition table, the one place a transition
// is written: each row is a command, the event it causes, the stages it is
// allowed in (none: before the risk exists) and the stage it leads to (0:
// the stage does not change). What the stage alone does not decide is a
// guard, checked by Decide and again by Evolve: the direction of an alert
// change, the step of the plan, the acceptance in effect for a close as
// accepted or a revocation, the approver of an acceptance, and whether an
// escalation is due.
//
// A false positive is closed from any open stage, every other reason only
// from StageRemediated. That is two events, dismissed and closed, with
// rows of their own, so the table alone says where each is allowed and no
// guard on the close reason moves a transition out of it.
var table = grassroots.Transitions[Stage]{
	{Command: "identify", Event: "identified", To: StageIdentified},
	{Command: "assess", Event: "assessed", From: []Stage{StageIdentified}, To: StageAssessed},
	{Command: "assess", Event: "assessed", From: []Stage{StageAssessed, StageAlerted, StageUnderManagement}},
	{Command: "issue_alert", Event: "alert_issued", From: []Stage{StageAssessed}, To: StageAlerted},
	{Command: "raise_alert", Event: "alert_raised", From: []Stage{StageAlerted, StageUnderManagement}},
	{Command: "lower_alert", Event: "alert_lowered", From: []Stage{StageAlerted, StageUnderManagement}},
	{Command: "activate_plan", Event: "plan_activated", From: []Stage{StageAlerted}, To: StageUnderManagement},
	{Command: "complete_step", Event: "step_completed", From: []Stage{StageUnderManagement}},
	{Command: "remediate", Event: "remediated", From: []Stage{StageUnderManagement}, To: StageRemediated},
	{Command: "close", Event: "closed", From: []Stage{StageRemediated}, To: StageClosed},
	{Command: "dismiss", Event: "dismissed", From: openStages, To: StageClosed},
	{Command: "reopen", Event: "reopened", From: []Stage{StageClosed}, To: StageIdentified},
	{Command: "accept", Event: "accepted", From: acceptStages},
	{Command: "revoke_acceptance", Event: "acceptance_revoked", From: append(slices.Clip(acceptStages), StageClosed)},
	{Command: "review", Event: "reviewed", From: openStages},
	{Command: "escalate", Event: "escalated", From: allStages},
}

// Transitions returns a copy of the transition table Decide and Evolve
// follow, for documentation and tests; its DOT method draws the chain.
func Transitions() grassroots.Transitions[Stage] {
	out := slices.Clone(table)
	for i := range out {
		out[i].From = slices.Clone(out[i].From)
	}
	return out
}

// Decider decides and applies risk commands: the risk chain as the SDK's
// one lifecycle contract (grassroots.Decider). It needs no configuration;
// its zero value is ready and safe for concurrent use.
type Decider struct{}

var _ grassroots.Decider[Risk, Command, Event] = (*Decider)(nil)

// Decide checks command c against state r and returns the events it
// causes, or an error and no events. It checks, in order: the Meta and the
// command's fields (*grassroots.ValidationError), that the command
// addresses r (ErrWrongRisk), whether r has applied the command's ID
// before (a repeat returns no events and no error; another command with
// the ID is a *grassroots.CommandConflictError), that it is not dated
// before r's last event (ErrTimeOrder), that r's stage allows it
// (*grassroots.TransitionError), and the command's guards (the errors
// named on each command). Decide never changes r.
//
// Roles are not checked: who may issue which command is the caller's
// policy. The one rule of rights Decide enforces is separation of duties:
// the approver of an acceptance is not the risk's owner.
func (Decider) Decide(r Risk, c Command) ([]Event, error) {
	if nilvalue.Is(c) {
		return nil, grassroots.NewValidationError(grassroots.FieldError{Rule: grassroots.RuleRequired, Message: "a command is required"})
	}
	m := c.Metadata()
	var p validate.Problems
	p.Nest("", m.Validate())
	actorText(&p, "actor", m.Actor)
	p.Nest("", c.Validate())
	if err := p.Err(); err != nil {
		return nil, err
	}
	if err := r.addresses(m); err != nil {
		return nil, err
	}
	if repeat, err := r.log.Check(m, c.CommandName()); err != nil || repeat {
		return nil, err
	}
	if err := r.follows(m); err != nil {
		return nil, err
	}
	if err := table.Allows(lifecycle, r.Stage, c.CommandName()); err != nil {
		return nil, err
	}
	e := c.event()
	if err := guard(&r, e); err != nil {
		return nil, err
	}
	return []Event{e}, nil
}

// addresses checks that m names r (any ID before the risk exists).
func (r *Risk) addresses(m grassroots.Meta) error {
	if r.Stage != 0 && m.AggregateID != r.ID {
		return fmt.Errorf("%w: %q is not risk %q", ErrWrongRisk, m.AggregateID, r.ID)
	}
	return nil
}

// follows checks that m is not dated before r's last event.
func (r *Risk) follows(m grassroots.Meta) error {
	if m.At.Before(r.UpdatedAt) {
		return fmt.Errorf("%w: %s is before %s", ErrTimeOrder, m.At.Format(time.RFC3339Nano), r.UpdatedAt.Format(time.RFC3339Nano))
	}
	return nil
}

// guard checks what the stage alone does not decide, on the event a
// command causes; Decide and Evolve both ask it, so Evolve refuses what
// Decide would not have produced.
func guard(r *Risk, e Event) error {
	switch e := e.(type) {
	case AlertRaised:
		if !e.Level.Above(r.Alert) {
			return &AlertError{Raise: true, Current: r.Alert, Requested: e.Level}
		}
	case AlertLowered:
		if !r.Alert.Above(e.Level) {
			return &AlertError{Current: r.Alert, Requested: e.Level}
		}
	case StepCompleted:
		return r.checkStep(e.Step)
	case Closed:
		if e.Reason == CloseAccepted {
			return r.acceptanceInEffect(e.At, "closing as accepted")
		}
	case Accepted:
		if e.Actor.ID == r.Owner.ID {
			return &ApproverError{Owner: r.Owner.ID}
		}
		if !e.Expires.After(e.At) {
			return fmt.Errorf("%w: it expires %s, given %s", ErrExpiryNotFuture, e.Expires.Format(time.RFC3339), e.At.Format(time.RFC3339))
		}
	case AcceptanceRevoked:
		return r.acceptanceInEffect(e.At, "revoking")
	case Escalated:
		return r.checkEscalation(Escalate(e))
	}
	return nil
}

func (r *Risk) checkStep(id string) error {
	if r.Plan == nil {
		return &StepError{Step: id, NoPlan: true}
	}
	i := r.stepIndex(id)
	if i < 0 {
		return &StepError{Step: id, Open: r.openSteps()}
	}
	if done := r.Plan.Steps[i].Completed; !done.IsZero() {
		return &StepError{Step: id, Completed: done, Open: r.openSteps()}
	}
	return nil
}

// acceptanceInEffect reports ErrNoAcceptance, saying why, unless an
// acceptance is in effect at at.
func (r *Risk) acceptanceInEffect(at time.Time, doing string) error {
	a := r.Acceptance
	switch {
	case a.InEffect(at):
		return nil
	case a == nil:
		return fmt.Errorf("%w: %s needs an acceptance in effect; the risk has none", ErrNoAcceptance, doing)
	case !a.Revoked.IsZero() && !at.Before(a.Revoked):
		return fmt.Errorf("%w: %s needs an acceptance in effect; the acceptance was revoked at %s", ErrNoAcceptance, doing, a.Revoked.Format(time.RFC3339))
	case !at.Before(a.Expires):
		return fmt.Errorf("%w: %s needs an acceptance in effect; the acceptance expired at %s", ErrNoAcceptance, doing, a.Expires.Format(time.RFC3339))
	}
	return fmt.Errorf("%w: %s needs an acceptance in effect; the acceptance takes effect at %s", ErrNoAcceptance, doing, a.Given.Format(time.RFC3339))
}

// checkEscalation accepts an escalation of a matter that r has open, with
// the deadline named, overdue at the escalation's time and not escalated
// before.
func (r *Risk) checkEscalation(c Escalate) error {
	e := &EscalationError{Kind: c.Kind, Key: c.Key, Due: c.Due, At: c.At}
	if prev, ok := r.escalation(c.Kind, c.Key, c.Due); ok {
		e.Escalated = prev.At
		return e
	}
	deadline, ok := r.deadline(c.Kind, c.Key)
	if !ok {
		if c.Kind == EscalationStep {
			e.Open = r.openSteps()
		}
		return e
	}
	e.Deadline = deadline
	if !deadline.Equal(c.Due) || !overdue(c.Kind, deadline, c.At) {
		return e
	}
	return nil
}

// deadline returns the deadline of the matter named by kind and key that r
// has open: an uncompleted step of the active plan, the scheduled review
// of a risk not closed, an acceptance not revoked of a risk not closed or
// closed as accepted.
func (r *Risk) deadline(kind EscalationKind, key string) (time.Time, bool) {
	switch kind {
	case EscalationStep:
		if i := r.stepIndex(key); r.Stage != StageClosed && i >= 0 && r.Plan.Steps[i].Completed.IsZero() {
			return r.Plan.Steps[i].Due, true
		}
	case EscalationReview:
		if r.Stage != StageClosed && !r.NextReview.IsZero() && key == "" {
			return r.NextReview, true
		}
	case EscalationAcceptance:
		a := r.Acceptance
		if a != nil && a.Revoked.IsZero() && key == "" && (r.Stage != StageClosed || r.CloseReason == CloseAccepted) {
			return a.Expires, true
		}
	}
	return time.Time{}, false
}

// overdue reports whether a matter of kind with deadline due is overdue at
// now: a step or a review strictly after its deadline; an acceptance from
// its expiry on, because it stops being in effect then.
func overdue(kind EscalationKind, due, now time.Time) bool {
	if kind == EscalationAcceptance {
		return !now.Before(due)
	}
	return now.After(due)
}
