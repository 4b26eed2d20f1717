package mechanism

import (
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/exact"
)

func TestNormalise(t *testing.T) {
	benefit := newMetric(ClosureRate, "", dec("3"), dec("4"))
	cost := newMetric(MedianTimeToClose, "", dec("48"), one)
	cases := []struct {
		name   string
		m      Metric
		target string
		want   string
		ok     bool
	}{
		{"benefit below target: value / target", benefit, "1", "0.75", true},
		{"benefit above target is capped at 1", benefit, "0.5", "1", true},
		{"benefit rounds at scale 4: 0.75 / 0.9", benefit, "0.9", "0.8333", true},
		{"cost above target: target / value", cost, "24", "0.5", true},
		{"cost below target is capped at 1", cost, "72", "1", true},
		{"zero cost meets any target", newMetric(MedianTimeToClose, "", zero, one), "24", "1", true},
		{"metric not OK", newMetric(ClosureRate, "", zero, zero), "1", "0", false},
		{"zero target", benefit, "0", "0", false},
	}
	for _, tc := range cases {
		got, ok := Normalise(tc.m, dec(tc.target))
		assert.Equal(t, tc.ok, ok, tc.name)
		assert.True(t, dec(tc.want).Equal(got), "%s: %s, want %s", tc.name, got, tc.want)
	}
}

func TestIndicesWeightedMeanOfNormalisedMembers(t *testing.T) {
	metrics := []Metric{
		newMetric(ClosureRate, "", dec("1"), dec("2")),       // 0.5
		newMetric(SatisfactionRate, "", dec("9"), dec("10")), // 0.9
		newMetric(MedianTimeToClose, "", dec("48"), one),     // target 24: 0.5
		newMetric(ReopenRate, "", zero, zero),                // not OK: listed, not counted
		newMetric(SubstitutionIndex, "", dec("1"), dec("4")), // 0.25
	}
	cfg := DefaultConfig()
	cfg.Targets[MedianTimeToClose] = dec("24")
	cfg.Targets[ReopenRate] = dec("0.05")
	cfg.Weights[SatisfactionRate] = dec("2")

	ixs := Indices(metrics, &cfg)
	require.Len(t, ixs, 3)
	fsx, rcx, mix := ixs[0], ixs[1], ixs[2]
	assert.Equal(t, FunctionalSubstitution, fsx.Mechanism)
	assert.True(t, fsx.OK && fsx.Value.Equal(dec("0.25")), "substitution index alone: %s", fsx.Value)
	assert.False(t, rcx.OK, "no resource coordination member")
	assert.True(t, rcx.Value.IsZero())
	// (1×0.5 + 2×0.9 + 1×0.5) / 4 = 2.8 / 4 = 0.7
	assert.True(t, mix.OK && mix.Value.Equal(dec("0.7")), "interaction index %s", mix.Value)
	require.Len(t, mix.Members, 4, "the not-OK reopen rate is listed")
	assert.False(t, mix.Members[3].OK)
}

func TestIndicesWeightZeroRemovesMember(t *testing.T) {
	metrics := []Metric{newMetric(ClosureRate, "", dec("1"), dec("2")), newMetric(SatisfactionRate, "", dec("1"), dec("1"))}
	cfg := DefaultConfig()
	cfg.Weights[SatisfactionRate] = zero
	ix := Indices(metrics, &cfg)[2]
	require.Len(t, ix.Members, 1)
	assert.True(t, ix.Value.Equal(dec("0.5")), "only closure counts: %s", ix.Value)
}

func peerInputs(id string, a, b int64) Inputs {
	// Closure rate a/4 and satisfaction rate b/4 are the only
	// interaction members with data.
	return Inputs{
		Community: id,
		Period:    june2021,
		Incidents: IncidentStats{Received: 4, Closed: a, Rated: 4, Satisfied: b},
	}
}

