package risk

import (
	"time"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// Risk is the state of one risk, folded from its events by
// Decider.Evolve and Decider.Replay. It is never edited directly: Decide a
// command, then Evolve the events.
//
// The zero value is the state before the first event (Stage 0). A Risk is
// a plain value; its slices and pointers are shared with the value it was
// evolved from, so treat them as read-only (Evolve never writes through
// them). Its JSON is a read model: it leaves out the command log, so a
// state is rebuilt from its events, never from its JSON. The zero value's
// JSON is an object with only "version".
type Risk struct {
	ID       string   `json:"id,omitempty"`
	Category Category `json:"category,omitzero"`
	Title    string   `json:"title,omitempty"`
	Subject  Subject  `json:"subject,omitzero"`
	Source   Source   `json:"source,omitzero"`
	// Hit is the rule hit the risk was identified from, when Source is
	// SourceRuleHit.
	Hit   *Hit  `json:"hit,omitempty"`
	Stage Stage `json:"stage,omitzero"`
	// Assessment is the latest assessment; nil before the first.
	Assessment *Assessment `json:"assessment,omitempty"`
	// Alert is the latest alert level issued, raised or lowered; 0 when
	// none. It is in force only while the risk is alerted or under
	// management: see AlertInForce.
	Alert AlertLevel       `json:"alert,omitempty"`
	Owner grassroots.Actor `json:"owner,omitzero"`
	// Plan is the active contingency plan with each step's completion.
	Plan *Plan `json:"plan,omitempty"`
	// Actions lists every completed plan step, across reopenings.
	Actions []Action `json:"actions,omitempty"`
	// Acceptance is the latest acceptance, in effect or not; see
	// EffectiveTreatment.
	Acceptance *Acceptance `json:"acceptance,omitempty"`
	// LastReview is when the risk was last reviewed; zero if never.
	LastReview time.Time `json:"last_review,omitzero"`
	// NextReview is when the next review is due; zero if none scheduled.
	NextReview time.Time `json:"next_review,omitzero"`
	// Impact is the impact assessment of the latest remediation.
	Impact *ImpactAssessment `json:"impact,omitempty"`
	// Accountability collects the records of every remediation.
	Accountability []AccountabilityRecord `json:"accountability,omitempty"`
	// Lessons collects the lessons of every remediation.
	Lessons     []string    `json:"lessons,omitempty"`
	CloseReason CloseReason `json:"close_reason,omitempty"`
	// Reopened counts reopenings.
	Reopened int `json:"reopened,omitempty"`
	// Escalations lists every escalation recorded, so each overdue matter
	// is escalated once.
	Escalations  []Escalation `json:"escalations,omitempty"`
	IdentifiedAt time.Time    `json:"identified_at,omitzero"`
	// UpdatedAt is the time of the latest event; commands dated before it
	// are rejected.
	UpdatedAt time.Time `json:"updated_at,omitzero"`
	// Version counts the events applied.
	Version int64 `json:"version"`

	log grassroots.CommandLog
}

// Commands returns the log of the commands r has applied, which makes
// Decide idempotent: a command whose ID is in it is a repeat or a
// conflict.
func (r Risk) Commands() grassroots.CommandLog { return r.log }

// Subject is what a risk is about, named by kind and the code its owning
// package gives it (a grid code, a provider's credit code, a contract ID).
type Subject struct {
	Kind SubjectKind `json:"kind"`
	Code string      `json:"code" validate:"required"`
}

// String returns "kind:code".
func (s Subject) String() string { return s.Kind.String() + ":" + s.Code }

// problems returns the problems of s under path: an invalid kind and a
// missing code.
func (s Subject) problems(path string) []grassroots.FieldError {
	var p validate.Problems
	if !s.Kind.IsValid() {
		p.Add("kind", grassroots.RuleEnum, subjectKindNames.Problem(s.Kind))
	}
	p.Tags("", &s)
	return grassroots.FieldErrors(path, p.Err())
}

// Plan is a contingency plan put into effect: ordered steps, each with a
// responsible role and an absolute deadline. PlanTemplate.Instantiate
// builds one from a template.
type Plan struct {
	// Template is the ID of the template the plan came from, if any.
	Template string `json:"template,omitempty"`
	Steps    []Step `json:"steps" validate:"min=1,unique=ID,dive"`
}

// Step is one step of a plan.
type Step struct {
	// ID names the step in the plan; an SDK identifier (see
	// grassroots.IsValidID).
	ID    string `json:"id" validate:"required,id"`
	Title string `json:"title,omitempty"`
	// Role is the responsible role ("grid_worker", "data_protection_officer").
	Role string    `json:"role" validate:"required"`
	Due  time.Time `json:"due" validate:"required"`
	// Provisional reports that Due rests on a provisional day of the
	// calendar (workday.Deadline.Provisional) and may move once the
	// holiday notice for its year is published.
	Provisional bool `json:"provisional,omitempty"`
	// Completed is when the step was completed; zero while open.
	Completed time.Time `json:"completed,omitzero"`
}

// Action records one completed plan step.
type Action struct {
	Step string           `json:"step"`
	By   grassroots.Actor `json:"by"`
	At   time.Time        `json:"at"`
	Note string           `json:"note,omitempty"`
}

// Acceptance is a decision to retain a risk: given by an approver other
// than the owner, justified, and limited in time. A nil *Acceptance is
// never in effect.
type Acceptance struct {
	Approver      grassroots.Actor `json:"approver"`
	Justification string           `json:"justification"`
	Given         time.Time        `json:"given"`
	Expires       time.Time        `json:"expires"`
	// Revoked is when the acceptance was revoked; zero if it was not.
	Revoked time.Time `json:"revoked,omitzero"`
}

// InEffect reports whether a is in effect at: given, not yet expired
// (at < Expires) and not revoked at or before at.
func (a *Acceptance) InEffect(at time.Time) bool {
	if a == nil || at.Before(a.Given) || !at.Before(a.Expires) {
		return false
	}
	return a.Revoked.IsZero() || at.Before(a.Revoked)
}

// ImpactAssessment is what a risk that materialised cost.
type ImpactAssessment struct {
	ResidentsAffected int64 `json:"residents_affected" validate:"min=0"`
	RecordsAffected   int64 `json:"records_affected" validate:"min=0"`
	// FinancialLoss is in yuan (or the caller's currency), exact.
	FinancialLoss decimal.Decimal `json:"financial_loss"`
	// Grade is the grade of the emergency, if the risk became one.
	Grade   EventGrade `json:"grade,omitempty"`
	Summary string     `json:"summary,omitempty"`
}

// AccountabilityRecord assigns responsibility after a remediation.
type AccountabilityRecord struct {
	Party grassroots.Party `json:"party"`
	// Organization names the accountable organisation (a provider's
	// credit code, a department code).
	Organization string `json:"organization,omitempty"`
	Finding      string `json:"finding" validate:"required"`
	Measure      string `json:"measure" validate:"required"`
}

// Escalation records one escalation of an overdue matter.
type Escalation struct {
	Kind EscalationKind `json:"kind"`
	// Key names the matter: the step ID for a step, empty otherwise.
	Key string    `json:"key,omitempty"`
	Due time.Time `json:"due"`
	At  time.Time `json:"at"`
}

// EffectiveTreatment derives how r is treated at a moment without changing
// any record: a risk with an acceptance in effect is accepted; once the
// acceptance expires or is revoked the treatment is open again. A closed
// risk is closed, except one closed as accepted, which is open again when
// its acceptance lapses, so that it comes back for a decision.
func EffectiveTreatment(r Risk, at time.Time) Treatment {
	switch {
	case r.Stage == StageClosed && r.CloseReason != CloseAccepted:
		return TreatmentClosed
	case r.Acceptance.InEffect(at):
		return TreatmentAccepted
	default:
		return TreatmentOpen
	}
}

// AlertInForce returns the alert level in force: r.Alert while the risk is
// alerted or under management, 0 otherwise (before an alert, and once the
// risk is remediated, closed or reopened).
func (r Risk) AlertInForce() AlertLevel {
	if r.Stage == StageAlerted || r.Stage == StageUnderManagement {
		return r.Alert
	}
	return 0
}

// stepIndex returns the index of the step with id in the active plan, or -1.
func (r *Risk) stepIndex(id string) int {
	if r.Plan == nil {
		return -1
	}
	for i, s := range r.Plan.Steps {
		if s.ID == id {
			return i
		}
	}
	return -1
}

// openSteps returns the IDs of the active plan's uncompleted steps.
func (r *Risk) openSteps() []string {
	var out []string
	if r.Plan != nil {
		for _, s := range r.Plan.Steps {
			if s.Completed.IsZero() {
				out = append(out, s.ID)
			}
		}
	}
	return out
}

// escalation returns the escalation recorded for the matter, if any.
func (r *Risk) escalation(kind EscalationKind, key string, due time.Time) (Escalation, bool) {
	for _, e := range r.Escalations {
		if e.Kind == kind && e.Key == key && e.Due.Equal(due) {
			return e, true
		}
	}
	return Escalation{}, false
}
