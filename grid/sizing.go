package grid

import (
	"cmp"
	"slices"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/enum"
	"github.com/grassrootsgov/grassroots/internal/errtext"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// SizingNorm is the size a general grid should have. Zero limits are not
// checked, so SizingNorm{} accepts everything.
type SizingNorm struct {
	MinHouseholds int `json:"min_households" validate:"min=0"`
	MaxHouseholds int `json:"max_households" validate:"min=0"`
	MaxResidents  int `json:"max_residents" validate:"min=0"`
}

// UrbanNorm returns the common urban norm: 300 to 500 households and at
// most 2,500 residents per general grid (the upper end of the 2,000–2,500
// that local rules name).
func UrbanNorm() SizingNorm {
	return SizingNorm{MinHouseholds: 300, MaxHouseholds: 500, MaxResidents: 2500}
}

// RuralNorm returns the rural norm. Local rules ask for "about 300
// households" per village grid; this reads "about" as ±100, so 200 to 400
// households, with no limit on residents.
func RuralNorm() SizingNorm {
	return SizingNorm{MinHouseholds: 200, MaxHouseholds: 400}
}

// Validate reports negative limits (grassroots.RuleMin) and a minimum
// above a maximum that is set (grassroots.RuleOrder).
func (n SizingNorm) Validate() error {
	var p validate.Problems
	p.Tags("", n)
	if n.MaxHouseholds > 0 && n.MinHouseholds > n.MaxHouseholds {
		p.Addf("min_households", grassroots.RuleOrder,
			"min_households %d is above max_households %d; want at most max_households, or max_households 0 for no upper limit",
			n.MinHouseholds, n.MaxHouseholds)
	}
	return p.Err()
}

// SizingProblem says how a grid misses its norm.
type SizingProblem uint8

// The sizing problems.
const (
	// TooFewHouseholds: below SizingNorm.MinHouseholds.
	TooFewHouseholds SizingProblem = iota + 1
	// TooManyHouseholds: above SizingNorm.MaxHouseholds.
	TooManyHouseholds
	// TooManyResidents: above SizingNorm.MaxResidents.
	TooManyResidents
)

var sizingProblemNames = enum.New[SizingProblem]("grid.SizingProblem",
	"too_few_households", "too_many_households", "too_many_residents",
)

// IsValid reports whether p is one of the SizingProblem values.
func (p SizingProblem) IsValid() bool { return sizingProblemNames.Valid(p) }

// String returns the wire name of p, or "SizingProblem(N)" for an invalid value.
func (p SizingProblem) String() string { return sizingProblemNames.String(p) }

// AppendText appends the wire name of p to b; an invalid value is an error.
func (p SizingProblem) AppendText(b []byte) ([]byte, error) { return sizingProblemNames.Append(b, p) }

// MarshalText returns the wire name of p; an invalid value is an error.
func (p SizingProblem) MarshalText() ([]byte, error) { return sizingProblemNames.Marshal(p) }

// UnmarshalText sets *p to the value named by b; on error *p is unchanged.
func (p *SizingProblem) UnmarshalText(b []byte) error { return sizingProblemNames.Unmarshal(p, b) }

// ParseSizingProblem returns the SizingProblem named s; an unknown name is a *grassroots.UnknownNameError.
func ParseSizingProblem(s string) (SizingProblem, error) { return sizingProblemNames.Parse(s) }

// SizingIssue is one grid outside its norm: Value is the grid's count and
// Limit the bound it crosses.
type SizingIssue struct {
	Code    Code          `json:"code"`
	Problem SizingProblem `json:"problem"`
	Value   int           `json:"value"`
	Limit   int           `json:"limit"`
}

// CheckSizing returns the general grids (level LevelGrid, kind
// KindGeneral) of grids that fall outside norm, sorted by code and then
// problem. Dedicated grids and other levels have no household norm and
// are skipped. An invalid norm is an error.
func CheckSizing(grids []Grid, norm SizingNorm) ([]SizingIssue, error) {
	if err := norm.Validate(); err != nil {
		return nil, errtext.Wrap(ErrInvalidSizing, err, causePrefixes...)
	}
	var out []SizingIssue
	for _, g := range grids {
		if g.Level != LevelGrid || g.Kind != KindGeneral {
			continue
		}
		if norm.MinHouseholds > 0 && g.Households < norm.MinHouseholds {
			out = append(out, SizingIssue{Code: g.Code, Problem: TooFewHouseholds, Value: g.Households, Limit: norm.MinHouseholds})
		}
		if norm.MaxHouseholds > 0 && g.Households > norm.MaxHouseholds {
			out = append(out, SizingIssue{Code: g.Code, Problem: TooManyHouseholds, Value: g.Households, Limit: norm.MaxHouseholds})
		}
		if norm.MaxResidents > 0 && g.Residents > norm.MaxResidents {
			out = append(out, SizingIssue{Code: g.Code, Problem: TooManyResidents, Value: g.Residents, Limit: norm.MaxResidents})
		}
	}
	slices.SortStableFunc(out, func(a, b SizingIssue) int {
		return cmp.Or(cmp.Compare(a.Code, b.Code), cmp.Compare(a.Problem, b.Problem))
	})
	return out, nil
}
