package evaluation_test

import (
	"fmt"
	"math"
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/evaluation"
	"github.com/shopspring/decimal"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func ExampleParsePairwise() {
	m, err := evaluation.ParsePairwise("1 3 5; 1/3 1 2; 1/5 1/2 1")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(m.Size(), m.At(0, 2), m)
	// Output: 3 5 1 3 5; 1/3 1 2; 1/5 1/2 1
}

func ExampleAHP() {
	m, _ := evaluation.ParsePairwise("1 3 5; 1/3 1 2; 1/5 1/2 1")
	r, err := evaluation.AHP(m, evaluation.AHPOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("weights", r.Weights)
	fmt.Println("λmax", r.LambdaMax, "CI", r.CI, "CR", r.CR, "consistent", r.Consistent)
	fmt.Println(r.RITable, r.Scale, r.Rounding)
	// Output:
	// weights [0.6483 0.2297 0.122]
	// λmax 3.0037 CI 0.0018 CR 0.0032 consistent true
	// saaty_1980 4 half_away_from_zero
}

func ExampleAHP_inconsistent() {
	// Each item beats the next strongly and the last beats the first.
	m, _ := evaluation.ParsePairwise("1 9 1/9; 1/9 1 9; 9 1/9 1")
	r, _ := evaluation.AHP(m, evaluation.AHPOptions{})
	fmt.Println("consistent", r.Consistent)
	_, err := evaluation.AHP(m, evaluation.AHPOptions{Strict: true})
	fmt.Println(err)
	// Output:
	// consistent false
	// evaluation: consistency ratio 6.1302681992337185 is not below the threshold 0.1
}

func ExampleSynthesize() {
	crit, _ := evaluation.ParsePairwise("1 3; 1/3 1")
	c1, _ := evaluation.ParsePairwise("1 1; 1 1")
	c2, _ := evaluation.ParsePairwise("1 1/3; 3 1")
	s, err := evaluation.Synthesize(evaluation.Node{Code: "goal", Matrix: crit, Children: []evaluation.Node{
		{Code: "cost", Matrix: c1, Children: []evaluation.Node{{Code: "A"}, {Code: "B"}}},
		{Code: "speed", Matrix: c2, Children: []evaluation.Node{{Code: "A"}, {Code: "B"}}},
	}}, evaluation.AHPOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range s.Leaves {
		fmt.Println(l.Code, l.Weight)
	}
	fmt.Println("CR", s.CR)
	for _, t := range s.Totals {
		fmt.Println("total", t.Code, t.Weight)
	}
	// Output:
	// A 0.375
	// B 0.375
	// A 0.0625
	// B 0.1875
	// CR 0
	// total A 0.4375
	// total B 0.5625
}

func ExampleGroupAHP() {
	a, _ := evaluation.ParsePairwise("1 2; 1/2 1")
	b, _ := evaluation.ParsePairwise("1 8; 1/8 1")
	g, _ := evaluation.GroupAHP([]evaluation.Pairwise{a, b}, nil, evaluation.AIJ, evaluation.AHPOptions{})
	fmt.Println(g.Weights) // the group judgement is √(2·8) = 4
	// Output: [0.8 0.2]
}

func ExampleGroupAHP_aggregatedMatrix() {
	a, _ := evaluation.ParsePairwise("1 3 5; 1/3 1 3; 1/5 1/3 1")
	b, _ := evaluation.ParsePairwise("1 2 7; 1/2 1 4; 1/7 1/4 1")
	experts := []decimal.Decimal{dec("2"), dec("1")}
	aij, _ := evaluation.GroupAHP([]evaluation.Pairwise{a, b}, experts, evaluation.AIJ, evaluation.AHPOptions{})
	fmt.Printf("group matrix (1,2) %.4f\n", aij.Matrix.At(0, 1)) // 3^(2/3)·2^(1/3)
	fmt.Println("aij", aij.Weights)
	arith, _ := evaluation.GroupAHP([]evaluation.Pairwise{a, b}, experts, evaluation.AIPArithmetic, evaluation.AHPOptions{})
	fmt.Println("aip_arithmetic", arith.Weights)
	// Output:
	// group matrix (1,2) 2.6207
	// aij [0.6266 0.2765 0.0969]
	// aip_arithmetic [0.6255 0.2772 0.0973]
}

func ExampleEntropyWeights() {
	x := [][]decimal.Decimal{
		{dec("30"), dec("30"), dec("38"), dec("29")},
		{dec("19"), dec("54"), dec("86"), dec("29")},
		{dec("19"), dec("15"), dec("85"), dec("28.9")},
		{dec("68"), dec("70"), dec("60"), dec("29")},
	}
	r, _ := evaluation.EntropyWeights(x, evaluation.WeightOptions{})
	fmt.Println(r.Weights)
	// Output: [0.463 0.3992 0.1378 0]
}

func ExampleCRITIC() {
	x := [][]decimal.Decimal{
		{dec("1"), dec("10"), dec("5")},
		{dec("2"), dec("30"), dec("5")},
		{dec("3"), dec("20"), dec("5")},
		{dec("4"), dec("40"), dec("5")},
	}
	r, _ := evaluation.CRITIC(x, []evaluation.Direction{evaluation.Benefit, evaluation.Benefit, evaluation.Cost}, evaluation.WeightOptions{})
	fmt.Println(r.Weights) // the constant third criterion weighs nothing
	// Output: [0.5 0.5 0]
}

func ExampleTOPSIS() {
	x := [][]decimal.Decimal{
		{dec("250"), dec("16")},
		{dec("200"), dec("16")},
		{dec("300"), dec("32")},
	}
	r, _ := evaluation.TOPSIS(x, []decimal.Decimal{dec("0.5"), dec("0.5")},
		[]evaluation.Direction{evaluation.Cost, evaluation.Benefit}, evaluation.TOPSISOptions{})
	fmt.Println(r.Closeness, r.Rank)
	// Output: [0.2119 0.3583 0.6417] [3 2 1]
}

func ExampleFuzzyEvaluate() {
	w := []decimal.Decimal{dec("0.2"), dec("0.2"), dec("0.2"), dec("0.4")}
	r := [][]decimal.Decimal{
		{dec("0"), dec("0.1"), dec("0.2"), dec("0.3"), dec("0.4")},
		{dec("0.1"), dec("0.1"), dec("0.4"), dec("0.2"), dec("0.2")},
		{dec("0"), dec("0.1"), dec("0.2"), dec("0.6"), dec("0.1")},
		{dec("0"), dec("0.2"), dec("0.5"), dec("0.3"), dec("0")},
	}
	res, _ := evaluation.FuzzyEvaluate(w, r, evaluation.FuzzyOptions{
		Grades: []string{"excellent", "good", "fair", "poor", "bad"},
	})
	fmt.Println(res.B, res.GradeName)
	// Output: [0.02 0.14 0.36 0.34 0.14] fair
}

func ExampleFuzzyEvaluateTwoLevel() {
	g1 := evaluation.FuzzyGroup{Weights: []decimal.Decimal{dec("0.5"), dec("0.5")},
		Membership: [][]decimal.Decimal{{dec("1"), dec("0")}, {dec("0"), dec("1")}}}
	g2 := evaluation.FuzzyGroup{Weights: []decimal.Decimal{dec("1")},
		Membership: [][]decimal.Decimal{{dec("0.2"), dec("0.8")}}}
	res, _ := evaluation.FuzzyEvaluateTwoLevel([]decimal.Decimal{dec("0.6"), dec("0.4")}, []evaluation.FuzzyGroup{g1, g2}, evaluation.FuzzyOptions{})
	fmt.Println(res.Groups[0].B, res.Groups[1].B, res.Overall.B, res.Overall.Grade)
	// Output: [0.5 0.5] [0.2 0.8] [0.38 0.62] 1
}

func ExampleNPS() {
	r, _ := evaluation.NPS([]int{10, 10, 9, 8, 7, 6, 3}, evaluation.SatisfactionOptions{})
	fmt.Println(r.Promoters, r.Passives, r.Detractors, r.Score)
	// Output: 3 2 2 14.2857
}

func ExampleCSAT() {
	s, _ := evaluation.CSAT([]int{5, 4, 3, 2, 1, 5, 4, 4}, 5, evaluation.SatisfactionOptions{})
	fmt.Println(s.Count, s.Total, s.Percent, s.MarginOfError)
	// Output: 5 8 62.5 33.548
}

func ExampleServiceRating() {
	r, _ := evaluation.ServiceRating(evaluation.ServiceTally{
		VerySatisfied: 60, Satisfied: 25, BasicallySatisfied: 10, Dissatisfied: 3, VeryDissatisfied: 2, Rectified: 4,
	}, evaluation.SatisfactionOptions{})
	fmt.Println(r.SatisfactionRate, *r.RectificationRate)
	// Output: 95 80
}

func ExampleLikertIndex() {
	idx, _ := evaluation.LikertIndex([]int{4, 5, 3}, 5, evaluation.SatisfactionOptions{})
	fmt.Println(idx)
	// Output: 75
}

func ExampleKrippendorffAlpha() {
	n := math.NaN()
	data := [][]float64{ // raters × units, NaN = not rated
		{1, 2, 3, 3, 2, 1, 4, 1, 2, n, n, n},
		{1, 2, 3, 3, 2, 2, 4, 1, 2, 5, n, 3},
		{n, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, n},
		{1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, n},
	}
	for _, level := range []evaluation.Level{evaluation.Nominal, evaluation.Interval} {
		a, _ := evaluation.KrippendorffAlpha(data, level, evaluation.ReliabilityOptions{Scale: 3})
		fmt.Println(level, a.Value)
	}
	// Output:
	// nominal 0.743
	// interval 0.849
}

func ExampleKendallW() {
	r, _ := evaluation.KendallW([][]float64{
		{1, 4, 2.5, 5, 6, 2.5},
		{2, 3, 1, 5, 6, 4},
		{1.5, 3, 1.5, 4, 5.5, 5.5},
	}, evaluation.ReliabilityOptions{})
	fmt.Println(r.W, r.ChiSquare, r.DF)
	fmt.Println("without the tie correction", r.WUncorrected, "ties", r.Ties)
	// Output:
	// 0.8497 12.7451 5
	// without the tie correction 0.8254 ties 18
}

func exampleSystem() evaluation.System {
	s, err := evaluation.ParseSystem([]byte(`{
	  "code": "svc", "name": "provider service",
	  "indicators": [
	    {"code": "response", "name": "responsiveness", "weight": "0.6", "direction": "benefit",
	     "scale": {"min": "1", "max": "5"}, "parties": ["government", "resident"]},
	    {"code": "complaints", "name": "complaints per month", "weight": "0.4", "direction": "cost",
	     "scale": {"min": "0", "max": "20"}, "parties": ["third_party"]}
	  ]}`))
	if err != nil {
		panic(err)
	}
	return s
}

func ExampleParseSystem() {
	s := exampleSystem()
	leaves, _ := s.Leaves()
	for _, l := range leaves {
		fmt.Println(l.Code, l.Weight, l.Direction, l.Scale.Min, l.Scale.Max, l.Parties)
	}
	// Output:
	// response 0.6 benefit 1 5 [government resident]
	// complaints 0.4 cost 0 20 [third_party]
}

func ExampleSystem_Normalize() {
	s := exampleSystem()
	s.Indicators[0].Weight, s.Indicators[1].Weight = dec("2"), dec("1")
	n, _ := s.Normalize(4)
	fmt.Println(n.Indicators[0].Weight, n.Indicators[1].Weight)
	// Output: 0.6667 0.3333
}

func ExampleNormalizeWeights() {
	w, _ := evaluation.NormalizeWeights([]decimal.Decimal{dec("1"), dec("1"), dec("1")}, 2)
	fmt.Println(w)
	// Output: [0.34 0.33 0.33]
}

func ExampleWeightedSum() {
	card, _ := evaluation.WeightedSum(exampleSystem(), map[string]decimal.Decimal{
		"response": dec("4.5"), "complaints": dec("3"),
	}, evaluation.ScoreOptions{})
	for _, in := range card.Indicators {
		fmt.Println(in.Code, in.Score, in.Weight, in.Contribution)
	}
	fmt.Println(card.Total, card.Grade)
	// Output:
	// response 87.5 0.6 52.5
	// complaints 85 0.4 34
	// 86.5 good
}

func ExampleAggregate() {
	at := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
	r := func(ind string, p grassroots.Party, v string) evaluation.Rating {
		return evaluation.Rating{Subject: "provider-1", Indicator: ind, Rater: "r", Party: p, Value: dec(v), At: at}
	}
	ratings := []evaluation.Rating{
		r("response", grassroots.Resident, "4"), r("response", grassroots.Resident, "5"),
		r("response", grassroots.Resident, "3"), r("response", grassroots.Government, "5"),
		r("complaints", grassroots.ThirdParty, "2"),
	}
	cards, err := evaluation.Aggregate(exampleSystem(), ratings, evaluation.AggregateOptions{
		PartyWeights: map[grassroots.Party]decimal.Decimal{
			grassroots.Government: dec("0.4"), grassroots.Resident: dec("0.6"), grassroots.ThirdParty: dec("1"),
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	c := cards[0]
	for _, in := range c.Indicators {
		for _, p := range in.Parties {
			fmt.Println(" ", in.Code, p.Party, "n =", p.Count, "value", p.Value, "weight", p.Weight)
		}
		fmt.Println(in.Code, "value", in.Value, "score", in.Score, "contribution", in.Contribution)
	}
	fmt.Println(c.Subject, c.Total, c.Grade)
	// Output:
	//   response government n = 1 value 5 weight 0.4
	//   response resident n = 3 value 4 weight 0.6
	// response value 4.4 score 85 contribution 51
	//   complaints third_party n = 1 value 2 weight 1
	// complaints value 2 score 90 contribution 36
	// provider-1 87 good
}

func ExampleBands_Grade() {
	b := evaluation.DefaultBands()
	for _, s := range []string{"95", "80", "79.9999", "59"} {
		fmt.Println(s, b.Grade(dec(s)))
	}
	// Output:
	// 95 excellent
	// 80 good
	// 79.9999 qualified
	// 59 unqualified
}

func ExampleScale_Normalize() {
	v, _ := evaluation.Likert(5).Normalize(dec("4"), evaluation.Benefit, 0)
	c, _ := evaluation.Percent().Normalize(dec("30"), evaluation.Cost, 0)
	fmt.Println(v, c)
	// Output: 75 70
}

func ExampleNewPairwise() {
	m, _ := evaluation.NewPairwise([][]decimal.Decimal{
		{dec("1"), dec("4")},
		{dec("0.25"), dec("1")},
	})
	fmt.Println(m)
	// Output: 1 4; 1/4 1
}

func ExampleNewRITable() {
	t, _ := evaluation.NewRITable("my_survey", []decimal.Decimal{dec("0.55"), dec("0.88")})
	ri, _ := t.RI(4)
	_, err := t.RI(5)
	fmt.Println(t.Name(), t.MaxN(), ri, err)
	// Output: my_survey 4 0.88 evaluation: random index table "my_survey" covers n = 1..4, not n = 5
}

func ExampleParseRITable() {
	m, _ := evaluation.ParsePairwise("1 1/3 1/5; 3 1 1/4; 5 4 1")
	for _, name := range []string{"saaty_1980", "saaty_2005", "donegan_dodd_1991", "chinese_textbook"} {
		t, _ := evaluation.ParseRITable(name)
		r, _ := evaluation.AHP(m, evaluation.AHPOptions{RI: t})
		fmt.Println(name, t.MaxN(), r.RI, r.CR)
	}
	_, err := evaluation.ParseRITable("saaty_1977")
	fmt.Println(err)
	// Output:
	// saaty_1980 10 0.58 0.0739
	// saaty_2005 15 0.52 0.0825
	// donegan_dodd_1991 20 0.4914 0.0873
	// chinese_textbook 15 0.52 0.0825
	// evaluation: unknown RITable "saaty_1977"; valid names: saaty_1980, saaty_2005, donegan_dodd_1991, chinese_textbook
}

func ExampleDoneganDoddRI() {
	t := evaluation.DoneganDoddRI()
	ri, _ := t.RI(12)
	_, err := t.RI(21)
	fmt.Println(t.Name(), ri)
	fmt.Println(err)
	// Output:
	// donegan_dodd_1991 1.4497
	// evaluation: random index table "donegan_dodd_1991" covers n = 1..20, not n = 21
}

func ExampleSaaty2005RI() {
	ri, _ := evaluation.Saaty2005RI().RI(15)
	fmt.Println(ri)
	// Output: 1.59
}

func ExampleRITables() {
	for _, t := range evaluation.RITables() {
		fmt.Println(t.Name(), t.MaxN())
	}
	// Output:
	// saaty_1980 10
	// saaty_2005 15
	// donegan_dodd_1991 20
	// chinese_textbook 15
}

func ExampleSystem_WithWeights() {
	m, _ := evaluation.ParsePairwise("1 3; 1/3 1")
	r, _ := evaluation.AHP(m, evaluation.AHPOptions{})
	s := exampleSystem()
	// The AHP compared the two top-level indicators in this order.
	codes := []string{"response", "complaints"}
	w := map[string]decimal.Decimal{}
	for i, c := range codes {
		w[c] = r.WeightsExact[i]
	}
	s, err := s.WithWeights("", w, 4)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, in := range s.Indicators {
		fmt.Println(in.Code, in.Weight)
	}
	// Output:
	// response 0.75
	// complaints 0.25
}

func ExampleSystem_WithSynthesis() {
	top, _ := evaluation.ParsePairwise("1 2; 1/2 1")
	syn, _ := evaluation.Synthesize(evaluation.Node{Code: "svc", Matrix: top, Children: []evaluation.Node{
		{Code: "complaints"}, {Code: "response"},
	}}, evaluation.AHPOptions{})
	s, err := exampleSystem().WithSynthesis(syn, 4)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, in := range s.Indicators {
		fmt.Println(in.Code, in.Weight)
	}
	// Output:
	// response 0.3333
	// complaints 0.6667
}
