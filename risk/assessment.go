package risk

import (
	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots"
)

// Assessment is the result of rating a risk: where it stands now (Current)
// and where it stands once the existing controls are counted (Residual).
// Build it with Matrix.Assess or Scale.Assess, which look the levels up;
// Validate only checks what can be checked without the matrix.
type Assessment struct {
	// Method names the matrix or scale used.
	Method string `json:"method"`
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
	Likelihood int             `json:"likelihood,omitempty"`
	Impact     int             `json:"impact,omitempty"`
	Score      decimal.Decimal `json:"score,omitzero"`
	Level      Level           `json:"level"`
}

// Validate reports every problem: no method, invalid levels, negative
// ratings or scores, a percentage outside 0–100, and any residual value
// above its current counterpart (rule "residual_not_above_current").
func (a Assessment) Validate() error {
	var p []grassroots.FieldError
	add := func(path, rule, msg string) {
		p = append(p, grassroots.FieldError{Path: path, Rule: rule, Message: msg})
	}
	if a.Method == "" {
		add("method", "required", "method is required")
	}
	for _, r := range []struct {
		path string
		r    Rating
	}{{"current", a.Current}, {"residual", a.Residual}} {
		if !r.r.Level.IsValid() {
			add(r.path+".level", grassroots.RuleEnum, levelNames.Problem(r.r.Level))
		}
		if r.r.Likelihood < 0 || r.r.Impact < 0 || r.r.Score.IsNegative() {
			add(r.path, "gte", "ratings and scores must not be negative")
		}
	}
	if a.RemovedByControlsPercent.IsNegative() || a.RemovedByControlsPercent.GreaterThan(decimal.NewFromInt(100)) {
		add("removed_by_controls_percent", "range", "must be 0 to 100")
	}
	const rule, msg = "residual_not_above_current", "residual must not exceed current"
	if a.Residual.Level > a.Current.Level {
		add("residual.level", rule, msg)
	}
	if a.Residual.Likelihood > a.Current.Likelihood {
		add("residual.likelihood", rule, msg)
	}
	if a.Residual.Impact > a.Current.Impact {
		add("residual.impact", rule, msg)
	}
	if a.Residual.Score.GreaterThan(a.Current.Score) {
		add("residual.score", rule, msg)
	}
	return grassroots.NewValidationError(p...)
}
