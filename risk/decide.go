package risk

import (
	"fmt"
	"slices"
	"time"
)

// Transition is one row of the transition table: the stages a command is
// allowed in and the stage it leads to.
type Transition struct {
	Command string
	From    []Stage
	// To is the stage after the command; 0 means the stage is unchanged.
	To Stage
}

var open = []Stage{StageIdentified, StageAssessed, StageAlerted, StageUnderManagement, StageRemediated}

// transitions is the table Decide enforces. Stage 0 is the state before
// the first event. Close is listed with the stages any reason allows;
// CloseFalsePositive is additionally allowed in every open stage.
var transitions = []Transition{
	{Command: "identify", From: []Stage{0}, To: StageIdentified},
	{Command: "assess", From: []Stage{StageIdentified, StageAssessed, StageAlerted, StageUnderManagement}},
	{Command: "issue_alert", From: []Stage{StageAssessed}, To: StageAlerted},
	{Command: "raise_alert", From: []Stage{StageAlerted, StageUnderManagement}},
	{Command: "lower_alert", From: []Stage{StageAlerted, StageUnderManagement}},
	{Command: "activate_plan", From: []Stage{StageAlerted}, To: StageUnderManagement},
	{Command: "complete_step", From: []Stage{StageUnderManagement}},
	{Command: "remediate", From: []Stage{StageUnderManagement}, To: StageRemediated},
	{Command: "close", From: []Stage{StageRemediated}, To: StageClosed},
	{Command: "reopen", From: []Stage{StageClosed}, To: StageIdentified},
	{Command: "accept", From: []Stage{StageAssessed, StageAlerted, StageUnderManagement, StageRemediated}},
	{Command: "revoke_acceptance", From: []Stage{StageAssessed, StageAlerted, StageUnderManagement, StageRemediated, StageClosed}},
	{Command: "review", From: open},
	{Command: "escalate", From: append(slices.Clip(open), StageClosed)},
}

// Transitions returns a copy of the transition table Decide enforces, for
// documentation and tests. Guards that depend on more than the stage
// (alert direction, approver, expiry, close reason, what is overdue) are
// described on the commands.
func Transitions() []Transition {
	out := make([]Transition, len(transitions))
	for i, t := range transitions {
		out[i] = Transition{Command: t.Command, From: slices.Clone(t.From), To: t.To}
	}
	return out
}

func transitionOf(command string) (Transition, bool) {
	for _, t := range transitions {
		if t.Command == command {
			return t, true
		}
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
func Decide(r Risk, c Command) ([]Event, error) {
	if c == nil {
		return nil, fmt.Errorf("%w: nil command", ErrTransition)
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	h := c.Head()
	if r.Stage != 0 && h.Risk != r.ID {
		return nil, fmt.Errorf("%w: %q is not %q", ErrWrongRisk, h.Risk, r.ID)
	}
	if h.At.Before(r.UpdatedAt) {
		return nil, fmt.Errorf("%w: %s before %s", ErrTimeOrder, h.At.Format("2006-01-02T15:04:05Z07:00"), r.UpdatedAt.Format("2006-01-02T15:04:05Z07:00"))
	}
	t, ok := transitionOf(c.CommandName())
	allowed := ok && slices.Contains(t.From, r.Stage)
	if cl, isClose := c.(Close); isClose && cl.Reason == CloseFalsePositive && slices.Contains(open, r.Stage) {
		allowed = true
	}
	if !allowed {
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
		return fmt.Errorf("%w: %s %q due %s", ErrAlreadyEscalated, c.Kind, c.Key, c.Due.Format("2006-01-02T15:04:05Z07:00"))
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
