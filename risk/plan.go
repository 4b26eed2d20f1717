package risk

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/validate"
	"github.com/grassrootsgov/grassroots/workday"
)

// PlanTemplate is a contingency plan prepared for one category of risk at
// one alert level: ordered steps, each with a responsible role and a
// deadline counted from activation.
type PlanTemplate struct {
	ID       string         `json:"id" validate:"required"`
	Category Category       `json:"category"`
	Alert    AlertLevel     `json:"alert"`
	Steps    []StepTemplate `json:"steps" validate:"min=1,unique=ID,dive"`
}

// StepTemplate is one step of a template. Within is its time limit from
// activation, in any unit of workday.Limit: calendar minutes, hours or
// days, or working hours or days through a calendar. JSON:
// {"id":"notify","role":"community_secretary","within":{"amount":2,"unit":"working_days"}}.
type StepTemplate struct {
	ID     string        `json:"id" validate:"required,id"`
	Title  string        `json:"title,omitempty"`
	Role   string        `json:"role" validate:"required"`
	Within workday.Limit `json:"within" validate:"-"`
}

// Validate reports every problem with t: no ID, a malformed category, an
// invalid alert level, no steps, steps without ID, role or a valid limit,
// repeated step IDs.
func (t PlanTemplate) Validate() error {
	var p validate.Problems
	p.Tags("", &t)
	if err := t.Category.Validate(); err != nil {
		p.Add("category", grassroots.RuleFormat, err.Error())
	}
	if !t.Alert.IsValid() {
		p.Add("alert", grassroots.RuleEnum, alertLevelNames.Problem(t.Alert))
	}
	for i, s := range t.Steps {
		path := grassroots.ElementPath("steps", i) + ".within"
		if s.Within.IsZero() {
			p.Add(path, grassroots.RuleRequired, `within is required: a limit such as {"amount":4,"unit":"calendar_hours"}`)
		} else {
			p.Nest(path, s.Within.Validate())
		}
	}
	return p.Err()
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
			return Plan{}, fmt.Errorf("%w (the deadline of step %q)", err, s.ID)
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
		var have []string
		for _, t := range templates {
			if t.Category == category {
				have = append(have, t.ID+" ("+t.Alert.Roman()+")")
			}
		}
		slices.Sort(have)
		if len(have) == 0 {
			return PlanTemplate{}, fmt.Errorf("%w: %s at %s; no template has category %s", ErrNoTemplate, category, alert.Roman(), category)
		}
		return PlanTemplate{}, fmt.Errorf("%w: %s at %s; the templates of %s are %s", ErrNoTemplate, category, alert.Roman(), category, strings.Join(have, ", "))
	}
	return *best, nil
}

// Due returns the escalations that are due at now, each matter once:
// plan steps past their deadline and not completed, reviews past their
// date, and acceptances that have expired (their risk is open again). A
// matter already escalated (recorded by an Escalated event) is not
// returned again, so Due can run on every tick.
//
// Every command Due returns is one Decide accepts against its risk as
// given: issued by by and dated now, with a command ID derived from the
// matter alone, so two schedulers, of one vendor or two, escalating the
// same matter send the same ID and it is applied once. The ID is
// "escalate-", the kind, "-" and the first 16 bytes, in lower-case hex, of
// the SHA-256 of the UTF-8 text
//
//	kind NUL key NUL deadline
//
// (kind its wire name, key the step ID or empty, the deadline in UTC in
// RFC 3339 with as many fractional digits as it needs, NUL the byte 0). A
// risk whose last event is after now gets none. The commands come risk by risk in the
// order given, then steps in plan order, then the review, then the
// acceptance.
//
// A zero or unwritable now or an invalid by is a
// *grassroots.ValidationError.
func Due(risks []Risk, now time.Time, by grassroots.Actor) ([]Escalate, error) {
	var p validate.Problems
	switch {
	case now.IsZero():
		p.Add("now", grassroots.RuleRequired, "now is required")
	case now.Year() < 0 || now.Year() > 9999:
		p.Addf("now", grassroots.RuleFormat, "now must be a time of the years 0000 to 9999, which RFC 3339 can write; got year %d", now.Year())
	}
	p.Nest("by", by.Validate())
	if err := p.Err(); err != nil {
		return nil, err
	}
	var d Decider
	var out []Escalate
	for _, r := range risks {
		if r.Stage == 0 {
			continue
		}
		consider := func(kind EscalationKind, key string) {
			due, open := r.deadline(kind, key)
			if _, done := r.escalation(kind, key, due); !open || done || !overdue(kind, due, now) {
				return
			}
			c := Escalate{Meta: grassroots.Meta{AggregateID: r.ID, CommandID: escalationID(kind, key, due), Actor: by, At: now}, Kind: kind, Key: key, Due: due}
			if events, err := d.Decide(r, c); err == nil && len(events) == 1 {
				out = append(out, c)
			}
		}
		if r.Plan != nil {
			for _, s := range r.Plan.Steps {
				consider(EscalationStep, s.ID)
			}
		}
		consider(EscalationReview, "")
		consider(EscalationAcceptance, "")
	}
	return out, nil
}

// escalationID derives the command ID of the escalation of one matter.
func escalationID(kind EscalationKind, key string, due time.Time) string {
	h := sha256.New()
	h.Write([]byte(kind.String()))
	h.Write([]byte{0})
	h.Write([]byte(key))
	h.Write([]byte{0})
	h.Write([]byte(due.UTC().Format(time.RFC3339Nano)))
	return "escalate-" + kind.String() + "-" + hex.EncodeToString(h.Sum(nil)[:16])
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
