package mechanism

import (
	"time"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots/evaluation"
	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/provider"
	"github.com/grassrootsgov/grassroots/risk"
)

// FromIncidentStats converts the statistics of one incident group (as
// incident.Statistics computes them for a community's grids or units
// over the assessment period) to IncidentStats. Each rate's numerator and
// denominator become the counts: closed on time and closed from the
// on-time rate, ratings from the satisfaction rate, negative first
// ratings and their rectification from the rectification rate, reopened
// and ever closed from the reopen rate. Times to close become hours at
// Scale places (half away from zero).
//
// Incident statistics do not know who reported a matter, so the number of
// incidents discovered by providers is passed in. One group's statistics
// do not say where its matters were routed, so Platforms stays empty and
// the platform spread is not OK; FromIncidentSummary fills it.
func FromIncidentStats(s incident.Stats, discoveredByProvider int64) IncidentStats {
	return IncidentStats{
		Received:             int64(s.Received),
		Closed:               int64(s.Closed),
		EverClosed:           int64(s.ReopenRate.Den),
		ClosedOnTime:         int64(s.OnTimeRate.Num),
		MedianHoursToClose:   hoursOf(s.ToClose.Median),
		P90HoursToClose:      hoursOf(s.ToClose.P90),
		Rated:                int64(s.SatisfactionRate.Den),
		Satisfied:            int64(s.SatisfactionRate.Num),
		Negative:             int64(s.RectificationRate.Den),
		Rectified:            int64(s.RectificationRate.Num),
		Reopened:             int64(s.ReopenRate.Num),
		DiscoveredByProvider: discoveredByProvider,
	}
}

// FromIncidentSummary converts the statistics of one community's
// incidents over the assessment period, grouped by platform
// (incident.Statistics with incident.ByPlatform over the community's
// incidents), to IncidentStats: the counts come from the summary's Total
// as FromIncidentStats takes them, and Platforms from its Groups, one
// entry per platform with matters, so that the platform spread of the
// governance load can be computed. The matters not yet routed (Unkeyed)
// count in Received only.
//
// A summary grouped any other way is refused with a
// *SummaryGroupingError (matching ErrSummaryGrouping), since its groups
// are not platforms; a group whose key is not a platform's wire name is
// refused with the *grassroots.UnknownNameError of incident.ParsePlatform.
func FromIncidentSummary(s incident.Summary, discoveredByProvider int64) (IncidentStats, error) {
	if s.By != incident.ByPlatform {
		return IncidentStats{}, &SummaryGroupingError{By: s.By, Want: incident.ByPlatform}
	}
	out := FromIncidentStats(s.Total, discoveredByProvider)
	out.Platforms = make([]PlatformCount, 0, len(s.Groups))
	for _, g := range s.Groups {
		p, err := incident.ParsePlatform(g.Key)
		if err != nil {
			return IncidentStats{}, err
		}
		out.Platforms = append(out.Platforms, PlatformCount{Platform: p, Received: int64(g.Received)})
	}
	return out, nil
}

var nanosPerHour = decimal.NewFromInt(int64(time.Hour))

// hoursOf returns d in hours at Scale places, half away from zero.
func hoursOf(d time.Duration) decimal.Decimal {
	return decimal.NewFromInt(int64(d)).DivRound(nanosPerHour, Scale)
}

// FromScorecard keeps the subject, total and grade of an evaluation
// scorecard.
func FromScorecard(s evaluation.Scorecard) Scorecard {
	return Scorecard{Subject: s.Subject, Total: s.Total, Grade: s.Grade}
}

// FromRisk converts the state of one risk from the register. The register
// classifies risks by category, not by mechanism, so the caller says
// which mechanism the risk threatens. The alert in force becomes Level
// (0 when none); a risk is open from identification until it reaches the
// closed stage (the zero Risk, not yet identified, is not open).
func FromRisk(r risk.Risk, m Mechanism) Risk {
	return Risk{
		ID:        r.ID,
		Mechanism: m,
		Level:     int64(r.Alert),
		Open:      r.Stage.IsValid() && r.Stage != risk.StageClosed,
	}
}

// FromContract summarises a provider contract: its supplier, term and
// scope, with functions by their wire names.
func FromContract(c provider.Contract) Contract {
	scope := make([]ScopeItem, len(c.Scope))
	for i, s := range c.Scope {
		scope[i] = ScopeItem{Function: s.Function.String(), Area: s.Area}
	}
	return Contract{ID: c.ID, Provider: c.Supplier.ID, Period: c.Period, Scope: scope}
}