func TestAssessAllPeerNormalisation(t *testing.T) {
	// Closure 0, 0.5, 1 and satisfaction 1, 0, 0.5 have the same mean
	// (0.5) and deviation (√(1/6)): z-scores −1.2247, 0, 1.2247 and
	// 1.2247, −1.2247, 0; composites 0, −0.6124, 0.6124; min-max 0.5, 0, 1.
	ins := []Inputs{peerInputs("x", 0, 4), peerInputs("y", 2, 0), peerInputs("z", 4, 2)}
	out, err := AssessAll(ins, DefaultConfig())
	require.NoError(t, err)
	want := []string{"0.5", "0", "1"}
	for i, a := range out {
		ix := a.Indices[2]
		assert.Equal(t, ins[i].Community, a.Community, "results in input order")
		assert.True(t, ix.PeerOK, "%s peer OK", a.Community)
		assert.True(t, dec(want[i]).Equal(ix.Peer), "%s peer %s, want %s", a.Community, ix.Peer, want[i])
		assert.False(t, a.Indices[0].PeerOK, "%s: no functional substitution data anywhere", a.Community)
	}
}

func TestAssessAllPeerIndependentOfOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(testSeed(t), 3))
	ins := make([]Inputs, 20)
	for i := range ins {
		ins[i] = generated(rng, i)
	}
	base, err := AssessAll(ins, DefaultConfig())
	require.NoError(t, err)
	byID := map[string]Assessment{}
	for _, a := range base {
		byID[a.Community] = a
	}
	perm := shuffle(rng, ins)
	for i := range perm {
		perm[i] = shuffled(rng, perm[i])
	}
	got, err := AssessAll(perm, DefaultConfig())
	require.NoError(t, err)
	for _, a := range got {
		b := byID[a.Community]
		for m := range a.Indices {
			assert.True(t, b.Indices[m].Peer.Equal(a.Indices[m].Peer), "%s %s peer %s vs %s", a.Community, a.Indices[m].Mechanism, a.Indices[m].Peer, b.Indices[m].Peer)
			assert.True(t, b.Indices[m].Value.Equal(a.Indices[m].Value), "%s %s value", a.Community, a.Indices[m].Mechanism)
		}
	}
}

func TestAssessAllPeerBounds(t *testing.T) {
	rng := rand.New(rand.NewPCG(testSeed(t), 4))
	ins := make([]Inputs, 30)
	for i := range ins {
		ins[i] = generated(rng, i)
	}
	out, err := AssessAll(ins, DefaultConfig())
	require.NoError(t, err)
	for m := range Mechanisms() {
		sawZero, sawOne := false, false
		for _, a := range out {
			p := a.Indices[m].Peer
			require.True(t, a.Indices[m].PeerOK, "%s: generated peers all have data", a.Community)
			assert.False(t, p.IsNegative() || p.GreaterThan(one), "%s peer %s in [0, 1]", a.Community, p)
			sawZero = sawZero || p.IsZero()
			sawOne = sawOne || p.Equal(one)
		}
		assert.True(t, sawZero && sawOne, "mechanism %d: min-max reaches both ends", m)
	}
}

func TestAssessAllSinglePeerIsNotOK(t *testing.T) {
	out, err := AssessAll([]Inputs{handInputs()}, DefaultConfig())
	require.NoError(t, err)
	for _, ix := range out[0].Indices {
		assert.False(t, ix.PeerOK, "%s: one community has no peers", ix.Mechanism)
		assert.True(t, ix.Peer.IsZero())
	}
}

func TestAssessAllRejectsDuplicateAndInvalid(t *testing.T) {
	_, err := AssessAll([]Inputs{handInputs(), handInputs()}, DefaultConfig())
	assert.ErrorIs(t, err, ErrDuplicateCommunity)

	bad := handInputs()
	bad.Community = "other"
	bad.Incidents.Closed = 1000
	_, err = AssessAll([]Inputs{handInputs(), bad}, DefaultConfig())
	var ve *grassroots.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("inputs[1].incidents.closed"), "%v", ve)
}

func meanSD(t *testing.T, xs ...string) (mean, sd decimal.Decimal) {
	t.Helper()
	es := make([]peerEntry, len(xs))
	for i, x := range xs {
		require.True(t, exact.BigOf(dec(x), peerScale, &es[i].x), "%s fits", x)
	}
	var m, s big.Int
	meanAndSD(es, &m, &s)
	return decimal.NewFromBigInt(&m, -peerScale), decimal.NewFromBigInt(&s, -peerScale)
}

