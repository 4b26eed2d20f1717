package evaluation

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/enum"
	"github.com/shopspring/decimal"
)

// Indicator is one node of an indicator system. A node with Children is a
// group whose score is the weighted sum of its children; a node without
// is a leaf that parties rate on its Scale.
//
// Weight is the node's share among its siblings. Direction, Scale and
// Parties describe leaves and must be empty on groups.
type Indicator struct {
	Code      string             `json:"code"`
	Name      string             `json:"name"`
	Weight    decimal.Decimal    `json:"weight"`
	Direction Direction          `json:"direction,omitempty"`
	Scale     *Scale             `json:"scale,omitempty"`
	Parties   []grassroots.Party `json:"parties,omitempty"`
	Children  []Indicator        `json:"children,omitempty"`
}

// IsLeaf reports whether the indicator has no children.
func (in *Indicator) IsLeaf() bool { return len(in.Children) == 0 }

// System is an indicator system: a tree of indicators with weights. It is
// a plain value; JSON encoding with encoding/json is its file format and
// ParseSystem its validating decoder.
//
// A valid system has at least one indicator, unique non-empty codes,
// weights in [0, 1] that sum to exactly 1 among siblings, and leaves with
// a valid direction, a valid scale and at least one rating party.
type System struct {
	Code       string      `json:"code"`
	Name       string      `json:"name"`
	Indicators []Indicator `json:"indicators"`
}

// ParseSystem decodes a system from JSON and validates it. Unknown fields
// are ignored; an invalid system is an error and no value is returned.
func ParseSystem(data []byte) (System, error) {
	var s System
	if err := json.Unmarshal(data, &s); err != nil {
		return System{}, fmt.Errorf("evaluation: decode indicator system: %w: %w", grassroots.ErrInvalid, err)
	}
	if err := s.Validate(); err != nil {
		return System{}, err
	}
	return s, nil
}

// Validate reports every problem of the system at once as a
// *grassroots.ValidationError with JSON field paths.
func (s System) Validate() error {
	var v validator
	v.seen = map[string]bool{}
	if len(s.Indicators) == 0 {
		v.add("indicators", "required", "a system needs at least one indicator")
	}
	v.group("indicators", s.Indicators)
	return grassroots.NewValidationError(v.problems...)
}

type validator struct {
	problems []grassroots.FieldError
	seen     map[string]bool
}

func (v *validator) add(path, rule, msg string) {
	v.problems = append(v.problems, grassroots.FieldError{Path: path, Rule: rule, Message: msg})
}

func (v *validator) group(path string, ins []Indicator) {
	if len(ins) == 0 {
		return
	}
	sum := decimal.Zero
	for i := range ins {
		sum = sum.Add(ins[i].Weight)
		v.indicator(grassroots.ElementPath(path, i), &ins[i])
	}
	if !sum.Equal(one) {
		v.add(path, "sum", fmt.Sprintf("sibling weights sum to %s, not 1", sum))
	}
}

