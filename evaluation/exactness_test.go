package evaluation

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/grassrootsgov/grassroots"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The tests of this file check the rounding rule as a whole: nothing that
// feeds another computation is rounded first, and no verdict depends on
// the scale. Inputs are random and built to sit near the places where a
// rounded intermediate would change the answer: a consistency ratio next
// to its threshold, two grades or two alternatives within a rounding unit
// of each other, a total next to a band's threshold.

const (
	coarse int32 = 2
	fine   int32 = 8
)

// randomDecimal returns a multiple of 10^-places in [lo, hi].
func randomDecimal(rng *rand.Rand, lo, hi float64, places int32) decimal.Decimal {
	units := math.Pow(10, float64(places))
	n := int64(math.Round(lo*units)) + rng.Int64N(int64(math.Round((hi-lo)*units))+1)
	return decimal.New(n, -places)
}

func TestAHPVerdictDoesNotDependOnTheScale(t *testing.T) {
	rng := rand.New(rand.NewPCG(testSeed(t), 1))
	flipsBeforeRounding := 0
	for trial := range 300 {
		n := 3 + rng.IntN(7)
		m := randomPairwise(rng, n)
		base, err := AHP(m, AHPOptions{Scale: fine})
		require.NoError(t, err, "trial %d: %s", trial, m)
		// A threshold equal to the CR rounded at the coarse scale: a rule
		// that compared the rounded CR would accept at one scale only.
		th := base.CRExact.Round(coarse)
		if th.IsZero() {
			continue
		}
		opts := AHPOptions{Threshold: th, AllowEqual: true}
		opts.Scale = coarse
		a, err := AHP(m, opts)
		require.NoError(t, err, "trial %d", trial)
		opts.Scale = fine
		b, err := AHP(m, opts)
		require.NoError(t, err, "trial %d", trial)
		assert.Equal(t, a.Consistent, b.Consistent, "trial %d: %s with threshold %s (CR %s)", trial, m, th, a.CRExact)
		assert.Equal(t, !base.CRExact.GreaterThan(th), a.Consistent, "trial %d: CR %s against %s", trial, a.CRExact, th)
		if !a.CR.Equal(b.CR.Round(coarse)) || a.CR.Equal(th) != b.CR.Equal(th) {
			flipsBeforeRounding++
		}
		for i := range a.WeightsExact {
			assert.True(t, a.WeightsExact[i].Equal(b.WeightsExact[i]), "trial %d: exact weight %d differs between scales", trial, i)
			assert.True(t, a.Weights[i].Equal(a.WeightsExact[i].Round(coarse)), "trial %d: weight %d is its exact value rounded", trial, i)
		}
		assert.True(t, a.CRExact.Equal(b.CRExact), "trial %d: exact CR differs between scales", trial)
	}
	assert.NotZero(t, flipsBeforeRounding, "the inputs reach the cases where a rounded CR meets the threshold at one scale only")
}

