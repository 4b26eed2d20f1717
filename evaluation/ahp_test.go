package evaluation

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func mustPairwise(t testing.TB, s string) Pairwise {
	t.Helper()
	m, err := ParsePairwise(s)
	require.NoError(t, err, "ParsePairwise(%q)", s)
	return m
}

// Published worked examples. Each states the method the source used.
func TestAHPReproducesPublishedExamples(t *testing.T) {
	tests := []struct {
		name, source string
		matrix       string
		method       Method
		weights      []string
		lambda, ci   string
		cr           string
	}{
		{
			name: "sum-product method, 4 criteria",
			// 层次分析法 worked example with its MATLAB check, wanglu.net/thread/t12-329353-0.html
			// (column-normalise, row sums, normalise): W = (0.4658, 0.1611, 0.2771, 0.0960),
			// λmax = 4.0310, CI = 0.0103, CR = 0.011 < 0.1.
			source: "wanglu.net/thread/t12-329353-0.html",
			matrix: "1 3 2 4; 1/3 1 1/2 2; 1/2 2 1 3; 1/4 1/2 1/3 1",
			method: ArithmeticMean, weights: []string{"0.4658", "0.1611", "0.2771", "0.0960"},
			lambda: "4.0310", ci: "0.0103", cr: "0.011",
		},
		{
			name: "root method, 3 criteria",
			// 方根法 answer, 55.wendadaohang.com/zd/QeLe84RG8.html: W = (0.1007, 0.2255, 0.6738),
			// λmax = 3.0858, CI = 0.0429, CR = 0.0739.
			source: "55.wendadaohang.com/zd/QeLe84RG8.html",
			matrix: "1 1/3 1/5; 3 1 1/4; 5 4 1",
			method: GeometricMean, weights: []string{"0.1007", "0.2255", "0.6738"},
			lambda: "3.0858", ci: "0.0429", cr: "0.0739",
		},
		{
			name: "eigenvector agrees with the root method on the same matrix",
			// The root method is exact for 3×3 reciprocal matrices' eigenvector up to
			// rounding here; the source's digits hold for the eigenvector too.
			source: "55.wendadaohang.com/zd/QeLe84RG8.html",
			matrix: "1 1/3 1/5; 3 1 1/4; 5 4 1",
			method: Eigenvector, weights: []string{"0.1007", "0.2255", "0.6738"},
			lambda: "3.0858", ci: "0.0429", cr: "0.0739",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Computed to 8 places and compared at the published places, so that
			// no double rounding enters the comparison.
			r, err := AHP(mustPairwise(t, tt.matrix), AHPOptions{Method: tt.method, Scale: 8})
			require.NoError(t, err)
			assertDecimals(t, tt.weights, r.Weights, tt.source+" weights")
			assertDecimal(t, tt.lambda, r.LambdaMax, tt.source+" λmax")
			assertDecimal(t, tt.ci, r.CI, tt.source+" CI")
			assertDecimal(t, tt.cr, r.CR, tt.source+" CR")
			assert.True(t, r.Consistent, tt.source)
		})
	}
}

// The travel-destination example of Chinese modelling courses (criteria
// matrix as in m.qiqiwenku.com/ppt/545757.html and many textbooks):
// published w = (0.263, 0.475, 0.055, 0.099, 0.110), λ = 5.073,
// CI = 0.018, CR = 0.016. λ, CI and CR are reproduced by the sum-product
// method; three of the published weights differ from every exact method in
// the third place (exact sum-product: 0.2623, 0.4744, 0.0545, 0.0985,
// 0.1103), because the source rounded its normalised columns before
// summing. The test states that difference instead of hiding it.
func TestAHPTravelExampleDiffersOnlyByRoundedIntermediates(t *testing.T) {
	m := mustPairwise(t, "1 1/2 4 3 3; 2 1 7 5 5; 1/4 1/7 1 1/2 1/3; 1/3 1/5 2 1 1; 1/3 1/5 3 1 1")
	r, err := AHP(m, AHPOptions{Method: ArithmeticMean, Scale: 8})
	require.NoError(t, err)
	assertDecimal(t, "5.073", r.LambdaMax, "λmax")
	assertDecimal(t, "0.018", r.CI, "CI")
	assertDecimal(t, "0.016", r.CR, "CR")
	published := ds("0.263", "0.475", "0.055", "0.099", "0.110")
	for i, w := range r.Weights {
		assert.True(t, w.Sub(published[i]).Abs().LessThanOrEqual(d("0.0015")), "weight %d: %s vs published %s", i, w, published[i])
	}
}

