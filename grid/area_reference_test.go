package grid

import (
	"math/big"
)

// The area reference integrates, in 160-bit math/big arithmetic, the area
// that CheckPartition and MultiPolygon.Area define: the cylindrical
// equal-area projection of the WGS84 ellipsoid, (λ, φ) ↦ (aλ, a·q(φ)/2),
// of a polygon whose edges are straight in longitude and latitude. Along
// such an edge λ is linear in φ, so its share of ∮ λ dq is
//
//	λ0·(q1 − q0) + s·[(φ1 − φ0)·q1 − (Q(φ1) − Q(φ0))],  s = dλ/dφ,
//
// with Q the integral of q. Both come from the series of q in powers of
// sin φ, q = (1 − e²)·Σ e^2k·(2k + 2)/(2k + 1)·sin^(2k+1) φ, whose terms
// integrate with the recurrence for ∫ sin^n. Only the float64 inputs and
// the ellipsoid's float64 constants are shared with the code under test.

const refPrec = 160

func refFloat(v float64) *big.Float { return new(big.Float).SetPrec(refPrec).SetFloat64(v) }
func refInt(v int64) *big.Float     { return new(big.Float).SetPrec(refPrec).SetInt64(v) }

func refAdd(a, b *big.Float) *big.Float { return new(big.Float).SetPrec(refPrec).Add(a, b) }
func refSub(a, b *big.Float) *big.Float { return new(big.Float).SetPrec(refPrec).Sub(a, b) }
func refMul(a, b *big.Float) *big.Float { return new(big.Float).SetPrec(refPrec).Mul(a, b) }
func refQuo(a, b *big.Float) *big.Float { return new(big.Float).SetPrec(refPrec).Quo(a, b) }

// refAtanInv returns atan(1/n) by its series.
func refAtanInv(n int64) *big.Float {
	x := refQuo(refInt(1), refInt(n))
	x2 := refMul(x, x)
	sum, term := refFloat(0), x
	eps := new(big.Float).SetMantExp(refInt(1), -refPrec-8)
	for k := int64(0); ; k++ {
		t := refQuo(term, refInt(2*k+1))
		if k%2 == 0 {
			sum = refAdd(sum, t)
		} else {
			sum = refSub(sum, t)
		}
		if t.Cmp(eps) < 0 {
			return sum
		}
		term = refMul(term, x2)
	}
}

// refPi is π by Machin's formula.
var refPi = refSub(refMul(refInt(16), refAtanInv(5)), refMul(refInt(4), refAtanInv(239)))

// refSinCos returns sin x and cos x by their series, for |x| ≤ 2.
func refSinCos(x *big.Float) (s, c *big.Float) {
	x2 := refMul(x, x)
	eps := new(big.Float).SetMantExp(refInt(1), -refPrec-8)
	s, c = refFloat(0), refFloat(0)
	ts, tc := x, refInt(1)
	for k := int64(0); ; k++ {
		if k%2 == 0 {
			s, c = refAdd(s, ts), refAdd(c, tc)
		} else {
			s, c = refSub(s, ts), refSub(c, tc)
		}
		if new(big.Float).Abs(ts).Cmp(eps) < 0 && new(big.Float).Abs(tc).Cmp(eps) < 0 {
			return s, c
		}
		tc = refQuo(refMul(tc, x2), refInt((2*k+1)*(2*k+2)))
		ts = refQuo(refMul(ts, x2), refInt((2*k+2)*(2*k+3)))
	}
}

// refQ returns q(φ) and Q(φ) = ∫₀^φ q for φ in radians.
func refQ(phi *big.Float) (q, Q *big.Float) {
	s, c := refSinCos(phi)
	e2 := refFloat(wgsE2)
	q, Q = refFloat(0), refFloat(0)
	// I_n = ∫₀^φ sin^n: I_1 = 1 − cos φ, I_n = −sin^(n−1) φ cos φ / n + (n−1)/n·I_(n−2).
	in := refSub(refInt(1), c)
	sn := s // sin^n φ for n = 2k+1
	ek := refInt(1)
	eps := new(big.Float).SetMantExp(refInt(1), -refPrec-8)
	for k := int64(0); ; k++ {
		n := 2*k + 1
		if k > 0 {
			// from I_(n−2) to I_n
			snm1 := refQuo(sn, s) // sin^(n−1)
			in = refAdd(refQuo(refMul(refMul(snm1, c), refInt(-1)), refInt(n)), refMul(refQuo(refInt(n-1), refInt(n)), in))
		}
		f := refMul(ek, refQuo(refInt(2*k+2), refInt(2*k+1)))
		q = refAdd(q, refMul(f, sn))
		Q = refAdd(Q, refMul(f, in))
		if refMul(ek, refFloat(1)).Cmp(eps) < 0 {
			break
		}
		ek = refMul(ek, e2)
		sn = refMul(refMul(sn, s), s)
	}
	one := refSub(refInt(1), e2)
	return refMul(one, q), refMul(one, Q)
}

// referenceRingArea returns the unsigned area of r in m².
func referenceRingArea(r Ring) *big.Float {
	deg := refQuo(refPi, refInt(180))
	type vq struct{ lam, phi, q, Q *big.Float }
	vs := make([]vq, len(r))
	for i, p := range r {
		phi := refMul(refSub(refFloat(p.Lat), refFloat(0)), deg)
		q, Q := refQ(phi)
		// Longitudes relative to the first vertex keep the sum small.
		vs[i] = vq{lam: refMul(refSub(refFloat(p.Lng), refFloat(r[0].Lng)), deg), phi: phi, q: q, Q: Q}
	}
	sum := refFloat(0)
	for i := 1; i < len(vs); i++ {
		a, b := vs[i-1], vs[i]
		if a.phi.Cmp(b.phi) == 0 {
			continue
		}
		dphi := refSub(b.phi, a.phi)
		s := refQuo(refSub(b.lam, a.lam), dphi)
		term := refMul(a.lam, refSub(b.q, a.q))
		term = refAdd(term, refMul(s, refSub(refMul(dphi, b.q), refSub(b.Q, a.Q))))
		sum = refAdd(sum, term)
	}
	sum.Abs(sum)
	aa := refMul(refFloat(wgsA), refFloat(wgsA))
	return refQuo(refMul(sum, aa), refInt(2))
}

// referenceArea returns the area of m in m²: exteriors minus holes.
func referenceArea(m MultiPolygon) float64 {
	total := refFloat(0)
	for _, p := range m {
		for j, r := range p {
			a := referenceRingArea(r)
			if j == 0 {
				total = refAdd(total, a)
			} else {
				total = refSub(total, a)
			}
		}
	}
	f, _ := total.Float64()
	return f
}
