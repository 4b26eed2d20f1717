package risk

import (
	"time"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/enum"
)

// Header is what every command and event carries: the risk it concerns,
// who acts, and when.
type Header struct {
	// Risk is the risk's ID. Identify sets it; every other command must
	// repeat it.
	Risk string `json:"risk"`
	// By is the actor issuing the command.
	By grassroots.Actor `json:"by"`
	// At is when the command takes effect; never before the risk's last
	// event.
	At time.Time `json:"at"`
}

// Head returns h, so every command and event exposes its header.
func (h Header) Head() Header { return h }

func (h Header) problems() []grassroots.FieldError {
	var p []grassroots.FieldError
	if h.Risk == "" {
		p = append(p, grassroots.FieldError{Path: "risk", Rule: "required", Message: "risk is required"})
	}
	p = append(p, grassroots.FieldErrors("by", h.By.Validate())...)
	if h.At.IsZero() {
		p = append(p, grassroots.FieldError{Path: "at", Rule: "required", Message: "at is required"})
	}
	return p
}

// Command is a request to change a risk, decided by Decide. The set of
// commands is closed: Identify, Assess, IssueAlert, RaiseAlert, LowerAlert,
// ActivatePlan, CompleteStep, Remediate, Close, Reopen, Accept,
// RevokeAcceptance, Review and Escalate.
type Command interface {
	// Head returns the command's header.
	Head() Header
	// CommandName returns the lower_snake name used in the transition
	// table ("issue_alert").
	CommandName() string
	// Validate reports every problem with the command's own fields.
	Validate() error
}

func required(path, value string) []grassroots.FieldError {
	if value != "" {
		return nil
	}
	return []grassroots.FieldError{{Path: path, Rule: "required", Message: path + " is required"}}
}

func after(path string, t, at time.Time) []grassroots.FieldError {
	if t.IsZero() || t.After(at) {
		return nil
	}
	return []grassroots.FieldError{{Path: path, Rule: "gt_at", Message: path + " must be after at"}}
}

// Identify records a newly identified risk.
type Identify struct {
	Header
	Category Category         `json:"category"`
	Title    string           `json:"title"`
	Subject  Subject          `json:"subject"`
	Source   Source           `json:"source"`
	Owner    grassroots.Actor `json:"owner"`
	// Hit is required when Source is SourceRuleHit and must concern
	// Subject.
	Hit *Hit `json:"hit,omitempty"`
	// NextReview optionally schedules the first review.
	NextReview time.Time `json:"next_review,omitzero"`
}

// CommandName returns "identify".
func (Identify) CommandName() string { return "identify" }

// Validate reports every problem with c.
func (c Identify) Validate() error {
	p := c.problems()
	if err := c.Category.Validate(); err != nil {
		p = append(p, grassroots.FieldError{Path: "category", Rule: "format", Message: err.Error()})
	}
	p = append(p, required("title", c.Title)...)
	p = append(p, c.Subject.problems("subject")...)
	if !c.Source.IsValid() {
		p = append(p, grassroots.FieldError{Path: "source", Rule: grassroots.RuleEnum, Message: sourceNames.Problem(c.Source)})
	}
	p = append(p, grassroots.FieldErrors("owner", c.Owner.Validate())...)
	if c.Source == SourceRuleHit && c.Hit == nil {
		p = append(p, grassroots.FieldError{Path: "hit", Rule: "required_if", Message: "a rule hit source needs the hit"})
	}
	if c.Hit != nil {
		p = append(p, required("hit.rule", c.Hit.Rule)...)
		if c.Hit.Subject != c.Subject {
			p = append(p, grassroots.FieldError{Path: "hit.subject", Rule: "eqfield", Message: "the hit must be about the risk's subject"})
		}
	}
	p = append(p, after("next_review", c.NextReview, c.At)...)
	return grassroots.NewValidationError(p...)
}

// Assess records an assessment. The first moves the risk to
// StageAssessed; later ones update it in place.
type Assess struct {
	Header
	Assessment Assessment `json:"assessment"`
}

// CommandName returns "assess".
func (Assess) CommandName() string { return "assess" }

// Validate reports every problem with c.
func (c Assess) Validate() error {
	p := c.problems()
	p = append(p, grassroots.FieldErrors("assessment", c.Assessment.Validate())...)
	return grassroots.NewValidationError(p...)
}

func alertProblems(h Header, level AlertLevel) error {
	p := h.problems()
	if !level.IsValid() {
		p = append(p, grassroots.FieldError{Path: "level", Rule: grassroots.RuleEnum, Message: alertLevelNames.Problem(level)})
	}
	return grassroots.NewValidationError(p...)
}