func TestAHPConsistentMatrixHasLambdaNAndCRZeroForEveryMethod(t *testing.T) {
	seed := testSeed(t)
	rng := rand.New(rand.NewPCG(seed, 1))
	for n := 1; n <= 10; n++ {
		// a_ij = v_i / v_j is perfectly consistent; v on a small integer grid.
		v := make([]int, n)
		for i := range v {
			v[i] = 1 + rng.IntN(9)
		}
		var rows []string
		for i := range n {
			var row []string
			for j := range n {
				row = append(row, fmt.Sprintf("%d/%d", v[i], v[j]))
			}
			rows = append(rows, strings.Join(row, " "))
		}
		m := mustPairwise(t, strings.Join(rows, "; "))
		var first []decimal.Decimal
		for _, method := range []Method{Eigenvector, GeometricMean, ArithmeticMean} {
			r, err := AHP(m, AHPOptions{Method: method})
			require.NoError(t, err, "n=%d %v", n, method)
			assert.True(t, r.LambdaMax.Equal(decimal.NewFromInt(int64(n))), "n=%d %v: λmax %s", n, method, r.LambdaMax)
			assert.True(t, r.CI.IsZero(), "n=%d %v: CI %s", n, method, r.CI)
			assert.True(t, r.CR.IsZero(), "n=%d %v: CR %s", n, method, r.CR)
			assert.True(t, r.Consistent)
			if first == nil {
				first = r.Weights
				continue
			}
			for i := range first {
				assert.True(t, first[i].Equal(r.Weights[i]), "n=%d: %v weight %d = %s, eigenvector gives %s", n, method, i, r.Weights[i], first[i])
			}
		}
	}
}

func TestAHPReportsInconsistentJudgements(t *testing.T) {
	// A prefers B, B prefers C, C prefers A, strongly: a cycle.
	m := mustPairwise(t, "1 9 1/9; 1/9 1 9; 9 1/9 1")
	r, err := AHP(m, AHPOptions{})
	require.NoError(t, err)
	assert.False(t, r.Consistent, "CR %s", r.CR)
	assert.True(t, r.CR.GreaterThanOrEqual(d("0.1")), "CR %s", r.CR)

	_, err = AHP(m, AHPOptions{Strict: true})
	var ie *InconsistencyError
	require.ErrorAs(t, err, &ie)
	assert.ErrorIs(t, err, ErrInconsistent)
	assert.True(t, ie.CR.Equal(r.CRExact), "the error carries the unrounded CR %s", r.CRExact)
}

func TestAHPThresholdOptions(t *testing.T) {
	m := mustPairwise(t, "1 1/3 1/5; 3 1 1/4; 5 4 1") // CR 0.07393680280793098
	base, err := AHP(m, AHPOptions{})
	require.NoError(t, err)
	cr := base.CRExact
	tests := []struct {
		name       string
		opts       AHPOptions
		consistent bool
	}{
		{"below the default 0.10", AHPOptions{}, true},
		{"above a stricter threshold", AHPOptions{Threshold: d("0.05")}, false},
		{"equal to the threshold is not below it", AHPOptions{Threshold: cr}, false},
		{"equal to the threshold with AllowEqual", AHPOptions{Threshold: cr, AllowEqual: true}, true},
		{"the rounded CR is not the CR", AHPOptions{Threshold: d("0.0739"), AllowEqual: true}, false},
		{"the rounded CR at scale 2 is not the CR", AHPOptions{Threshold: d("0.07"), AllowEqual: true, Scale: 2}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := AHP(m, tt.opts)
			require.NoError(t, err)
			assert.Equal(t, tt.consistent, r.Consistent, "CR %s", r.CR)
		})
	}
}

