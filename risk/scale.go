package risk

import (
	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/exact"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// Scale bins a semi-quantitative score from 0 to Max into levels. Each bin
// starts at Min and runs up to, but not including, the next bin's Min, so a
// score that falls between the integer ranges printed in a standard (20.5
// between "5–20" and "21–79") belongs to the lower bin.
type Scale struct {
	// Name identifies the scale in assessments.
	Name string `json:"name" validate:"required"`
	// Max is the top of the scale; scores above it are rejected.
	Max decimal.Decimal `json:"max"`
	// Bins ascend by Min; the first Min is 0.
	Bins []Bin `json:"bins" validate:"min=1"`
}

// Bin is the lower bound of one level on a Scale.
type Bin struct {
	Min   decimal.Decimal `json:"min"`
	Level Level           `json:"level"`
}

// Validate reports every problem with s: no name, non-positive Max, no
// bins, a first bin not at 0, bins that do not ascend or exceed Max,
// invalid levels, and a Max or Min written with an exponent beyond
// ±10,000, which no JSON carries (grassroots.RuleMax, or RuleFormat for
// a negative exponent; such a number is compared with nothing). The
// error is a *MatrixError; it matches ErrInvalidMatrix and
// grassroots.ErrInvalid.
func (s Scale) Validate() error {
	var p validate.Problems
	p.Tags("", &s)
	maxTame := p.Tame("max", s.Max)
	if maxTame && !s.Max.IsPositive() {
		p.Addf("max", grassroots.RuleMin, "max must be positive, not %s", s.Max)
	}
	for i, b := range s.Bins {
		path := grassroots.ElementPath("bins", i)
		if !b.Level.IsValid() {
			p.Add(path+".level", grassroots.RuleEnum, levelNames.Problem(b.Level))
		}
		if !p.Tame(path+".min", b.Min) {
			continue
		}
		if i == 0 && !b.Min.IsZero() {
			p.Addf(path+".min", grassroots.RuleOrder, "the first bin must start at 0, not %s", b.Min)
		}
		if i > 0 {
			if prev := s.Bins[i-1].Min; exact.Tame(prev) && b.Min.LessThanOrEqual(prev) {
				p.Addf(path+".min", grassroots.RuleOrder, "bins must ascend: %s does not follow %s", b.Min, prev)
			}
		}
		if maxTame && b.Min.GreaterThan(s.Max) {
			p.Addf(path+".min", grassroots.RuleMax, "the bin starts at %s, above max %s", b.Min, s.Max)
		}
	}
	return matrixError(s.Name, p.Err())
}

func (s Scale) checkScore(what string, score decimal.Decimal) error {
	if score.IsNegative() || score.GreaterThan(s.Max) {
		return &RangeError{What: what, Value: score.String(), Min: "0", Max: s.Max.String()}
	}
	return nil
}

// Level returns the level of a score in [0, Max]. A score written with an
// exponent beyond ±10,000 is a *grassroots.ValidationError at "score"
// (see Scale.Validate).
func (s Scale) Level(score decimal.Decimal) (Level, error) {
	if err := s.Validate(); err != nil {
		return 0, err
	}
	if err := validate.CheckTame("score", score); err != nil {
		return 0, err
	}
	return s.level(score)
}

// level is Level of a valid scale.
func (s Scale) level(score decimal.Decimal) (Level, error) {
	if err := s.checkScore("score", score); err != nil {
		return 0, err
	}
	level := s.Bins[0].Level
	for _, b := range s.Bins {
		if b.Min.GreaterThan(score) {
			break
		}
		level = b.Level
	}
	return level, nil
}

// Assess rates a score on s before and after controls. The residual score
// is score × (100 − removedByControlsPercent) / 100, exact (no rounding):
// removedByControlsPercent is the share of the current risk that controls
// take away, from 0 (controls change nothing, residual = current) to 100
// (nothing remains). It is never the share that remains. Either number
// written with an exponent beyond ±10,000 is a *grassroots.ValidationError
// at "score" or "removed_by_controls_percent" (see Scale.Validate).
func (s Scale) Assess(score, removedByControlsPercent decimal.Decimal) (Assessment, error) {
	cur, err := s.Level(score)
	if err != nil {
		return Assessment{}, err
	}
	if err := validate.CheckTame("removed_by_controls_percent", removedByControlsPercent); err != nil {
		return Assessment{}, err
	}
	hundred := decimal.NewFromInt(100)
	if removedByControlsPercent.IsNegative() || removedByControlsPercent.GreaterThan(hundred) {
		return Assessment{}, &RangeError{What: "removed_by_controls_percent", Value: removedByControlsPercent.String(), Min: "0", Max: "100"}
	}
	residual := score.Mul(hundred.Sub(removedByControlsPercent)).Shift(-2)
	res, err := s.level(residual)
	if err != nil {
		return Assessment{}, err
	}
	a := Assessment{
		Method:                   s.Name,
		Current:                  Rating{Score: score, Level: cur},
		Residual:                 Rating{Score: residual, Level: res},
		RemovedByControlsPercent: removedByControlsPercent,
	}
	if err := a.Validate(); err != nil {
		return Assessment{}, err
	}
	return a, nil
}

// NIST80030Scale returns the semi-quantitative risk scale of NIST SP 800-30
// Rev. 1, Appendix I, Table I-3: very low 0–4, low 5–20, moderate 21–79,
// high 80–95, very high 96–100.
//
// Source: NIST SP 800-30 Rev. 1, https://doi.org/10.6028/NIST.SP.800-30r1.
func NIST80030Scale() Scale {
	return Scale{
		Name: "nist_sp_800_30_r1_semi_quantitative",
		Max:  decimal.NewFromInt(100),
		Bins: []Bin{
			{Min: decimal.NewFromInt(0), Level: VeryLow},
			{Min: decimal.NewFromInt(5), Level: Low},
			{Min: decimal.NewFromInt(21), Level: Moderate},
			{Min: decimal.NewFromInt(80), Level: High},
			{Min: decimal.NewFromInt(96), Level: VeryHigh},
		},
	}
}