// IssueAlert issues the first alert of an assessed risk.
type IssueAlert struct {
	Header
	Level  AlertLevel `json:"level"`
	Reason string     `json:"reason,omitempty"`
}

// CommandName returns "issue_alert".
func (IssueAlert) CommandName() string { return "issue_alert" }

// Validate reports every problem with c.
func (c IssueAlert) Validate() error { return alertProblems(c.Header, c.Level) }

// RaiseAlert raises the alert in force to a more severe level
// (ErrAlertNotHigher otherwise).
type RaiseAlert struct {
	Header
	Level  AlertLevel `json:"level"`
	Reason string     `json:"reason,omitempty"`
}

// CommandName returns "raise_alert".
func (RaiseAlert) CommandName() string { return "raise_alert" }

// Validate reports every problem with c.
func (c RaiseAlert) Validate() error { return alertProblems(c.Header, c.Level) }

// LowerAlert lowers the alert in force to a less severe level
// (ErrAlertNotLower otherwise). Ending an alert altogether is not a
// lowering: the alert stops being in force when the risk is remediated
// (see Risk.AlertInForce).
type LowerAlert struct {
	Header
	Level  AlertLevel `json:"level"`
	Reason string     `json:"reason,omitempty"`
}

// CommandName returns "lower_alert".
func (LowerAlert) CommandName() string { return "lower_alert" }

// Validate reports every problem with c.
func (c LowerAlert) Validate() error { return alertProblems(c.Header, c.Level) }

// ActivatePlan puts a contingency plan into effect.
type ActivatePlan struct {
	Header
	Plan Plan `json:"plan"`
}

// CommandName returns "activate_plan".
func (ActivatePlan) CommandName() string { return "activate_plan" }

// Validate reports every problem with c: a plan without steps, steps
// without ID or role, repeated IDs, deadlines not after at, steps marked
// completed.
func (c ActivatePlan) Validate() error {
	p := c.problems()
	if len(c.Plan.Steps) == 0 {
		p = append(p, grassroots.FieldError{Path: "plan.steps", Rule: "min", Message: "a plan needs at least one step"})
	}
	seen := make(map[string]bool, len(c.Plan.Steps))
	for i, s := range c.Plan.Steps {
		path := grassroots.ElementPath("plan.steps", i)
		p = append(p, required(path+".id", s.ID)...)
		p = append(p, required(path+".role", s.Role)...)
		if seen[s.ID] && s.ID != "" {
			p = append(p, grassroots.FieldError{Path: path + ".id", Rule: "unique", Message: "step IDs must be unique"})
		}
		seen[s.ID] = true
		if s.Due.IsZero() {
			p = append(p, required(path+".due", "")...)
		}
		p = append(p, after(path+".due", s.Due, c.At)...)
		if !s.Completed.IsZero() {
			p = append(p, grassroots.FieldError{Path: path + ".completed", Rule: "excluded", Message: "a new plan has no completed steps"})
		}
	}
	return grassroots.NewValidationError(p...)
}

// CompleteStep marks a step of the active plan completed.
type CompleteStep struct {
	Header
	Step string `json:"step"`
	Note string `json:"note,omitempty"`
}

// CommandName returns "complete_step".
func (CompleteStep) CommandName() string { return "complete_step" }

// Validate reports every problem with c.
func (c CompleteStep) Validate() error {
	return grassroots.NewValidationError(append(c.problems(), required("step", c.Step)...)...)
}

// Remediate records the impact assessment, the accountability findings and
// the lessons of a managed risk.
type Remediate struct {
	Header
	Impact         ImpactAssessment       `json:"impact"`
	Accountability []AccountabilityRecord `json:"accountability"`
	Lessons        []string               `json:"lessons,omitempty"`
}

// CommandName returns "remediate".
func (Remediate) CommandName() string { return "remediate" }