func TestAHPRandomIndexTables(t *testing.T) {
	saaty, chinese := SaatyRI(), ChineseRI()
	assert.Equal(t, "saaty_1980", saaty.Name())
	assert.Equal(t, 10, saaty.MaxN())
	assert.Equal(t, 15, chinese.MaxN())
	for n, want := range map[int]string{1: "0", 2: "0", 3: "0.58", 4: "0.90", 9: "1.45", 10: "1.49"} {
		ri, err := saaty.RI(n)
		require.NoError(t, err)
		assert.True(t, ri.Equal(d(want)), "Saaty RI(%d) = %s", n, ri)
	}
	for n, want := range map[int]string{3: "0.52", 4: "0.89", 6: "1.26", 15: "1.59"} {
		ri, err := chinese.RI(n)
		require.NoError(t, err)
		assert.True(t, ri.Equal(d(want)), "Chinese RI(%d) = %s", n, ri)
	}
	_, err := saaty.RI(11)
	var re *RIRangeError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, 11, re.N)
	assert.ErrorIs(t, err, ErrRIRange)

	// The same matrix gives a different CR under a different table.
	m := mustPairwise(t, "1 1/3 1/5; 3 1 1/4; 5 4 1")
	r, err := AHP(m, AHPOptions{RI: chinese})
	require.NoError(t, err)
	assert.Equal(t, "chinese_textbook", r.RITable)
	assertDecimal(t, "0.0825", r.CR, "CR with RI(3) = 0.52") // 0.0429/0.52
}

func TestAHPSizeBeyondTheTableIsAnError(t *testing.T) {
	n := 11
	rows := make([]string, n)
	for i := range rows {
		rows[i] = strings.TrimSpace(strings.Repeat("1 ", n))
	}
	m := mustPairwise(t, strings.Join(rows, ";"))
	_, err := AHP(m, AHPOptions{})
	assert.ErrorIs(t, err, ErrRIRange, "n=11 with Saaty's table")
	_, err = AHP(m, AHPOptions{RI: ChineseRI()})
	assert.NoError(t, err, "n=11 with the Chinese table")
}

func TestAHPTwoItemsAreAlwaysConsistent(t *testing.T) {
	r, err := AHP(mustPairwise(t, "1 7; 1/7 1"), AHPOptions{})
	require.NoError(t, err)
	assert.True(t, r.CR.IsZero())
	assertDecimals(t, []string{"0.875", "0.125"}, r.Weights, "7:1")
}

func TestNewRITableRejectsBadValues(t *testing.T) {
	_, err := NewRITable("", ds("0.5"))
	assert.ErrorIs(t, err, ErrOption)
	_, err = NewRITable("x", nil)
	assert.ErrorIs(t, err, ErrOption)
	_, err = NewRITable("x", ds("0.5", "0"))
	assert.ErrorIs(t, err, ErrOption)
	tab, err := NewRITable("mine", ds("0.5", "0.8"))
	require.NoError(t, err)
	ri, err := tab.RI(4)
	require.NoError(t, err)
	assert.True(t, ri.Equal(d("0.8")))
}

