package mechanism

import (
	"cmp"
	"math/big"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots/internal/exact"
)

// Index is a mechanism index: the weighted mean of the normalised values
// of its members.
//
// Value is the single-community index: Σ weight × normalised / Σ weight
// over the OK members, at Scale (half away from zero); it is 0 and not OK
// when no member is OK. Peer and PeerOK are set by AssessAll only: the
// index relative to the peer set (see AssessAll).
type Index struct {
	Mechanism Mechanism       `json:"mechanism"`
	Value     decimal.Decimal `json:"value"`
	OK        bool            `json:"ok"`
	Peer      decimal.Decimal `json:"peer"`
	PeerOK    bool            `json:"peer_ok"`
	Members   []Member        `json:"members"`
}

// Member is one metric in an index. Members that are not OK are listed
// but take no part in the index.
type Member struct {
	Code       Code            `json:"code"`
	Subject    string          `json:"subject,omitempty"`
	Value      decimal.Decimal `json:"value"`
	Target     decimal.Decimal `json:"target"`
	Weight     decimal.Decimal `json:"weight"`
	Normalised decimal.Decimal `json:"normalised"`
	OK         bool            `json:"ok"`
}

// Normalise returns the single-community normalisation of m against
// target, in [0, 1] at Scale (half away from zero): min(1, value /
// target) for a benefit metric, and for a cost metric min(1, target /
// value), with a zero cost counting as fully achieved. ok is false when m
// is not OK or target is not positive, and when m's value or target has
// an exponent beyond ±10,000 (a value built in Go), which it does not
// compute with.
func Normalise(m Metric, target decimal.Decimal) (decimal.Decimal, bool) {
	if !m.OK || !exact.Tame(m.Value, target) || !target.IsPositive() || m.Value.IsNegative() {
		return zero, false
	}
	if m.Direction == Cost {
		if m.Value.IsZero() {
			return unitAtScale, true
		}
		return capped(target.DivRound(m.Value, Scale)), true
	}
	return ofTarget(m.Value, target), true
}

// ofTarget returns min(1, v / target) at Scale, and 0 for a negative v.
func ofTarget(v, target decimal.Decimal) decimal.Decimal {
	if target.Equal(one) && v.Exponent() >= -Scale {
		return capped(v) // dividing by 1 is exact: skip the division
	}
	return capped(v.DivRound(target, Scale))
}

// Indices returns the three mechanism indices of metrics under cfg, in
// mechanism order. A metric is a member of its mechanism's index when
// cfg.Targets has a target for its code and its weight is positive. cfg
// should be valid (Config.Validate); Assess checks it. A nil cfg counts as
// the zero Config, which gives every index no members.
//
// Indices never hangs on decimals built in Go: a member whose value,
// target or weight has an exponent beyond ±10,000 (such as decimal.New(1,
// math.MaxInt32); such a weight makes a metric with a target a member
// whatever its sign) is listed not OK, with that value, target or weight
// shown as 0, and its index is 0 and not OK, since leaving the member out
// would misstate the index.
func Indices(metrics []Metric, cfg *Config) []Index {
	cfg = cfg.zeroIfNil()
	out := make([]Index, 0, 3)
	for _, mech := range Mechanisms() {
		ix := Index{Mechanism: mech, Value: zero, Peer: zero, Members: []Member{}}
		num, den := zeroAtScale, zero
		usable := true
		for _, m := range metrics {
			target, ok := cfg.Targets[m.Code]
			w := cfg.weight(m.Code)
			if m.Mechanism != mech || !ok || exact.Tame(w) && !w.IsPositive() {
				continue
			}
			if !exact.Tame(m.Value, target, w) {
				usable = false
				ix.Members = append(ix.Members, Member{Code: m.Code, Subject: m.Subject,
					Value: orZero(m.Value), Target: orZero(target), Weight: orZero(w), Normalised: zero})
				continue
			}
			mem := Member{Code: m.Code, Subject: m.Subject, Value: m.Value, Target: target, Weight: w, Normalised: zero}
			mem.Normalised, mem.OK = Normalise(m, target)
			if mem.OK {
				num = num.Add(weighted(w, mem.Normalised))
				den = den.Add(w)
			}
			ix.Members = append(ix.Members, mem)
		}
		if usable && den.IsPositive() {
			ix.Value, ix.OK = num.DivRound(den, Scale), true
		}
		out = append(out, ix)
	}
	return out
}

// weighted returns w × x, skipping the multiplication for the default
// weight 1.
func weighted(w, x decimal.Decimal) decimal.Decimal {
	if w.Equal(one) {
		return x
	}
	return w.Mul(x)
}

