package incident

import (
	"fmt"
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/validate"
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
	var v validate.Problems
	v.Require(p.Calendar != nil, "calendar", "a calendar is required")
	if err := p.Actor.Validate(); err != nil {
		v.Nest("actor", err)
	} else if err := rules[OpEscalate].check(p.Actor, &Incident{}); err != nil {
		v.Add("actor", grassroots.RuleInvalid, err.Error())
	}
	p.checkTiming(&v)
	return v.Err()
}

// checkTiming adds the problems of the policy's calendar-free timing
// fields to v.
func (p DuePolicy) checkTiming(v *validate.Problems) {
	switch {
	case p.ReminderPercent < 0:
		v.Add("reminder_percent", grassroots.RuleMin, "reminder_percent must be at least 0")
	case p.ReminderPercent > 99:
		v.Add("reminder_percent", grassroots.RuleMax, "reminder_percent must be at most 99")
	}
	switch {
	case p.ReportAfter < 0:
		v.Add("report_after", grassroots.RuleMin, "report_after must be at least 0")
	case p.ReportAfter > workday.MaxAmount:
		v.Addf("report_after", grassroots.RuleMax, "report_after must be at most %d", workday.MaxAmount)
	}
}

// Due returns the escalations that are due at now, at most one per
// incident, in input order: the highest level whose time has come and
// that the incident has not yet received for its running deadline — a
// reminder from the reminder share until the deadline, an urge from the
// deadline, a report from ReportAfter working days after it. Incidents
// without a running deadline, or whose latest event is after now, are
// skipped; an incident without a point is escalated like any other, since
// its acceptance term runs all the same.
//
// Each command's ID derives from the level and the deadline
// ("due/<level>/<deadline in UTC>"), so running Due twice at the same now
// yields the same commands, which Decide treats as repeats once applied;
// and once applied the incident records the level, so Due yields nothing
// new for it. A command from an earlier sweep that was never applied and
// one of a later sweep share the ID but not the time: Decide accepts
// whichever comes first and refuses the other as a
// *grassroots.CommandConflictError.
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
			Meta:  grassroots.Meta{AggregateID: in.ID, CommandID: dueCommandID(level, term.End), Actor: policy.Actor, At: now},
			Level: level,
		})
	}
	return out, nil
}

// NextDue returns the instant from which Due escalates in, as it stands:
// Due([]Incident{in}, now, policy) yields nothing for in at any now
// before the instant and an escalation at it and at every now after, as
// long as in does not change. ok is false when no escalation will ever
// come: no deadline runs, or in has received the highest level the policy
// sends. The instant is the next level's time (the reminder share, the
// deadline, ReportAfter working days after it) or in's latest event,
// whichever is later. A scheduler that keeps its open matters ordered by
// NextDue passes Due only those whose instant has come, instead of every
// open matter at every sweep. NextDue checks the parts of the policy it
// reads — a calendar, the reminder share and the report delay in range —
// and refuses a policy that fails them as Due does; the actor, which only
// Due uses, Due checks.
func NextDue(in Incident, policy DuePolicy) (at time.Time, ok bool, err error) {
	var v validate.Problems
	v.Require(policy.Calendar != nil, "calendar", "a calendar is required")
	policy.checkTiming(&v)
	if err := v.Err(); err != nil {
		return time.Time{}, false, err
	}
	term, running := in.Deadline()
	if !running {
		return time.Time{}, false, nil
	}
	at, ok, err = nextLevelAt(term, in.Escalated, policy)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("incident: due check of %q: %w", in.ID, err)
	}
	if !ok {
		return time.Time{}, false, nil
	}
	if at.Before(in.UpdatedAt) {
		at = in.UpdatedAt
	}
	return at, true, nil
}

// nextLevelAt is the first instant at which dueLevel gives a level above
// sent: dueLevel only rises with time, through the reminder share, the
// deadline and the report time.
func nextLevelAt(term Term, sent Level, p DuePolicy) (time.Time, bool, error) {
	switch {
	case sent < LevelReminder && p.ReminderPercent > 0:
		remindAt, err := reminderAt(term, p)
		if err != nil {
			return time.Time{}, false, err
		}
		if remindAt.Before(term.End) {
			return remindAt, true, nil
		}
		return term.End, true, nil
	case sent < LevelUrge:
		return term.End, true, nil
	case sent < LevelReport && p.ReportAfter > 0:
		reportAt, err := p.Calendar.Deadline(term.End, workday.Limit{Amount: p.ReportAfter, Unit: workday.WorkingDays})
		if err != nil {
			return time.Time{}, false, err
		}
		return reportAt.At, true, nil
	}
	return time.Time{}, false, nil
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

// dueCommandID names the escalation of level on the deadline; the log
// it goes into is the incident's, so the ID need not name the incident.
func dueCommandID(l Level, deadline time.Time) string {
	return "due/" + l.String() + "/" + deadline.UTC().Format(time.RFC3339Nano)
}
