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
//     validates, Normalize makes sibling weights sum to exactly 1, and
//     WithWeights and WithSynthesis set weights by code from AHP or any
//     other weighting.
//   - Weights: AHP on a Pairwise matrix (ParsePairwise reads
//     "1 3 5; 1/3 1 2; 1/5 1/2 1") by eigenvector, geometric or
//     arithmetic mean, with named random index tables; Synthesize for
//     hierarchies, with the alternatives' global scores; GroupAHP (AIJ
//     with its aggregated matrix, AIP by geometric or arithmetic mean);
//     EntropyWeights and CRITIC from data; NormalizeWeights.
//   - Methods: WeightedSum of indicator values, TOPSIS, FuzzyEvaluate and
//     FuzzyEvaluateTwoLevel; Bands grade a 0–100 score.
//   - Aggregate: many parties' Ratings into one explained Scorecard per
//     subject (central values, party weights, minimum samples, margins of
//     error, missing-data policy, weighted total and grade).
//   - Satisfaction: CSAT, NPS, ServiceRating (好差评), LikertIndex.
//   - Reliability: KrippendorffAlpha (nominal, ordinal, interval, ratio,
//     missing values) and KendallW (with and without the tie correction).
//
// # Sources
//
//   - AHP: T. L. Saaty, The Analytic Hierarchy Process, McGraw-Hill, 1980
//     (eigenvector, λmax, CI, CR, accept CR < 0.10; the geometric and
//     arithmetic means are the usual approximations). Random indices:
//     SaatyRI (Saaty 1980, n ≤ 10), Saaty2005RI (Saaty, Theory and
//     Applications of the Analytic Network Process, 2005, n ≤ 15),
//     DoneganDoddRI (Donegan and Dodd, Mathematical and Computer
//     Modelling 15(10), 1991, n ≤ 20) and ChineseRI (a textbook table
//     without an identified primary source, n ≤ 15); each function's
//     documentation says which values could not be checked against the
//     original. A size beyond a table is a *RIRangeError naming the
//     table's range.
//   - Hierarchies: global weight = product of local weights; combined CR
//     level by level (Σ g·CI / Σ g·RI), as in most textbooks.
//   - Group decisions: Forman and Peniwati, European Journal of
//     Operational Research 108 (1998) 165–169 (AIJ, AIP); Aczél and
//     Saaty, Journal of Mathematical Psychology 27 (1983) 93–102 (the
//     geometric mean keeps judgements reciprocal).
//   - Entropy weights: the Shannon-entropy method (tested against Xu,
//     European Journal of Operational Research 156 (2004) 530–532), with
//     p·ln p = 0 at p = 0. CRITIC: Diakoulaki, Mavrotas and Papayannakis, Computers &
//     Operations Research 22 (1995) 763–770. TOPSIS: Hwang and Yoon,
//     Multiple Attribute Decision Making, 1981.
//   - Fuzzy comprehensive evaluation: B = W ∘ R with the weighted-average
//     M(·, ⊕) or Zadeh's M(∧, ∨) operator, grade by maximum membership.
//   - Kendall's W: Kendall and Babington Smith, Annals of Mathematical
//     Statistics 10 (1939) 275–287, tie correction as in Siegel and
//     Castellan, Nonparametric Statistics, 2nd ed., 1988. Krippendorff's
//     α: Krippendorff, "Computing Krippendorff's Alpha-Reliability", 2011.
//   - NPS: F. F. Reichheld, "The one number you need to grow", Harvard
//     Business Review, December 2003 (0–10 scale, promoters 9–10,
//     detractors 0–6); 好差评: the national five-grade rating of
//     government services.
//
// # The rounding rule
//
// A number that feeds another computation is never rounded first; each
// reported number is rounded once, to the result's Scale (DefaultScale,
// four places, unless the options say otherwise, at most 12) half away
// from zero (HalfAwayFromZero: 2.5 → 3, −2.5 → −3), and every result
// carries its Precision.
//
//   - Float methods (AHP, Synthesize, GroupAHP, EntropyWeights, CRITIC,
//     TOPSIS, KrippendorffAlpha's inputs) keep float64 throughout. Their
//     results give each number twice: rounded (Weights, CR, …) and
//     unrounded in the field of the same name with the suffix Exact
//     (WeightsExact, CRExact, …, JSON "…_exact"): the float64 written as
//     the shortest decimal that reads back as the same float64. Pass the
//     Exact fields on (to TOPSIS, FuzzyEvaluate, WithWeights).
//   - Exact methods (FuzzyEvaluate, KendallW, the satisfaction indices,
//     WeightedSum) compute with exact decimals and fractions and round
//     each reported number once from its exact value. FuzzyResult.BExact
//     is the exact vector; KendallResult gives the exact S and tie term.
//   - Verdicts never depend on the scale: AHP's Consistent compares
//     CRExact with the threshold (Saaty's CR < 0.10 by default), TOPSIS
//     ranks by unrounded closeness, the fuzzy grade and tie come from
//     the unrounded vector, a scorecard's Grade is the band of its
//     unrounded total.
//   - Where a value must be a rounded decimal to be used at all (the
//     sibling weights of a System, which sum to exactly 1), it is rounded
//     once by the largest-remainder method (NormalizeWeights) from the
//     unrounded input.
//   - A Scorecard is an explained chain: each listed number is rounded and
//     the next is computed from the listed one, so a reader can check it
//     line by line (Aggregate computes it in 64-bit fixed point). Its
//     Grade is still decided on the unrounded total, as above.
//
// # Example
//
//	m, _ := evaluation.ParsePairwise("1 3 5; 1/3 1 2; 1/5 1/2 1")
//	r, _ := evaluation.AHP(m, evaluation.AHPOptions{})
//	// r.Weights = [0.6483 0.2297 0.122], r.LambdaMax = 3.0037,
//	// r.CR = 0.0032, r.Consistent = true; r.WeightsExact unrounded
//
// # Guarantees
//
//   - Exactness: inputs and outputs are decimal.Decimal, rounded as the
//     rounding rule says. Aggregate sums ratings as 64-bit integers and
//     reports an error, never a rounded sum, when a value does not fit.
//   - Platform independence: where an algorithm needs floating point
//     (eigenvectors, logarithms, square roots) it uses only correctly
//     rounded IEEE operations, its own logarithm and exponential (math.Log
//     and math.Exp differ in their last bits between amd64 and arm64),
//     sums in index order and no fused multiply-add, then converts to
//     decimal as stated. The tests pin those digits and pass on amd64
//     and, under qemu, on arm64.
//   - Determinism: no clock, no randomness, no dependence on map order;
//     Aggregate gives the same scorecards for the ratings in any order.
//   - Concurrency: functions are pure; values are safe to share once
//     built. Nothing starts a goroutine.
//   - Errors: bad input gets a typed error and no partial result; no
//     exported function panics. Invalid documents (System, Bands, Scale,
//     weights by code) are a *grassroots.ValidationError built through
//     internal/validate with the grassroots rule names; an unknown
//     indicator is an *UnknownIndicatorError listing the leaf codes, a
//     party that may not rate an indicator a *PartyNotAllowedError
//     listing the parties that may; every other error matches a sentinel
//     of errors.go. Messages start with "evaluation:" once.
package evaluation