func TestSynthesizeVerdictAndTotalsDoNotDependOnTheScale(t *testing.T) {
	rng := rand.New(rand.NewPCG(testSeed(t), 2))
	alternatives := []string{"a", "b", "c"}
	for trial := range 100 {
		k := 2 + rng.IntN(4)
		root := Node{Code: "goal", Matrix: randomPairwise(rng, k)}
		for c := range k {
			crit := Node{Code: fmt.Sprintf("c%d", c), Matrix: randomPairwise(rng, len(alternatives))}
			for _, a := range alternatives {
				crit.Children = append(crit.Children, Node{Code: a})
			}
			root.Children = append(root.Children, crit)
		}
		base, err := Synthesize(root, AHPOptions{Scale: fine})
		require.NoError(t, err, "trial %d", trial)
		th := base.CRExact.Round(coarse)
		if th.IsZero() {
			continue
		}
		a, err := Synthesize(root, AHPOptions{Scale: coarse, Threshold: th, AllowEqual: true})
		require.NoError(t, err, "trial %d", trial)
		b, err := Synthesize(root, AHPOptions{Scale: fine, Threshold: th, AllowEqual: true})
		require.NoError(t, err, "trial %d", trial)
		assert.Equal(t, a.Consistent, b.Consistent, "trial %d: CR %s, threshold %s", trial, a.CRExact, th)

		// Totals are the sums of the leaves' unrounded global weights and
		// add up to 1.
		require.Len(t, a.Totals, len(alternatives), "trial %d", trial)
		sum := 0.0
		for i, tot := range a.Totals {
			want := 0.0
			for _, l := range a.Leaves {
				if l.Code == tot.Code {
					want += toFloat(l.WeightExact)
				}
			}
			assert.InDelta(t, want, toFloat(tot.WeightExact), 1e-15, "trial %d: total of %s", trial, tot.Code)
			assert.True(t, tot.WeightExact.Equal(b.Totals[i].WeightExact), "trial %d: exact total differs between scales", trial)
			sum += toFloat(tot.WeightExact)
		}
		assert.InDelta(t, 1, sum, 1e-12, "trial %d: totals sum to 1", trial)
	}
}

func TestTOPSISRankDoesNotDependOnTheScale(t *testing.T) {
	rng := rand.New(rand.NewPCG(testSeed(t), 3))
	differ := 0
	for trial := range 200 {
		m, n := 3+rng.IntN(4), 2+rng.IntN(3)
		x := make([][]decimal.Decimal, m)
		for i := range x {
			x[i] = make([]decimal.Decimal, n)
			for j := range x[i] {
				x[i][j] = randomDecimal(rng, 1, 100, 1)
			}
		}
		// The last alternative is a near copy of the first: their
		// closenesses agree to about four places.
		for j := range n {
			x[m-1][j] = x[0][j].Add(randomDecimal(rng, -0.001, 0.001, 4))
		}
		w := make([]decimal.Decimal, n)
		dirs := make([]Direction, n)
		for j := range w {
			w[j] = randomDecimal(rng, 0.1, 1, 2)
			dirs[j] = Direction(1 + rng.IntN(2))
		}
		a, err := TOPSIS(x, w, dirs, TOPSISOptions{Scale: coarse})
		require.NoError(t, err, "trial %d", trial)
		b, err := TOPSIS(x, w, dirs, TOPSISOptions{Scale: fine})
		require.NoError(t, err, "trial %d", trial)
		assert.Equal(t, a.Rank, b.Rank, "trial %d: closeness %v", trial, a.ClosenessExact)
		if fmt.Sprint(rankDescending(a.Closeness)) != fmt.Sprint(rankDescending(b.Closeness)) {
			differ++
		}
	}
	assert.NotZero(t, differ, "the inputs reach closenesses that rounding at the coarse scale would tie")
}

// fuzzyReference computes B = W·R with decimal products and sums, the
// grade of maximum membership and the grade-score mean from the exact B,
// with no fraction arithmetic: an independent reading of the method for
// the weighted-average operator without normalisation.
func fuzzyReference(w []decimal.Decimal, r [][]decimal.Decimal, scores []decimal.Decimal, scale int32) (b []decimal.Decimal, grade int, tie bool, score decimal.Decimal) {
	b = make([]decimal.Decimal, len(r[0]))
	for j := range b {
		b[j] = decimal.Zero
		for i := range w {
			b[j] = b[j].Add(w[i].Mul(r[i][j]))
		}
	}
	for j := 1; j < len(b); j++ {
		if c := b[j].Cmp(b[grade]); c > 0 {
			grade, tie = j, false
		} else if c == 0 {
			tie = true
		}
	}
	num, den := decimal.Zero, decimal.Zero
	for j := range b {
		num = num.Add(b[j].Mul(scores[j]))
		den = den.Add(b[j])
	}
	return b, grade, tie, num.DivRound(den, scale)
}

