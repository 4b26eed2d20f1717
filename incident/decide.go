package incident

import (
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/workday"
)

// Text limits. MaxDescription is Open311's limit for a request's
// description.
const (
	MaxDescription = 4000
	MaxText        = 1000 // any other free text: notes, reasons, results, comments
	MaxURLs        = 16   // media or evidence URLs per command
)

// RedoPolicy says when a rating orders a redo: a substantive rating at or
// below Threshold (Dissatisfied covers dissatisfied and very dissatisfied)
// reopens the matter and sends it back to the same unit, with a new
// handling term of Limit (zero: the category's handling limit), unless the
// matter has already been redone MaxRedos times (0: no cap).
type RedoPolicy struct {
	Threshold Grade
	Limit     workday.Limit
	MaxRedos  int
}

// DefaultRedoPolicy orders a redo for a substantive dissatisfied or very
// dissatisfied rating, with the category's handling limit, at most twice.
func DefaultRedoPolicy() RedoPolicy { return RedoPolicy{Threshold: Dissatisfied, MaxRedos: 2} }

// Decider decides commands against a catalogue, a calendar and a redo
// policy. It is immutable and safe for concurrent use.
type Decider struct {
	catalog  *Catalog
	calendar *workday.Calendar
	redo     RedoPolicy
}

// NewDecider returns a Decider. The catalogue and calendar are required.
func NewDecider(catalog *Catalog, calendar *workday.Calendar, redo RedoPolicy) (*Decider, error) {
	var fs []grassroots.FieldError
	if catalog == nil {
		fs = append(fs, grassroots.FieldError{Path: "catalog", Rule: "required", Message: "a catalog is required"})
	}
	if calendar == nil {
		fs = append(fs, grassroots.FieldError{Path: "calendar", Rule: "required", Message: "a calendar is required"})
	}
	if !redo.Threshold.IsValid() {
		fs = append(fs, grassroots.FieldError{Path: "redo.threshold", Rule: grassroots.RuleEnum, Message: gradeNames.Problem(redo.Threshold)})
	}
	if !redo.Limit.IsZero() && redo.Limit.Validate() != nil {
		fs = append(fs, grassroots.FieldError{Path: "redo.limit", Rule: "limit", Message: redo.Limit.Validate().Error()})
	}
	if redo.MaxRedos < 0 {
		fs = append(fs, grassroots.FieldError{Path: "redo.max_redos", Rule: "min", Message: "max_redos must not be negative"})
	}
	if err := grassroots.NewValidationError(fs...); err != nil {
		return nil, err
	}
	return &Decider{catalog: catalog, calendar: calendar, redo: redo}, nil
}

// Catalog returns the decider's catalogue.
func (d *Decider) Catalog() *Catalog { return d.catalog }

// Calendar returns the decider's calendar.
func (d *Decider) Calendar() *workday.Calendar { return d.calendar }

// Decide checks cmd against state and returns the events it causes, in
// order. The checks, in order:
//
//  1. the command's Meta is complete and names state's incident;
//  2. a command whose ID state has seen returns no events and no error
//     (commands are idempotent);
//  3. the command is not dated before state's latest event
//     (ErrTimeBackwards);
//  4. the command applies in state's status (*TransitionError);
//  5. the actor may issue it (*PermissionError);
//  6. its content is valid (*grassroots.ValidationError or a sentinel).
//
// Any failure returns the error and no events. Decide never changes
// state; apply the events with Evolve.
func (d *Decider) Decide(state Incident, cmd Command) ([]Event, error) {
	if cmd == nil {
		return nil, grassroots.NewValidationError(grassroots.FieldError{Rule: "required", Message: "command is nil"})
	}
	m := cmd.Metadata()
	if err := checkMeta(m); err != nil {
		return nil, err
	}
	if state.Status != 0 && m.Incident != state.ID {
		return nil, fmt.Errorf("%w: %q, not %q", ErrWrongIncident, m.Incident, state.ID)
	}
	if state.Seen(m.Command) {
		return nil, nil
	}
	if m.At.Before(state.UpdatedAt) {
		return nil, fmt.Errorf("%w: %s before %s", ErrTimeBackwards, m.At.Format(time.RFC3339), state.UpdatedAt.Format(time.RFC3339))
	}
	op := cmd.Op()
	if !op.IsValid() {
		_, err := op.MarshalText()
		return nil, err
	}
	if !allowed(op, state.Status) {
		return nil, &TransitionError{From: state.Status, Op: op}
	}
	if err := rules[op].check(m.Actor, &state); err != nil {
		return nil, err
	}
	return d.decide(&state, cmd)
}

