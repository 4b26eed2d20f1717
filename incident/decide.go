package incident

import (
	"fmt"
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/nilvalue"
	"github.com/grassrootsgov/grassroots/internal/validate"
	"github.com/grassrootsgov/grassroots/workday"
)

// RedoPolicy says when a rating orders a redo: a substantive rating at or
// below Threshold (Dissatisfied covers dissatisfied and very dissatisfied)
// sends the closed matter back to the same unit, with a new handling term
// of Limit (zero: the category's handling limit), unless the matter has
// already been redone MaxRedos times (0: no cap).
type RedoPolicy struct {
	Threshold Grade
	Limit     workday.Limit
	MaxRedos  int
}

// DefaultRedoPolicy orders a redo for a substantive dissatisfied or very
// dissatisfied rating, with the category's handling limit, at most twice.
func DefaultRedoPolicy() RedoPolicy { return RedoPolicy{Threshold: Dissatisfied, MaxRedos: 2} }

// Decider is the incident lifecycle: it decides commands against a
// catalogue, a calendar and a redo policy (Decide), applies events
// (Evolve) and replays histories (Replay). It is immutable and safe for
// concurrent use.
//
// Evolve and Replay use none of the configuration, so the zero Decider
// replays any history; it decides nothing (ErrNotConfigured). A nil
// *Decider is the zero Decider, with a nil Catalog and Calendar.
type Decider struct {
	catalog  *Catalog
	calendar *workday.Calendar
	redo     RedoPolicy
}

var _ grassroots.Decider[Incident, Command, Event] = (*Decider)(nil)