func randomMembership(rng *rand.Rand, rows, grades int) ([]decimal.Decimal, [][]decimal.Decimal) {
	w := make([]decimal.Decimal, rows)
	r := make([][]decimal.Decimal, rows)
	for i := range r {
		w[i] = randomDecimal(rng, 0.05, 0.5, 3)
		r[i] = make([]decimal.Decimal, grades)
		for j := range r[i] {
			r[i][j] = randomDecimal(rng, 0, 1, 3)
		}
	}
	// Grades 0 and 1 differ by at most 0.001 in one row and agree in the
	// others, so their memberships differ by less than a coarse unit.
	for i := range r {
		r[i][1] = r[i][0]
	}
	r[0][1] = decimal.Min(one, decimal.Max(decimal.Zero, r[0][0].Add(randomDecimal(rng, -0.001, 0.001, 3))))
	return w, r
}

func TestFuzzyEvaluateUsesTheUnroundedVector(t *testing.T) {
	rng := rand.New(rand.NewPCG(testSeed(t), 4))
	scores := ds("95", "85", "75", "65", "55")
	roundedDiffers := 0
	for trial := range 300 {
		w, r := randomMembership(rng, 2+rng.IntN(5), len(scores))
		for _, scale := range []int32{coarse, fine} {
			got, err := FuzzyEvaluate(w, r, FuzzyOptions{GradeScores: scores, Scale: scale})
			require.NoError(t, err, "trial %d", trial)
			b, grade, tie, score := fuzzyReference(w, r, scores, scale)
			assert.Equal(t, grade, got.Grade, "trial %d scale %d: B = %v", trial, scale, b)
			assert.Equal(t, tie, got.Tie, "trial %d scale %d: B = %v", trial, scale, b)
			assert.True(t, score.Equal(got.Score), "trial %d scale %d: score %s, want %s", trial, scale, got.Score, score)
			require.Len(t, got.BExact, len(b), "trial %d", trial)
			for j := range b {
				assert.True(t, b[j].Equal(got.BExact[j]), "trial %d: exact b[%d] %s, want %s", trial, j, got.BExact[j], b[j])
				assert.True(t, b[j].Round(scale).Equal(got.B[j]), "trial %d: b[%d] is rounded once", trial, j)
			}
			// The normalised vector has the same grade and score.
			norm, err := FuzzyEvaluate(w, r, FuzzyOptions{GradeScores: scores, Scale: scale, Normalize: true})
			require.NoError(t, err, "trial %d", trial)
			assert.Equal(t, grade, norm.Grade, "trial %d: normalising keeps the grade", trial)
			assert.True(t, score.Equal(norm.Score), "trial %d: normalising keeps the score", trial)
		}
		// What a rounded B would have said.
		coarseB, _, _, _ := fuzzyReference(w, r, scores, coarse)
		rounded := make([]decimal.Decimal, len(coarseB))
		for j := range coarseB {
			rounded[j] = coarseB[j].Round(coarse)
		}
		_, g1, _, s1 := fuzzyReference([]decimal.Decimal{one}, [][]decimal.Decimal{rounded}, scores, coarse)
		_, g2, _, s2 := fuzzyReference(w, r, scores, coarse)
		if g1 != g2 || !s1.Equal(s2) {
			roundedDiffers++
		}
	}
	assert.NotZero(t, roundedDiffers, "the inputs reach vectors whose rounding changes the grade or the score")
}

