package risk

import (
	"errors"
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// Matrix turns a likelihood rating and an impact rating into a Level. Real
// tools disagree on how, so the method is data:
//
//   - a lookup matrix sets Cells: Cells[l-1][i-1] is the level for
//     likelihood l and impact i, which need not be symmetric
//     (NIST80030 is not);
//   - a product matrix sets Bands: the score l × i falls in the band with
//     the largest Min not above it.
//
// Ratings run from 1 (lowest) to Likelihoods or Impacts; anything else is a
// *RangeError. A Matrix is a plain value, safe to share once built; treat
// its slices as read-only.
type Matrix struct {
	// Name identifies the matrix in assessments ("nist_sp_800_30_r1").
	Name string `json:"name" validate:"required"`
	// Likelihoods is the number of likelihood ratings (rows), 1 to 100.
	Likelihoods int `json:"likelihoods" validate:"min=1,max=100"`
	// Impacts is the number of impact ratings (columns), 1 to 100.
	Impacts int `json:"impacts" validate:"min=1,max=100"`
	// Cells holds the levels of a lookup matrix, one row per likelihood
	// from the lowest.
	Cells [][]Level `json:"cells,omitempty"`
	// Bands holds the bands of a product matrix in ascending Min; the
	// first Min is 1.
	Bands []Band `json:"bands,omitempty"`
}

// Band is one band of a product matrix: scores from Min up to the next
// band's Min − 1 get Level.
type Band struct {
	Min   int   `json:"min"`
	Level Level `json:"level"`
}

// Validate reports every problem with m: no name, sizes outside 1 to 100,
// neither or both of Cells and Bands, a ragged grid, invalid levels, bands
// that do not start at 1 or do not ascend. The error is a *MatrixError; it
// matches ErrInvalidMatrix and grassroots.ErrInvalid.
func (m Matrix) Validate() error {
	var p validate.Problems
	p.Tags("", &m)
	switch {
	case len(m.Cells) > 0 && len(m.Bands) > 0:
		p.Add("bands", grassroots.RuleExcluded, "a matrix has cells or bands, not both")
	case len(m.Cells) > 0:
		if len(m.Cells) != m.Likelihoods {
			p.Addf("cells", grassroots.RuleMismatch, "cells has %d rows; it needs one per likelihood rating, %d", len(m.Cells), m.Likelihoods)
		}
		for r, row := range m.Cells {
			if len(row) != m.Impacts {
				p.Addf(grassroots.ElementPath("cells", r), grassroots.RuleMismatch, "the row has %d cells; it needs one per impact rating, %d", len(row), m.Impacts)
			}
			for c, l := range row {
				if !l.IsValid() {
					p.Add(grassroots.ElementPath(grassroots.ElementPath("cells", r), c), grassroots.RuleEnum, levelNames.Problem(l))
				}
			}
		}
	case len(m.Bands) > 0:
		for i, b := range m.Bands {
			path := grassroots.ElementPath("bands", i)
			if !b.Level.IsValid() {
				p.Add(path+".level", grassroots.RuleEnum, levelNames.Problem(b.Level))
			}
			if i == 0 && b.Min != 1 {
				p.Addf(path+".min", grassroots.RuleOrder, "the first band must start at 1, not %d", b.Min)
			}
			if i > 0 && b.Min <= m.Bands[i-1].Min {
				p.Addf(path+".min", grassroots.RuleOrder, "bands must ascend: %d does not follow %d", b.Min, m.Bands[i-1].Min)
			}
		}
	default:
		p.Add("cells", grassroots.RuleRequired, "a matrix needs cells (a lookup grid) or bands (a product matrix)")
	}
	return matrixError(m.Name, p.Err())
}

// matrixError wraps the problems of a matrix or scale, or returns nil.
func matrixError(name string, err error) error {
	var ve *grassroots.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	return &MatrixError{Name: name, Err: ve}
}

// checkRatings checks both ratings; prefix names them ("residual ").
func (m Matrix) checkRatings(prefix string, likelihood, impact int) error {
	if likelihood < 1 || likelihood > m.Likelihoods {
		return &RangeError{What: prefix + "likelihood", Value: strconv.Itoa(likelihood), Min: "1", Max: strconv.Itoa(m.Likelihoods)}
	}
	if impact < 1 || impact > m.Impacts {
		return &RangeError{What: prefix + "impact", Value: strconv.Itoa(impact), Min: "1", Max: strconv.Itoa(m.Impacts)}
	}
	return nil
}

// Level returns the level for a likelihood and an impact rating.
func (m Matrix) Level(likelihood, impact int) (Level, error) {
	if err := m.Validate(); err != nil {
		return 0, err
	}
	return m.level("", likelihood, impact)
}

func (m Matrix) level(prefix string, likelihood, impact int) (Level, error) {
	if err := m.checkRatings(prefix, likelihood, impact); err != nil {
		return 0, err
	}
	if len(m.Cells) > 0 {
		return m.Cells[likelihood-1][impact-1], nil
	}
	score := likelihood * impact
	level := m.Bands[0].Level
	for _, b := range m.Bands {
		if b.Min > score {
			break
		}
		level = b.Level
	}
	return level, nil
}

// Normalized returns the product score l × i mapped linearly onto 0 to 10:
// 10 × (l·i − 1) / (n·m − 1), so the lowest cell is 0 and the highest 10.
// It is rounded to 2 decimal places, half away from zero. A 1 × 1 matrix
// gives 0.
func (m Matrix) Normalized(likelihood, impact int) (decimal.Decimal, error) {
	if err := m.Validate(); err != nil {
		return decimal.Decimal{}, err
	}
	if err := m.checkRatings("", likelihood, impact); err != nil {
		return decimal.Decimal{}, err
	}
	span := int64(m.Likelihoods*m.Impacts - 1)
	if span == 0 {
		return decimal.Zero, nil
	}
	num := decimal.NewFromInt(10 * int64(likelihood*impact-1))
	return num.DivRound(decimal.NewFromInt(span), 2), nil
}

// Assess rates a risk on m before and after controls and returns the
// assessment. The residual ratings must not exceed the current ones, and
// the residual level must not exceed the current level (a hand-made lookup
// matrix could otherwise make a lower rating a higher level).
func (m Matrix) Assess(likelihood, impact, residualLikelihood, residualImpact int) (Assessment, error) {
	if err := m.Validate(); err != nil {
		return Assessment{}, err
	}
	cur, err := m.level("", likelihood, impact)
	if err != nil {
		return Assessment{}, err
	}
	res, err := m.level("residual ", residualLikelihood, residualImpact)
	if err != nil {
		return Assessment{}, err
	}
	a := Assessment{
		Method:   m.Name,
		Current:  Rating{Likelihood: likelihood, Impact: impact, Level: cur},
		Residual: Rating{Likelihood: residualLikelihood, Impact: residualImpact, Level: res},
	}
	if err := a.Validate(); err != nil {
		return Assessment{}, err
	}
	return a, nil
}

// NIST80030 returns the likelihood × impact lookup of NIST SP 800-30
// Rev. 1, Appendix I, Table I-2 ("Assessment scale – level of risk
// (combination of likelihood and impact)"). Ratings 1 to 5 stand for very
// low, low, moderate, high, very high on both axes. The table is not
// symmetric: likelihood low with impact very high is moderate, likelihood
// very high with impact low is low.
//
// Source: NIST SP 800-30 Rev. 1, September 2012,
// https://doi.org/10.6028/NIST.SP.800-30r1, page I-1. NIST80030Likelihood
// gives the overall likelihood to feed it.
func NIST80030() Matrix {
	return Matrix{
		Name:        "nist_sp_800_30_r1",
		Likelihoods: 5,
		Impacts:     5,
		Cells: [][]Level{
			{VeryLow, VeryLow, VeryLow, Low, Low},    // likelihood very low
			{VeryLow, Low, Low, Low, Moderate},       // low
			{VeryLow, Low, Moderate, Moderate, High}, // moderate
			{VeryLow, Low, Moderate, High, VeryHigh}, // high
			{VeryLow, Low, Moderate, High, VeryHigh}, // very high
		},
	}
}

// NIST80030Likelihood returns the overall-likelihood lookup of NIST SP
// 800-30 Rev. 1, Appendix G, Table G-5 ("Assessment scale – overall
// likelihood"): its first rating (the matrix's likelihood) is the
// likelihood of threat event initiation (adversarial threats, Table G-2)
// or occurrence (non-adversarial threats, Table G-3), its second (the
// matrix's impact) the likelihood that the threat event results in
// adverse impacts (Table G-4); ratings 1 to 5 stand for very low, low,
// moderate, high, very high. The level it gives is the overall
// likelihood, the likelihood rating of Table I-2 (NIST80030):
//
//	overall, _ := risk.NIST80030Likelihood().Level(initiation, adverseImpact)
//	level, _ := risk.NIST80030().Level(int(overall), impact)
//
// Unlike Table I-2 the table is symmetric: swapping the two likelihoods
// gives the same overall likelihood.
//
// Source: NIST SP 800-30 Rev. 1, September 2012,
// https://doi.org/10.6028/NIST.SP.800-30r1, Appendix G, Table G-5.
func NIST80030Likelihood() Matrix {
	return Matrix{
		Name:        "nist_sp_800_30_r1_overall_likelihood",
		Likelihoods: 5,
		Impacts:     5,
		Cells: [][]Level{
			{VeryLow, VeryLow, Low, Low, Low},         // initiation or occurrence very low
			{VeryLow, Low, Low, Moderate, Moderate},   // low
			{Low, Low, Moderate, Moderate, High},      // moderate
			{Low, Moderate, Moderate, High, VeryHigh}, // high
			{Low, Moderate, High, VeryHigh, VeryHigh}, // very high
		},
	}
}

// Product5x5 returns a common 5 × 5 product matrix: score = likelihood ×
// impact from 1 to 25, banded 1–2 very low, 3–4 low, 5–9 moderate, 10–16
// high, 17–25 very high (so 20 and 25, the products above 16, are very
// high). The bands are a convention of practice, not a standard; build
// your own Matrix when your policy differs.
func Product5x5() Matrix {
	return Matrix{
		Name:        "product_5x5",
		Likelihoods: 5,
		Impacts:     5,
		Bands: []Band{
			{Min: 1, Level: VeryLow}, {Min: 3, Level: Low}, {Min: 5, Level: Moderate},
			{Min: 10, Level: High}, {Min: 17, Level: VeryHigh},
		},
	}
}
