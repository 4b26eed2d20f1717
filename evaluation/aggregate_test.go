package evaluation

import (
	"encoding/json"
	"flag"
	"math/rand/v2"
	"testing"

	"github.com/grassrootsgov/grassroots"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var seedFlag = flag.Uint64("evaluation.seed", 0, "seed for randomised tests (0: a fixed default)")

func testSeed(t *testing.T) uint64 {
	seed := *seedFlag
	if seed == 0 {
		seed = 20261127
	}
	t.Logf("seed %d (rerun with -evaluation.seed=%d)", seed, seed)
	return seed
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}

func TestAggregateMatchesNaiveReference(t *testing.T) {
	seed := testSeed(t)
	s := benchSystem(3, 4)
	ratings := benchRatings(s, 40, 6, seed)
	// Drop some ratings so that parties and indicators go missing.
	rng := rand.New(rand.NewPCG(seed, 7))
	kept := ratings[:0:0]
	for _, r := range ratings {
		if rng.IntN(10) > 0 {
			kept = append(kept, r)
		}
	}
	got, err := Aggregate(s, kept, AggregateOptions{})
	require.NoError(t, err)
	want, err := naiveAggregate(s, kept, DefaultScale)
	require.NoError(t, err)
	assert.JSONEq(t, mustJSON(t, want), mustJSON(t, got), "fast and naive aggregation of %d ratings", len(kept))
}

func TestAggregateIsIndependentOfRatingOrder(t *testing.T) {
	seed := testSeed(t)
	s := benchSystem(2, 3)
	ratings := benchRatings(s, 15, 5, seed)
	for _, central := range []Central{Mean, TrimmedMean, Median} {
		opts := AggregateOptions{Central: central, MinSamples: map[grassroots.Party]int{grassroots.Resident: 4}}
		first, err := Aggregate(s, ratings, opts)
		require.NoError(t, err, "central %v", central)
		rng := rand.New(rand.NewPCG(seed, uint64(central)))
		for range 3 {
			shuffled := append([]Rating(nil), ratings...)
			rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
			again, err := Aggregate(s, shuffled, opts)
			require.NoError(t, err)
			assert.Equal(t, mustJSON(t, first), mustJSON(t, again), "central %v after shuffling", central)
		}
	}
}

func TestAggregateRejectsUnusableRatings(t *testing.T) {
	s := benchSystem(1, 2)
	good := Rating{Subject: "p", Indicator: "G1.1", Party: grassroots.Resident, Value: decimal.NewFromInt(3)}
	tests := []struct {
		name   string
		change func(r *Rating)
		want   error
	}{
		{"unknown indicator", func(r *Rating) { r.Indicator = "X" }, ErrUnknownIndicator},
		{"group indicator", func(r *Rating) { r.Indicator = "G1" }, ErrUnknownIndicator},
		{"party not entitled", func(r *Rating) { r.Party = grassroots.Provider }, ErrValue},
		{"invalid party", func(r *Rating) { r.Party = 0 }, ErrValue},
		{"value above the scale", func(r *Rating) { r.Value = decimal.NewFromInt(6) }, ErrValue},
		{"value below the scale", func(r *Rating) { r.Value = decimal.RequireFromString("0.99") }, ErrValue},
		{"empty subject", func(r *Rating) { r.Subject = "" }, ErrValue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bad := good
			tt.change(&bad)
			_, err := Aggregate(s, []Rating{good, bad}, AggregateOptions{})
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.want)
			var re *RatingError
			require.ErrorAs(t, err, &re)
			assert.Equal(t, 1, re.Index, "the second rating is the bad one")
		})
	}
}
