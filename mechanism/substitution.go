package mechanism

import (
	"math/big"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots/internal/exact"
)

// functionTotals are the task counts of one function.
type functionTotals struct {
	function      string
	provider, all int64
}

// byFunction sums the task records per function, sorted by function.
func (ts Tasks) byFunction() []functionTotals {
	idx := make(map[string]int, 8)
	var out []functionTotals
	for _, t := range ts {
		i, ok := idx[t.Function]
		if !ok {
			i = len(out)
			idx[t.Function] = i
			out = append(out, functionTotals{function: t.Function})
		}
		out[i].all += t.Count
		if t.Performer == ByProvider {
			out[i].provider += t.Count
		}
	}
	slices.SortFunc(out, func(a, b functionTotals) int { return strings.Compare(a.function, b.function) })
	return out
}

// hours returns Σ count × standard hours over the tasks, or over the
// provider tasks only, exactly. It sums integers at the smallest exponent
// of the standard hours; the decimal loop is the fallback for exponents
// beyond what validation allows. ok is false, and nothing is summed, when
// the standard hours of a task summed are untame.
func (ts Tasks) hours(providerOnly bool) (sum decimal.Decimal, ok bool) {
	exp := int32(0)
	for _, t := range ts {
		if !providerOnly || t.Performer == ByProvider {
			if !exact.Tame(t.StandardHours) {
				return zero, false
			}
			exp = min(exp, t.StandardHours.Exponent())
		}
	}
	var acc, term big.Int
	for _, t := range ts {
		if providerOnly && t.Performer != ByProvider {
			continue
		}
		if !exact.BigOf(t.StandardHours, -exp, &term) {
			return ts.hoursByDecimal(providerOnly), true
		}
		term.Mul(&term, big.NewInt(t.Count))
		acc.Add(&acc, &term)
	}
	return decimal.NewFromBigInt(&acc, exp), true
}

func (ts Tasks) hoursByDecimal(providerOnly bool) decimal.Decimal {
	sum := zero
	for _, t := range ts {
		if !providerOnly || t.Performer == ByProvider {
			sum = sum.Add(decimal.NewFromInt(t.Count).Mul(t.StandardHours))
		}
	}
	return sum
}

// ProviderShares returns, per function (sorted by function code), the
// share of its tasks carried out by providers: provider tasks / all tasks.
func (ts Tasks) ProviderShares() []Metric {
	fns := ts.byFunction()
	out := make([]Metric, len(fns))
	for i, f := range fns {
		out[i] = ratio(ProviderTaskShare, f.function, f.provider, f.all)
	}
	return out
}

// SubstitutionIndex returns the weighted mean of the functions' provider
// task shares.
//
// With EqualWeights (the default) it is the plain mean of the shares of
// the functions that have tasks: Numerator is the sum of the shares (each
// at Scale) and Denominator the number of functions. With
// StandardHourWeights each function weighs its standard hours (tasks ×
// standard hours), so the index is provider hours / all hours: Numerator
// and Denominator are those hours, and a task's standard hours with an
// exponent beyond ±10,000 (a value built in Go) make the metric not OK,
// with Value, Numerator and Denominator 0. Any other weighting gives a
// metric that is not OK.
func (ts Tasks) SubstitutionIndex(w Weighting) Metric {
	return ts.substitutionIndex(w, ts.ProviderShares())
}

// substitutionIndex is SubstitutionIndex given the provider shares.
func (ts Tasks) substitutionIndex(w Weighting, shares []Metric) Metric {
	switch w {
	case EqualWeights:
		return meanOf(SubstitutionIndex, shares)
	case StandardHourWeights:
		all, ok := ts.hours(false) // every task: any untame hours show here
		if !ok {
			return unusable(SubstitutionIndex, "")
		}
		provided, _ := ts.hours(true)
		return newMetric(SubstitutionIndex, "", provided, all)
	default:
		return newMetric(SubstitutionIndex, "", zero, zero)
	}
}

// FTERelieved returns the full-time equivalents of government work that
// providers relieve: Σ provider tasks × standard hours / hoursPerFTE (the
// Standard Cost Model's quantity × standard time; 2,000 hours a year by
// default in Config). It is not OK when hoursPerFTE is not positive, and
// not OK with Value, Numerator and Denominator 0 when hoursPerFTE or a
// provider task's standard hours have an exponent beyond ±10,000 (a
// value built in Go).
func (ts Tasks) FTERelieved(hoursPerFTE decimal.Decimal) Metric {
	h, ok := ts.hours(true)
	if !ok || !exact.Tame(hoursPerFTE) {
		return unusable(FTERelieved, "")
	}
	return newMetric(FTERelieved, "", h, hoursPerFTE)
}

// ProviderDiscoveryShare returns incidents discovered by providers /
// incidents received.
func (s IncidentStats) ProviderDiscoveryShare() Metric {
	return ratio(ProviderDiscoveryShare, "", s.DiscoveredByProvider, s.Received)
}

// ProviderGridCoverage returns the share of the community's grids served
// by at least one provider contract whose period overlaps the assessment
// period. A contract serves a grid when the area of one of its scope
// items equals the grid code or prefixes it (grid codes extend community
// codes).
func (in *Inputs) ProviderGridCoverage() Metric {
	in = in.zeroIfNil()
	var active []string
	for _, c := range in.Contracts {
		if c.Period.Overlaps(in.Period) {
			for _, s := range c.Scope {
				if s.Area != "" {
					active = append(active, s.Area)
				}
			}
		}
	}
	served := int64(0)
	for _, g := range in.Grids {
		if slices.ContainsFunc(active, func(a string) bool { return strings.HasPrefix(g, a) }) {
			served++
		}
	}
	return ratio(ProviderGridCoverage, "", served, int64(len(in.Grids)))
}
