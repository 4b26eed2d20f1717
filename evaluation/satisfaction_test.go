package evaluation

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCSATCountsTopTwoBoxes(t *testing.T) {
	s, err := CSAT([]int{5, 4, 3, 2, 1, 5, 4, 4}, 5, SatisfactionOptions{})
	require.NoError(t, err)
	assert.Equal(t, 5, s.Count)
	assert.Equal(t, 8, s.Total)
	assertDecimal(t, "62.5", s.Percent, "5 of 8")
	// 196·√(5·3/8³) = 196·√(0.029296875) = 33.54798…
	assertDecimal(t, "33.5480", s.MarginOfError, "margin")
	_, err = CSAT([]int{6}, 5, SatisfactionOptions{})
	assert.ErrorIs(t, err, ErrValue)
	_, err = CSAT(nil, 5, SatisfactionOptions{})
	assert.ErrorIs(t, err, ErrDegenerate)
	_, err = CSAT([]int{1}, 2, SatisfactionOptions{})
	assert.ErrorIs(t, err, ErrOption)
}

func TestNPSRangesFromMinusToPlusHundred(t *testing.T) {
	tests := []struct {
		name   string
		scores []int
		want   string
	}{
		{"all promoters", []int{9, 10, 10}, "100"},
		{"all detractors", []int{0, 3, 6}, "-100"},
		{"all passives", []int{7, 8}, "0"},
		{"mixed", []int{10, 9, 8, 7, 6, 0}, "0"},
		{"one third", []int{10, 10, 9, 6, 8, 8}, "33.3333"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := NPS(tt.scores, SatisfactionOptions{})
			require.NoError(t, err)
			assert.True(t, r.Score.Equal(d(tt.want)), "NPS %s, want %s", r.Score, tt.want)
			assert.Equal(t, len(tt.scores), r.Promoters+r.Passives+r.Detractors)
		})
	}
	_, err := NPS([]int{11}, SatisfactionOptions{})
	assert.ErrorIs(t, err, ErrValue)
	_, err = NPS(nil, SatisfactionOptions{})
	assert.ErrorIs(t, err, ErrDegenerate)
}

func TestServiceRatingSatisfactionAndRectification(t *testing.T) {
	r, err := ServiceRating(ServiceTally{VerySatisfied: 60, Satisfied: 25, BasicallySatisfied: 10, Dissatisfied: 3, VeryDissatisfied: 2, Rectified: 4}, SatisfactionOptions{})
	require.NoError(t, err)
	assert.Equal(t, 100, r.Total)
	assert.Equal(t, 5, r.Negative)
	assertDecimal(t, "95", r.SatisfactionRate, "top three grades")
	require.NotNil(t, r.RectificationRate)
	assertDecimal(t, "80", *r.RectificationRate, "4 of 5 negatives rectified")

	none, err := ServiceRating(ServiceTally{Satisfied: 3}, SatisfactionOptions{})
	require.NoError(t, err)
	assert.Nil(t, none.RectificationRate, "no negative rating, no rate")

	_, err = ServiceRating(ServiceTally{Dissatisfied: 1, Rectified: 2}, SatisfactionOptions{})
	assert.ErrorIs(t, err, ErrValue)
	_, err = ServiceRating(ServiceTally{Satisfied: -1}, SatisfactionOptions{})
	assert.ErrorIs(t, err, ErrValue)
	_, err = ServiceRating(ServiceTally{}, SatisfactionOptions{})
	assert.ErrorIs(t, err, ErrDegenerate)
}

func TestLikertIndexMapsMeansOntoZeroToHundred(t *testing.T) {
	tests := []struct {
		ratings []int
		points  int
		want    string
	}{
		{[]int{1, 1}, 5, "0"},
		{[]int{5, 5}, 5, "100"},
		{[]int{3}, 5, "50"},
		{[]int{4, 5, 3}, 5, "75"},
		{[]int{2, 3, 3}, 7, "27.7778"}, // mean 8/3 → (5/3)/6·100
	}
	for _, tt := range tests {
		got, err := LikertIndex(tt.ratings, tt.points, SatisfactionOptions{})
		require.NoError(t, err)
		assert.True(t, got.Equal(d(tt.want)), "%v on 1..%d: %s, want %s", tt.ratings, tt.points, got, tt.want)
	}
	_, err := LikertIndex([]int{0}, 5, SatisfactionOptions{})
	assert.ErrorIs(t, err, ErrValue)
	_, err = LikertIndex([]int{1}, 1, SatisfactionOptions{})
	assert.ErrorIs(t, err, ErrOption)
}