func TestFuzzyTwoLevelFeedsUnroundedVectors(t *testing.T) {
	rng := rand.New(rand.NewPCG(testSeed(t), 5))
	scores := ds("95", "85", "75", "65", "55")
	for trial := range 100 {
		k := 2 + rng.IntN(3)
		groups := make([]FuzzyGroup, k)
		top := make([]decimal.Decimal, k)
		rows := make([][]decimal.Decimal, k)
		for g := range groups {
			groups[g].Weights, groups[g].Membership = randomMembership(rng, 2+rng.IntN(3), len(scores))
			top[g] = randomDecimal(rng, 0.1, 0.5, 2)
			rows[g], _, _, _ = fuzzyReference(groups[g].Weights, groups[g].Membership, scores, fine)
		}
		for _, scale := range []int32{coarse, fine} {
			got, err := FuzzyEvaluateTwoLevel(top, groups, FuzzyOptions{GradeScores: scores, Scale: scale})
			require.NoError(t, err, "trial %d", trial)
			b, grade, tie, score := fuzzyReference(top, rows, scores, scale)
			assert.Equal(t, grade, got.Overall.Grade, "trial %d scale %d", trial, scale)
			assert.Equal(t, tie, got.Overall.Tie, "trial %d scale %d", trial, scale)
			assert.True(t, score.Equal(got.Overall.Score), "trial %d scale %d: score %s, want %s", trial, scale, got.Overall.Score, score)
			for j := range b {
				assert.True(t, b[j].Equal(got.Overall.BExact[j]), "trial %d: overall b[%d]", trial, j)
			}
		}
	}
}

// nearBandSystem has two 0–100 leaves of equal weight, each rated by one
// party.
func nearBandSystem(t *testing.T) System {
	t.Helper()
	pct := Percent()
	s := System{Code: "near", Indicators: []Indicator{
		{Code: "x", Weight: d("0.5"), Direction: Benefit, Scale: &pct, Parties: []grassroots.Party{grassroots.Government}},
		{Code: "y", Weight: d("0.5"), Direction: Benefit, Scale: &pct, Parties: []grassroots.Party{grassroots.ThirdParty, grassroots.Resident}},
	}}
	require.NoError(t, s.Validate())
	return s
}

func TestScorecardGradeDoesNotDependOnTheScale(t *testing.T) {
	rng := rand.New(rand.NewPCG(testSeed(t), 6))
	s := nearBandSystem(t)
	bands := DefaultBands()
	movedTotal := 0
	for trial := range 300 {
		// Values within half a coarse unit of the 90 threshold.
		values := map[string]decimal.Decimal{"x": randomDecimal(rng, 89.98, 90.02, 3), "y": randomDecimal(rng, 89.98, 90.02, 3)}
		exactTotal := values["x"].Add(values["y"]).Div(d("2"))
		want := bands.Grade(exactTotal)
		for _, scale := range []int32{coarse, fine} {
			card, err := WeightedSum(s, values, ScoreOptions{Scale: scale})
			require.NoError(t, err, "trial %d", trial)
			assert.Equal(t, want, card.Grade, "trial %d scale %d: values %v, total %s", trial, scale, values, card.Total)
			if bands.Grade(card.Total) != want {
				movedTotal++
			}
		}

		// The same through Aggregate, with several ratings per party so
		// that central values and party shares are fractions.
		var ratings []Rating
		add := func(code string, party grassroots.Party, n int) {
			for i := range n {
				ratings = append(ratings, Rating{Subject: "s", Indicator: code, Party: party, Rater: fmt.Sprint(i), Value: randomDecimal(rng, 89.9, 90.1, 3)})
			}
		}
		add("x", grassroots.Government, 1+rng.IntN(4))
		add("y", grassroots.ThirdParty, 1+rng.IntN(4))
		add("y", grassroots.Resident, 1+rng.IntN(4))
		pw := map[grassroots.Party]decimal.Decimal{grassroots.Government: one, grassroots.ThirdParty: d("2"), grassroots.Resident: d("1")}
		var grades []string
		for _, scale := range []int32{coarse, fine} {
			cards, err := Aggregate(s, ratings, AggregateOptions{Scale: scale, PartyWeights: pw})
			require.NoError(t, err, "trial %d", trial)
			require.Len(t, cards, 1, "trial %d", trial)
			grades = append(grades, cards[0].Grade)
			if bands.Grade(cards[0].Total) != cards[0].Grade {
				movedTotal++
			}
		}
		assert.Equal(t, grades[0], grades[1], "trial %d: ratings %v", trial, ratings)
	}
	assert.NotZero(t, movedTotal, "the inputs reach totals that rounding moves across the threshold")
}

