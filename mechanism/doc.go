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
//     from metrics, each with its members, weights and contributions.
//   - Assess and Assessment: everything above for one community, grouped
//     for a dashboard and ready for encoding/json.
//   - FromIncidentSummary (incident.Statistics grouped by platform),
//     FromIncidentStats, FromScorecard, FromRisk and FromContract: fill
//     Inputs from the records of the incident, evaluation, risk and
//     provider packages.
//
// # Governance load
//
// The study recommends government–enterprise collaboration where
// governance tasks are heavy and many parties must work together. The
// load is measured by what the community's matters ask of it, not only by
// what it leaves undone, and weighs three parts a third each:
//
//   - volume: MatterRate, matters received per 1,000 residents a year
//     (Inputs.Residents is the population), against ReferenceMatterRate,
//     136: the 142 matters a year of an average Zhejiang grid in 2022
//     (12.1 million over 85,000 grids) among the 1,048 residents of a grid
//     of 400 households (the middle of the urban norm of 300–500) at 2.62
//     persons a household (2020 census). At or above it the volume counts
//     in full;
//   - task mix: PlatformSpread, how evenly the matters spread over the
//     four platforms for grassroots governance, and with them over the
//     departments behind each (IncidentStats.Platforms, from
//     FromIncidentSummary);
//   - shortfall: 1 − substitution index, 1 − closure rate and 1 − on-time
//     closure, a ninth each: the work government still carries and the
//     matters left open or late.
//
// A part without data (no residents, no routing) drops out and the others
// carry the trait. A well-run community with many matters of many kinds
// is therefore heavily loaded; one whose many matters are all of one kind
// is not.
//
// # Rules
//
// With the default thresholds Low 0.4 and High 0.6 (Options):
//
//   - technology_empowerment: digital foundation < Low;
//   - government_enterprise_collaboration: governance load ≥ High and
//     collaboration demand ≥ High;
//   - platform_operation: digital foundation ≥ High and platform need ≥
//     High.
//
// Several rules may fire, and the recommendation is then a combination;
// when none fires the nearest rule's model is given and marked weak.
// Every Recommendation carries the profile, the thresholds, each rule's
// conditions with their scores and margins, and which fired.
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
//     JSON field paths and the grassroots.Rule names, each message saying
//     what was expected (an unknown code or name lists the valid ones);
//     other refusals are typed errors in errors.go. No exported function
//     panics or hangs.
//   - Hostile decimals: a decimal.Decimal built in Go can carry any int32
//     exponent, and arithmetic on decimal.New(1, math.MaxInt32) would not
//     finish. Validate refuses exponents outside [-18, 15]. The functions
//     that do not validate (Inputs.Metrics, Indices, Normalise,
//     DeriveProfile and the metric methods) never compute with a decimal
//     whose exponent lies beyond ±10,000, the bound decimal itself puts on
//     what it decodes from JSON: a metric that would read one is 0 and
//     not OK (Value, Numerator and Denominator 0), and so is an index
//     member or trait member, which then makes its index or trait 0 and
//     not OK too. Such a value is never copied into a result.
package mechanism