func TestMeanAndSD(t *testing.T) {
	mean, sd := meanSD(t, "2", "4", "4", "4", "5", "5", "7", "9")
	assert.True(t, mean.Equal(dec("5")), "mean %s", mean)
	assert.True(t, sd.Equal(dec("2")), "population sd %s", sd)
	_, sd = meanSD(t, "0", "1")
	assert.True(t, sd.Equal(dec("0.5")), "sd of 0 and 1: %s", sd)
	_, sd = meanSD(t, "0", "0.5", "1")
	assert.True(t, sd.Equal(dec("0.40824829")), "√(1/6) truncated at 8 places: %s", sd)
	mean, _ = meanSD(t, "0", "0", "1")
	assert.True(t, mean.Equal(dec("0.33333333")), "mean rounded at 8 places: %s", mean)
	mean, _ = meanSD(t, "-0.00000001", "-0.00000002")
	assert.True(t, mean.Equal(dec("-0.00000002")), "half away from zero below zero: %s", mean)
}

// referencePeer is the documented peer normalisation written directly in
// decimal arithmetic, slow and obvious, to check the integer version.
func referencePeer(all [][]Index, i int) []decimal.Decimal {
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
	stats := map[memberKey]moments{}
	for k, xs := range values {
		n := decimal.NewFromInt(int64(len(xs)))
		mean := decimal.Sum(xs[0], xs[1:]...).DivRound(n, 8)
		ss := decimal.Zero
		for _, x := range xs {
			ss = ss.Add(x.Sub(mean).Mul(x.Sub(mean)))
		}
		v := ss.DivRound(n, 16).Shift(16).BigInt()
		stats[k] = moments{mean, decimal.NewFromBigInt(new(big.Int).Sqrt(v), -8)}
	}
	comps := make([]*decimal.Decimal, len(all))
	for c, ixs := range all {
		num, den := decimal.Zero, decimal.Zero
		for _, m := range ixs[i].Members {
			if !m.OK {
				continue
			}
			st := stats[memberKey{m.Code, m.Subject}]
			z := decimal.Zero
			if st.sd.IsPositive() {
				z = m.Value.Sub(st.mean).DivRound(st.sd, 8)
			}
			if d, _ := m.Code.Definition(); d.Direction == Cost {
				z = z.Neg()
			}
			num, den = num.Add(m.Weight.Mul(z)), den.Add(m.Weight)
		}
		if den.IsPositive() {
			v := num.DivRound(den, 8)
			comps[c] = &v
		}
	}
	var lo, hi *decimal.Decimal
	for _, c := range comps {
		if c != nil && (lo == nil || c.LessThan(*lo)) {
			lo = c
		}
		if c != nil && (hi == nil || c.GreaterThan(*hi)) {
			hi = c
		}
	}
	out := make([]decimal.Decimal, len(all))
	for c := range comps {
		out[c] = decimal.Zero
		if comps[c] != nil && hi.Sub(*lo).IsPositive() {
			out[c] = comps[c].Sub(*lo).DivRound(hi.Sub(*lo), Scale)
		}
	}
	return out
}

func TestPeerNormaliseAgreesWithDecimalReference(t *testing.T) {
	rng := newRand(t, 7)
	cfg := DefaultConfig()
	cfg.Targets[MedianTimeToClose] = dec("24")
	cfg.Targets[ReopenRate] = dec("0.02")
	cfg.Targets[ActivityIntensity] = dec("50")
	cfg.Weights[ClosureRate] = dec("2.5")
	cfg.Weights[SatisfactionRate] = dec("0.000001")
	for round := range 10 {
		all := make([][]Index, 5+rng.IntN(30))
		for c := range all {
			in := generated(rng, c)
			all[c] = Indices(in.Metrics(&cfg), &cfg)
		}
		for m := range Mechanisms() {
			want := referencePeer(all, m)
			peerNormalise(all, m)
			for c := range all {
				assert.True(t, want[c].Equal(all[c][m].Peer), "round %d community %d mechanism %d: %s, want %s", round, c, m, all[c][m].Peer, want[c])
			}
		}
	}
}
