package mechanism

import (
	"slices"
	"strings"

	"github.com/shopspring/decimal"
)

// functionTotals are the task counts and hours of one function.
type functionTotals struct {
	function                string
	provider, all           int64
	providerHours, allHours decimal.Decimal
}

// byFunction sums the task records per function, sorted by function; it
// multiplies out standard hours only when asked, as decimal products are
// the expensive part.
func (ts Tasks) byFunction(withHours bool) []functionTotals {
	idx := map[string]int{}
	var out []functionTotals
	for _, t := range ts {
		i, ok := idx[t.Function]
		if !ok {
			i = len(out)
			idx[t.Function] = i
			out = append(out, functionTotals{function: t.Function, providerHours: zero, allHours: zero})
		}
		f := &out[i]
		f.all += t.Count
		if t.Performer == ByProvider {
			f.provider += t.Count
		}
		if withHours {
			hours := decimal.NewFromInt(t.Count).Mul(t.StandardHours)
			f.allHours = f.allHours.Add(hours)
			if t.Performer == ByProvider {
				f.providerHours = f.providerHours.Add(hours)
			}
		}
	}
	slices.SortFunc(out, func(a, b functionTotals) int { return strings.Compare(a.function, b.function) })
	return out
}

// ProviderShares returns, per function (sorted by function code), the
// share of its tasks carried out by providers: provider tasks / all tasks.
func (ts Tasks) ProviderShares() []Metric {
	fns := ts.byFunction(false)
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
// and Denominator are those hours. Any other weighting gives a metric that
// is not OK.
func (ts Tasks) SubstitutionIndex(w Weighting) Metric {
	switch w {
	case EqualWeights:
		return meanOf(SubstitutionIndex, ts.ProviderShares())
	case StandardHourWeights:
		ph, ah := zero, zero
		for _, f := range ts.byFunction(true) {
			ph, ah = ph.Add(f.providerHours), ah.Add(f.allHours)
		}
		return newMetric(SubstitutionIndex, "", ph, ah)
	default:
		return newMetric(SubstitutionIndex, "", zero, zero)
	}
}

// FTERelieved returns the full-time equivalents of government work that
// providers relieve: Σ provider tasks × standard hours / hoursPerFTE (the
// Standard Cost Model's quantity × standard time; 2,000 hours a year by
// default in Config). It is not OK when hoursPerFTE is not positive.
func (ts Tasks) FTERelieved(hoursPerFTE decimal.Decimal) Metric {
	hours := zero
	for _, t := range ts {
		if t.Performer == ByProvider {
			hours = hours.Add(decimal.NewFromInt(t.Count).Mul(t.StandardHours))
		}
	}
	return newMetric(FTERelieved, "", hours, hoursPerFTE)
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