// kendallReference computes W in float64 from mid-ranks found by counting,
// with and without the tie correction.
func kendallReference(scores [][]float64) (w, uncorrected float64) {
	m, n := len(scores), len(scores[0])
	sums := make([]float64, n)
	ties := 0.0
	for _, row := range scores {
		for j, v := range row {
			less, equal := 0, 0
			for _, u := range row {
				if u < v {
					less++
				} else if u == v {
					equal++
				}
			}
			sums[j] += float64(less) + float64(equal+1)/2
		}
		seen := map[float64]bool{}
		for _, v := range row {
			if seen[v] {
				continue
			}
			seen[v] = true
			t := 0.0
			for _, u := range row {
				if u == v {
					t++
				}
			}
			ties += t*t*t - t
		}
	}
	mean := float64(m) * float64(n+1) / 2
	s := 0.0
	for _, r := range sums {
		s += (r - mean) * (r - mean)
	}
	full := float64(m*m) * float64(n*n*n-n)
	return 12 * s / (full - float64(m)*ties), 12 * s / full
}

func TestKendallWWithAndWithoutTieCorrection(t *testing.T) {
	rng := rand.New(rand.NewPCG(testSeed(t), 7))
	for trial := range 300 {
		m, n := 2+rng.IntN(6), 2+rng.IntN(8)
		levels := 2 + rng.IntN(12) // few levels: many ties
		scores := make([][]float64, m)
		for i := range scores {
			scores[i] = make([]float64, n)
			for j := range scores[i] {
				scores[i][j] = float64(rng.IntN(levels))
			}
		}
		got, err := KendallW(scores, ReliabilityOptions{Scale: fine})
		if err != nil {
			assert.ErrorIs(t, err, ErrDegenerate, "trial %d: %v", trial, scores)
			continue
		}
		w, u := kendallReference(scores)
		assert.InDelta(t, w, toFloat(got.W), 1e-8, "trial %d: W of %v", trial, scores)
		assert.InDelta(t, u, toFloat(got.WUncorrected), 1e-8, "trial %d: uncorrected W of %v", trial, scores)
		assert.False(t, got.WUncorrected.GreaterThan(got.W), "trial %d: the correction never lowers W", trial)
		if got.Ties == 0 {
			assert.True(t, got.W.Equal(got.WUncorrected), "trial %d: without ties both forms agree", trial)
		}
		// S and Ties reproduce W exactly.
		bm, bn := decimal.NewFromInt(int64(m)), decimal.NewFromInt(int64(n))
		den := bm.Mul(bm).Mul(bn.Pow(decimal.NewFromInt(3)).Sub(bn)).Sub(bm.Mul(decimal.NewFromInt(got.Ties)))
		assert.True(t, got.S.Mul(decimal.NewFromInt(12)).DivRound(den, fine).Equal(got.W), "trial %d: 12·S/D = W", trial)
	}
}