func TestParsePairwiseRejectsInvalidMatrices(t *testing.T) {
	tests := map[string]string{
		"empty":                  "",
		"not square":             "1 2; 1/2",
		"ragged":                 "1 2 3; 1/2 1; 1/3 1 1",
		"zero entry":             "1 0; 0 1",
		"diagonal not one":       "2 1; 1 1",
		"not reciprocal":         "1 3; 1/2 1",
		"negative":               "1 -2; -1/2 1",
		"letters":                "1 a; 1/a 1",
		"division by zero":       "1 1/0; 0 1",
		"exponent form":          "1 1e3; 1/1e3 1",
		"two dots":               "1 1.2.3; 1 1",
		"entry beyond 1e12":      "1 10000000000000; 1/10000000000000 1",
		"empty fraction operand": "1 /2; 2 1",
	}
	for name, s := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := ParsePairwise(s)
			assert.ErrorIs(t, err, ErrPairwise, "%q", s)
		})
	}
}

func TestParsePairwiseAcceptsCommasDecimalsAndFractions(t *testing.T) {
	m := mustPairwise(t, "1, 2.5, 4/3; 0.4, 1, 1/2 ; 3/4 2 1")
	assert.Equal(t, 3, m.Size())
	assert.InDelta(t, 4.0/3, m.At(0, 2), 0)
	assert.Equal(t, 0.0, m.At(3, 0), "outside the matrix")
	assert.Equal(t, "1 2.5 1.3333333333333333; 0.4 1 1/2; 0.75 2 1", m.String())
}

func TestNewPairwiseMatchesParse(t *testing.T) {
	m, err := NewPairwise([][]decimal.Decimal{ds("1", "4"), ds("0.25", "1")})
	require.NoError(t, err)
	assert.Equal(t, "1 4; 1/4 1", m.String())
	_, err = NewPairwise([][]decimal.Decimal{ds("1", "4"), ds("0.25")})
	assert.ErrorIs(t, err, ErrPairwise)
}

func TestSynthesizeGlobalWeightsAndCombinedCR(t *testing.T) {
	// Goal → two criteria (3:1); criterion C1 → alternatives (1:1),
	// criterion C2 → alternatives (1:3). Everything is consistent, so the
	// global weights are exact: X = 0.75·0.5 + 0.25·0.25, Y = the rest.
	root := Node{Code: "goal", Matrix: mustPairwise(t, "1 3; 1/3 1"), Children: []Node{
		{Code: "C1", Matrix: mustPairwise(t, "1 1; 1 1"), Children: []Node{{Code: "X"}, {Code: "Y"}}},
		{Code: "C2", Matrix: mustPairwise(t, "1 1/3; 3 1"), Children: []Node{{Code: "X"}, {Code: "Y"}}},
	}}
	s, err := Synthesize(root, AHPOptions{})
	require.NoError(t, err)
	require.Len(t, s.Leaves, 4)
	assertDecimals(t, []string{"0.375", "0.375", "0.0625", "0.1875"}, []decimal.Decimal{s.Leaves[0].Weight, s.Leaves[1].Weight, s.Leaves[2].Weight, s.Leaves[3].Weight}, "global weights")
	assert.True(t, s.CR.IsZero())
	assert.Len(t, s.LevelCR, 2)
	assert.Len(t, s.Local, 3)
}

func TestSynthesizeCombinedCRAddsLevelRatios(t *testing.T) {
	a := mustPairwise(t, "1 1/3 1/5; 3 1 1/4; 5 4 1") // CI 0.0429, CR 0.0739
	leaf3 := []Node{{Code: "x"}, {Code: "y"}, {Code: "z"}}
	root := Node{Code: "goal", Matrix: a, Children: []Node{
		{Code: "a", Matrix: a, Children: leaf3},
		{Code: "b", Matrix: a, Children: leaf3},
		{Code: "c", Matrix: a, Children: leaf3},
	}}
	s, err := Synthesize(root, AHPOptions{})
	require.NoError(t, err)
	// Level 1 has the same CI and RI at every node, so its ratio equals the
	// root's: CR = 2 × 0.0739.
	assertDecimals(t, []string{"0.0739", "0.0739"}, s.LevelCR, "level ratios")
	assertDecimal(t, "0.1479", s.CR, "combined CR")
	assert.False(t, s.Consistent, "0.148 ≥ 0.10")
	_, err = Synthesize(root, AHPOptions{Strict: true})
	assert.ErrorIs(t, err, ErrInconsistent)
}

