package risk

import (
	"fmt"
	"slices"
	"time"

	"github.com/grassrootsgov/grassroots"
)

// Transition is one row of the transition table: Command is allowed in
// stage From and leaves the risk in stage To (To == From when the command
// does not move the risk along the chain). From is 0, and omitted in JSON,
// for the state before the first event.
type Transition struct {
	Command string `json:"command"`
	From    Stage  `json:"from,omitzero"`
	To      Stage  `json:"to"`
}

var openStages = []Stage{StageIdentified, StageAssessed, StageAlerted, StageUnderManagement, StageRemediated}

// transitions is the table Decide enforces. Stage 0 is the state before
// the first event. The close rows hold for every reason; a close with
// CloseFalsePositive is additionally allowed in every open stage.
var transitions = buildTransitions()

func buildTransitions() []Transition {
	var t []Transition
	row := func(cmd string, to Stage, from ...Stage) {
		for _, f := range from {
			next := to
			if next == 0 {
				next = f
			}
			t = append(t, Transition{Command: cmd, From: f, To: next})
		}
	}
	row("identify", StageIdentified, 0)
	row("assess", StageAssessed, StageIdentified)
	row("assess", 0, StageAssessed, StageAlerted, StageUnderManagement)
	row("issue_alert", StageAlerted, StageAssessed)
	row("raise_alert", 0, StageAlerted, StageUnderManagement)
	row("lower_alert", 0, StageAlerted, StageUnderManagement)
	row("activate_plan", StageUnderManagement, StageAlerted)
	row("complete_step", 0, StageUnderManagement)
	row("remediate", StageRemediated, StageUnderManagement)
	row("close", StageClosed, StageRemediated)
	row("reopen", StageIdentified, StageClosed)
	row("accept", 0, StageAssessed, StageAlerted, StageUnderManagement, StageRemediated)
	row("revoke_acceptance", 0, StageAssessed, StageAlerted, StageUnderManagement, StageRemediated, StageClosed)
	row("review", 0, openStages...)
	row("escalate", 0, append(slices.Clip(openStages), StageClosed)...)
	return t
}

// Transitions returns a copy of the transition table Decide enforces, for
// documentation and tests. Guards that depend on more than the stage
// (alert direction, approver, expiry, close reason, what is overdue) are
// described on the commands.
func Transitions() []Transition { return slices.Clone(transitions) }

// transition returns the row for a command in a stage. A close as false
// positive is allowed in every open stage.
func transition(c Command, from Stage) (Transition, bool) {
	name := c.CommandName()
	for _, t := range transitions {
		if t.Command == name && t.From == from {
			return t, true
		}
	}
	if cl, ok := c.(Close); ok && cl.Reason == CloseFalsePositive && slices.Contains(openStages, from) {
		return Transition{Command: name, From: from, To: StageClosed}, true
	}
	return Transition{}, false
}

