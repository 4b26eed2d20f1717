package risk

import "github.com/grassrootsgov/grassroots"

// Event is a typed domain event of a risk: what Decider.Decide returns and
// Decider.Evolve applies. Each event carries the data of the command that
// caused it, Meta included, so its fields are those of the command of the
// same meaning (Identified has the fields of Identify) and its JSON is the
// command's. The set is closed; Codec lists every type.
type Event interface {
	grassroots.DomainEvent
	// Validate reports every problem with the event's own fields, as the
	// command's Validate does; Codec calls it on decode.
	Validate() error
	isEvent()
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
	// Closed records the closing of a remediated risk.
	Closed Close
	// Dismissed records the closing of a false positive.
	Dismissed Dismiss
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

// Codec converts risk events to and from hash-chained grassroots.Event
// envelopes of type "grassroots.risk.<name>.v1", subject the risk's ID,
// data the event's JSON: Codec.Seal(prev, source, events) seals what
// Decide returned after the risk's last envelope, Codec.Events(envs)
// verifies and decodes a stored chain, and
// grassroots.ReplayEnvelopes(Decider{}, Codec, envs) rebuilds the state.
// Envelope IDs are grassroots.EventID of the risk, command and index, so
// sealing the same events again gives the same IDs.
var Codec = mustCodec(grassroots.NewCodec[Event]("risk",
	Identified{}, Assessed{}, AlertIssued{}, AlertRaised{}, AlertLowered{},
	PlanActivated{}, StepCompleted{}, Remediated{}, Closed{}, Dismissed{},
	Reopened{}, Accepted{}, AcceptanceRevoked{}, Reviewed{}, Escalated{},
))

// mustCodec panics when the codec literal above is wrong, which every test
// that loads the package finds.
func mustCodec(c *grassroots.Codec[Event], err error) *grassroots.Codec[Event] {
	if err != nil {
		panic(err)
	}
	return c
}

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

// EventName returns "dismissed".
func (Dismissed) EventName() string { return "dismissed" }

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

// Validate reports every problem with e's fields, as Identify.Validate.
func (e Identified) Validate() error { return Identify(e).Validate() }

// Validate reports every problem with e's fields, as Assess.Validate.
func (e Assessed) Validate() error { return Assess(e).Validate() }

// Validate reports every problem with e's fields, as IssueAlert.Validate.
func (e AlertIssued) Validate() error { return IssueAlert(e).Validate() }

// Validate reports every problem with e's fields, as RaiseAlert.Validate.
func (e AlertRaised) Validate() error { return RaiseAlert(e).Validate() }

// Validate reports every problem with e's fields, as LowerAlert.Validate.
func (e AlertLowered) Validate() error { return LowerAlert(e).Validate() }

// Validate reports every problem with e's fields, as ActivatePlan.Validate.
func (e PlanActivated) Validate() error { return ActivatePlan(e).Validate() }

// Validate reports every problem with e's fields, as CompleteStep.Validate.
func (e StepCompleted) Validate() error { return CompleteStep(e).Validate() }

// Validate reports every problem with e's fields, as Remediate.Validate.
func (e Remediated) Validate() error { return Remediate(e).Validate() }

// Validate reports every problem with e's fields, as Close.Validate.
func (e Closed) Validate() error { return Close(e).Validate() }

// Validate reports every problem with e's fields, as Dismiss.Validate.
func (e Dismissed) Validate() error { return Dismiss(e).Validate() }

// Validate reports every problem with e's fields, as Reopen.Validate.
func (e Reopened) Validate() error { return Reopen(e).Validate() }

// Validate reports every problem with e's fields, as Accept.Validate.
func (e Accepted) Validate() error { return Accept(e).Validate() }

// Validate reports every problem with e's fields, as
// RevokeAcceptance.Validate.
func (e AcceptanceRevoked) Validate() error { return RevokeAcceptance(e).Validate() }

// Validate reports every problem with e's fields, as Review.Validate.
func (e Reviewed) Validate() error { return Review(e).Validate() }

// Validate reports every problem with e's fields, as Escalate.Validate.
func (e Escalated) Validate() error { return Escalate(e).Validate() }

func (Identified) isEvent()        {}
func (Assessed) isEvent()          {}
func (AlertIssued) isEvent()       {}
func (AlertRaised) isEvent()       {}
func (AlertLowered) isEvent()      {}
func (PlanActivated) isEvent()     {}
func (StepCompleted) isEvent()     {}
func (Remediated) isEvent()        {}
func (Closed) isEvent()            {}
func (Dismissed) isEvent()         {}
func (Reopened) isEvent()          {}
func (Accepted) isEvent()          {}
func (AcceptanceRevoked) isEvent() {}
func (Reviewed) isEvent()          {}
func (Escalated) isEvent()         {}
