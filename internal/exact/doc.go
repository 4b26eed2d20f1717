// Package exact is the SDK's one implementation of exact arithmetic
// beside github.com/shopspring/decimal: the fixed-point integer paths that
// hot loops take instead of allocating a decimal per operation, and the
// big-integer rounding that wide sums need.
//
// # The problem
//
// decimal.Decimal is exact but allocates on most operations, which
// detection over millions of observations, aggregation of millions of
// ratings and peer normalisation of a thousand communities cannot afford.
// Those callers do the same exact arithmetic on integers instead; doing
// it once, here, means one rounding rule and one overflow rule for all of
// them, checked against decimal in one set of tests.
//
// # Main types and functions
//
//   - A fixed-point value at scale s is the int64 v standing for
//     v·10^-s. Add, Sub, Mul, MulDivRound, DivRound and Rescale work on
//     such values; FromDecimal and Places convert from decimal.Decimal.
//   - Fixed is a decimal whose coefficient fits an int64, carried with its
//     own scale: FixedOf, Cmp, Add, Sub and Decimal compare, add and
//     subtract decimals of different exponents without allocating, and
//     Compare is decimal's Cmp with that fast path, which also compares
//     decimals whose exponents decimal could not align.
//   - MaxExponent, Tame and Text: the bound on the exponents the SDK
//     computes with (±10,000, what decimal reads from JSON), the test of
//     it, and a short printable form of any decimal for messages.
//   - BigOf, BigMulPow10 and BigDivRound do the same on math/big integers
//     with caller-owned buffers, for sums that outgrow 64 bits.
//   - FNV1a32 is the deterministic string hash of the SDK's small lookup
//     tables.
//
// # Guarantees
//
//   - Exactness: nothing rounds except MulDivRound, DivRound and
//     BigDivRound, and they round once, half away from zero (2.5 → 3,
//     −2.5 → −3), the rule of decimal.Decimal's DivRound and Round. Every
//     function's documentation states the scale of its result.
//   - Overflow is reported, never wrapped: a function that cannot return
//     the exact (or, for the rounding ones, the correctly rounded) result
//     in an int64 returns ok false and a zero value. Callers then fall
//     back to decimal arithmetic or report an error.
//   - Scales of int64 values lie 0 to MaxShift (18) apart at most, since
//     10^18 is the largest power of ten an int64 holds; an operation that
//     would shift by more reports ok false whatever the value.
//   - Determinism and concurrency: pure functions of their arguments, no
//     package state that is ever written, safe for concurrent use. No
//     function panics. The int64 functions and Fixed's comparisons never
//     allocate.
package exact