func checkMeta(m Meta) error {
	var fs []grassroots.FieldError
	if !validID(m.Incident) {
		fs = append(fs, grassroots.FieldError{Path: "incident_id", Rule: "id", Message: "incident_id must be 1-64 characters without spaces"})
	}
	if !validID(m.Command) {
		fs = append(fs, grassroots.FieldError{Path: "command_id", Rule: "id", Message: "command_id must be 1-64 characters without spaces"})
	}
	if y := m.At.Year(); m.At.IsZero() || y < 1 || y > 9999 {
		fs = append(fs, grassroots.FieldError{Path: "at", Rule: "required", Message: "at is required, in years 1 to 9999"})
	}
	fs = append(fs, grassroots.FieldErrors("actor", m.Actor.Validate())...)
	return grassroots.NewValidationError(fs...)
}

func (d *Decider) decide(s *Incident, cmd Command) ([]Event, error) {
	switch c := cmd.(type) {
	case Report:
		return d.report(c)
	case Accept:
		return []Event{Accepted(c)}, nil
	case Reject:
		return reject(s, c)
	case Dispatch:
		return d.dispatch(s, c)
	case Return:
		if err := text("reason", c.Reason, true, MaxText); err != nil {
			return nil, err
		}
		return []Event{Returned(c)}, nil
	case Start:
		return []Event{Started(c)}, nil
	case Resolve:
		return resolve(c)
	case Close:
		if err := text("note", c.Note, false, MaxText); err != nil {
			return nil, err
		}
		return []Event{Closed(c)}, nil
	case Reopen:
		if err := text("reason", c.Reason, true, MaxText); err != nil {
			return nil, err
		}
		return []Event{Reopened{Meta: c.Meta, Reason: c.Reason}}, nil
	case Escalate:
		return escalate(s, c)
	case Extend:
		return d.extend(s, c)
	case Rate:
		return d.rate(s, c)
	}
	return nil, fmt.Errorf("%w: %T", ErrUnknownCommand, cmd)
}

