package exact

import (
	"flag"
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
)

// rounds returns n, or a tenth of it under -short (the race run of CI).
func rounds(n int) int {
	if testing.Short() {
		return n / 10
	}
	return n
}

var seedFlag = flag.Uint64("exact.seed", 20261127, "seed of the randomised tests against decimal")

// operand draws an int64 that is often at or near a limit the arithmetic
// must respect: the int64 bounds, powers of ten, and the largest values a
// power of ten can multiply.
func operand(rng *rand.Rand) int64 {
	switch rng.IntN(7) {
	case 0:
		return limits[rng.IntN(len(limits))] + rng.Int64N(5) - 2
	case 1:
		return math.MaxInt64 - rng.Int64N(1000)
	case 2:
		return math.MinInt64 + rng.Int64N(1000)
	case 3:
		v := pow10[rng.IntN(len(pow10))] + rng.Int64N(3) - 1
		if rng.IntN(2) == 0 {
			v = -v
		}
		return v
	case 4:
		v := maxTimesPow10[rng.IntN(len(maxTimesPow10))] + rng.Int64N(3) - 1
		if rng.IntN(2) == 0 {
			v = -v
		}
		return v
	case 5:
		return rng.Int64N(2001) - 1000
	}
	return int64(rng.Uint64())
}

// exponent draws a decimal exponent, mostly within the reach of int64
// alignment and sometimes far outside it.
func exponent(rng *rand.Rand) int32 {
	switch rng.IntN(10) {
	case 0:
		return []int32{math.MinInt32, math.MaxInt32, -40, 40}[rng.IntN(4)]
	case 1, 2:
		return int32(rng.IntN(61) - 30)
	}
	return int32(rng.IntN(41) - 20)
}

// The int64 operations agree with decimal on random operands near the
// limits, at every shift from −20 to 20.
func TestInt64AgainstDecimal(t *testing.T) {
	seed := *seedFlag
	t.Logf("seed %d (set with -exact.seed)", seed)
	rng := rand.New(rand.NewPCG(seed, 1))
	for range rounds(1500) {
		a, b, c := operand(rng), operand(rng), operand(rng)
		for shift := int32(-20); shift <= 20; shift++ {
			checkInt64(t, a, b, c, shift)
		}
	}
}

// Fixed, Compare, FromDecimal, Places and BigOf agree with decimal on
// random decimals, at every scale from −1 to 19.
func TestFixedAgainstDecimal(t *testing.T) {
	seed := *seedFlag
	t.Logf("seed %d (set with -exact.seed)", seed)
	rng := rand.New(rand.NewPCG(seed, 2))
	for i := range rounds(20000) {
		a := decimal.New(operand(rng), exponent(rng))
		b := decimal.New(operand(rng), exponent(rng))
		if rng.IntN(10) == 0 {
			a = a.Mul(decimal.New(operand(rng), 0)) // beyond 18 digits
		}
		if rng.IntN(4) == 0 {
			b = decimal.New(a.CoefficientInt64()+rng.Int64N(3)-1, a.Exponent()+int32(rng.IntN(3)-1))
		}
		checkFixed(t, a, b, int32(i%21-1))
	}
}

// BigDivRound and BigMulPow10 agree with decimal on random products of
// operands near the int64 limits.
func TestBigAgainstDecimal(t *testing.T) {
	seed := *seedFlag
	t.Logf("seed %d (set with -exact.seed)", seed)
	rng := rand.New(rand.NewPCG(seed, 3))
	for i := range rounds(5000) {
		num := new(big.Int).Mul(big.NewInt(operand(rng)), big.NewInt(operand(rng)))
		den := new(big.Int).Mul(big.NewInt(operand(rng)), big.NewInt(operand(rng)%1000))
		checkBig(t, num, den, int32(i%(MaxBigShift+3)-1))
	}
}