// Decide checks command c against state r and returns the events it
// causes, or an error and no events. It checks, in order: the command's
// own fields (*grassroots.ValidationError), that it addresses r
// (ErrWrongRisk), that it is not dated before r's last event
// (ErrTimeOrder), that r's stage allows it (*TransitionError), and the
// command's guards (the sentinels named on each command). Decide never
// changes r.
//
// Roles are not checked: who may issue which command is the caller's
// policy. The one rule of rights Decide enforces is separation of duties:
// the approver of an acceptance is not the risk's owner.
func Decide(r Risk, c Command) ([]Event, error) {
	if c == nil {
		return nil, grassroots.NewValidationError(grassroots.FieldError{Rule: "required", Message: "command is required"})
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	h := c.Head()
	if r.Stage != 0 && h.Risk != r.ID {
		return nil, fmt.Errorf("%w: %q is not %q", ErrWrongRisk, h.Risk, r.ID)
	}
	if h.At.Before(r.UpdatedAt) {
		return nil, fmt.Errorf("%w: %s before %s", ErrTimeOrder, h.At.Format(time.RFC3339), r.UpdatedAt.Format(time.RFC3339))
	}
	if _, ok := transition(c, r.Stage); !ok {
		return nil, &TransitionError{Stage: r.Stage, Command: c.CommandName()}
	}
	if err := guard(r, c); err != nil {
		return nil, err
	}
	e := eventOf(c)
	if e == nil {
		return nil, &TransitionError{Stage: r.Stage, Command: c.CommandName()}
	}
	return []Event{e}, nil
}

// guard checks what the stage alone does not decide.
func guard(r Risk, c Command) error {
	switch c := c.(type) {
	case RaiseAlert:
		if !c.Level.Above(r.Alert) {
			return fmt.Errorf("%w: %s is not above %s", ErrAlertNotHigher, c.Level, r.Alert)
		}
	case LowerAlert:
		if !r.Alert.Above(c.Level) {
			return fmt.Errorf("%w: %s is not below %s", ErrAlertNotLower, c.Level, r.Alert)
		}
	case CompleteStep:
		i := r.stepIndex(c.Step)
		if i < 0 {
			return fmt.Errorf("%w: %q", ErrUnknownStep, c.Step)
		}
		if !r.Plan.Steps[i].Completed.IsZero() {
			return fmt.Errorf("%w: %q", ErrStepCompleted, c.Step)
		}
	case Close:
		if c.Reason == CloseAccepted && !r.Acceptance.InEffect(c.At) {
			return fmt.Errorf("%w: closing as accepted", ErrNoAcceptance)
		}
	case Accept:
		if c.By.ID == r.Owner.ID {
			return ErrApproverIsOwner
		}
		if !c.Expires.After(c.At) {
			return ErrExpiryNotFuture
		}
	case RevokeAcceptance:
		if !r.Acceptance.InEffect(c.At) {
			return ErrNoAcceptance
		}
	case Escalate:
		return guardEscalate(r, c)
	}
	return nil
}

func guardEscalate(r Risk, c Escalate) error {
	if r.escalated(c.Kind, c.Key, c.Due) {
		return fmt.Errorf("%w: %s %q due %s", ErrAlreadyEscalated, c.Kind, c.Key, c.Due.Format(time.RFC3339))
	}
	if !overdue(r, c.Kind, c.Key, c.Due, c.At) {
		return fmt.Errorf("%w: %s %q", ErrNotDue, c.Kind, c.Key)
	}
	return nil
}

// overdue reports whether the matter named by kind, key and due is overdue
// at now. A step or a review is overdue strictly after its deadline; an
// acceptance from its expiry on, because it stops being in effect then.
func overdue(r Risk, kind EscalationKind, key string, due, now time.Time) bool {
	switch kind {
	case EscalationStep:
		if r.Stage == StageClosed {
			return false
		}
		i := r.stepIndex(key)
		return i >= 0 && r.Plan.Steps[i].Completed.IsZero() && r.Plan.Steps[i].Due.Equal(due) && now.After(due)
	case EscalationReview:
		return r.Stage != StageClosed && !r.NextReview.IsZero() && r.NextReview.Equal(due) && now.After(due)
	case EscalationAcceptance:
		a := r.Acceptance
		if a == nil || !a.Expires.Equal(due) || !a.Revoked.IsZero() || now.Before(due) || key != "" {
			return false
		}
		return r.Stage != StageClosed || r.CloseReason == CloseAccepted
	}
	return false
}

// eventOf returns the event a permitted command causes.
func eventOf(c Command) Event {
	switch c := c.(type) {
	case Identify:
		return Identified(c)
	case Assess:
		return Assessed(c)
	case IssueAlert:
		return AlertIssued(c)
	case RaiseAlert:
		return AlertRaised(c)
	case LowerAlert:
		return AlertLowered(c)
	case ActivatePlan:
		return PlanActivated(c)
	case CompleteStep:
		return StepCompleted(c)
	case Remediate:
		return Remediated(c)
	case Close:
		return Closed(c)
	case Reopen:
		return Reopened(c)
	case Accept:
		return Accepted(c)
	case RevokeAcceptance:
		return AcceptanceRevoked(c)
	case Review:
		return Reviewed(c)
	case Escalate:
		return Escalated(c)
	}
	return nil
}