// NewDecider returns a Decider. The catalogue and calendar are required.
func NewDecider(catalog *Catalog, calendar *workday.Calendar, redo RedoPolicy) (*Decider, error) {
	var p validate.Problems
	p.Require(catalog != nil, "catalog", "a catalog is required")
	p.Require(calendar != nil, "calendar", "a calendar is required")
	checkEnum(&p, "redo.threshold", redo.Threshold, gradeNames)
	if !redo.Limit.IsZero() {
		if err := redo.Limit.Validate(); err != nil {
			p.Add("redo.limit", grassroots.RuleInvalid, err.Error())
		}
	}
	if redo.MaxRedos < 0 {
		p.Add("redo.max_redos", grassroots.RuleMin, "max_redos must not be negative")
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	return &Decider{catalog: catalog, calendar: calendar, redo: redo}, nil
}

// Catalog returns the decider's catalogue.
func (d *Decider) Catalog() *Catalog {
	if d == nil {
		return nil
	}
	return d.catalog
}

// Calendar returns the decider's calendar.
func (d *Decider) Calendar() *workday.Calendar {
	if d == nil {
		return nil
	}
	return d.calendar
}

// Decide checks cmd against state and returns the events it causes, in
// order. The checks, in order:
//
//  1. the command's Meta is valid (*grassroots.ValidationError) and names
//     state's incident (ErrWrongIncident);
//  2. a command that state's command log holds returns no events and no
//     error (commands are idempotent); another command with a used ID is
//     a *grassroots.CommandConflictError;
//  3. the command is not dated before state's latest event
//     (ErrTimeBackwards);
//  4. the transition table allows it in state's status
//     (*grassroots.TransitionError);
//  5. the actor may issue it (*PermissionError);
//  6. its content is valid (*grassroots.ValidationError) and fits the
//     state (ErrUnknownCategory, ErrNotLocated, ErrEscalation,
//     ErrExtensionLate, ErrAlreadyRated).
//
// Any failure returns the error and no events. Decide never changes
// state; apply the events with Evolve.
func (d *Decider) Decide(state Incident, cmd Command) ([]Event, error) {
	if nilvalue.Is(cmd) {
		var p validate.Problems
		p.Add("", grassroots.RuleRequired, "incident: a command is required, not nil")
		return nil, p.Err()
	}
	if d == nil || d.catalog == nil || d.calendar == nil {
		return nil, ErrNotConfigured
	}
	m := cmd.Metadata()
	if err := m.Validate(); err != nil {
		return nil, err
	}
	if state.Status != 0 && m.AggregateID != state.ID {
		return nil, fmt.Errorf("%w: %q, not %q", ErrWrongIncident, m.AggregateID, state.ID)
	}
	name := cmd.CommandName()
	if repeat, err := state.log.Check(m, name); err != nil || repeat {
		return nil, err
	}
	if m.At.Before(state.UpdatedAt) {
		return nil, fmt.Errorf("%w: %s before %s", ErrTimeBackwards, m.At.Format(time.RFC3339Nano), state.UpdatedAt.Format(time.RFC3339Nano))
	}
	if err := table.Allows(pkgName, state.Status, name); err != nil {
		return nil, err
	}
	if err := rules[cmd.op()].check(m.Actor, &state); err != nil {
		return nil, err
	}
	return d.decide(&state, cmd)
}

func (d *Decider) decide(s *Incident, cmd Command) ([]Event, error) {
	// The plain field rules are the commands' tags; the interface value
	// is checked as it is, without copying the command again.
	var p validate.Problems
	if hasTagRules(cmd) {
		p.Tags("", cmd)
	}
	switch c := cmd.(type) {
	case Report:
		return d.report(&p, c)
	case Accept:
		return one(&p, Accepted(c))
	case Reject:
		checkRejection(&p, c.Reason, c.DuplicateOf, c.Note)
		if c.DuplicateOf != "" && c.DuplicateOf == s.ID {
			p.Add("duplicate_of", grassroots.RuleReference, "a matter is not a duplicate of itself")
		}
		return one(&p, Rejected(c))
	case Dispatch:
		return d.dispatch(&p, s, c)
	case Return:
		checkText(&p, "reason", c.Reason, true)
		return one(&p, Returned(c))
	case Start:
		return one(&p, Started(c))
	case Resolve:
		checkText(&p, "result", c.Result, true)
		checkURLs(&p, "evidence", c.Evidence)
		return one(&p, Resolved(c))
	case Close:
		checkText(&p, "note", c.Note, false)
		return one(&p, Closed(c))
	case Reopen:
		checkText(&p, "reason", c.Reason, true)
		return one(&p, Reopened(c))
	case Escalate:
		return escalate(&p, s, c)
	case Extend:
		return d.extend(&p, s, c)
	case Rate:
		return d.rate(&p, s, c)
	case Locate:
		checkLocation(&p, c.Location, c.Grid)
		return one(&p, Located(c))
	}
	// The Command interface is closed: every type is a case above.
	return nil, fmt.Errorf("incident: command type %T is not an incident command", cmd)
}

// hasTagRules reports whether cmd's type has fields with validate tags:
// Accept, Start, Escalate and Locate have none (a test holds the list to
// their fields), and sparing them the validator's walk matters at the
// rate a platform decides commands.
func hasTagRules(cmd Command) bool {
	switch cmd.(type) {
	case Accept, Start, Escalate, Locate:
		return false
	}
	return true
}

// one returns e alone, or the problems p holds.
func one(p *validate.Problems, e Event) ([]Event, error) {
	if err := p.Err(); err != nil {
		return nil, err
	}
	return []Event{e}, nil
}

func (d *Decider) report(p *validate.Problems, c Report) ([]Event, error) {
	checkReport(p, c.Channel, c.Location, c.Grid, c.Address, c.AddressID, c.Description, c.Media)
	if c.Priority != 0 {
		checkEnum(p, "priority", c.Priority, priorityNames)
	}
	cat, ok := d.catalog.Lookup(c.Category)
	if !ok && c.Category != "" {
		p.Addf("category", grassroots.RuleReference, "%v %q; the catalogue has %d categories", ErrUnknownCategory, c.Category, d.catalog.Len())
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	term, err := d.term(c.At, cat.AcceptLimit)
	if err != nil {
		return nil, err
	}
	pr := c.Priority
	if pr == 0 {
		pr = cat.Priority
	}
	return []Event{Reported{
		Meta: c.Meta, Category: c.Category, Channel: c.Channel, Priority: pr, Location: c.Location,
		Grid: c.Grid, Address: c.Address, AddressID: c.AddressID, Description: c.Description, Media: c.Media,
		Contact: c.Contact, AcceptTerm: term,
	}}, nil
}

// term starts a limit at start.
func (d *Decider) term(start time.Time, l workday.Limit) (Term, error) {
	end, err := d.calendar.Deadline(start, l)
	if err != nil {
		return Term{}, err
	}
	return Term{Start: start, End: end.At, Working: l.Unit.Working(), Provisional: end.Provisional}, nil
}

func (d *Decider) dispatch(p *validate.Problems, s *Incident, c Dispatch) ([]Event, error) {
	if c.Platform != 0 {
		checkEnum(p, "platform", c.Platform, platformNames)
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	if !s.Located() {
		return nil, ErrNotLocated
	}
	cat, ok := d.catalog.Lookup(s.Category)
	if !ok {
		return nil, fmt.Errorf("%w %q: the incident's category is not in the decider's catalogue", ErrUnknownCategory, s.Category)
	}
	term, err := d.term(c.At, cat.HandleLimit)
	if err != nil {
		return nil, err
	}
	pl := c.Platform
	if pl == 0 {
		pl = cat.Platform
	}
	return []Event{Dispatched{Meta: c.Meta, Platform: pl, Unit: c.Unit, HandleTerm: term}}, nil
}

func escalate(p *validate.Problems, s *Incident, c Escalate) ([]Event, error) {
	checkEnum(p, "level", c.Level, levelNames)
	if err := p.Err(); err != nil {
		return nil, err
	}
	term, err := escalation(s, c.Level, c.At)
	if err != nil {
		return nil, err
	}
	return []Event{Escalated{Meta: c.Meta, Level: c.Level, Deadline: term.End}}, nil
}

// escalation returns the running term that an escalation of level at
// time at applies to, or ErrEscalation: there is none, the level does not
// go up, a reminder is not before the deadline or an urge or report is.
func escalation(s *Incident, level Level, at time.Time) (Term, error) {
	term, ok := s.Deadline()
	switch {
	case !ok:
		return Term{}, fmt.Errorf("%w: no deadline runs in status %s", ErrEscalation, s.Status)
	case level <= s.Escalated:
		return Term{}, fmt.Errorf("%w: %s already sent; the next level must be above it", ErrEscalation, s.Escalated)
	case level == LevelReminder && !at.Before(term.End):
		return Term{}, fmt.Errorf("%w: a reminder must precede the deadline %s", ErrEscalation, term.End.Format(time.RFC3339))
	case level != LevelReminder && at.Before(term.End):
		return Term{}, fmt.Errorf("%w: %s not before the deadline %s", ErrEscalation, level, term.End.Format(time.RFC3339))
	}
	return term, nil
}

func (d *Decider) extend(p *validate.Problems, s *Incident, c Extend) ([]Event, error) {
	checkExtension(p, c.RequestedAt, c.At, c.By, c.Reason)
	if err := p.Err(); err != nil {
		return nil, err
	}
	if c.RequestedAt.After(s.HandleTerm.End) {
		return nil, fmt.Errorf("%w: requested %s, deadline %s", ErrExtensionLate, c.RequestedAt.Format(time.RFC3339), s.HandleTerm.End.Format(time.RFC3339))
	}
	end, err := d.calendar.Deadline(s.HandleTerm.End, c.By)
	if err != nil {
		return nil, err
	}
	term := Term{Start: s.HandleTerm.Start, End: end.At, Working: s.HandleTerm.Working, Provisional: end.Provisional}
	return []Event{Extended{Meta: c.Meta, RequestedAt: c.RequestedAt, By: c.By, HandleTerm: term, Reason: c.Reason}}, nil
}

func (d *Decider) rate(p *validate.Problems, s *Incident, c Rate) ([]Event, error) {
	checkRating(p, c.Grade, c.Comment)
	if err := p.Err(); err != nil {
		return nil, err
	}
	if s.Rated {
		return nil, ErrAlreadyRated
	}
	rated := Rated(c)
	if !c.Substantive || c.Grade < d.redo.Threshold || (d.redo.MaxRedos > 0 && s.Redos >= d.redo.MaxRedos) {
		return []Event{rated}, nil
	}
	limit := d.redo.Limit
	if limit.IsZero() {
		cat, ok := d.catalog.Lookup(s.Category)
		if !ok {
			return nil, fmt.Errorf("%w %q: the incident's category is not in the decider's catalogue", ErrUnknownCategory, s.Category)
		}
		limit = cat.HandleLimit
	}
	term, err := d.term(c.At, limit)
	if err != nil {
		return nil, err
	}
	return []Event{rated, RedoOrdered{Meta: c.Meta, Unit: s.Unit, HandleTerm: term}}, nil
}