func (v *validator) indicator(path string, in *Indicator) {
	switch {
	case in.Code == "":
		v.add(grassroots.JoinFieldPath(path, "code"), "required", "code is required")
	case v.seen[in.Code]:
		v.add(grassroots.JoinFieldPath(path, "code"), "unique", fmt.Sprintf("code %q is used twice", in.Code))
	}
	v.seen[in.Code] = true
	if in.Weight.IsNegative() || in.Weight.GreaterThan(one) {
		v.add(grassroots.JoinFieldPath(path, "weight"), "range", fmt.Sprintf("weight %s outside 0..1", in.Weight))
	}
	if !in.IsLeaf() {
		if in.Direction != 0 || in.Scale != nil || len(in.Parties) != 0 {
			v.add(path, "group", "a group takes no direction, scale or parties")
		}
		v.group(grassroots.JoinFieldPath(path, "children"), in.Children)
		return
	}
	if !in.Direction.IsValid() {
		v.add(grassroots.JoinFieldPath(path, "direction"), grassroots.RuleEnum, directionNames.Problem(in.Direction))
	}
	if in.Scale == nil {
		v.add(grassroots.JoinFieldPath(path, "scale"), "required", "a leaf needs a scale")
	} else if err := in.Scale.Validate(); err != nil {
		v.problems = append(v.problems, grassroots.FieldErrors(grassroots.JoinFieldPath(path, "scale"), err)...)
	}
	if len(in.Parties) == 0 {
		v.add(grassroots.JoinFieldPath(path, "parties"), "required", "a leaf needs at least one rating party")
	}
	for i, p := range in.Parties {
		pp := grassroots.ElementPath(grassroots.JoinFieldPath(path, "parties"), i)
		switch {
		case !p.IsValid():
			v.add(pp, grassroots.RuleEnum, enum.PartyProblem(p))
		case slices.Contains(in.Parties[:i], p):
			v.add(pp, "unique", fmt.Sprintf("party %v is listed twice", p))
		}
	}
}

// Normalize returns a copy of the system in which every group of siblings
// has its weights replaced by NormalizeWeights(weights, scale): shares
// rounded to scale decimal places by the largest-remainder method, so they
// sum to exactly 1. The copy is validated; weights of a group must be
// non-negative with a positive sum.
func (s System) Normalize(scale int32) (System, error) {
	sc, err := resolveScale(scale)
	if err != nil {
		return System{}, err
	}
	out := s
	var problems []grassroots.FieldError
	out.Indicators = normalizeGroup("indicators", s.Indicators, sc, &problems)
	if err := grassroots.NewValidationError(problems...); err != nil {
		return System{}, err
	}
	if err := out.Validate(); err != nil {
		return System{}, err
	}
	return out, nil
}

func normalizeGroup(path string, ins []Indicator, scale int32, problems *[]grassroots.FieldError) []Indicator {
	if ins == nil {
		return nil
	}
	out := make([]Indicator, len(ins))
	ws := make([]decimal.Decimal, len(ins))
	for i := range ins {
		out[i] = ins[i]
		out[i].Parties = slices.Clone(ins[i].Parties)
		if ins[i].Scale != nil {
			sc := *ins[i].Scale
			out[i].Scale = &sc
		}
		out[i].Children = normalizeGroup(grassroots.JoinFieldPath(grassroots.ElementPath(path, i), "children"), ins[i].Children, scale, problems)
		ws[i] = ins[i].Weight
	}
	nw, err := NormalizeWeights(ws, scale)
	if err != nil {
		*problems = append(*problems, grassroots.FieldError{Path: path, Rule: "weights", Message: err.Error()})
		return out
	}
	for i := range out {
		out[i].Weight = nw[i]
	}
	return out
}

// Leaf is a leaf indicator with its global weight: the product of its own
// weight and the weights of all its ancestors, exact (no rounding).
type Leaf struct {
	Code      string
	Path      []string // codes from the root group down to the leaf
	Weight    decimal.Decimal
	Direction Direction
	Scale     Scale
	Parties   []grassroots.Party
}

// Leaves returns the leaves of a valid system in depth-first order, the
// order every scorecard lists them in. It validates the system first.
func (s System) Leaves() ([]Leaf, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	var out []Leaf
	collectLeaves(s.Indicators, one, nil, &out)
	return out, nil
}

func collectLeaves(ins []Indicator, w decimal.Decimal, path []string, out *[]Leaf) {
	for i := range ins {
		in := &ins[i]
		gw := w.Mul(in.Weight)
		p := append(slices.Clip(path), in.Code)
		if !in.IsLeaf() {
			collectLeaves(in.Children, gw, p, out)
			continue
		}
		*out = append(*out, Leaf{
			Code: in.Code, Path: p, Weight: gw, Direction: in.Direction,
			Scale: *in.Scale, Parties: slices.Clone(in.Parties),
		})
	}
}