// Peer normalisation works on integers scaled by 10^peerScale (values,
// means, deviations, z-scores, composites) and 10^weightScale (weights),
// which gives exactly the decimal results documented on AssessAll while
// reusing big.Int buffers instead of allocating per operation. Every
// division rounds half away from zero (exact.BigDivRound, the rule of
// decimal's DivRound). Validation bounds value and weight exponents to
// [minExponent, maxExponent], so every shift is within
// exact.MaxBigShift.
const (
	peerScale   = 8
	weightScale = -minExponent // weights have at most this many places
)

type memberKey struct {
	code    Code
	subject string
}

// peerEntry is one community's value of one member, scaled by 10^8.
type peerEntry struct {
	community int
	x         big.Int
}

// peerNormalise sets Peer and PeerOK of index position i (one mechanism)
// across the given communities' index lists.
func peerNormalise(all [][]Index, i int) {
	entries := map[memberKey][]peerEntry{}
	weights := map[memberKey]*big.Int{}
	for c, ixs := range all {
		for _, m := range ixs[i].Members {
			if !m.OK {
				continue
			}
			k := memberKey{m.Code, m.Subject}
			if _, seen := weights[k]; !seen {
				w := new(big.Int)
				if !exact.BigOf(m.Weight, weightScale, w) {
					continue // not a validated weight
				}
				weights[k] = w
			}
			e := peerEntry{community: c}
			if !exact.BigOf(m.Value, peerScale, &e.x) {
				continue // more places than a metric value has
			}
			entries[k] = append(entries[k], e)
		}
	}
	keys := make([]memberKey, 0, len(entries))
	for k := range entries {
		keys = append(keys, k)
	}
	// Integer sums are exact, so key order cannot change a result; sorting
	// keeps the work itself deterministic.
	slices.SortFunc(keys, func(a, b memberKey) int {
		return cmp.Or(cmp.Compare(a.code, b.code), strings.Compare(a.subject, b.subject))
	})

	num := make([]big.Int, len(all)) // Σ w·z, scaled 10^(8+18)
	den := make([]big.Int, len(all)) // Σ w, scaled 10^18
	has := make([]bool, len(all))
	var mean, sd, d, z, r, t big.Int
	for _, k := range keys {
		es := entries[k]
		meanAndSD(es, &mean, &sd)
		cost := false
		if def, _ := k.code.Definition(); def.Direction == Cost {
			cost = true
		}
		w := weights[k]
		for _, e := range es {
			z.SetInt64(0)
			if sd.Sign() > 0 {
				d.Sub(&e.x, &mean)
				exact.BigMulPow10(&d, &d, peerScale)
				exact.BigDivRound(&z, &r, &d, &sd)
			}
			if cost {
				z.Neg(&z)
			}
			t.Mul(w, &z)
			num[e.community].Add(&num[e.community], &t)
			den[e.community].Add(&den[e.community], w)
			has[e.community] = true
		}
	}
	composites := make([]big.Int, len(all))
	var lo, hi *big.Int
	for c := range all {
		if !has[c] || den[c].Sign() <= 0 {
			has[c] = false
			continue
		}
		exact.BigDivRound(&composites[c], &r, &num[c], &den[c])
		if lo == nil || composites[c].Cmp(lo) < 0 {
			lo = &composites[c]
		}
		if hi == nil || composites[c].Cmp(hi) > 0 {
			hi = &composites[c]
		}
	}
	var span big.Int
	if lo != nil {
		span.Sub(hi, lo)
	}
	for c, ixs := range all {
		ixs[i].Peer, ixs[i].PeerOK = zero, false
		if has[c] && span.Sign() > 0 {
			var q big.Int
			d.Sub(&composites[c], lo)
			exact.BigMulPow10(&d, &d, Scale)
			exact.BigDivRound(&q, &r, &d, &span)
			ixs[i].Peer, ixs[i].PeerOK = decimal.NewFromBigInt(&q, -Scale), true
		}
	}
}

// meanAndSD sets mean to the mean of the entries and sd to their
// population standard deviation, both scaled by 10^8: the mean rounded
// half away from zero, the deviation the truncated square root of the
// variance at 16 places (itself rounded half away from zero).
func meanAndSD(es []peerEntry, mean, sd *big.Int) {
	n := big.NewInt(int64(len(es)))
	var sum, d, r big.Int
	for i := range es {
		sum.Add(&sum, &es[i].x)
	}
	exact.BigDivRound(mean, &r, &sum, n)
	sum.SetInt64(0)
	for i := range es {
		d.Sub(&es[i].x, mean)
		d.Mul(&d, &d)
		sum.Add(&sum, &d)
	}
	var variance big.Int
	exact.BigDivRound(&variance, &r, &sum, n)
	sd.Sqrt(&variance)
}
