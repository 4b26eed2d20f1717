// Package mechanism measures the three operational mechanisms through
// which service providers take part in grassroots digital governance —
// functional substitution, resource coordination and multi-stakeholder
// interaction — and recommends a participation model for a community.
//
// # The problem
//
// The mechanisms and the three participation models (technology
// empowerment, government–enterprise collaboration, platform operation)
// are usually described in words. A district that wants to steer them
// needs numbers it can compute every month from the records it already
// keeps, the same numbers whichever vendor computes them, and a
// recommendation whose reasons it can read.
//
// # Main types
//
//   - Inputs: the prepared statistics of one community for one period, as
//     plain values: task records (Tasks), contract summaries, a
//     data-sharing Catalogue, Resources, Participation, IncidentStats,
//     scorecards and the risk register. Methods on each part compute the
//     metrics that depend on it alone, such as
//     IncidentStats.ClosureRate or Catalogue.DataSilo.
//   - Metric: one value with its numerator, denominator, OK flag, Unit,
//     Layer (structure, process, function) and Mechanism; Definitions
//     lists every Code.
//   - Index: a mechanism index, the weighted mean of its normalised
//     members; Normalise and Indices compute them for one community,
//     AssessAll adds peer normalisation over a set of communities.
//   - Profile and Recommend: trait scores in [0, 1] and the transparent
//     rule set that maps them to models; DeriveProfile scores the traits
//     from metrics.
//   - Assess and Assessment: everything above for one community, grouped
//     for a dashboard and ready for encoding/json.
//   - FromIncidentStats, FromScorecard, FromRisk and FromContract: fill
//     Inputs from the records of the incident, evaluation, risk and
//     provider packages.
//
// # Example
//
//	cfg := mechanism.DefaultConfig()
//	a, err := mechanism.Assess(inputs, cfg)
//	if err != nil {
//		return err // a *grassroots.ValidationError listing every problem
//	}
//	for _, ix := range a.Indices {
//		fmt.Println(ix.Mechanism, ix.Value)
//	}
//	fmt.Println(a.Recommendation.Models)
//
// # Conventions
//
// Ratios are fractions; a zero denominator gives value 0 with OK false,
// never NaN. Raw counts (58 departments, 282 data categories, 15 systems
// in the Deqing W village case) stay raw: the matching ratio is computed
// only when the caller gives the total in scope. Single-community
// normalisation is min(1, value / target) (turned around for cost
// metrics); peer normalisation is z-score then min-max over the peers, as
// the UN E-Government Development Index does. Composites are weighted
// means with explicit weights, equal by default.
//
// # Guarantees
//
//   - Exactness: values are decimal.Decimal with Scale (4) places,
//     rounded half away from zero (half up for the non-negative values of
//     metrics) by decimal.DivRound, which rounds the exact quotient. Each
//     step rounds once and says so; a Metric's Value is always its
//     Numerator / Denominator rounded that way, so any implementation can
//     reproduce it. No float64 is involved.
//   - Determinism: results do not depend on the order of any input slice
//     or on map iteration; lists in results are sorted as documented.
//   - Concurrency: every function is pure; nothing is shared or mutated,
//     so concurrent use is safe.
//   - Errors: Assess, AssessAll and Recommend validate their input and
//     report every problem at once as a *grassroots.ValidationError with
//     JSON field paths; no exported function panics.
package mechanism