func TestSynthesizeRejectsMismatchedMatrix(t *testing.T) {
	root := Node{Code: "goal", Matrix: mustPairwise(t, "1 2; 1/2 1"), Children: []Node{{Code: "a"}, {Code: "b"}, {Code: "c"}}}
	_, err := Synthesize(root, AHPOptions{})
	assert.ErrorIs(t, err, ErrShape)
	_, err = Synthesize(Node{Code: "alone"}, AHPOptions{})
	assert.ErrorIs(t, err, ErrShape)
}

func TestGroupAHPOfIdenticalExpertsEqualsEachExpert(t *testing.T) {
	m := mustPairwise(t, "1 1/3 1/5; 3 1 1/4; 5 4 1")
	single, err := AHP(m, AHPOptions{})
	require.NoError(t, err)
	for _, method := range []GroupMethod{AIJ, AIP} {
		g, err := GroupAHP([]Pairwise{m, m, m}, ds("1", "2", "3"), method, AHPOptions{})
		require.NoError(t, err, "%v", method)
		assertDecimals(t, []string{"0.1007", "0.2255", "0.6738"}, g.Weights, fmt.Sprintf("method %d", method))
		for i := range single.Weights {
			assert.True(t, single.Weights[i].Equal(g.Weights[i]))
		}
	}
}

func TestGroupAHPAIJIsTheWeightedGeometricMeanOfJudgements(t *testing.T) {
	// Experts judge a over b as 2 and 8; with equal weights the group
	// judgement is √16 = 4, so the weights are 0.8 and 0.2.
	g, err := GroupAHP([]Pairwise{mustPairwise(t, "1 2; 1/2 1"), mustPairwise(t, "1 8; 1/8 1")}, nil, AIJ, AHPOptions{})
	require.NoError(t, err)
	assertDecimals(t, []string{"0.8", "0.2"}, g.Weights, "AIJ")
	require.NotNil(t, g.Combined)
	assert.InDelta(t, 4, g.Combined.Weights[0].Div(g.Combined.Weights[1]).InexactFloat64(), 1e-9)
	// With weights 3:1 the judgement is 2^0.75·8^0.25 = 2^1.5.
	g, err = GroupAHP([]Pairwise{mustPairwise(t, "1 2; 1/2 1"), mustPairwise(t, "1 8; 1/8 1")}, ds("3", "1"), AIJ, AHPOptions{Scale: 6})
	require.NoError(t, err)
	assertDecimals(t, []string{"0.738796", "0.261204"}, g.Weights, "AIJ 3:1") // 2^1.5/(1+2^1.5)
}

func TestGroupAHPRejectsBadInput(t *testing.T) {
	m2, m3 := mustPairwise(t, "1 2; 1/2 1"), mustPairwise(t, "1 1 1; 1 1 1; 1 1 1")
	tests := []struct {
		name    string
		ms      []Pairwise
		experts []decimal.Decimal
		method  GroupMethod
		want    error
	}{
		{"no experts", nil, nil, AIJ, ErrShape},
		{"sizes differ", []Pairwise{m2, m3}, nil, AIJ, ErrShape},
		{"weight count differs", []Pairwise{m2, m2}, ds("1"), AIJ, ErrShape},
		{"negative weight", []Pairwise{m2, m2}, ds("1", "-1"), AIP, ErrValue},
		{"zero weights", []Pairwise{m2, m2}, ds("0", "0"), AIP, ErrDegenerate},
		{"unknown method", []Pairwise{m2}, nil, GroupMethod(9), ErrOption},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := GroupAHP(tt.ms, tt.experts, tt.method, AHPOptions{})
			assert.True(t, errors.Is(err, tt.want), "got %v, want %v", err, tt.want)
		})
	}
}

