package main

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/risk"
)

// Observations feed the identification rules at each month's end.

// overdueObservations gives, per grid and month, the share of the month's
// closures that came after their handling deadline: the grid's overdue
// share in the sense of the overdue-share rule, measured when the
// matters leave the books.
func overdueObservations(f *yearFold, year int, loc *time.Location) []risk.Observation {
	closed, late := f.closed, f.late
	var out []risk.Observation
	for m := time.January; m <= time.December; m++ {
		at := monthEnd(year, m, loc)
		for _, g := range gridsOfMonth(closed, m) {
			k := gridMonth{g, m}
			if closed[k] < 5 {
				continue // too few closures to judge a month
			}
			out = append(out, risk.Observation{Indicator: risk.IndicatorOverdueShare, Subject: risk.Subject{Kind: risk.SubjectGrid, Code: string(g)},
				At: at, Value: decimal.NewFromInt(int64(late[k])).DivRound(decimal.NewFromInt(int64(closed[k])), 4)})
		}
	}
	return out
}

type gridMonth struct {
	g grid.Code
	m time.Month
}

// gridsOfMonth returns the grids counted in month, sorted.
func gridsOfMonth(counts map[gridMonth]int, month time.Month) []grid.Code {
	set := map[grid.Code]bool{}
	for k := range counts {
		if k.m == month {
			set[k.g] = true
		}
	}
	return sortedCodes(set)
}

func periodOf(start, end time.Time) grassroots.Period {
	return grassroots.Period{Start: start, End: end}
}

func monthEnd(year int, m time.Month, loc *time.Location) time.Time {
	return time.Date(year, m, 1, 0, 0, 0, 0, loc).AddDate(0, 1, 0).Add(-time.Minute)
}

// satisfactionObservations gives each provider unit's monthly
// satisfaction rate over the matters it handled, from the SDK's
// statistics.
func satisfactionObservations(f *yearFold, providers []providerUnit, year int, loc *time.Location) []risk.Observation {
	isProvider := map[string]bool{}
	for _, p := range providers {
		isProvider[p.ID] = true
	}
	var out []risk.Observation
	for m := time.January; m <= time.December; m++ {
		for _, s := range f.months[m-1].Summary().Groups {
			if !isProvider[s.Key] || !s.SatisfactionRate.OK || s.SatisfactionRate.Den < 10 {
				continue
			}
			out = append(out, risk.Observation{Indicator: risk.IndicatorSatisfactionRate, Subject: risk.Subject{Kind: risk.SubjectProvider, Code: s.Key},
				At: monthEnd(year, m, loc), Value: s.SatisfactionRate.Value})
		}
	}
	return out
}

// allocationObservations audits the elderly-care visit allocation of the
// district's scheduling system each month with the SDK's fairness check:
// residents by household registration are allocated home visits, and the
// disparate-impact ratio of each group against local residents is
// observed. In the autumn the scheduler's new ranking under-serves
// migrants, which the four-fifths rule catches.
func allocationObservations(year int, loc *time.Location, rng *rand.Rand) ([]risk.Observation, error) {
	var out []risk.Observation
	for m := time.January; m <= time.December; m++ {
		rates := map[string]float64{"local": 0.42, "rural": 0.40, "migrant": 0.39}
		if m >= time.September && m <= time.October {
			rates["migrant"] = 0.27
		}
		var samples []risk.Sample
		for _, g := range []string{"local", "migrant", "rural"} {
			for range 1500 {
				need := rng.Float64() < 0.45
				samples = append(samples, risk.Sample{Group: g, Actual: need, Predicted: rng.Float64() < rates[g]})
			}
		}
		rep, err := risk.Fairness(samples, risk.FairnessOptions{Metrics: risk.MetricDisparateImpact, Reference: "local"})
		if err != nil {
			return nil, fmt.Errorf("fairness audit of month %d: %w", m, err)
		}
		for _, di := range rep.DisparateImpact {
			out = append(out, risk.Observation{Indicator: risk.IndicatorDisparateImpact, Subject: risk.Subject{Kind: risk.SubjectSystem, Code: "eldercare-scheduler"},
				Scope: di.Group, At: monthEnd(year, m, loc), Value: di.Ratio})
		}
	}
	return out, nil
}

// concentrationObservations gives each provider's share, in percent, of
// the contracts for a function in a street, where at least two contracts
// compete.
func (g *governance) concentrationObservations(year int) []risk.Observation {
	type key struct{ fn, area string }
	total := map[key]int{}
	held := map[key]map[string]int{}
	var keys []key
	for _, c := range g.contracts {
		for _, item := range c.Scope {
			k := key{item.Function.String(), item.Area}
			if total[k] == 0 {
				keys = append(keys, k)
				held[k] = map[string]int{}
			}
			total[k]++
			held[k][c.Supplier.ID]++
		}
	}
	at := time.Date(year, time.January, 31, 23, 59, 0, 0, cst())
	var out []risk.Observation
	for _, k := range keys {
		if total[k] < 2 {
			continue
		}
		for _, p := range g.providers {
			n := held[k][p.ID]
			if n == 0 {
				continue
			}
			out = append(out, risk.Observation{Indicator: risk.IndicatorContractShare, Subject: risk.Subject{Kind: risk.SubjectProvider, Code: p.ID},
				Scope: k.fn + "@" + k.area, At: at, Value: decimal.NewFromInt(int64(100*n)).DivRound(decimal.NewFromInt(int64(total[k])), 2)})
		}
	}
	return out
}
