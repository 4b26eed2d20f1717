package evaluation

import (
	"fmt"
	"math"

	"github.com/shopspring/decimal"
)

// SatisfactionOptions configures the satisfaction indices.
type SatisfactionOptions struct {
	// Scale is the number of decimal places of the results; zero means
	// DefaultScale.
	Scale int32
}

// Share is a proportion of respondents in percent.
type Share struct {
	Count int `json:"count"`
	Total int `json:"total"`
	// Percent is 100·Count/Total rounded to Scale places half away from
	// zero.
	Percent decimal.Decimal `json:"percent"`
	// MarginOfError is the 95 % margin of error in percentage points,
	// 196·√(p(1 − p)/Total) with p = Count/Total (normal approximation),
	// computed in float64 and rounded to the scale.
	MarginOfError decimal.Decimal `json:"margin_of_error"`
	// MarginOfErrorExact is the same float64 value unrounded (see
	// AHPResult); Percent's exact value is Count/Total.
	MarginOfErrorExact decimal.Decimal `json:"margin_of_error_exact"`
	Precision
}

// CSAT returns the customer-satisfaction score: the share of ratings in the
// top two boxes (points − 1 and points) of a 1..points scale. Every rating
// must lie on the scale; points must be at least 3.
func CSAT(ratings []int, points int, opts SatisfactionOptions) (Share, error) {
	scale, err := resolveScale(opts.Scale)
	if err != nil {
		return Share{}, err
	}
	if points < 3 {
		return Share{}, fmt.Errorf("%w: a %d-point scale has no top two boxes below its bottom", ErrOption, points)
	}
	if len(ratings) == 0 {
		return Share{}, fmt.Errorf("%w: no ratings", ErrDegenerate)
	}
	top := 0
	for i, r := range ratings {
		if r < 1 || r > points {
			return Share{}, fmt.Errorf("%w: rating %d = %d outside 1..%d", ErrValue, i, r, points)
		}
		if r >= points-1 {
			top++
		}
	}
	return newShare(top, len(ratings), scale), nil
}

func newShare(count, total int, scale int32) Share {
	n := float64(total)
	moe := 196 * math.Sqrt(float64(count)*float64(total-count)/float64(float64(n*n)*n))
	return Share{
		Count: count, Total: total,
		Percent:            percent(int64(count), int64(total), scale),
		MarginOfError:      toDecimal(moe, scale),
		MarginOfErrorExact: exactDecimal(moe),
		Precision:          precision(scale),
	}
}

// percent returns 100·a/b rounded to scale places half away from zero.
func percent(a, b int64, scale int32) decimal.Decimal {
	return decimal.NewFromInt(a).Mul(hundred).DivRound(decimal.NewFromInt(b), scale)
}

// NPSResult is a Net Promoter Score with its counts.
type NPSResult struct {
	Promoters  int `json:"promoters"`
	Passives   int `json:"passives"`
	Detractors int `json:"detractors"`
	// Score is 100·(Promoters − Detractors)/total, in −100..100, rounded
	// to Scale places half away from zero.
	Score decimal.Decimal `json:"score"`
	Precision
}

// NPS returns the Net Promoter Score of answers on the 0–10 "how likely
// are you to recommend" scale: promoters answer 9 or 10, detractors 0 to
// 6, passives 7 or 8. An answer off the scale is an error.
func NPS(scores []int, opts SatisfactionOptions) (NPSResult, error) {
	scale, err := resolveScale(opts.Scale)
	if err != nil {
		return NPSResult{}, err
	}
	if len(scores) == 0 {
		return NPSResult{}, fmt.Errorf("%w: no answers", ErrDegenerate)
	}
	var r NPSResult
	for i, s := range scores {
		switch {
		case s < 0 || s > 10:
			return NPSResult{}, fmt.Errorf("%w: answer %d = %d outside 0..10", ErrValue, i, s)
		case s >= 9:
			r.Promoters++
		case s >= 7:
			r.Passives++
		default:
			r.Detractors++
		}
	}
	r.Score = percent(int64(r.Promoters-r.Detractors), int64(len(scores)), scale)
	r.Precision = precision(scale)
	return r, nil
}