func TestAHPRejectsBadOptions(t *testing.T) {
	m := mustPairwise(t, "1 2; 1/2 1")
	for name, opts := range map[string]AHPOptions{
		"unknown method":     {Method: Method(7)},
		"negative threshold": {Threshold: d("-0.1")},
		"negative scale":     {Scale: -1},
		"scale too large":    {Scale: 40},
	} {
		_, err := AHP(m, opts)
		assert.ErrorIs(t, err, ErrOption, name)
	}
	_, err := AHP(Pairwise{}, AHPOptions{})
	assert.Error(t, err, "the zero matrix")
}

func BenchmarkAHP(b *testing.B) {
	for _, n := range []int{5, 9, 15} {
		rng := rand.New(rand.NewPCG(uint64(n), 3))
		rows := make([][]string, n)
		for i := range rows {
			rows[i] = make([]string, n)
			rows[i][i] = "1"
		}
		for i := range n {
			for j := i + 1; j < n; j++ {
				k := 1 + rng.IntN(9)
				rows[i][j], rows[j][i] = fmt.Sprint(k), fmt.Sprintf("1/%d", k)
			}
		}
		var text []string
		for _, r := range rows {
			text = append(text, strings.Join(r, " "))
		}
		m := mustPairwise(b, strings.Join(text, "; "))
		for _, method := range []Method{Eigenvector, GeometricMean} {
			b.Run(fmt.Sprintf("n=%d/method=%v", n, method), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := AHP(m, AHPOptions{Method: method, RI: ChineseRI()}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

func TestNodeJSONUsesTheMatrixTextForm(t *testing.T) {
	in := `{"code":"goal","matrix":"1 3; 1/3 1","children":[{"code":"a"},{"code":"b"}]}`
	var n Node
	require.NoError(t, json.Unmarshal([]byte(in), &n))
	assert.Equal(t, 2, n.Matrix.Size())
	out, err := json.Marshal(n)
	require.NoError(t, err)
	assert.JSONEq(t, in, string(out))
	assert.Error(t, json.Unmarshal([]byte(`{"code":"x","matrix":"1 2; 1 1"}`), &n), "non-reciprocal")
	_, err = Pairwise{}.MarshalText()
	assert.ErrorIs(t, err, ErrPairwise)
}

// Expert weights whose sum a float64 cannot hold, as JSON can carry
// them, give the shares exact division gives: equal weights the result of
// one expert, a weight beside a vastly larger one none of it.
func TestGroupAHPWithWeightsBeyondAFloat(t *testing.T) {
	a, err := ParsePairwise("1 2; 1/2 1")
	require.NoError(t, err)
	b, err := ParsePairwise("1 1/3; 3 1")
	require.NoError(t, err)
	for _, method := range []GroupMethod{AIP, AIJ, AIPArithmetic} {
		alone, err := GroupAHP([]Pairwise{a}, nil, method, AHPOptions{})
		require.NoError(t, err, "%v: one expert", method)
		for name, weights := range map[string][]decimal.Decimal{
			"one tiny":     {decimal.New(1, -400)},
			"one huge":     {decimal.New(1, 400)},
			"huge and one": {decimal.New(1, 400), decimal.New(1, 0)},
			"two tiny":     {decimal.New(1, -400), decimal.New(1, -400)},
		} {
			ms := []Pairwise{a, b}[:len(weights)]
			if name == "two tiny" {
				ms = []Pairwise{a, a}
			}
			got, err := GroupAHP(ms, weights, method, AHPOptions{})
			require.NoError(t, err, "%v, %s", method, name)
			assert.Equal(t, alone.Weights, got.Weights, "%v, %s: the weights of the first expert alone", method, name)
		}
	}
}
