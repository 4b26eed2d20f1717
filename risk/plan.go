package risk

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/workday"
)

// PlanTemplate is a contingency plan prepared for one category of risk at
// one alert level: ordered steps, each with a responsible role and a
// deadline counted from activation.
type PlanTemplate struct {
	ID       string         `json:"id"`
	Category Category       `json:"category"`
	Alert    AlertLevel     `json:"alert"`
	Steps    []StepTemplate `json:"steps"`
}

// StepTemplate is one step of a template. Within is its time limit from
// activation, in any unit of workday.Limit: calendar minutes, hours or
// days, or working hours or days through a calendar. JSON:
// {"id":"notify","role":"community_secretary","within":{"amount":2,"unit":"working_days"}}.
type StepTemplate struct {
	ID     string        `json:"id"`
	Title  string        `json:"title,omitempty"`
	Role   string        `json:"role"`
	Within workday.Limit `json:"within"`
}

// Validate reports every problem with t.
func (t PlanTemplate) Validate() error {
	var p []grassroots.FieldError
	p = append(p, required("id", t.ID)...)
	if err := t.Category.Validate(); err != nil {
		p = append(p, grassroots.FieldError{Path: "category", Rule: grassroots.RuleFormat, Message: err.Error()})
	}
	if !t.Alert.IsValid() {
		p = append(p, grassroots.FieldError{Path: "alert", Rule: grassroots.RuleEnum, Message: "alert is not an alert level"})
	}
	if len(t.Steps) == 0 {
		p = append(p, grassroots.FieldError{Path: "steps", Rule: grassroots.RuleMin, Message: "a template needs at least one step"})
	}
	seen := map[string]bool{}
	for i, s := range t.Steps {
		path := grassroots.ElementPath("steps", i)
		p = append(p, required(path+".id", s.ID)...)
		p = append(p, required(path+".role", s.Role)...)
		if seen[s.ID] && s.ID != "" {
			p = append(p, grassroots.FieldError{Path: path + ".id", Rule: grassroots.RuleUnique, Message: "step IDs must be unique"})
		}
		seen[s.ID] = true
		if s.Within.IsZero() {
			p = append(p, grassroots.FieldError{Path: path + ".within", Rule: grassroots.RuleRequired, Message: "within is required: a limit such as {\"amount\":4,\"unit\":\"calendar_hours\"}"})
		} else if err := s.Within.Validate(); err != nil {
			p = append(p, grassroots.FieldError{Path: path + ".within", Rule: grassroots.RuleInvalid, Message: err.Error()})
		}
	}
	return grassroots.NewValidationError(p...)
}

// Instantiate turns t into a Plan activated at start: each step's deadline
// is its limit counted from start, by cal for working units and by the
// calendar rules of workday.Limit otherwise (in cal's location, or
// start's when cal is nil). cal may be nil when no step counts working
// time (ErrNoCalendar otherwise). A step whose deadline rests on a
// provisional day of cal is marked Provisional; a cal that refuses
// provisional days makes that an error.
func (t PlanTemplate) Instantiate(start time.Time, cal *workday.Calendar) (Plan, error) {
	if err := t.Validate(); err != nil {
		return Plan{}, err
	}
	plan := Plan{Template: t.ID, Steps: make([]Step, len(t.Steps))}
	for i, s := range t.Steps {
		var due workday.Deadline
		var err error
		switch {
		case cal != nil:
			due, err = cal.Deadline(start, s.Within)
		case s.Within.Unit.Working():
			return Plan{}, fmt.Errorf("%w: step %q counts %s", ErrNoCalendar, s.ID, s.Within)
		default:
			due.At, err = s.Within.After(start)
		}
		if err != nil {
			return Plan{}, fmt.Errorf("risk: deadline of step %q: %w", s.ID, err)
		}
		plan.Steps[i] = Step{ID: s.ID, Title: s.Title, Role: s.Role, Due: due.At, Provisional: due.Provisional}
	}
	return plan, nil
}

