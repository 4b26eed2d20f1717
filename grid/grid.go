package grid

import (
	"cmp"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/validate"
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
	Households int          `json:"households" validate:"min=0"`
	Residents  int          `json:"residents" validate:"min=0"`
}

// Validate reports every problem of g at once as a
// *grassroots.ValidationError with JSON field paths: a well-formed code
// (grassroots.RuleFormat), a well-formed parent other than the code itself
// when set (RuleFormat, RuleMismatch), a valid level, kind and crs
// (RuleEnum), counts not below zero (RuleMin), and the boundary geometry
// (see MultiPolygon.Validate) when present.
func (g Grid) Validate() error {
	// The counts are struct tags; codes and enumerations are checked here,
	// so that their messages can say what a code is and list the valid
	// names.
	var p validate.Problems
	if err := g.Code.Validate(); err != nil {
		codeProblem(&p, "code", err)
	}
	if g.Parent != "" {
		if err := g.Parent.Validate(); err != nil {
			codeProblem(&p, "parent", err)
		} else if g.Parent == g.Code {
			p.Addf("parent", grassroots.RuleMismatch,
				"parent %s is the grid's own code; want the code of another grid, or none for a root", g.Parent)
		}
	}
	if !g.Level.IsValid() {
		p.Add("level", grassroots.RuleEnum, levelNames.Problem(g.Level))
	}
	if !g.Kind.IsValid() {
		p.Add("kind", grassroots.RuleEnum, kindNames.Problem(g.Kind))
	}
	if !g.CRS.IsValid() {
		p.Add("crs", grassroots.RuleEnum, crsNames.Problem(g.CRS))
	}
	p.Tags("", g)
	if len(g.Boundary) > 0 {
		p.Nest("boundary", g.Boundary.Validate())
	}
	return p.Err()
}

// codeProblem records err, from Code.Validate, as a grassroots.RuleFormat
// problem at path. Callers build the path only when there is a problem,
// so checking a valid code allocates nothing.
func codeProblem(p *validate.Problems, path string, err error) {
	p.Add(path, grassroots.RuleFormat, causeText(err))
}

// byCode orders grids by code, for slices.SortFunc.
func byCode(a, b Grid) int { return cmp.Compare(a.Code, b.Code) }