// ServiceTally counts the answers of the five-grade government-service
// rating (好差评): very satisfied, satisfied, basically satisfied,
// dissatisfied, very dissatisfied. Rectified counts the negative ratings
// (dissatisfied and very dissatisfied) whose cause has been rectified.
type ServiceTally struct {
	VerySatisfied      int `json:"very_satisfied"`
	Satisfied          int `json:"satisfied"`
	BasicallySatisfied int `json:"basically_satisfied"`
	Dissatisfied       int `json:"dissatisfied"`
	VeryDissatisfied   int `json:"very_dissatisfied"`
	Rectified          int `json:"rectified"`
}

// ServiceRatingResult summarises a ServiceTally.
type ServiceRatingResult struct {
	Total    int `json:"total"`
	Negative int `json:"negative"`
	// SatisfactionRate is the share of the first three grades in percent.
	SatisfactionRate decimal.Decimal `json:"satisfaction_rate"`
	// RectificationRate is Rectified over Negative in percent; nil when
	// there is no negative rating.
	RectificationRate *decimal.Decimal `json:"rectification_rate,omitempty"`
	Precision
}

// ServiceRating computes the satisfaction rate (very satisfied, satisfied
// and basically satisfied over all ratings) and the rectification rate of
// negative ratings, both in percent rounded to the scale half away from
// zero. Counts must be non-negative, with at least one rating and no more
// rectified than negative ratings.
func ServiceRating(t ServiceTally, opts SatisfactionOptions) (ServiceRatingResult, error) {
	scale, err := resolveScale(opts.Scale)
	if err != nil {
		return ServiceRatingResult{}, err
	}
	counts := []int{t.VerySatisfied, t.Satisfied, t.BasicallySatisfied, t.Dissatisfied, t.VeryDissatisfied, t.Rectified}
	total := 0
	for i, c := range counts {
		if c < 0 || c > math.MaxInt32 {
			return ServiceRatingResult{}, fmt.Errorf("%w: count %d = %d outside 0..%d", ErrValue, i, c, math.MaxInt32)
		}
		if i < 5 {
			total += c
		}
	}
	if total == 0 {
		return ServiceRatingResult{}, fmt.Errorf("%w: no ratings", ErrDegenerate)
	}
	negative := t.Dissatisfied + t.VeryDissatisfied
	if t.Rectified > negative {
		return ServiceRatingResult{}, fmt.Errorf("%w: %d rectified of %d negative ratings", ErrValue, t.Rectified, negative)
	}
	res := ServiceRatingResult{
		Total: total, Negative: negative,
		SatisfactionRate: percent(int64(total-negative), int64(total), scale),
		Precision:        precision(scale),
	}
	if negative > 0 {
		r := percent(int64(t.Rectified), int64(negative), scale)
		res.RectificationRate = &r
	}
	return res, nil
}

// LikertIndex returns a 0–100 satisfaction index from Likert ratings on
// 1..points: 100·(mean − 1)/(points − 1), computed exactly from the sum and
// rounded to the scale half away from zero. points must be at least 2 and
// every rating on the scale.
func LikertIndex(ratings []int, points int, opts SatisfactionOptions) (decimal.Decimal, error) {
	scale, err := resolveScale(opts.Scale)
	if err != nil {
		return decimal.Decimal{}, err
	}
	if points < 2 {
		return decimal.Decimal{}, fmt.Errorf("%w: a %d-point scale", ErrOption, points)
	}
	if len(ratings) == 0 {
		return decimal.Decimal{}, fmt.Errorf("%w: no ratings", ErrDegenerate)
	}
	var sum int64
	for i, r := range ratings {
		if r < 1 || r > points {
			return decimal.Decimal{}, fmt.Errorf("%w: rating %d = %d outside 1..%d", ErrValue, i, r, points)
		}
		sum += int64(r - 1)
	}
	den := decimal.NewFromInt(int64(len(ratings))).Mul(decimal.NewFromInt(int64(points - 1)))
	return decimal.NewFromInt(sum).Mul(hundred).DivRound(den, scale), nil
}
