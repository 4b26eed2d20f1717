package risk

// Event is a typed domain event of a risk: what Decide returns and Evolve
// applies. Each event carries the data of the command that caused it, so
// its fields are those of the command of the same meaning (Identified has
// the fields of Identify). The set is closed; Events lists one of each.
type Event interface {
	// Head returns the event's header.
	Head() Header
	// EventName returns the lower_snake name used in the envelope type
	// "grassroots.risk.<name>.v1".
	EventName() string
	// command returns the command that, decided against the state before
	// the event, yields exactly this event; Replay uses it to check
	// history.
	command() Command
}

type (
	// Identified records a newly identified risk.
	Identified Identify
	// Assessed records an assessment.
	Assessed Assess
	// AlertIssued records the first alert.
	AlertIssued IssueAlert
	// AlertRaised records a more severe alert.
	AlertRaised RaiseAlert
	// AlertLowered records a less severe alert.
	AlertLowered LowerAlert
	// PlanActivated records a contingency plan put into effect.
	PlanActivated ActivatePlan
	// StepCompleted records a completed plan step.
	StepCompleted CompleteStep
	// Remediated records impact, accountability and lessons.
	Remediated Remediate
	// Closed records the closing of a risk.
	Closed Close
	// Reopened records the reopening of a closed risk.
	Reopened Reopen
	// Accepted records an acceptance.
	Accepted Accept
	// AcceptanceRevoked records the revocation of an acceptance.
	AcceptanceRevoked RevokeAcceptance
	// Reviewed records a review.
	Reviewed Review
	// Escalated records an escalation.
	Escalated Escalate
)

// EventName returns "identified".
func (Identified) EventName() string { return "identified" }

// EventName returns "assessed".
func (Assessed) EventName() string { return "assessed" }

// EventName returns "alert_issued".
func (AlertIssued) EventName() string { return "alert_issued" }

// EventName returns "alert_raised".
func (AlertRaised) EventName() string { return "alert_raised" }

// EventName returns "alert_lowered".
func (AlertLowered) EventName() string { return "alert_lowered" }

// EventName returns "plan_activated".
func (PlanActivated) EventName() string { return "plan_activated" }

// EventName returns "step_completed".
func (StepCompleted) EventName() string { return "step_completed" }

// EventName returns "remediated".
func (Remediated) EventName() string { return "remediated" }

// EventName returns "closed".
func (Closed) EventName() string { return "closed" }

// EventName returns "reopened".
func (Reopened) EventName() string { return "reopened" }

// EventName returns "accepted".
func (Accepted) EventName() string { return "accepted" }

// EventName returns "acceptance_revoked".
func (AcceptanceRevoked) EventName() string { return "acceptance_revoked" }

// EventName returns "reviewed".
func (Reviewed) EventName() string { return "reviewed" }

// EventName returns "escalated".
func (Escalated) EventName() string { return "escalated" }

func (e Identified) command() Command        { return Identify(e) }
func (e Assessed) command() Command          { return Assess(e) }
func (e AlertIssued) command() Command       { return IssueAlert(e) }
func (e AlertRaised) command() Command       { return RaiseAlert(e) }
func (e AlertLowered) command() Command      { return LowerAlert(e) }
func (e PlanActivated) command() Command     { return ActivatePlan(e) }
func (e StepCompleted) command() Command     { return CompleteStep(e) }
func (e Remediated) command() Command        { return Remediate(e) }
func (e Closed) command() Command            { return Close(e) }
func (e Reopened) command() Command          { return Reopen(e) }
func (e Accepted) command() Command          { return Accept(e) }
func (e AcceptanceRevoked) command() Command { return RevokeAcceptance(e) }
func (e Reviewed) command() Command          { return Review(e) }
func (e Escalated) command() Command         { return Escalate(e) }

// Events returns a zero value of every event type, for tests and decoders
// that range over all of them.
func Events() []Event {
	return []Event{
		Identified{}, Assessed{}, AlertIssued{}, AlertRaised{}, AlertLowered{},
		PlanActivated{}, StepCompleted{}, Remediated{}, Closed{}, Reopened{},
		Accepted{}, AcceptanceRevoked{}, Reviewed{}, Escalated{},
	}
}