// Validate reports every problem with c: negative counts or loss, an
// invalid grade, no accountability record, records without party, finding
// or measure, empty lessons.
func (c Remediate) Validate() error {
	p := c.problems()
	if c.Impact.ResidentsAffected < 0 {
		p = append(p, grassroots.FieldError{Path: "impact.residents_affected", Rule: "gte", Message: "must not be negative"})
	}
	if c.Impact.RecordsAffected < 0 {
		p = append(p, grassroots.FieldError{Path: "impact.records_affected", Rule: "gte", Message: "must not be negative"})
	}
	if c.Impact.FinancialLoss.LessThan(decimal.Zero) {
		p = append(p, grassroots.FieldError{Path: "impact.financial_loss", Rule: "gte", Message: "must not be negative"})
	}
	if c.Impact.Grade != 0 && !c.Impact.Grade.IsValid() {
		p = append(p, grassroots.FieldError{Path: "impact.grade", Rule: grassroots.RuleEnum, Message: eventGradeNames.Problem(c.Impact.Grade)})
	}
	if len(c.Accountability) == 0 {
		p = append(p, grassroots.FieldError{Path: "accountability", Rule: "min", Message: "at least one accountability record is required"})
	}
	for i, a := range c.Accountability {
		path := grassroots.ElementPath("accountability", i)
		if !a.Party.IsValid() {
			p = append(p, grassroots.FieldError{Path: path + ".party", Rule: grassroots.RuleEnum, Message: enum.PartyProblem(a.Party)})
		}
		p = append(p, required(path+".finding", a.Finding)...)
		p = append(p, required(path+".measure", a.Measure)...)
	}
	for i, l := range c.Lessons {
		p = append(p, required(grassroots.ElementPath("lessons", i), l)...)
	}
	return grassroots.NewValidationError(p...)
}

// Close closes a risk. Every reason except CloseFalsePositive needs the
// risk remediated; CloseAccepted also needs an acceptance in effect.
type Close struct {
	Header
	Reason CloseReason `json:"reason"`
	Note   string      `json:"note,omitempty"`
}

// CommandName returns "close".
func (Close) CommandName() string { return "close" }

// Validate reports every problem with c.
func (c Close) Validate() error {
	p := c.problems()
	if !c.Reason.IsValid() {
		p = append(p, grassroots.FieldError{Path: "reason", Rule: grassroots.RuleEnum, Message: closeReasonNames.Problem(c.Reason)})
	}
	return grassroots.NewValidationError(p...)
}

// Reopen reopens a closed risk; it returns to StageIdentified and must be
// assessed again. The reopening is recorded and counted.
type Reopen struct {
	Header
	Reason string `json:"reason"`
}

// CommandName returns "reopen".
func (Reopen) CommandName() string { return "reopen" }

// Validate reports every problem with c.
func (c Reopen) Validate() error {
	return grassroots.NewValidationError(append(c.problems(), required("reason", c.Reason)...)...)
}

// Accept records a decision to retain the risk until Expires. By is the
// approver, who must not be the risk's owner. A new acceptance supersedes
// the previous one.
type Accept struct {
	Header
	Justification string    `json:"justification"`
	Expires       time.Time `json:"expires"`
}

// CommandName returns "accept".
func (Accept) CommandName() string { return "accept" }

// Validate reports every problem with c. An expiry not after at is
// reported by Decide as ErrExpiryNotFuture.
func (c Accept) Validate() error {
	p := c.problems()
	p = append(p, required("justification", c.Justification)...)
	if c.Expires.IsZero() {
		p = append(p, required("expires", "")...)
	}
	return grassroots.NewValidationError(p...)
}

// RevokeAcceptance ends the acceptance in effect before it expires.
type RevokeAcceptance struct {
	Header
	Reason string `json:"reason"`
}

// CommandName returns "revoke_acceptance".
func (RevokeAcceptance) CommandName() string { return "revoke_acceptance" }

// Validate reports every problem with c.
func (c RevokeAcceptance) Validate() error {
	return grassroots.NewValidationError(append(c.problems(), required("reason", c.Reason)...)...)
}

// Review records a review and optionally schedules the next one.
type Review struct {
	Header
	Note       string    `json:"note,omitempty"`
	NextReview time.Time `json:"next_review,omitzero"`
}

// CommandName returns "review".
func (Review) CommandName() string { return "review" }

// Validate reports every problem with c.
func (c Review) Validate() error {
	return grassroots.NewValidationError(append(c.problems(), after("next_review", c.NextReview, c.At)...)...)
}

// Escalate records that an overdue matter was escalated. Due produces
// these commands; Decide accepts each matter once.
type Escalate struct {
	Header
	Kind EscalationKind `json:"kind"`
	// Key is the step ID for EscalationStep, empty otherwise.
	Key string `json:"key,omitempty"`
	// Due is the deadline that was missed: the step's due time, the review
	// date, or the acceptance's expiry.
	Due time.Time `json:"due"`
}

// CommandName returns "escalate".
func (Escalate) CommandName() string { return "escalate" }

// Validate reports every problem with c.
func (c Escalate) Validate() error {
	p := c.problems()
	if !c.Kind.IsValid() {
		p = append(p, grassroots.FieldError{Path: "kind", Rule: grassroots.RuleEnum, Message: escalationKindNames.Problem(c.Kind)})
	}
	if c.Kind == EscalationStep {
		p = append(p, required("key", c.Key)...)
	}
	if c.Due.IsZero() {
		p = append(p, required("due", "")...)
	}
	return grassroots.NewValidationError(p...)
}
