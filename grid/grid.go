package grid

import (
	"github.com/grassrootsgov/grassroots"
)

// Grid is one unit of the hierarchy: a city, district, street, community,
// grid or micro-grid, with its boundary and population.
//
// Parent is empty for a root. Boundary may be empty for a unit that is
// only part of the hierarchy (a city whose outline is not needed); it is
// required for the grids an Index locates points in. CRS names the
// system of Boundary's coordinates. Households and Residents are the
// counts the sizing norms check.
//
// Grid is a plain value; copies share the Boundary slices, which the SDK
// never modifies.
type Grid struct {
	Code       Code         `json:"code"`
	Name       string       `json:"name,omitempty"`
	Level      Level        `json:"level"`
	Kind       Kind         `json:"kind"`
	Parent     Code         `json:"parent,omitempty"`
	Boundary   MultiPolygon `json:"boundary,omitempty"`
	CRS        CRS          `json:"crs"`
	Households int          `json:"households"`
	Residents  int          `json:"residents"`
}

// Validate reports every problem of g at once as a
// *grassroots.ValidationError with JSON field paths: code, parent (when
// set), level, kind, crs, non-negative counts, and the boundary geometry
// (see MultiPolygon.Validate) when present.
func (g Grid) Validate() error {
	var fs []grassroots.FieldError
	if err := g.Code.Validate(); err != nil {
		fs = append(fs, grassroots.FieldError{Path: "code", Rule: "code", Message: causeText(err)})
	}
	if g.Parent != "" {
		if err := g.Parent.Validate(); err != nil {
			fs = append(fs, grassroots.FieldError{Path: "parent", Rule: "code", Message: causeText(err)})
		} else if g.Parent == g.Code {
			fs = append(fs, grassroots.FieldError{Path: "parent", Rule: "not_self", Message: "a grid cannot be its own parent"})
		}
	}
	if !g.Level.IsValid() {
		fs = append(fs, grassroots.FieldError{Path: "level", Rule: grassroots.RuleEnum, Message: levelNames.Problem(g.Level)})
	}
	if !g.Kind.IsValid() {
		fs = append(fs, grassroots.FieldError{Path: "kind", Rule: grassroots.RuleEnum, Message: kindNames.Problem(g.Kind)})
	}
	if !g.CRS.IsValid() {
		fs = append(fs, grassroots.FieldError{Path: "crs", Rule: grassroots.RuleEnum, Message: crsNames.Problem(g.CRS)})
	}
	if g.Households < 0 {
		fs = append(fs, grassroots.FieldError{Path: "households", Rule: "min", Message: "must not be negative"})
	}
	if g.Residents < 0 {
		fs = append(fs, grassroots.FieldError{Path: "residents", Rule: "min", Message: "must not be negative"})
	}
	if len(g.Boundary) > 0 {
		fs = append(fs, grassroots.FieldErrors("boundary", g.Boundary.Validate())...)
	}
	return grassroots.NewValidationError(fs...)
}