func TestGroupAHPMeansOfUnroundedPriorities(t *testing.T) {
	rng := rand.New(rand.NewPCG(testSeed(t), 8))
	for trial := range 100 {
		n, k := 3+rng.IntN(5), 2+rng.IntN(4)
		ms := make([]Pairwise, k)
		experts := make([]decimal.Decimal, k)
		total := 0.0
		for e := range ms {
			ms[e] = randomPairwise(rng, n)
			experts[e] = randomDecimal(rng, 1, 5, 0)
			total += toFloat(experts[e])
		}
		arith, err := GroupAHP(ms, experts, AIPArithmetic, AHPOptions{Scale: coarse})
		require.NoError(t, err, "trial %d", trial)
		geo, err := GroupAHP(ms, experts, AIP, AHPOptions{Scale: coarse})
		require.NoError(t, err, "trial %d", trial)
		aij, err := GroupAHP(ms, experts, AIJ, AHPOptions{Scale: coarse})
		require.NoError(t, err, "trial %d", trial)
		require.False(t, aij.Matrix.IsZero(), "trial %d: AIJ reports its group matrix", trial)
		gsum := 0.0
		g := make([]float64, n)
		for i := range n {
			a, lg := 0.0, 0.0
			for e := range ms {
				s := toFloat(experts[e]) / total
				a += s * toFloat(arith.Individual[e].WeightsExact[i])
				lg += s * math.Log(toFloat(geo.Individual[e].WeightsExact[i]))
			}
			assert.InDelta(t, a, toFloat(arith.WeightsExact[i]), 1e-12, "trial %d: arithmetic mean of priority %d", trial, i)
			g[i] = math.Exp(lg)
			gsum += g[i]
			for j := range n {
				want := 1.0
				for e := range ms {
					want *= math.Pow(ms[e].At(i, j), toFloat(experts[e])/total)
				}
				assert.InEpsilon(t, want, aij.Matrix.At(i, j), 1e-12, "trial %d: group entry (%d,%d)", trial, i, j)
			}
		}
		for i := range n {
			assert.InDelta(t, g[i]/gsum, toFloat(geo.WeightsExact[i]), 1e-12, "trial %d: geometric mean of priority %d", trial, i)
		}
	}
}

func TestSystemWithSynthesisTakesTheUnroundedWeights(t *testing.T) {
	rng := rand.New(rand.NewPCG(testSeed(t), 9))
	pct := Percent()
	for trial := range 50 {
		k := 2 + rng.IntN(4)
		sys := System{Code: "sys"}
		root := Node{Code: "sys", Matrix: randomPairwise(rng, k)}
		for g := range k {
			code := fmt.Sprintf("g%d", g)
			kids := 2 + rng.IntN(3)
			group := Indicator{Code: code, Weight: decimal.Zero}
			node := Node{Code: code, Matrix: randomPairwise(rng, kids)}
			for c := range kids {
				leaf := fmt.Sprintf("g%d.%d", g, c)
				group.Children = append(group.Children, Indicator{Code: leaf, Weight: decimal.Zero, Direction: Benefit, Scale: &pct, Parties: []grassroots.Party{grassroots.Resident}})
				node.Children = append(node.Children, Node{Code: leaf})
			}
			// Children in the reverse order of the system: codes, not
			// positions, carry the weights.
			slices.Reverse(node.Children)
			node.Matrix = reversed(node.Matrix)
			sys.Indicators = append(sys.Indicators, group)
			root.Children = append(root.Children, node)
		}
		syn, err := Synthesize(root, AHPOptions{Scale: coarse})
		require.NoError(t, err, "trial %d", trial)
		got, err := sys.WithSynthesis(syn, fine)
		require.NoError(t, err, "trial %d", trial)
		for _, l := range syn.Local {
			for i, c := range l.Children {
				in := findIndicator(got.Indicators, c)
				require.NotNil(t, in, "trial %d: %s", trial, c)
				diff := in.Weight.Sub(l.Result.WeightsExact[i]).Abs()
				assert.True(t, diff.LessThan(decimal.New(1, -fine)), "trial %d: %s weighs %s, AHP gave %s", trial, c, in.Weight, l.Result.WeightsExact[i])
			}
		}
	}
}

// reversed returns the matrix of the same judgements with the items in
// reverse order.
func reversed(m Pairwise) Pairwise {
	n := m.Size()
	a := make([]float64, n*n)
	for i := range n {
		for j := range n {
			a[i*n+j] = m.At(n-1-i, n-1-j)
		}
	}
	return Pairwise{n: n, a: a}
}

