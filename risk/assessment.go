package risk

import (
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/exact"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// Assessment is the result of rating a risk: where it stands now (Current)
// and where it stands once the existing controls are counted (Residual).
// Build it with Matrix.Assess or Scale.Assess, which look the levels up;
// Validate only checks what can be checked without the matrix.
type Assessment struct {
	// Method names the matrix or scale used.
	Method string `json:"method" validate:"required"`
	// Current is the rating before controls.
	Current Rating `json:"current"`
	// Residual is the rating after controls; never above Current.
	Residual Rating `json:"residual"`
	// RemovedByControlsPercent is the share of the current score that
	// controls take away (0–100) on a score-based assessment: 30 means the
	// residual score is 70 % of the current one. Zero for matrix ratings.
	RemovedByControlsPercent decimal.Decimal `json:"removed_by_controls_percent,omitzero"`
}

// Rating is one position of a risk: ratings on a matrix (Likelihood and
// Impact from 1) or a score on a scale, and the level it gives.
type Rating struct {
	Likelihood int             `json:"likelihood,omitempty" validate:"min=0"`
	Impact     int             `json:"impact,omitempty" validate:"min=0"`
	Score      decimal.Decimal `json:"score,omitzero"`
	Level      Level           `json:"level"`
}

// Validate reports every problem: no method, invalid levels, negative
// ratings or scores, a percentage outside 0–100, any residual value
// above its current counterpart (rule grassroots.RuleMax, the current
// value being the bound), and a score or percentage written with an
// exponent beyond ±10,000, which no JSON carries (RuleMax, or RuleFormat
// for a negative exponent; such a number is compared with nothing).
func (a Assessment) Validate() error {
	var p validate.Problems
	p.Tags("", &a)
	for _, r := range []struct {
		path string
		r    Rating
	}{{"current", a.Current}, {"residual", a.Residual}} {
		if !r.r.Level.IsValid() {
			p.Add(r.path+".level", grassroots.RuleEnum, levelNames.Problem(r.r.Level))
		}
		if p.Tame(r.path+".score", r.r.Score) && r.r.Score.IsNegative() {
			p.Add(r.path+".score", grassroots.RuleMin, "score must not be negative")
		}
	}
	switch pct := a.RemovedByControlsPercent; {
	case !p.Tame("removed_by_controls_percent", pct):
	case pct.IsNegative():
		p.Add("removed_by_controls_percent", grassroots.RuleMin, "removed_by_controls_percent must be 0 to 100")
	case pct.GreaterThan(decimal.NewFromInt(100)):
		p.Add("removed_by_controls_percent", grassroots.RuleMax, "removed_by_controls_percent must be 0 to 100")
	}
	above := func(path string, residual, current string) {
		p.Addf(path, grassroots.RuleMax, "residual must not exceed current: %s is above %s", residual, current)
	}
	if a.Residual.Level > a.Current.Level {
		above("residual.level", a.Residual.Level.String(), a.Current.Level.String())
	}
	if a.Residual.Likelihood > a.Current.Likelihood {
		above("residual.likelihood", strconv.Itoa(a.Residual.Likelihood), strconv.Itoa(a.Current.Likelihood))
	}
	if a.Residual.Impact > a.Current.Impact {
		above("residual.impact", strconv.Itoa(a.Residual.Impact), strconv.Itoa(a.Current.Impact))
	}
	if exact.Tame(a.Residual.Score) && exact.Tame(a.Current.Score) && a.Residual.Score.GreaterThan(a.Current.Score) {
		above("residual.score", a.Residual.Score.String(), a.Current.Score.String())
	}
	return p.Err()
}
