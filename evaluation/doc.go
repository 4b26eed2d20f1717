// Package evaluation scores providers and governance work the same way in
// every system: indicator systems, subjective and objective weights, the
// usual multi-criteria methods, exact multi-party aggregation of ratings,
// satisfaction indices and inter-rater reliability.
//
// # The problem
//
// Government departments, third-party assessors, community and grid
// workers and residents each rate providers against an indicator system.
// Every vendor used to compute the resulting score its own way, with its
// own rounding, so the same ratings gave different scores. Here the same
// ratings give the same score everywhere, to the last digit, and the
// result writes down every step.
//
// # Main types and functions
//
//   - System and Indicator: a tree of weighted indicators with direction
//     (Benefit or Cost), Scale (Likert(5), Percent(), …) and the parties
//     that may rate each leaf. JSON is its file format; ParseSystem
//     validates, Normalize makes sibling weights sum to exactly 1.
//   - Weights: AHP on a Pairwise matrix (ParsePairwise reads
//     "1 3 5; 1/3 1 2; 1/5 1/2 1") by eigenvector, geometric or
//     arithmetic mean, with named random index tables (SaatyRI,
//     ChineseRI); Synthesize for hierarchies; GroupAHP (AIJ, AIP);
//     EntropyWeights and CRITIC from data; NormalizeWeights.
//   - Methods: WeightedSum of indicator values, TOPSIS, FuzzyEvaluate and
//     FuzzyEvaluateTwoLevel; Bands grade a 0–100 score.
//   - Aggregate: many parties' Ratings into one explained Scorecard per
//     subject (central values, party weights, minimum samples, margins of
//     error, missing-data policy, weighted total and grade).
//   - Satisfaction: CSAT, NPS, ServiceRating (好差评), LikertIndex.
//   - Reliability: KrippendorffAlpha (nominal, ordinal, interval, ratio,
//     missing values) and KendallW (tie-corrected).
//
// # Example
//
//	m, _ := evaluation.ParsePairwise("1 3 5; 1/3 1 2; 1/5 1/2 1")
//	r, _ := evaluation.AHP(m, evaluation.AHPOptions{})
//	// r.Weights = [0.6483 0.2297 0.122], r.LambdaMax = 3.0037,
//	// r.CR = 0.0032, r.Consistent = true
//
// # Guarantees
//
//   - Exactness: inputs and outputs are decimal.Decimal. Every result
//     states its scale (DefaultScale, four places, unless the options say
//     otherwise) and rounding mode (HalfAwayFromZero). Decimal steps are
//     exact until the one rounding each number's documentation names;
//     Aggregate sums ratings as 64-bit integers and reports an error,
//     never a rounded sum, when a value does not fit.
//   - Platform independence: where an algorithm needs floating point
//     (eigenvectors, logarithms, square roots) it uses only correctly
//     rounded IEEE operations, its own logarithm and exponential (math.Log
//     and math.Exp differ in their last bits between amd64 and arm64),
//     sums in index order and no fused multiply-add, then converts to
//     decimal with one stated rounding. The tests pin those digits and
//     pass on amd64 and, under qemu, on arm64.
//   - Determinism: no clock, no randomness, no dependence on map order;
//     Aggregate gives the same scorecards for the ratings in any order.
//   - Concurrency: functions are pure; values are safe to share once
//     built. Nothing starts a goroutine.
//   - Bad input gets a typed error matching a sentinel of errors.go (or
//     grassroots.ErrInvalid) and no partial result; no exported function
//     panics.
package evaluation
