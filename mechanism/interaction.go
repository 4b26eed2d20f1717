package mechanism

import (
	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots/internal/exact"
)

// ParticipationRate returns the unique participants across every kind of
// action / registered users. A resident who posted, voted and attended
// counts once (Decidim's participant). The rate is not capped: people
// who take part without registering can push it above 1, and the
// normalisation of indices caps it instead.
func (p *Participation) ParticipationRate() Metric {
	p = p.zeroIfNil()
	n := 0
	for _, g := range p.Participants {
		n += len(g.IDs)
	}
	seen := make(map[string]struct{}, n)
	for _, g := range p.Participants {
		for _, id := range g.IDs {
			if id != "" {
				seen[id] = struct{}{}
			}
		}
	}
	return ratio(ParticipationRate, "", int64(len(seen)), p.RegisteredUsers)
}

// ActivityIntensity returns posts per 1,000 registered users: posts ×
// 1,000 / users. The Hangzhou S community case gives 547 × 1,000 / 13,955
// = 39.1974 (39.2 to one place).
func (p *Participation) ActivityIntensity() Metric {
	p = p.zeroIfNil()
	num := decimal.NewFromInt(p.Posts).Mul(thousand)
	return newMetric(ActivityIntensity, "", num, decimal.NewFromInt(p.RegisteredUsers))
}

// ProposalUptake returns proposals accepted / proposals.
func (p *Participation) ProposalUptake() Metric {
	p = p.zeroIfNil()
	return ratio(ProposalUptake, "", p.ProposalsAccepted, p.Proposals)
}

// MeetingTurnout returns attendees / invitees summed over the meetings.
func (p *Participation) MeetingTurnout() Metric {
	p = p.zeroIfNil()
	var att, inv int64
	for _, m := range p.Meetings {
		att += m.Attended
		inv += m.Invited
	}
	return ratio(MeetingTurnout, "", att, inv)
}

// JointActionProgress returns the progress of the joint actions rolled up
// as Decidim rolls up implementation progress: the weighted mean Σ weight
// × progress / Σ weight when any weight is set, otherwise the plain mean
// Σ progress / actions. It is not OK, with Value, Numerator and
// Denominator 0, when any progress or weight has an exponent beyond
// ±10,000 (a value built in Go).
func (p *Participation) JointActionProgress() Metric {
	p = p.zeroIfNil()
	for _, j := range p.JointActions {
		if !exact.Tame(j.Progress, j.Weight) {
			return unusable(JointActionProgress, "")
		}
	}
	num, den := zero, zero
	weighted := false
	for _, j := range p.JointActions {
		if !j.Weight.IsZero() {
			weighted = true
			break
		}
	}
	for _, j := range p.JointActions {
		if weighted {
			num = num.Add(j.Weight.Mul(j.Progress))
			den = den.Add(j.Weight)
		} else {
			num = num.Add(j.Progress)
			den = den.Add(one)
		}
	}
	return newMetric(JointActionProgress, "", num, den)
}

// The four forms of interaction of the multi-stakeholder mechanism; the
// first three follow the UN E-Participation Index levels (e-information,
// e-consultation, e-decision-making), the fourth is interactive
// evaluation.
const interactionForms = 4

// InteractionFormCoverage returns the number of interaction forms present
// in the period / 4:
//   - information: at least one post;
//   - consultation: a comment, proposal, vote or meeting;
//   - joint action: at least one joint action;
//   - evaluation: a survey answer, a rated incident or a scorecard.
func (in *Inputs) InteractionFormCoverage() Metric {
	in = in.zeroIfNil()
	p := &in.Participation
	present := []bool{
		p.Posts > 0,
		p.Comments > 0 || p.Proposals > 0 || p.Votes > 0 || len(p.Meetings) > 0,
		len(p.JointActions) > 0,
		p.SurveyAnswers > 0 || in.Incidents.Rated > 0 || len(in.Scorecards) > 0,
	}
	n := int64(0)
	for _, ok := range present {
		if ok {
			n++
		}
	}
	return ratio(InteractionFormCoverage, "", n, interactionForms)
}

// ClosureRate returns incidents closed / received. The Hangzhou S
// community case (919 reports, all closed) gives 1.
func (s IncidentStats) ClosureRate() Metric {
	return ratio(ClosureRate, "", s.Closed, s.Received)
}

// OnTimeClosure returns incidents closed within their time limit / closed
// (the 311 "% closed within SLA").
func (s IncidentStats) OnTimeClosure() Metric {
	return ratio(OnTimeClosure, "", s.ClosedOnTime, s.Closed)
}

// MedianTimeToClose returns the median hours to close at Scale (rounded
// half away from zero), over a denominator of 1. It is not OK when nothing
// was closed, and not OK with Value, Numerator and Denominator 0 when the
// hours have an exponent beyond ±10,000 (a value built in Go).
func (s IncidentStats) MedianTimeToClose() Metric {
	return hoursMetric(MedianTimeToClose, s.MedianHoursToClose, s.Closed)
}

// P90TimeToClose returns the 90th percentile of hours to close, like
// MedianTimeToClose, and is not OK in the same cases.
func (s IncidentStats) P90TimeToClose() Metric {
	return hoursMetric(P90TimeToClose, s.P90HoursToClose, s.Closed)
}

func hoursMetric(c Code, hours decimal.Decimal, closed int64) Metric {
	if !exact.Tame(hours) {
		return unusable(c, "")
	}
	if closed <= 0 {
		return newMetric(c, "", zero, zero)
	}
	return newMetric(c, "", hours, one)
}

// SatisfactionRate returns satisfied ratings / ratings (for the five-grade
// government-service rating, the first three grades count as satisfied).
func (s IncidentStats) SatisfactionRate() Metric {
	return ratio(SatisfactionRate, "", s.Satisfied, s.Rated)
}

// RectificationRate returns negative ratings rectified / negative ratings.
func (s IncidentStats) RectificationRate() Metric {
	return ratio(RectificationRate, "", s.Rectified, s.Negative)
}

// ReopenRate returns incidents reopened / incidents ever closed (Closed
// when EverClosed is not recorded), as incident.Stats defines it.
func (s IncidentStats) ReopenRate() Metric {
	return ratio(ReopenRate, "", s.Reopened, s.reopenBase())
}

func (s IncidentStats) reopenBase() int64 {
	if s.EverClosed > 0 {
		return s.EverClosed
	}
	return s.Closed
}

// zeroIfNil returns p, or a zero Participation for a nil p, so that a nil
// *Participation answers as the zero value does.
func (p *Participation) zeroIfNil() *Participation {
	if p == nil {
		return new(Participation)
	}
	return p
}
