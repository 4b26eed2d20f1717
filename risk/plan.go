package risk

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/grassrootsgov/grassroots"
)

// WorkingDuration is an amount of working time: whole working days plus
// working hours, as a calendar counts them ("within 2 working days").
type WorkingDuration struct {
	Days  int `json:"days,omitempty"`
	Hours int `json:"hours,omitempty"`
}

// IsZero reports whether d is no time at all.
func (d WorkingDuration) IsZero() bool { return d.Days == 0 && d.Hours == 0 }

// Calendar computes working-time deadlines. It is the one thing plans need
// from a working calendar; the incident package's calendar satisfies it
// through a small adapter, and tests can pass a fake.
type Calendar interface {
	// Deadline returns the moment working time d after start ends.
	Deadline(start time.Time, d WorkingDuration) (time.Time, error)
}

// PlanTemplate is a contingency plan prepared for one category of risk at
// one alert level: ordered steps, each with a responsible role and a
// deadline counted from activation.
type PlanTemplate struct {
	ID       string         `json:"id"`
	Category Category       `json:"category"`
	Alert    AlertLevel     `json:"alert"`
	Steps    []StepTemplate `json:"steps"`
}

// StepTemplate is one step of a template. Its deadline is either Within
// (elapsed time, in seconds) or WithinWorking (working time through a
// Calendar), exactly one of them.
type StepTemplate struct {
	ID            string          `json:"id"`
	Title         string          `json:"title,omitempty"`
	Role          string          `json:"role"`
	WithinSeconds int64           `json:"within_seconds,omitempty"`
	WithinWorking WorkingDuration `json:"within_working,omitzero"`
}

// Validate reports every problem with t.
func (t PlanTemplate) Validate() error {
	var p []grassroots.FieldError
	p = append(p, required("id", t.ID)...)
	if err := t.Category.Validate(); err != nil {
		p = append(p, grassroots.FieldError{Path: "category", Rule: "format", Message: err.Error()})
	}
	if !t.Alert.IsValid() {
		p = append(p, grassroots.FieldError{Path: "alert", Rule: "oneof", Message: "alert is not an alert level"})
	}
	if len(t.Steps) == 0 {
		p = append(p, grassroots.FieldError{Path: "steps", Rule: "min", Message: "a template needs at least one step"})
	}
	seen := map[string]bool{}
	for i, s := range t.Steps {
		path := grassroots.ElementPath("steps", i)
		p = append(p, required(path+".id", s.ID)...)
		p = append(p, required(path+".role", s.Role)...)
		if seen[s.ID] && s.ID != "" {
			p = append(p, grassroots.FieldError{Path: path + ".id", Rule: "unique", Message: "step IDs must be unique"})
		}
		seen[s.ID] = true
		hasElapsed, hasWorking := s.WithinSeconds != 0, !s.WithinWorking.IsZero()
		switch {
		case hasElapsed == hasWorking:
			p = append(p, grassroots.FieldError{Path: path, Rule: "exclusive", Message: "set exactly one of within_seconds and within_working"})
		case s.WithinSeconds < 0 || s.WithinSeconds > maxWindowSeconds:
			p = append(p, grassroots.FieldError{Path: path + ".within_seconds", Rule: "range", Message: "within_seconds out of range"})
		case s.WithinWorking.Days < 0 || s.WithinWorking.Hours < 0:
			p = append(p, grassroots.FieldError{Path: path + ".within_working", Rule: "gte", Message: "working time must not be negative"})
		}
	}
	return grassroots.NewValidationError(p...)
}

// Instantiate turns t into a Plan activated at start: each step's deadline
// is start plus its elapsed time, or cal's deadline for its working time.
// cal may be nil when no step counts working time (ErrNoCalendar
// otherwise).
func (t PlanTemplate) Instantiate(start time.Time, cal Calendar) (Plan, error) {
	if err := t.Validate(); err != nil {
		return Plan{}, err
	}
	plan := Plan{Template: t.ID, Steps: make([]Step, len(t.Steps))}
	for i, s := range t.Steps {
		due := start.Add(time.Duration(s.WithinSeconds) * time.Second)
		if !s.WithinWorking.IsZero() {
			if cal == nil {
				return Plan{}, fmt.Errorf("%w: step %q", ErrNoCalendar, s.ID)
			}
			d, err := cal.Deadline(start, s.WithinWorking)
			if err != nil {
				return Plan{}, fmt.Errorf("risk: step %q deadline: %w", s.ID, err)
			}
			due = d
		}
		plan.Steps[i] = Step{ID: s.ID, Title: s.Title, Role: s.Role, Due: due}
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
