package incident

import (
	"fmt"
	"strconv"
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/workday"
)

// DuePolicy says when Due escalates a running deadline.
type DuePolicy struct {
	// Calendar measures working time. Required.
	Calendar *workday.Calendar
	// Actor issues the escalations; the permission table must allow it to
	// escalate (a government supervisor).
	Actor grassroots.Actor
	// ReminderPercent sends a reminder once this share of the limit has
	// elapsed (1–99); 0 sends none. The share is of working time when the
	// limit counts working time, otherwise of wall time.
	ReminderPercent int
	// ReportAfter sends a report of criticism once the deadline has passed
	// by this many further working days (counted like a working-day
	// limit from the deadline); 0 sends none.
	ReportAfter int
}

// Validate reports every problem of p at once.
func (p DuePolicy) Validate() error {
	var fs []grassroots.FieldError
	if p.Calendar == nil {
		fs = append(fs, grassroots.FieldError{Path: "calendar", Rule: "required", Message: "a calendar is required"})
	}
	if err := p.Actor.Validate(); err != nil {
		fs = append(fs, grassroots.FieldErrors("actor", err)...)
	} else if err := rules[OpEscalate].check(p.Actor, &Incident{}); err != nil {
		fs = append(fs, grassroots.FieldError{Path: "actor", Rule: "permission", Message: err.Error()})
	}
	if p.ReminderPercent < 0 || p.ReminderPercent > 99 {
		fs = append(fs, grassroots.FieldError{Path: "reminder_percent", Rule: "range", Message: "reminder_percent must be 0-99"})
	}
	if p.ReportAfter < 0 || p.ReportAfter > workday.MaxAmount {
		fs = append(fs, grassroots.FieldError{Path: "report_after", Rule: "range", Message: "report_after must not be negative"})
	}
	return grassroots.NewValidationError(fs...)
}

// Due returns the escalations that are due at now, at most one per
// incident, in input order: the highest level whose time has come and
// that the incident has not yet received for its running deadline — a
// reminder from the reminder share until the deadline, an urge from the
// deadline, a report from ReportAfter working days after it. Incidents
// without a running deadline, or whose latest event is after now, are
// skipped.
//
// Each command's ID derives from the incident, the level and the
// deadline, so running Due twice at the same now yields the same commands,
// which Decide treats as already seen once applied; and once applied the
// incident records the level, so Due yields nothing new for it.
func Due(incidents []Incident, now time.Time, policy DuePolicy) ([]Command, error) {
	if err := policy.Validate(); err != nil {
		return nil, err
	}
	var out []Command
	for i := range incidents {
		in := &incidents[i]
		term, ok := in.Deadline()
		if !ok || now.Before(in.UpdatedAt) {
			continue
		}
		level, err := dueLevel(term, now, policy)
		if err != nil {
			return nil, fmt.Errorf("incident: due check of %q: %w", in.ID, err)
		}
		if level <= in.Escalated {
			continue
		}
		out = append(out, Escalate{
			Meta:  Meta{Incident: in.ID, Command: dueCommandID(in.ID, level, term.End), Actor: policy.Actor, At: now},
			Level: level,
		})
	}
	return out, nil
}

func dueLevel(term Term, now time.Time, p DuePolicy) (Level, error) {
	if !now.Before(term.End) {
		if p.ReportAfter > 0 {
			reportAt, err := p.Calendar.Deadline(term.End, workday.Limit{Amount: p.ReportAfter, Unit: workday.WorkingDays})
			if err != nil {
				return 0, err
			}
			if !now.Before(reportAt.At) {
				return LevelReport, nil
			}
		}
		return LevelUrge, nil
	}
	if p.ReminderPercent == 0 {
		return 0, nil
	}
	remindAt, err := reminderAt(term, p)
	if err != nil {
		return 0, err
	}
	if !now.Before(remindAt) {
		return LevelReminder, nil
	}
	return 0, nil
}

// reminderAt is the instant at which ReminderPercent of the term has
// elapsed, in working time for a working term with working time in it.
func reminderAt(term Term, p DuePolicy) (time.Time, error) {
	pct := int64(p.ReminderPercent)
	if term.Working {
		w, err := p.Calendar.WorkingTime(term.Start, term.End)
		if err != nil {
			return time.Time{}, err
		}
		if w > 0 {
			at, err := p.Calendar.AddWorkingTime(term.Start, w*time.Duration(pct)/100)
			return at.At, err
		}
	}
	return term.Start.Add(term.End.Sub(term.Start) * time.Duration(pct) / 100), nil
}

func dueCommandID(incident string, l Level, deadline time.Time) string {
	h := hashID(incident + "\x00" + l.String() + "\x00" + strconv.FormatInt(deadline.UnixNano(), 10))
	return "due-" + l.String() + "-" + strconv.FormatUint(h, 16)
}
