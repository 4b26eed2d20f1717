package evaluation

import (
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var updateGolden = flag.Bool("evaluation.update", false, "rewrite testdata/platform.golden from this platform")

func TestLnAndExpAreAccurate(t *testing.T) {
	seed := testSeed(t)
	rng := rand.New(rand.NewPCG(seed, 17))
	for range 20000 {
		x := math.Exp(rng.Float64()*80 - 40)
		got, want := ln(x), math.Log(x)
		assert.InDelta(t, want, got, 4e-16*math.Max(1, math.Abs(want)), "ln(%v)", x)
		y := rng.Float64()*60 - 30
		e, we := exp(y), math.Exp(y)
		assert.InDelta(t, we, e, 4e-16*we, "exp(%v)", y)
	}
	assert.Equal(t, 0.0, ln(1))
	assert.Equal(t, 1.0, exp(0))
}

// platformDigest computes, with every float64 path of the package, values
// whose digits must not depend on the platform: raw bits of ln and exp,
// and results at twelve places. The same list is produced on amd64 and
// arm64; testdata/platform.golden holds it.
func platformDigest(t testing.TB) []string {
	var out []string
	add := func(name string, v any) { out = append(out, fmt.Sprintf("%s = %v", name, v)) }
	rng := rand.New(rand.NewPCG(2026, 11))
	// Inputs are built without math.Exp and without a fusable a*b+c, or
	// they would already differ between platforms.
	for i := range 64 {
		x := math.Ldexp(1+rng.Float64(), rng.IntN(80)-40)
		add(fmt.Sprintf("ln[%d]", i), fmt.Sprintf("%016x", math.Float64bits(ln(x))))
		y := float64(rng.Float64()*40) - 20
		add(fmt.Sprintf("exp[%d]", i), fmt.Sprintf("%016x", math.Float64bits(exp(y))))
	}
	decs := func(ds []decimal.Decimal) string {
		s := make([]string, len(ds))
		for i, d := range ds {
			s[i] = d.StringFixed(12)
		}
		return strings.Join(s, " ")
	}
	for _, n := range []int{3, 5, 9, 15} {
		m := randomPairwise(rng, n)
		for _, method := range []Method{Eigenvector, GeometricMean, ArithmeticMean} {
			r, err := AHP(m, AHPOptions{Method: method, RI: ChineseRI(), Scale: 12})
			require.NoError(t, err)
			add(fmt.Sprintf("ahp n=%d %v", n, method), decs(append(r.Weights, r.LambdaMax, r.CR)))
		}
	}
	g, err := GroupAHP([]Pairwise{randomPairwise(rng, 6), randomPairwise(rng, 6), randomPairwise(rng, 6)}, ds("1", "2", "3"), AIJ, AHPOptions{Scale: 12})
	require.NoError(t, err)
	add("group aij", decs(g.Weights))
	x := make([][]decimal.Decimal, 12)
	for i := range x {
		for range 5 {
			x[i] = append(x[i], decimal.New(int64(rng.IntN(100000)), -2))
		}
	}
	dirs := []Direction{Benefit, Cost, Benefit, Benefit, Cost}
	e, err := EntropyWeights(x, WeightOptions{Scale: 12})
	require.NoError(t, err)
	add("entropy", decs(e.Weights))
	c, err := CRITIC(x, dirs, WeightOptions{Scale: 12})
	require.NoError(t, err)
	add("critic", decs(c.Weights))
	for _, norm := range []Normalization{VectorNorm, MinMaxNorm} {
		tp, err := TOPSIS(x, ds("0.1", "0.2", "0.3", "0.15", "0.25"), dirs, TOPSISOptions{Normalization: norm, Scale: 12})
		require.NoError(t, err)
		add(fmt.Sprintf("topsis %v", norm), decs(tp.Closeness))
	}
	for _, level := range []Level{Nominal, Ordinal, Interval, Ratio} {
		a, err := KrippendorffAlpha(krippendorffData, level, ReliabilityOptions{Scale: 12})
		require.NoError(t, err)
		add(fmt.Sprintf("alpha %v", level), a.Value.StringFixed(12))
	}
	share, err := CSAT([]int{5, 4, 4, 3, 1, 2, 5}, 5, SatisfactionOptions{Scale: 12})
	require.NoError(t, err)
	add("csat margin", share.MarginOfError.StringFixed(12))
	return out
}

func randomPairwise(rng *rand.Rand, n int) Pairwise {
	a := make([]float64, n*n)
	for i := range n {
		a[i*n+i] = 1
		for j := i + 1; j < n; j++ {
			k := float64(1 + rng.IntN(9))
			if rng.IntN(2) == 0 {
				k = 1 / k
			}
			a[i*n+j], a[j*n+i] = k, 1/k
		}
	}
	m, err := newPairwise(n, a)
	if err != nil {
		panic(err)
	}
	return m
}

// TestPlatformGolden pins the digits of every float64 path. It passes on
// amd64 and, run under qemu-aarch64, on arm64: the guarantee that the same
// inputs give the same decimals everywhere.
func TestPlatformGolden(t *testing.T) {
	got := strings.Join(platformDigest(t), "\n") + "\n"
	const path = "testdata/platform.golden"
	if *updateGolden {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, string(want), got)
}

// TestExtremeInputsGiveErrorsNotPanics feeds the float64 methods values at
// and beyond their documented range.
func TestExtremeInputsGiveErrorsNotPanics(t *testing.T) {
	extremes := []string{"0", "1e-300", "1e150", "-1e150", "1e151", "123456789012345678901234567890", "0.000000000000000000001"}
	seed := testSeed(t)
	rng := rand.New(rand.NewPCG(seed, 23))
	for range 300 {
		m, n := 1+rng.IntN(4), 1+rng.IntN(4)
		x := make([][]decimal.Decimal, m)
		f := make([][]float64, m)
		for i := range x {
			for range n {
				s := extremes[rng.IntN(len(extremes))]
				x[i] = append(x[i], d(s))
				f[i] = append(f[i], d(s).InexactFloat64())
			}
		}
		w := make([]decimal.Decimal, n)
		dirs := make([]Direction, n)
		for j := range w {
			w[j] = d(extremes[rng.IntN(len(extremes))]).Abs()
			dirs[j] = Direction(1 + rng.IntN(2))
		}
		assert.NotPanics(t, func() {
			_, _ = EntropyWeights(x, WeightOptions{})
			_, _ = CRITIC(x, dirs, WeightOptions{})
			_, _ = TOPSIS(x, w, dirs, TOPSISOptions{})
			_, _ = TOPSIS(x, w, dirs, TOPSISOptions{Normalization: MinMaxNorm})
			for _, level := range []Level{Nominal, Ordinal, Interval, Ratio} {
				_, _ = KrippendorffAlpha(f, level, ReliabilityOptions{})
			}
			_, _ = KendallW(f, ReliabilityOptions{})
		}, "x = %v", x)
	}
}
