package risk

import (
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots/evaluation"
)

// AssessIndicators is the quantitative assessment: it scores indicator
// values against an evaluation indicator system with evaluation.WeightedSum
// (each value normalised onto 0–100 by its leaf's scale and direction,
// weighted by the leaf's global weight, rounded as opts says) and rates the
// total on scale, before and after controls (see Scale.Assess).
//
// The system measures risk: set each leaf's direction so that 100 is the
// most risky end (a cost indicator such as "share of records encrypted"
// counts against risk). The scorecard is returned with the assessment so
// the score explains itself.
func AssessIndicators(system evaluation.System, values map[string]decimal.Decimal, scale Scale, removedByControlsPercent decimal.Decimal, opts evaluation.ScoreOptions) (Assessment, evaluation.Scorecard, error) {
	card, err := evaluation.WeightedSum(system, values, opts)
	if err != nil {
		return Assessment{}, evaluation.Scorecard{}, fmt.Errorf("%w (scoring the indicators of system %q)", err, system.Code)
	}
	a, err := scale.Assess(card.Total, removedByControlsPercent)
	if err != nil {
		return Assessment{}, evaluation.Scorecard{}, err
	}
	a.Method = system.Code + "@" + scale.Name
	return a, card, nil
}
