package mechanism

import (
	"math/big"

	"github.com/shopspring/decimal"
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
// is not OK or target is not positive.
func Normalise(m Metric, target decimal.Decimal) (decimal.Decimal, bool) {
	if !m.OK || !target.IsPositive() || m.Value.IsNegative() {
		return zero, false
	}
	if m.Direction == Cost {
		if m.Value.IsZero() {
			return one, true
		}
		return capped(target.DivRound(m.Value, Scale)), true
	}
	return capped(m.Value.DivRound(target, Scale)), true
}

// Indices returns the three mechanism indices of metrics under cfg, in
// mechanism order. A metric is a member of its mechanism's index when
// cfg.Targets has a target for its code and its weight is positive.
func Indices(metrics []Metric, cfg *Config) []Index {
	out := make([]Index, 0, 3)
	for _, mech := range Mechanisms() {
		ix := Index{Mechanism: mech, Value: zero, Peer: zero}
		num, den := zero, zero
		for _, m := range metrics {
			target, ok := cfg.Targets[m.Code]
			w := cfg.weight(m.Code)
			if m.Mechanism != mech || !ok || !w.IsPositive() {
				continue
			}
			mem := Member{Code: m.Code, Subject: m.Subject, Value: m.Value, Target: target, Weight: w, Normalised: zero}
			mem.Normalised, mem.OK = Normalise(m, target)
			if mem.OK {
				num = num.Add(w.Mul(mem.Normalised))
				den = den.Add(w)
			}
			ix.Members = append(ix.Members, mem)
		}
		if den.IsPositive() {
			ix.Value, ix.OK = num.DivRound(den, Scale), true
		}
		out = append(out, ix)
	}
	return out
}

// peerScale is the number of places of the intermediate steps of peer
// normalisation.
const peerScale = 8

type memberKey struct {
	code    Code
	subject string
}

// peerNormalise sets Peer and PeerOK of index position i (one mechanism)
// across the given communities' index lists.
func peerNormalise(all [][]Index, i int) {
	values := map[memberKey][]decimal.Decimal{}
	for _, ixs := range all {
		for _, m := range ixs[i].Members {
			if m.OK {
				k := memberKey{m.Code, m.Subject}
				values[k] = append(values[k], m.Value)
			}
		}
	}
	type moments struct{ mean, sd decimal.Decimal }
	stats := make(map[memberKey]moments, len(values))
	for k, xs := range values {
		mean, sd := meanAndSD(xs)
		stats[k] = moments{mean, sd}
	}
	composites := make([]decimal.Decimal, len(all))
	has := make([]bool, len(all))
	for c, ixs := range all {
		num, den := zero, zero
		for _, m := range ixs[i].Members {
			if !m.OK {
				continue
			}
			st := stats[memberKey{m.Code, m.Subject}]
			z := zero
			if st.sd.IsPositive() {
				z = m.Value.Sub(st.mean).DivRound(st.sd, peerScale)
			}
			if d, _ := m.Code.Definition(); d.Direction == Cost {
				z = z.Neg()
			}
			num = num.Add(m.Weight.Mul(z))
			den = den.Add(m.Weight)
		}
		if den.IsPositive() {
			composites[c], has[c] = num.DivRound(den, peerScale), true
		}
	}
	var lo, hi decimal.Decimal
	first := true
	for c := range composites {
		if !has[c] {
			continue
		}
		if first || composites[c].LessThan(lo) {
			lo = composites[c]
		}
		if first || composites[c].GreaterThan(hi) {
			hi = composites[c]
		}
		first = false
	}
	span := hi.Sub(lo)
	for c, ixs := range all {
		ixs[i].Peer, ixs[i].PeerOK = zero, false
		if has[c] && span.IsPositive() {
			ixs[i].Peer, ixs[i].PeerOK = composites[c].Sub(lo).DivRound(span, Scale), true
		}
	}
}

// meanAndSD returns the mean at peerScale and the population standard
// deviation at peerScale (the square root of the variance at twice
// peerScale, truncated). Decimal sums are exact, so neither depends on
// the order of the values.
func meanAndSD(xs []decimal.Decimal) (mean, sd decimal.Decimal) {
	n := decimal.NewFromInt(int64(len(xs)))
	sum := zero
	for _, x := range xs {
		sum = sum.Add(x)
	}
	mean = sum.DivRound(n, peerScale)
	ss := zero
	for _, x := range xs {
		d := x.Sub(mean)
		ss = ss.Add(d.Mul(d))
	}
	variance := ss.DivRound(n, 2*peerScale)
	coef := variance.Shift(2 * peerScale).BigInt()
	if coef.Sign() <= 0 {
		return mean, zero
	}
	return mean, decimal.NewFromBigInt(new(big.Int).Sqrt(coef), -peerScale)
}
