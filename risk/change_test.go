package risk

import (
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
)

// Holds and change, which take int64 paths where the operands fit, agree
// with decimal arithmetic, including operands too large for those paths
// and exponents far apart.
func TestHoldsAndChangeAgreeWithDecimal(t *testing.T) {
	seed := *seedFlag
	t.Logf("seed %d (set with -risk.seed)", seed)
	rng := rand.New(rand.NewPCG(seed, 1))
	random := func() decimal.Decimal {
		var coef int64
		switch rng.IntN(4) {
		case 0:
			coef = rng.Int64N(200) - 100
		case 1:
			coef = rng.Int64() - rng.Int64()
		default:
			coef = rng.Int64N(2_000_000) - 1_000_000
		}
		d := decimal.New(coef, int32(rng.IntN(30)-15))
		if rng.IntN(10) == 0 {
			d = d.Mul(decimal.New(rng.Int64(), 0)) // beyond 18 digits
		}
		return d
	}
	for range 20000 {
		a, b, th := random(), random(), random()
		for c := Above; c <= AtMost; c++ {
			assert.Equal(t, c.holdsOrder(a.Cmp(b)), c.Holds(a, b), "%s %s %s", a, c, b)
			want := a.Sub(b)
			got, ok := change(c, a, b, th)
			assert.Equal(t, c.holdsOrder(want.Cmp(th)), ok, "%s − %s %s %s", a, b, c, th)
			if ok {
				assert.True(t, got.Equal(want), "%s − %s = %s, got %s", a, b, want, got)
			}
		}
	}
}