// SelectTemplate returns the template for a category and alert level.
// When several match, the one with the smallest ID wins, so the choice
// does not depend on the order of templates.
func SelectTemplate(templates []PlanTemplate, category Category, alert AlertLevel) (PlanTemplate, error) {
	var best *PlanTemplate
	for i := range templates {
		t := &templates[i]
		if t.Category == category && t.Alert == alert && (best == nil || t.ID < best.ID) {
			best = t
		}
	}
	if best == nil {
		return PlanTemplate{}, fmt.Errorf("%w: %s at %s", ErrNoTemplate, category, alert)
	}
	return *best, nil
}

// Due returns the escalations that are due at now, once each: plan steps
// past their deadline and not completed, reviews past their date, and
// acceptances that have expired (their risk is open again). A matter
// already escalated (recorded by an Escalated event) is not returned
// again, so Due can run on every tick. The commands are issued by by and
// dated now; they come risk by risk in the order given, then steps in plan
// order, then the review, then the acceptance.
func Due(risks []Risk, now time.Time, by grassroots.Actor) []Command {
	var out []Command
	for _, r := range risks {
		if r.Stage == 0 {
			continue
		}
		emit := func(kind EscalationKind, key string, due time.Time) {
			if !r.escalated(kind, key, due) && overdue(r, kind, key, due, now) {
				out = append(out, Escalate{Header: Header{Risk: r.ID, By: by, At: now}, Kind: kind, Key: key, Due: due})
			}
		}
		if r.Plan != nil {
			for _, s := range r.Plan.Steps {
				emit(EscalationStep, s.ID, s.Due)
			}
		}
		if !r.NextReview.IsZero() {
			emit(EscalationReview, "", r.NextReview)
		}
		if r.Acceptance != nil {
			emit(EscalationAcceptance, "", r.Acceptance.Expires)
		}
	}
	return out
}

// FocusEntry is one subject on the focus list.
type FocusEntry struct {
	Subject Subject `json:"subject"`
	// Highest is the most severe alert in force among its risks.
	Highest AlertLevel `json:"highest"`
	// Count is the number of its risks with an alert in force.
	Count int `json:"count"`
	// Since is when the oldest of those risks was identified.
	Since time.Time `json:"since"`
}

// Focus ranks the subjects that have risks with an alert in force (stage
// alerted or under management): highest alert first, then more such
// risks, then the oldest (earliest identified) first, then subject kind
// and code. It is the "focus monitoring on high-risk areas and critical
// links" list; filter by Subject.Kind for grids or providers only.
func Focus(risks []Risk) []FocusEntry {
	bySubject := map[Subject]int{}
	var out []FocusEntry
	for _, r := range risks {
		alert := r.AlertInForce()
		if !alert.IsValid() {
			continue
		}
		i, ok := bySubject[r.Subject]
		if !ok {
			i = len(out)
			bySubject[r.Subject] = i
			out = append(out, FocusEntry{Subject: r.Subject, Since: r.IdentifiedAt})
		}
		e := &out[i]
		e.Count++
		if alert.Above(e.Highest) {
			e.Highest = alert
		}
		if r.IdentifiedAt.Before(e.Since) {
			e.Since = r.IdentifiedAt
		}
	}
	slices.SortFunc(out, func(a, b FocusEntry) int {
		switch {
		case a.Highest != b.Highest:
			return int(a.Highest) - int(b.Highest)
		case a.Count != b.Count:
			return b.Count - a.Count
		case !a.Since.Equal(b.Since):
			return a.Since.Compare(b.Since)
		case a.Subject.Kind != b.Subject.Kind:
			return int(a.Subject.Kind) - int(b.Subject.Kind)
		}
		return strings.Compare(a.Subject.Code, b.Subject.Code)
	})
	return out
}