func (d *Decider) report(c Report) ([]Event, error) {
	var fs []grassroots.FieldError
	cat, ok := d.catalog.Lookup(c.Category)
	if !ok {
		fs = append(fs, grassroots.FieldError{Path: "category", Rule: "category", Message: fmt.Sprintf("%v %q", ErrUnknownCategory, c.Category)})
	}
	if !c.Channel.IsValid() {
		fs = append(fs, grassroots.FieldError{Path: "channel", Rule: grassroots.RuleEnum, Message: channelNames.Problem(c.Channel)})
	}
	if err := c.Location.Validate(); err != nil {
		fs = append(fs, grassroots.FieldError{Path: "location", Rule: "location", Message: err.Error()})
	}
	if c.Grid != "" {
		if err := c.Grid.Validate(); err != nil {
			fs = append(fs, grassroots.FieldError{Path: "grid", Rule: "code", Message: err.Error()})
		}
	}
	if c.Priority != 0 && !c.Priority.IsValid() {
		fs = append(fs, grassroots.FieldError{Path: "priority", Rule: grassroots.RuleEnum, Message: priorityNames.Problem(c.Priority)})
	}
	fs = append(fs, grassroots.FieldErrors("", text("address", c.Address, false, MaxText))...)
	fs = append(fs, grassroots.FieldErrors("", text("description", c.Description, true, MaxDescription))...)
	fs = append(fs, grassroots.FieldErrors("", urls("media", c.Media))...)
	if err := grassroots.NewValidationError(fs...); err != nil {
		return nil, err
	}
	term, err := d.term(c.At, cat.AcceptLimit)
	if err != nil {
		return nil, err
	}
	p := c.Priority
	if p == 0 {
		p = cat.Priority
	}
	return []Event{Reported{
		Meta: c.Meta, Category: c.Category, Channel: c.Channel, Priority: p, Location: c.Location,
		Grid: c.Grid, Address: c.Address, Description: c.Description, Media: c.Media,
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

func reject(s *Incident, c Reject) ([]Event, error) {
	var fs []grassroots.FieldError
	if !c.Reason.IsValid() {
		fs = append(fs, grassroots.FieldError{Path: "reason", Rule: grassroots.RuleEnum, Message: rejectReasonNames.Problem(c.Reason)})
	}
	if c.Reason == RejectDuplicate && (!validID(c.DuplicateOf) || c.DuplicateOf == s.ID) {
		fs = append(fs, grassroots.FieldError{Path: "duplicate_of", Rule: "required_if", Message: "a duplicate names another incident"})
	}
	if c.Reason != RejectDuplicate && c.DuplicateOf != "" {
		fs = append(fs, grassroots.FieldError{Path: "duplicate_of", Rule: "excluded_unless", Message: "duplicate_of is only for duplicates"})
	}
	fs = append(fs, grassroots.FieldErrors("", text("note", c.Note, false, MaxText))...)
	if err := grassroots.NewValidationError(fs...); err != nil {
		return nil, err
	}
	return []Event{Rejected(c)}, nil
}

func (d *Decider) dispatch(s *Incident, c Dispatch) ([]Event, error) {
	var fs []grassroots.FieldError
	if !validID(c.Unit) {
		fs = append(fs, grassroots.FieldError{Path: "unit", Rule: "id", Message: "unit must be 1-64 characters without spaces"})
	}
	if c.Platform != 0 && !c.Platform.IsValid() {
		fs = append(fs, grassroots.FieldError{Path: "platform", Rule: grassroots.RuleEnum, Message: platformNames.Problem(c.Platform)})
	}
	cat, ok := d.catalog.Lookup(s.Category)
	if !ok {
		fs = append(fs, grassroots.FieldError{Path: "category", Rule: "category", Message: fmt.Sprintf("%v %q", ErrUnknownCategory, s.Category)})
	}
	if err := grassroots.NewValidationError(fs...); err != nil {
		return nil, err
	}
	term, err := d.term(c.At, cat.HandleLimit)
	if err != nil {
		return nil, err
	}
	p := c.Platform
	if p == 0 {
		p = cat.Platform
	}
	return []Event{Dispatched{Meta: c.Meta, Platform: p, Unit: c.Unit, HandleTerm: term}}, nil
}

func resolve(c Resolve) ([]Event, error) {
	fs := grassroots.FieldErrors("", text("result", c.Result, true, MaxText))
	fs = append(fs, grassroots.FieldErrors("", urls("evidence", c.Evidence))...)
	if err := grassroots.NewValidationError(fs...); err != nil {
		return nil, err
	}
	return []Event{Resolved(c)}, nil
}

func escalate(s *Incident, c Escalate) ([]Event, error) {
	if !c.Level.IsValid() {
		return nil, grassroots.NewValidationError(grassroots.FieldError{Path: "level", Rule: grassroots.RuleEnum, Message: levelNames.Problem(c.Level)})
	}
	term, ok := s.Deadline()
	switch {
	case !ok:
		return nil, fmt.Errorf("%w: no deadline runs", ErrEscalation)
	case c.Level <= s.Escalated:
		return nil, fmt.Errorf("%w: %s already sent", ErrEscalation, s.Escalated)
	case c.Level == LevelReminder && !c.At.Before(term.End):
		return nil, fmt.Errorf("%w: a reminder must precede the deadline", ErrEscalation)
	case c.Level != LevelReminder && c.At.Before(term.End):
		return nil, fmt.Errorf("%w: %s before the deadline", ErrEscalation, c.Level)
	}
	return []Event{Escalated{Meta: c.Meta, Level: c.Level, Deadline: term.End}}, nil
}

func (d *Decider) extend(s *Incident, c Extend) ([]Event, error) {
	var fs []grassroots.FieldError
	if c.RequestedAt.IsZero() || c.RequestedAt.After(c.At) {
		fs = append(fs, grassroots.FieldError{Path: "requested_at", Rule: "ltefield", Message: "requested_at is required and not after at"})
	}
	if err := c.By.Validate(); err != nil {
		fs = append(fs, grassroots.FieldError{Path: "by", Rule: "limit", Message: err.Error()})
	}
	fs = append(fs, grassroots.FieldErrors("", text("reason", c.Reason, false, MaxText))...)
	if err := grassroots.NewValidationError(fs...); err != nil {
		return nil, err
	}
	if c.RequestedAt.After(s.HandleTerm.End) {
		return nil, ErrExtensionLate
	}
	end, err := d.calendar.Deadline(s.HandleTerm.End, c.By)
	if err != nil {
		return nil, err
	}
	term := Term{Start: s.HandleTerm.Start, End: end.At, Working: s.HandleTerm.Working, Provisional: end.Provisional}
	return []Event{Extended{Meta: c.Meta, RequestedAt: c.RequestedAt, By: c.By, HandleTerm: term, Reason: c.Reason}}, nil
}

func (d *Decider) rate(s *Incident, c Rate) ([]Event, error) {
	if !c.Grade.IsValid() {
		return nil, grassroots.NewValidationError(grassroots.FieldError{Path: "grade", Rule: grassroots.RuleEnum, Message: gradeNames.Problem(c.Grade)})
	}
	if err := text("comment", c.Comment, false, MaxText); err != nil {
		return nil, grassroots.NewValidationError(grassroots.FieldErrors("", err)...)
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
			return nil, fmt.Errorf("%w: %q", ErrUnknownCategory, s.Category)
		}
		limit = cat.HandleLimit
	}
	term, err := d.term(c.At, limit)
	if err != nil {
		return nil, err
	}
	return []Event{rated, Reopened{Meta: c.Meta, Reason: "redo: " + c.Grade.String(), Redo: true, HandleTerm: term}}, nil
}

// text checks a free-text field: valid UTF-8, at most max characters,
// and present when required.
func text(path, s string, required bool, max int) error {
	var fe *grassroots.FieldError
	switch {
	case !utf8.ValidString(s):
		fe = &grassroots.FieldError{Path: path, Rule: "utf8", Message: path + " is not valid UTF-8"}
	case required && strings.TrimSpace(s) == "":
		fe = &grassroots.FieldError{Path: path, Rule: "required", Message: path + " is required"}
	case utf8.RuneCountInString(s) > max:
		fe = &grassroots.FieldError{Path: path, Rule: "max", Message: fmt.Sprintf("%s exceeds %d characters", path, max)}
	}
	if fe == nil {
		return nil
	}
	return grassroots.NewValidationError(*fe)
}

// urls checks a list of absolute http or https URLs.
func urls(path string, list []string) error {
	var fs []grassroots.FieldError
	if len(list) > MaxURLs {
		fs = append(fs, grassroots.FieldError{Path: path, Rule: "max", Message: fmt.Sprintf("at most %d URLs", MaxURLs)})
	}
	for i, s := range list {
		u, err := url.Parse(s)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(s) > 2048 {
			fs = append(fs, grassroots.FieldError{Path: grassroots.ElementPath(path, i), Rule: "url", Message: "must be an absolute http(s) URL"})
		}
	}
	return grassroots.NewValidationError(fs...)
}
