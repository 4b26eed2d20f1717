package risk

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Same-instant observations are decided by one rule, whatever the input
// order: the latest value of an instant is its largest, a change starts
// from the smallest value of its first instant.
func TestDetectSameInstantRule(t *testing.T) {
	at := t0.Add(time.Hour)
	threshold := Rule{ID: "share", Version: 1, Category: CategoryServiceFailure, Subjects: Selector{Kind: SubjectGrid},
		Indicator: IndicatorOverdueShare, Condition: Condition{Kind: ConditionThreshold, Compare: Above, Threshold: dec("0.2")}}
	change := threshold
	change.ID, change.Condition = "rise", Condition{Kind: ConditionChange, Compare: AtLeast, Threshold: dec("0.5"), WindowSeconds: 7200}
	observations := []Observation{
		obs(IndicatorOverdueShare, SubjectGrid, "g1", "", at, "0.30"),
		obs(IndicatorOverdueShare, SubjectGrid, "g1", "", at, "0.1"),
		obs(IndicatorOverdueShare, SubjectGrid, "g1", "", t0, "0.4"),
		obs(IndicatorOverdueShare, SubjectGrid, "g1", "", t0, "-0.2"),
		obs(IndicatorOverdueShare, SubjectGrid, "g1", "", at, "0.3"),
	}
	for _, order := range [][]int{{0, 1, 2, 3, 4}, {4, 3, 2, 1, 0}, {1, 4, 3, 0, 2}} {
		in := make([]Observation, len(order))
		for i, j := range order {
			in[i] = observations[j]
		}
		hits, err := Detect([]Rule{threshold, change}, in, nil, at)
		require.NoError(t, err)
		require.Len(t, hits, 2, "order %v", order)
		rise, share := hits[0].Evidence, hits[1].Evidence
		assert.True(t, share.Value.Equal(dec("0.3")), "order %v: the largest value of the latest instant: %s", order, share.Value)
		assert.Equal(t, int32(-2), share.Value.Exponent(), "order %v: of 0.3 and 0.30, the one with more decimal places", order)
		assert.True(t, rise.Value.Equal(dec("0.5")), "order %v: 0.30 − (−0.2): %s", order, rise.Value)
		assert.Equal(t, 5, rise.Observations)
	}
}

// Shuffling the observations, with many taken at the same instant, gives
// identical hits.
func TestPropertyDetectIndependentOfInputOrder(t *testing.T) {
	seed := *seedFlag
	t.Logf("seed %d (set with -risk.seed)", seed)
	rng := rand.New(rand.NewPCG(seed, 2))
	utc, east := time.UTC, time.FixedZone("CST", 8*3600)
	rules := []Rule{
		OverdueShareRule(dec("0.5")),
		{ID: "low", Version: 1, Category: CategoryServiceFailure, Subjects: Selector{Kind: SubjectGrid}, Indicator: IndicatorOverdueShare,
			Condition: Condition{Kind: ConditionThreshold, Compare: AtMost, Threshold: dec("0.2"), WindowSeconds: 3600}},
		{ID: "jump", Version: 1, Category: CategoryServiceFailure, Subjects: Selector{Kind: SubjectGrid}, Indicator: IndicatorOverdueShare,
			Condition: Condition{Kind: ConditionChange, Compare: Above, Threshold: dec("0.1"), WindowSeconds: 4 * 3600}},
		{ID: "busy", Version: 1, Category: CategoryServiceFailure, Subjects: Selector{Kind: SubjectGrid}, Indicator: IndicatorOverdueShare,
			Condition: Condition{Kind: ConditionCount, Compare: AtLeast, Threshold: dec("6"), WindowSeconds: 2 * 3600}},
	}
	at := t0.Add(5 * time.Hour)
	for run := range 50 {
		var observations []Observation
		for range 20 + rng.IntN(200) {
			when := t0.Add(time.Duration(rng.IntN(6)) * time.Hour) // few instants: many ties
			if rng.IntN(2) == 0 {
				when = when.In(utc)
			} else {
				when = when.In(east)
			}
			value := dec([]string{"0.1", "0.10", "0.2", "0.5", "0.50", "0.7", "0.9", "-0.3"}[rng.IntN(8)])
			observations = append(observations, obs(IndicatorOverdueShare, SubjectGrid, []string{"g1", "g2", "g3"}[rng.IntN(3)], "", when, value.String()))
		}
		want, err := Detect(rules, observations, nil, at)
		require.NoError(t, err)
		for range 5 {
			shuffled := append([]Observation(nil), observations...)
			rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
			got, err := Detect(rules, shuffled, nil, at)
			require.NoError(t, err)
			assert.Equal(t, jsonOf(t, want), jsonOf(t, got), "run %d: the hits do not depend on the input order", run)
			assert.Equal(t, want, got, "run %d", run)
		}
	}
}
