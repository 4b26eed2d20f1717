package evaluation

import (
	"fmt"
	"math"

	"github.com/shopspring/decimal"
)

// Floating-point steps of this package give the same bits on every
// platform. Three rules make that so:
//
//   - Only +, −, ×, ÷ and math.Sqrt are used: IEEE 754 rounds each of them
//     correctly everywhere. math.Log and math.Exp are not used, because
//     amd64 runs them in assembly and other platforms in Go, with
//     different last bits; ln and exp below are written out instead.
//   - Every product that is added to something is converted explicitly,
//     float64(a*b) + c, which forbids the compiler to fuse it into one
//     fused multiply-add on platforms that have one (arm64): the Go
//     specification lets it fuse only an implicit intermediate.
//   - Sums run in index order.
//
// A float64 result becomes a decimal by taking the shortest decimal that
// reads back as the same float64 and rounding that half away from zero to
// the result scale (toDecimal).

// ln2Hi + ln2Lo = ln 2 to about 2^-100 (fdlibm's split, so k·ln2Hi is
// exact for |k| < 2^11).
const (
	ln2Hi = 6.93147180369123816490e-01
	ln2Lo = 1.90821492927058770002e-10
)

// ln returns the natural logarithm of x > 0 with a relative error below
// 1e-15. x = m·2^k with m in [√½, √2); ln m = 2·atanh(s) with
// s = (m−1)/(m+1), |s| < 0.1716, summed as an odd series of 14 terms
// (the first omitted term is below 1e-22).
func ln(x float64) float64 {
	m, k := math.Frexp(x) // x = m·2^k, m in [0.5, 1)
	if m < math.Sqrt2/2 {
		m *= 2
		k--
	}
	s := (m - 1) / (m + 1)
	s2 := float64(s * s)
	// Horner from the highest term: Σ s^(2i)/(2i+1), i = 0..13.
	sum := 1.0 / 27
	for i := 12; i >= 0; i-- {
		sum = float64(sum*s2) + 1/float64(2*i+1)
	}
	lnm := float64(2 * float64(s*sum))
	fk := float64(k)
	return float64(fk*ln2Hi) + (float64(fk*ln2Lo) + lnm)
}

// exp returns e^x with a relative error below 1e-15 for |x| < 700.
// x = k·ln2 + r with |r| ≤ ln2/2; e^r is summed as a Taylor series of 22
// terms (the first omitted term is below 1e-25); the result is scaled by
// 2^k exactly.
func exp(x float64) float64 {
	k := math.Floor(x/math.Ln2 + 0.5)
	r := (x - float64(k*ln2Hi)) - float64(k*ln2Lo)
	sum := 1.0
	for i := 22; i >= 1; i-- {
		sum = float64(float64(sum*r)/float64(i)) + 1
	}
	return math.Ldexp(sum, int(k))
}

// maxMagnitude bounds the absolute value of float64 inputs to the methods
// that square and sum them, so that no intermediate overflows to infinity.
const maxMagnitude = 1e150

// inRange reports whether f is a number no larger than maxMagnitude in
// absolute value.
func inRange(f float64) bool { return math.Abs(f) <= maxMagnitude }

// finite reports whether every value is a finite number. The methods check
// their float64 results with it before converting, so that an overflow no
// input check foresaw becomes an error rather than a wrong digit.
func finite(vs ...float64) bool {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

var errOverflow = fmt.Errorf("%w: float64 overflow in an intermediate result", ErrValue)

// toDecimal converts f to a decimal rounded to scale places half away from
// zero. f must be finite.
func toDecimal(f float64, scale int32) decimal.Decimal {
	return exactDecimal(f).Round(scale)
}

// exactDecimal returns f as the shortest decimal that reads back as the
// same float64: the unrounded value of a float64 step. f must be finite.
func exactDecimal(f float64) decimal.Decimal {
	return decimal.NewFromFloat(f)
}

func exactDecimals(v []float64) []decimal.Decimal {
	out := make([]decimal.Decimal, len(v))
	for i, x := range v {
		out[i] = exactDecimal(x)
	}
	return out
}

// toFloat converts a decimal to the nearest float64, the same way on
// every platform (decimal parses its own digits with strconv).
func toFloat(d decimal.Decimal) float64 {
	return d.InexactFloat64()
}
