// Package evaluation scores providers and governance work the same way in
// every system: indicator systems, subjective and objective weights, the
// common multi-criteria methods, exact multi-party aggregation of ratings,
// satisfaction indices and inter-rater reliability.
//
// # The problem
//
// Government departments, third-party assessors, community and grid
// workers and residents each rate providers against an indicator system.
// Every vendor used to compute the resulting score its own way, with its
// own rounding, so the same ratings gave different scores. Here the same
// ratings give the same score everywhere, to the last digit, and every
// step is written down in the result.
//
// # Main types and functions
//
//   - System and Indicator: a tree of weighted indicators with direction,
//     scale and the parties that may rate each leaf; JSON is its file
//     format (ParseSystem validates). Bands grade a 0–100 score.
//   - Weights: AHP on a Pairwise matrix (ParsePairwise reads
//     "1 3 5; 1/3 1 2; 1/5 1/2 1"), with named random index tables
//     (SaatyRI, ChineseRI); EntropyWeights and CRITIC from data;
//     NormalizeWeights makes weights sum to exactly 1.
//   - Scores: WeightedSum of indicator values against a System.
//
// # Example
//
//	m, _ := evaluation.ParsePairwise("1 3 5; 1/3 1 2; 1/5 1/2 1")
//	r, _ := evaluation.AHP(m, evaluation.AHPOptions{})
//	// r.Weights = [0.6483 0.2297 0.122], r.CR = 0.0032, r.Consistent
//
// # Guarantees
//
//   - Exactness: inputs and outputs are decimal.Decimal. Every result
//     states its scale (DefaultScale, 4 places, unless the options say
//     otherwise) and rounding mode (HalfAwayFromZero). Decimal steps are
//     exact until the one rounding each number's documentation names.
//   - Platform independence: where an algorithm needs floating point
//     (eigenvectors, logarithms, square roots) it uses only correctly
//     rounded IEEE operations, its own logarithm and exponential, sums in
//     index order and no fused multiply-add, so amd64 and arm64 produce
//     the same bits and hence the same decimals.
//   - Determinism: no clock, no randomness, no dependence on map order or
//     on the order of ratings.
//   - Concurrency: functions are pure; values are safe to share once
//     built. Nothing starts a goroutine.
//   - Bad input gets a typed error (see errors.go) and no partial result;
//     no exported function panics.
package evaluation
