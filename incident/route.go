package incident

import (
	"fmt"
	"slices"
	"strings"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// Assignment registers a responsible unit for one platform over a grid
// and everything below it. JSON: {"grid","platform","unit"}.
type Assignment struct {
	Grid     grid.Code `json:"grid"`
	Platform Platform  `json:"platform"`
	Unit     string    `json:"unit" validate:"required,id"`
}

type routeKey struct {
	grid     grid.Code
	platform Platform
}

// Router picks responsible units from a grid tree and unit assignments.
// It is immutable and safe for concurrent use. A nil *Router knows no
// grids: Route reports ErrUnknownGrid, and Escalation and Assignments are
// empty.
type Router struct {
	tree  *grid.Tree
	units map[routeKey]string
}

// NewRouter checks every assignment (grid in the tree, platform defined,
// unit ID an ID, at most one unit per grid and platform) and returns a
// Router.
func NewRouter(tree *grid.Tree, assignments []Assignment) (*Router, error) {
	var p validate.Problems
	if tree == nil {
		p.Add("tree", grassroots.RuleRequired, "a grid tree is required")
		return nil, p.Err()
	}
	units := make(map[routeKey]string, len(assignments))
	for i, a := range assignments {
		path := grassroots.ElementPath("assignments", i)
		p.Tags(path, a)
		if _, ok := tree.Get(a.Grid); !ok {
			p.Addf(grassroots.JoinFieldPath(path, "grid"), grassroots.RuleReference, "grid %q is not in the tree", a.Grid)
		}
		checkEnum(&p, grassroots.JoinFieldPath(path, "platform"), a.Platform, platformNames)
		k := routeKey{a.Grid, a.Platform}
		if _, dup := units[k]; dup {
			p.Addf(path, grassroots.RuleUnique, "grid %q already has a %s unit", a.Grid, a.Platform)
		}
		units[k] = a.Unit
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	return &Router{tree: tree, units: units}, nil
}

// Route picks the platform from the category and the responsible unit:
// the unit registered for that platform on grid g itself or, failing
// that, on its nearest ancestor. The Assignment names the grid where the
// unit is registered. An unknown grid is ErrUnknownGrid; no unit along the
// path is ErrNoUnit.
func (r *Router) Route(cat Category, g grid.Code) (Assignment, error) {
	if r == nil {
		return Assignment{}, fmt.Errorf("%w: %q (the router is nil; build one with NewRouter)", ErrUnknownGrid, g)
	}
	if _, ok := r.tree.Get(g); !ok {
		return Assignment{}, fmt.Errorf("%w: %q", ErrUnknownGrid, g)
	}
	if _, err := cat.Platform.MarshalText(); err != nil {
		return Assignment{}, fmt.Errorf("incident: category %q: %w", cat.Code, err)
	}
	if a, ok := r.at(g, cat.Platform); ok {
		return a, nil
	}
	for _, up := range r.tree.Ancestors(g) {
		if a, ok := r.at(up, cat.Platform); ok {
			return a, nil
		}
	}
	return Assignment{}, fmt.Errorf("%w: %s at or above %q", ErrNoUnit, cat.Platform, g)
}

func (r *Router) at(g grid.Code, p Platform) (Assignment, bool) {
	u, ok := r.units[routeKey{g, p}]
	return Assignment{Grid: g, Platform: p, Unit: u}, ok
}

// Escalation returns the units an overdue matter escalates to, nearest
// first: for each grid above a.Grid (community, street, district, …),
// the unit registered there for a.Platform. Levels without a unit are
// skipped; the list is empty at the top.
func (r *Router) Escalation(a Assignment) []Assignment {
	if r == nil {
		return nil
	}
	var out []Assignment
	for _, up := range r.tree.Ancestors(a.Grid) {
		if b, ok := r.at(up, a.Platform); ok {
			out = append(out, b)
		}
	}
	return out
}

// Assignments returns every registration sorted by grid, then platform.
func (r *Router) Assignments() []Assignment {
	if r == nil {
		return nil
	}
	out := make([]Assignment, 0, len(r.units))
	for k, u := range r.units {
		out = append(out, Assignment{Grid: k.grid, Platform: k.platform, Unit: u})
	}
	slices.SortFunc(out, func(a, b Assignment) int {
		if c := strings.Compare(string(a.Grid), string(b.Grid)); c != 0 {
			return c
		}
		return int(a.Platform) - int(b.Platform)
	})
	return out
}
