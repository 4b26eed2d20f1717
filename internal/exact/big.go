package exact

import (
	"math/big"

	"github.com/shopspring/decimal"
)

// MaxBigShift is the largest power of ten BigMulPow10 and BigOf apply:
// twice MaxShift, room for a value and a weight each at the finest int64
// scale. Larger shifts are refused so that a hostile exponent cannot make
// a conversion build a huge integer.
const MaxBigShift = 2 * MaxShift

// bigPow10 holds 10^0 … 10^MaxBigShift. It is never written after
// initialisation and never handed out, so sharing it is safe.
var bigPow10 = func() [MaxBigShift + 1]*big.Int {
	var p [MaxBigShift + 1]*big.Int
	ten := big.NewInt(10)
	p[0] = big.NewInt(1)
	for i := 1; i < len(p); i++ {
		p[i] = new(big.Int).Mul(p[i-1], ten)
	}
	return p
}()

var bigOne = big.NewInt(1)

// BigMulPow10 sets z to x × 10^n exactly (raising x's scale by n) and
// reports whether 0 ≤ n ≤ MaxBigShift; otherwise z is left unchanged. z
// may be x.
func BigMulPow10(z, x *big.Int, n int32) bool {
	if n < 0 || n > MaxBigShift {
		return false
	}
	if n == 0 {
		z.Set(x)
		return true
	}
	z.Mul(x, bigPow10[n])
	return true
}

// BigOf sets out to d as a fixed-point integer at scale (d × 10^scale),
// exactly; nothing is rounded. It reports false, leaving out unchanged,
// when d has more than scale decimal places or the shift exponent + scale
// is above MaxBigShift. out is reused, so a caller converting many values
// allocates only while out grows.
func BigOf(d decimal.Decimal, scale int32, out *big.Int) bool {
	shift := int64(d.Exponent()) + int64(scale)
	if shift < 0 || shift > MaxBigShift {
		return false
	}
	if d.NumDigits() <= maxDigits {
		out.SetInt64(d.CoefficientInt64())
	} else {
		out.Set(d.Coefficient())
	}
	return BigMulPow10(out, out, int32(shift))
}

// BigDivRound sets q to num / den rounded half away from zero to an
// integer, the rule of decimal.Decimal's DivRound, using r as scratch
// (left holding twice the remainder's magnitude): for num at scale sn and
// den at scale sd the quotient is at scale sn − sd. It reports false,
// changing nothing, when den is zero or q or r is the same integer as num,
// den or each other.
func BigDivRound(q, r, num, den *big.Int) bool {
	if den.Sign() == 0 || q == r || q == num || q == den || r == num || r == den {
		return false
	}
	q.QuoRem(num, den, r) // truncated towards zero
	r.Abs(r)
	r.Lsh(r, 1)
	if r.CmpAbs(den) >= 0 {
		if num.Sign()*den.Sign() < 0 {
			q.Sub(q, bigOne)
		} else {
			q.Add(q, bigOne)
		}
	}
	return true
}