func findIndicator(ins []Indicator, code string) *Indicator {
	for i := range ins {
		if ins[i].Code == code {
			return &ins[i]
		}
		if in := findIndicator(ins[i].Children, code); in != nil {
			return in
		}
	}
	return nil
}

// assertExactFieldsRound checks, for every field X of the struct v with a
// field XExact beside it, that X is XExact rounded to scale: each number
// is rounded once, from its unrounded value. It returns how many pairs it
// checked.
func assertExactFieldsRound(t *testing.T, v any, scale int32, what string) int {
	t.Helper()
	rv := reflect.ValueOf(v)
	rt := rv.Type()
	pairs := 0
	for i := range rt.NumField() {
		name := rt.Field(i).Name
		ex := rv.FieldByName(name + "Exact")
		if !ex.IsValid() {
			continue
		}
		pairs++
		switch got := rv.Field(i).Interface().(type) {
		case decimal.Decimal:
			e := ex.Interface().(decimal.Decimal)
			assert.True(t, e.Round(scale).Equal(got), "%s: %s = %s is not %sExact = %s rounded", what, name, got, name, e)
		case []decimal.Decimal:
			e := ex.Interface().([]decimal.Decimal)
			require.Len(t, e, len(got), "%s: %sExact", what, name)
			for k := range got {
				assert.True(t, e[k].Round(scale).Equal(got[k]), "%s: %s[%d] = %s is not %sExact rounded (%s)", what, name, k, got[k], name, e[k])
			}
		default:
			t.Fatalf("%s: %s has an Exact field of an unexpected type", what, name)
		}
	}
	return pairs
}

func TestExactFieldsRoundToTheReportedOnes(t *testing.T) {
	rng := rand.New(rand.NewPCG(testSeed(t), 10))
	for trial := range 100 {
		scale := int32(1 + rng.IntN(int(maxScale)))
		what := fmt.Sprintf("trial %d scale %d", trial, scale)
		m, n := 3+rng.IntN(4), 2+rng.IntN(3)
		x := make([][]decimal.Decimal, m)
		for i := range x {
			x[i] = make([]decimal.Decimal, n)
			for j := range x[i] {
				x[i][j] = randomDecimal(rng, 0, 100, 2)
			}
		}
		dirs := make([]Direction, n)
		w := make([]decimal.Decimal, n)
		for j := range dirs {
			dirs[j] = Direction(1 + rng.IntN(2))
			w[j] = randomDecimal(rng, 0.1, 1, 2)
		}
		checked := 0
		if r, err := EntropyWeights(x, WeightOptions{Scale: scale}); err == nil {
			checked += assertExactFieldsRound(t, r, scale, what+" entropy")
		}
		if r, err := CRITIC(x, dirs, WeightOptions{Scale: scale}); err == nil {
			checked += assertExactFieldsRound(t, r, scale, what+" CRITIC")
		}
		if r, err := TOPSIS(x, w, dirs, TOPSISOptions{Scale: scale}); err == nil {
			checked += assertExactFieldsRound(t, r, scale, what+" TOPSIS")
		}
		ahp, err := AHP(randomPairwise(rng, n+1), AHPOptions{Scale: scale})
		require.NoError(t, err, what)
		checked += assertExactFieldsRound(t, ahp, scale, what+" AHP")
		data := make([][]float64, 3)
		for r := range data {
			data[r] = make([]float64, m)
			for u := range data[r] {
				data[r][u] = float64(rng.IntN(5))
			}
		}
		if a, err := KrippendorffAlpha(data, Interval, ReliabilityOptions{Scale: scale}); err == nil {
			checked += assertExactFieldsRound(t, a, scale, what+" alpha")
		}
		share, err := CSAT([]int{5, 4, 3, 1 + rng.IntN(5)}, 5, SatisfactionOptions{Scale: scale})
		require.NoError(t, err, what)
		checked += assertExactFieldsRound(t, share, scale, what+" CSAT")
		require.NotZero(t, checked, what)
	}
}
