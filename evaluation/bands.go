package evaluation

import (
	"fmt"

	"github.com/grassrootsgov/grassroots"
	"github.com/shopspring/decimal"
)

// Band is one grade of a grading scheme: scores of at least Min get Grade
// unless a band with a higher Min applies.
type Band struct {
	Grade string          `json:"grade"`
	Min   decimal.Decimal `json:"min"`
}

// Bands is a grading scheme as data: bands in strictly decreasing order of
// Min, and the Default grade of a score below every band. The zero value
// is invalid; DefaultBands gives the common four-grade scheme.
type Bands struct {
	Bands   []Band `json:"bands"`
	Default string `json:"default"`
}

// DefaultBands returns excellent (≥ 90), good (≥ 80), qualified (≥ 60) and
// unqualified (below 60) on a 0–100 score, the scheme most Chinese
// assessment rules use.
func DefaultBands() Bands {
	return Bands{
		Bands: []Band{
			{Grade: "excellent", Min: decimal.NewFromInt(90)},
			{Grade: "good", Min: decimal.NewFromInt(80)},
			{Grade: "qualified", Min: decimal.NewFromInt(60)},
		},
		Default: "unqualified",
	}
}

// Validate reports empty or repeated grade names and thresholds that do
// not strictly decrease.
func (b Bands) Validate() error {
	var problems []grassroots.FieldError
	seen := map[string]bool{}
	for i, band := range b.Bands {
		path := grassroots.ElementPath("bands", i)
		switch {
		case band.Grade == "":
			problems = append(problems, grassroots.FieldError{Path: path + ".grade", Rule: "required", Message: "grade is required"})
		case seen[band.Grade]:
			problems = append(problems, grassroots.FieldError{Path: path + ".grade", Rule: "unique", Message: fmt.Sprintf("grade %q is used twice", band.Grade)})
		}
		seen[band.Grade] = true
		if i > 0 && !band.Min.LessThan(b.Bands[i-1].Min) {
			problems = append(problems, grassroots.FieldError{Path: path + ".min", Rule: "order", Message: "thresholds must strictly decrease"})
		}
	}
	switch {
	case b.Default == "":
		problems = append(problems, grassroots.FieldError{Path: "default", Rule: "required", Message: "default grade is required"})
	case seen[b.Default]:
		problems = append(problems, grassroots.FieldError{Path: "default", Rule: "unique", Message: fmt.Sprintf("grade %q is used twice", b.Default)})
	}
	return grassroots.NewValidationError(problems...)
}

// Grade returns the grade of the first band whose Min the score reaches,
// or Default.
func (b Bands) Grade(score decimal.Decimal) string {
	for _, band := range b.Bands {
		if score.GreaterThanOrEqual(band.Min) {
			return band.Grade
		}
	}
	return b.Default
}

// resolveBands returns DefaultBands for the zero value and validates the
// others.
func resolveBands(b Bands) (Bands, error) {
	if len(b.Bands) == 0 && b.Default == "" {
		return DefaultBands(), nil
	}
	if err := b.Validate(); err != nil {
		return Bands{}, fmt.Errorf("evaluation: bands: %w", err)
	}
	return b, nil
}
