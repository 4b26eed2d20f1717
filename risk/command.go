package risk

import (
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/enum"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// Command is a request to change a risk, decided by Decider.Decide. Every
// command embeds grassroots.Meta: aggregate_id is the risk's ID (Identify
// sets it, every later command repeats it), command_id its idempotency
// key, actor who issues it and at when it takes effect.
//
// The set of commands is closed: Identify, Assess, IssueAlert, RaiseAlert,
// LowerAlert, ActivatePlan, CompleteStep, Remediate, Close, Dismiss,
// Reopen, Accept, RevokeAcceptance, Review and Escalate.
type Command interface {
	grassroots.Command
	// Validate reports every problem with the command's own fields; the
	// Meta is checked by its own Validate.
	Validate() error
	// event returns the event the command causes when Decide accepts it.
	event() Event
}

// required returns a RuleRequired problem at path when value is empty.
func required(path, value string) []grassroots.FieldError {
	if value != "" {
		return nil
	}
	return []grassroots.FieldError{{Path: path, Rule: grassroots.RuleRequired, Message: path + " is required"}}
}

// after records a RuleOrder problem at path unless t is zero or after at.
func after(p *validate.Problems, path string, t, at time.Time) {
	if !t.IsZero() && !t.After(at) {
		p.Addf(path, grassroots.RuleOrder, "%s must be after at (%s)", path, at.Format(time.RFC3339))
	}
}

// Identify records a newly identified risk. Its aggregate_id becomes the
// risk's ID.
type Identify struct {
	grassroots.Meta `validate:"-"`
	Category        Category         `json:"category"`
	Title           string           `json:"title" validate:"required"`
	Subject         Subject          `json:"subject"`
	Source          Source           `json:"source"`
	Owner           grassroots.Actor `json:"owner" validate:"-"`
	// Hit is required when Source is SourceRuleHit and must concern
	// Subject.
	Hit *Hit `json:"hit,omitempty"`
	// NextReview optionally schedules the first review.
	NextReview time.Time `json:"next_review,omitzero"`
}

// CommandName returns "identify".
func (Identify) CommandName() string { return "identify" }

func (c Identify) event() Event { return Identified(c) }

// Validate reports every problem with c's fields: a malformed category,
// no title, an incomplete subject, an unknown source, an invalid owner, a
// rule-hit source without its hit, a hit about another subject or with
// evidence the wire cannot carry (such as a number with an exponent
// beyond ±10,000), and a first review not after at.
func (c Identify) Validate() error {
	var p validate.Problems
	p.Tags("", &c)
	if err := c.Category.Validate(); err != nil {
		p.Add("category", grassroots.RuleFormat, err.Error())
	}
	if !c.Subject.Kind.IsValid() {
		p.Add("subject.kind", grassroots.RuleEnum, subjectKindNames.Problem(c.Subject.Kind))
	}
	if !c.Source.IsValid() {
		p.Add("source", grassroots.RuleEnum, sourceNames.Problem(c.Source))
	}
	p.Nest("owner", c.Owner.Validate())
	actorText(&p, "owner", c.Owner)
	text(&p, "title", c.Title)
	text(&p, "subject.code", c.Subject.Code)
	if c.Source == SourceRuleHit && c.Hit == nil {
		p.Add("hit", grassroots.RuleRequired, "a rule_hit source needs the hit")
	}
	if c.Hit != nil {
		hitProblems(&p, "hit", c.Hit)
		if c.Hit.Subject != c.Subject {
			p.Addf("hit.subject", grassroots.RuleMismatch, "the hit is about %s, not the risk's subject %s", c.Hit.Subject, c.Subject)
		}
	}
	after(&p, "next_review", c.NextReview, c.At)
	wireTime(&p, "next_review", c.NextReview)
	return p.Err()
}

// Assess records an assessment. The first moves the risk to
// StageAssessed; later ones update it in place.
type Assess struct {
	grassroots.Meta `validate:"-"`
	Assessment      Assessment `json:"assessment" validate:"-"`
}

// CommandName returns "assess".
func (Assess) CommandName() string { return "assess" }

func (c Assess) event() Event { return Assessed(c) }

// Validate reports every problem with c's assessment.
func (c Assess) Validate() error {
	var p validate.Problems
	p.Nest("assessment", c.Assessment.Validate())
	text(&p, "assessment.method", c.Assessment.Method)
	for _, r := range []struct {
		path string
		r    Rating
	}{{"assessment.current", c.Assessment.Current}, {"assessment.residual", c.Assessment.Residual}} {
		wireInt(&p, r.path+".likelihood", int64(r.r.Likelihood))
		wireInt(&p, r.path+".impact", int64(r.r.Impact))
	}
	return p.Err()
}

func levelProblems(level AlertLevel, reason string) error {
	var p validate.Problems
	if !level.IsValid() {
		p.Add("level", grassroots.RuleEnum, alertLevelNames.Problem(level))
	}
	text(&p, "reason", reason)
	return p.Err()
}

// IssueAlert issues the first alert of an assessed risk.
type IssueAlert struct {
	grassroots.Meta `validate:"-"`
	Level           AlertLevel `json:"level"`
	Reason          string     `json:"reason,omitempty"`
}

// CommandName returns "issue_alert".
func (IssueAlert) CommandName() string { return "issue_alert" }

func (c IssueAlert) event() Event { return AlertIssued(c) }

// Validate reports an invalid level and a reason an envelope cannot carry.
func (c IssueAlert) Validate() error { return levelProblems(c.Level, c.Reason) }

// RaiseAlert raises the alert in force to a more severe level (an
// *AlertError otherwise).
type RaiseAlert struct {
	grassroots.Meta `validate:"-"`
	Level           AlertLevel `json:"level"`
	Reason          string     `json:"reason,omitempty"`
}

// CommandName returns "raise_alert".
func (RaiseAlert) CommandName() string { return "raise_alert" }

func (c RaiseAlert) event() Event { return AlertRaised(c) }

// Validate reports an invalid level and a reason an envelope cannot carry.
func (c RaiseAlert) Validate() error { return levelProblems(c.Level, c.Reason) }

// LowerAlert lowers the alert in force to a less severe level (an
// *AlertError otherwise). Ending an alert altogether is not a lowering:
// the alert stops being in force when the risk is remediated (see
// Risk.AlertInForce).
type LowerAlert struct {
	grassroots.Meta `validate:"-"`
	Level           AlertLevel `json:"level"`
	Reason          string     `json:"reason,omitempty"`
}

// CommandName returns "lower_alert".
func (LowerAlert) CommandName() string { return "lower_alert" }

func (c LowerAlert) event() Event { return AlertLowered(c) }

// Validate reports an invalid level and a reason an envelope cannot carry.
func (c LowerAlert) Validate() error { return levelProblems(c.Level, c.Reason) }

// ActivatePlan puts a contingency plan into effect.
type ActivatePlan struct {
	grassroots.Meta `validate:"-"`
	Plan            Plan `json:"plan"`
}

// CommandName returns "activate_plan".
func (ActivatePlan) CommandName() string { return "activate_plan" }

func (c ActivatePlan) event() Event { return PlanActivated(c) }

// Validate reports every problem with c: a plan without steps, steps
// without ID, role or deadline, repeated IDs, deadlines not after at,
// steps marked completed.
func (c ActivatePlan) Validate() error {
	var p validate.Problems
	p.Tags("", &c)
	text(&p, "plan.template", c.Plan.Template)
	for i, s := range c.Plan.Steps {
		path := grassroots.ElementPath("plan.steps", i)
		after(&p, path+".due", s.Due, c.At)
		wireTime(&p, path+".due", s.Due)
		text(&p, path+".title", s.Title)
		text(&p, path+".role", s.Role)
		if !s.Completed.IsZero() {
			p.Add(path+".completed", grassroots.RuleExcluded, "a new plan has no completed steps")
		}
	}
	return p.Err()
}

// CompleteStep marks a step of the active plan completed.
type CompleteStep struct {
	grassroots.Meta `validate:"-"`
	Step            string `json:"step" validate:"required"`
	Note            string `json:"note,omitempty"`
}

// CommandName returns "complete_step".
func (CompleteStep) CommandName() string { return "complete_step" }

func (c CompleteStep) event() Event { return StepCompleted(c) }

// Validate reports a missing step ID and text an envelope cannot carry.
func (c CompleteStep) Validate() error {
	var p validate.Problems
	p.Tags("", &c)
	text(&p, "step", c.Step)
	text(&p, "note", c.Note)
	return p.Err()
}

// Remediate records the impact assessment, the accountability findings and
// the lessons of a managed risk.
type Remediate struct {
	grassroots.Meta `validate:"-"`
	Impact          ImpactAssessment       `json:"impact"`
	Accountability  []AccountabilityRecord `json:"accountability" validate:"min=1,dive"`
	Lessons         []string               `json:"lessons,omitempty" validate:"dive,required"`
}

// CommandName returns "remediate".
func (Remediate) CommandName() string { return "remediate" }

func (c Remediate) event() Event { return Remediated(c) }

// Validate reports every problem with c: negative counts or loss, a loss
// written with an exponent beyond ±10,000, which no JSON carries
// (grassroots.RuleMax, or RuleFormat for a negative exponent), an
// invalid grade, no accountability record, records without a valid party,
// finding or measure, empty lessons.
func (c Remediate) Validate() error {
	var p validate.Problems
	p.Tags("", &c)
	if p.Tame("impact.financial_loss", c.Impact.FinancialLoss) && c.Impact.FinancialLoss.IsNegative() {
		p.Add("impact.financial_loss", grassroots.RuleMin, "financial_loss must not be negative")
	}
	if c.Impact.Grade != 0 && !c.Impact.Grade.IsValid() {
		p.Add("impact.grade", grassroots.RuleEnum, eventGradeNames.Problem(c.Impact.Grade))
	}
	wireInt(&p, "impact.residents_affected", c.Impact.ResidentsAffected)
	wireInt(&p, "impact.records_affected", c.Impact.RecordsAffected)
	text(&p, "impact.summary", c.Impact.Summary)
	for i, a := range c.Accountability {
		path := grassroots.ElementPath("accountability", i)
		if !a.Party.IsValid() {
			p.Add(path+".party", grassroots.RuleEnum, enum.PartyProblem(a.Party))
		}
		text(&p, path+".organization", a.Organization)
		text(&p, path+".finding", a.Finding)
		text(&p, path+".measure", a.Measure)
	}
	texts(&p, "lessons", c.Lessons)
	return p.Err()
}

// Close closes a remediated risk with a reason. CloseAccepted needs an
// acceptance in effect. A false positive is not closed but dismissed (see
// Dismiss), so CloseFalsePositive is not a reason Close takes.
type Close struct {
	grassroots.Meta `validate:"-"`
	Reason          CloseReason `json:"reason"`
	Note            string      `json:"note,omitempty"`
}

// CommandName returns "close".
func (Close) CommandName() string { return "close" }

func (c Close) event() Event { return Closed(c) }

// Validate reports an invalid reason, and CloseFalsePositive, which is
// Dismiss's.
func (c Close) Validate() error {
	var p validate.Problems
	switch {
	case !c.Reason.IsValid():
		p.Add("reason", grassroots.RuleEnum, closeReasonNames.Problem(c.Reason))
	case c.Reason == CloseFalsePositive:
		p.Add("reason", grassroots.RuleExcluded, "a false positive is dismissed, from any open stage, with the dismiss command, not closed")
	}
	text(&p, "note", c.Note)
	return p.Err()
}

// Dismiss closes a risk that turned out never to exist, from any open
// stage: it needs no remediation, and the closed risk's CloseReason is
// CloseFalsePositive.
type Dismiss struct {
	grassroots.Meta `validate:"-"`
	// Reason says why the risk is a false positive.
	Reason string `json:"reason" validate:"required"`
}

// CommandName returns "dismiss".
func (Dismiss) CommandName() string { return "dismiss" }

func (c Dismiss) event() Event { return Dismissed(c) }

// Validate reports a missing reason and one an envelope cannot carry.
func (c Dismiss) Validate() error { return reasonProblems(&c, c.Reason) }

// Reopen reopens a closed risk; it returns to StageIdentified and must be
// assessed again. The reopening is recorded and counted.
type Reopen struct {
	grassroots.Meta `validate:"-"`
	Reason          string `json:"reason" validate:"required"`
}

// CommandName returns "reopen".
func (Reopen) CommandName() string { return "reopen" }

func (c Reopen) event() Event { return Reopened(c) }

// Validate reports a missing reason and one an envelope cannot carry.
func (c Reopen) Validate() error { return reasonProblems(&c, c.Reason) }

// Accept records a decision to retain the risk until Expires. The actor is
// the approver, who must not be the risk's owner (an *ApproverError), and
// Expires must be after at (ErrExpiryNotFuture). A new acceptance
// supersedes the previous one.
type Accept struct {
	grassroots.Meta `validate:"-"`
	Justification   string    `json:"justification" validate:"required"`
	Expires         time.Time `json:"expires" validate:"required"`
}

// CommandName returns "accept".
func (Accept) CommandName() string { return "accept" }

func (c Accept) event() Event { return Accepted(c) }

// Validate reports a missing justification or expiry, and either one an
// envelope cannot carry.
func (c Accept) Validate() error {
	var p validate.Problems
	p.Tags("", &c)
	text(&p, "justification", c.Justification)
	wireTime(&p, "expires", c.Expires)
	return p.Err()
}

// reasonProblems checks the tags of c and its free-text reason.
func reasonProblems(c any, reason string) error {
	var p validate.Problems
	p.Tags("", c)
	text(&p, "reason", reason)
	return p.Err()
}

// RevokeAcceptance ends the acceptance in effect before it expires.
type RevokeAcceptance struct {
	grassroots.Meta `validate:"-"`
	Reason          string `json:"reason" validate:"required"`
}

// CommandName returns "revoke_acceptance".
func (RevokeAcceptance) CommandName() string { return "revoke_acceptance" }

func (c RevokeAcceptance) event() Event { return AcceptanceRevoked(c) }

// Validate reports a missing reason and one an envelope cannot carry.
func (c RevokeAcceptance) Validate() error { return reasonProblems(&c, c.Reason) }

// Review records a review and optionally schedules the next one.
type Review struct {
	grassroots.Meta `validate:"-"`
	Note            string    `json:"note,omitempty"`
	NextReview      time.Time `json:"next_review,omitzero"`
}

// CommandName returns "review".
func (Review) CommandName() string { return "review" }

func (c Review) event() Event { return Reviewed(c) }

// Validate reports a next review not after at, and a note or date an
// envelope cannot carry.
func (c Review) Validate() error {
	var p validate.Problems
	after(&p, "next_review", c.NextReview, c.At)
	wireTime(&p, "next_review", c.NextReview)
	text(&p, "note", c.Note)
	return p.Err()
}

// Escalate records that an overdue matter was escalated. Due produces
// these commands; Decide accepts each matter once, and only when it is
// overdue at the command's time: a plan step or a review strictly after
// its deadline, an acceptance from its expiry on.
//
// The key is what the kind requires: a step escalation names the step
// (Key is its ID); a review or an acceptance escalation has no key, since
// a risk has one review date and one acceptance at a time, and the
// matter is told apart by Due.
type Escalate struct {
	grassroots.Meta `validate:"-"`
	Kind            EscalationKind `json:"kind"`
	// Key is the step ID for EscalationStep, empty otherwise.
	Key string `json:"key,omitempty"`
	// Due is the deadline that was missed: the step's due time, the review
	// date, or the acceptance's expiry.
	Due time.Time `json:"due" validate:"required"`
}

// CommandName returns "escalate".
func (Escalate) CommandName() string { return "escalate" }

func (c Escalate) event() Event { return Escalated(c) }

// Validate reports an invalid kind, a step escalation without its step, a
// key on a review or acceptance escalation, and a missing deadline.
func (c Escalate) Validate() error {
	var p validate.Problems
	p.Tags("", &c)
	switch {
	case !c.Kind.IsValid():
		p.Add("kind", grassroots.RuleEnum, escalationKindNames.Problem(c.Kind))
	case c.Kind == EscalationStep && c.Key == "":
		p.Add("key", grassroots.RuleRequired, "a step escalation names the step in key")
	case c.Kind != EscalationStep && c.Key != "":
		p.Addf("key", grassroots.RuleExcluded, "a %s escalation has no key; only a step escalation names its step", c.Kind)
	}
	text(&p, "key", c.Key)
	wireTime(&p, "due", c.Due)
	return p.Err()
}
