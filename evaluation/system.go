package evaluation

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/exact"
	"github.com/grassrootsgov/grassroots/internal/validate"
	"github.com/shopspring/decimal"
)

// Indicator is one node of an indicator system. A node with Children is a
// group whose score is the weighted sum of its children; a node without
// is a leaf that parties rate on its Scale.
//
// Weight is the node's share among its siblings. Direction, Scale and
// Parties describe leaves and must be empty on groups. A nil *Indicator,
// like the zero one, is a leaf.
type Indicator struct {
	Code      string             `json:"code" validate:"required,id"`
	Name      string             `json:"name"`
	Weight    decimal.Decimal    `json:"weight"`
	Direction Direction          `json:"direction,omitempty" validate:"omitempty,enum"`
	Scale     *Scale             `json:"scale,omitempty"`
	Parties   []grassroots.Party `json:"parties,omitempty" validate:"unique,dive,enum"`
	Children  []Indicator        `json:"children,omitempty"`
}

// IsLeaf reports whether the indicator has no children.
func (in *Indicator) IsLeaf() bool { return in == nil || len(in.Children) == 0 }

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
// are ignored; JSON that does not decode and an invalid system are a
// *grassroots.ValidationError, and no value is returned.
func ParseSystem(data []byte) (System, error) {
	var s System
	if err := json.Unmarshal(data, &s); err != nil {
		var p validate.Problems
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &te):
			p.Addf(te.Field, grassroots.RuleType, "indicator system: %s is %s, want %s", te.Field, te.Value, te.Type)
		case errors.As(err, new(*grassroots.UnknownNameError)):
			p.Nest("", err)
		default:
			p.Addf("", grassroots.RuleFormat, "indicator system is not valid JSON: %v", err)
		}
		return System{}, p.Err()
	}
	if err := s.Validate(); err != nil {
		return System{}, err
	}
	return s, nil
}

// Validate reports every problem of the system at once as a
// *grassroots.ValidationError with JSON field paths. Field rules are the
// struct tags of Indicator (a code that is an SDK identifier, valid and
// distinct parties); the rules across fields are grassroots.RuleRequired
// (no indicators, a leaf without direction, scale or parties),
// RuleUnique (a code used twice in the tree), RuleMin and RuleMax (a
// weight outside 0..1), RuleMismatch (sibling weights that do not sum to
// exactly 1), RuleExcluded (a direction, scale or parties on a group),
// RuleOrder (a scale whose min is not below its max), and RuleMax or
// RuleFormat for a weight or scale bound written with an exponent beyond
// ±10,000, which no JSON carries (such a number is compared with nothing
// and its siblings' sum is not checked).
func (s System) Validate() error {
	v := systemValidator{seen: map[string]bool{}}
	if len(s.Indicators) == 0 {
		v.p.Add("indicators", grassroots.RuleRequired, "a system needs at least one indicator")
	}
	v.group("indicators", s.Indicators)
	return v.p.Err()
}

type systemValidator struct {
	p    validate.Problems
	seen map[string]bool
}

func (v *systemValidator) group(path string, ins []Indicator) {
	if len(ins) == 0 {
		return
	}
	sum := decimal.Zero
	summable := true
	for i := range ins {
		if exact.Tame(ins[i].Weight) {
			sum = sum.Add(ins[i].Weight)
		} else {
			summable = false
		}
		v.indicator(grassroots.ElementPath(path, i), &ins[i])
	}
	if summable && !sum.Equal(one) {
		v.p.Addf(path, grassroots.RuleMismatch, "sibling weights sum to %s, want exactly 1", exact.Text(sum))
	}
}

func (v *systemValidator) indicator(path string, in *Indicator) {
	field := func(name string) string { return grassroots.JoinFieldPath(path, name) }
	v.p.Tags(path, in)
	if in.Code != "" && v.seen[in.Code] {
		v.p.Addf(field("code"), grassroots.RuleUnique, "code %q is used twice; codes are unique in the whole system", in.Code)
	}
	v.seen[in.Code] = true
	switch {
	case !v.p.Tame(field("weight"), in.Weight):
	case in.Weight.IsNegative():
		v.p.Addf(field("weight"), grassroots.RuleMin, "weight %s is below 0", in.Weight)
	case in.Weight.GreaterThan(one):
		v.p.Addf(field("weight"), grassroots.RuleMax, "weight %s is above 1", in.Weight)
	}
	if !in.IsLeaf() {
		if in.Direction != 0 {
			v.p.Add(field("direction"), grassroots.RuleExcluded, "a group takes no direction; its children have one")
		}
		if in.Scale != nil {
			v.p.Add(field("scale"), grassroots.RuleExcluded, "a group takes no scale; its children have one")
		}
		if len(in.Parties) != 0 {
			v.p.Add(field("parties"), grassroots.RuleExcluded, "a group takes no rating parties; its children have them")
		}
		v.group(field("children"), in.Children)
		return
	}
	if in.Direction == 0 {
		v.p.Add(field("direction"), grassroots.RuleRequired, "a leaf needs a direction: "+strings.Join(directionNames.Names(), " or "))
	}
	if in.Scale == nil {
		v.p.Add(field("scale"), grassroots.RuleRequired, "a leaf needs a scale {min, max}")
	} else {
		v.p.Nest(field("scale"), in.Scale.Validate())
	}
	if len(in.Parties) == 0 {
		v.p.Add(field("parties"), grassroots.RuleRequired, "a leaf needs at least one rating party")
	}
}

// Normalize returns a copy of the system in which every group of siblings
// has its weights replaced by NormalizeWeights(weights, scale): shares
// rounded to scale decimal places by the largest-remainder method, so they
// sum to exactly 1. The copy is validated; weights of a group must be
// non-negative (grassroots.RuleMin at the weight) with a positive sum
// (grassroots.RuleMin at the group) and tame (see Validate).
func (s System) Normalize(scale int32) (System, error) {
	sc, err := resolveScale(scale)
	if err != nil {
		return System{}, err
	}
	out := s
	var p validate.Problems
	out.Indicators = normalizeGroup("indicators", s.Indicators, sc, &p)
	if err := p.Err(); err != nil {
		return System{}, err
	}
	if err := out.Validate(); err != nil {
		return System{}, err
	}
	return out, nil
}

func normalizeGroup(path string, ins []Indicator, scale int32, p *validate.Problems) []Indicator {
	if ins == nil {
		return nil
	}
	out := make([]Indicator, len(ins))
	ws := make([]decimal.Decimal, len(ins))
	ok := true
	sum := decimal.Zero
	for i := range ins {
		out[i] = ins[i].clone()
		out[i].Children = normalizeGroup(grassroots.JoinFieldPath(grassroots.ElementPath(path, i), "children"), ins[i].Children, scale, p)
		ws[i] = ins[i].Weight
		if !exact.Tame(ws[i]) {
			p.Tame(grassroots.JoinFieldPath(grassroots.ElementPath(path, i), "weight"), ws[i])
			ok = false
			continue
		}
		if ws[i].IsNegative() {
			p.Addf(grassroots.JoinFieldPath(grassroots.ElementPath(path, i), "weight"), grassroots.RuleMin, "weight %s is below 0", ws[i])
			ok = false
		}
		sum = sum.Add(ws[i])
	}
	if ok && !sum.IsPositive() {
		p.Add(path, grassroots.RuleMin, "sibling weights sum to 0; at least one must be positive")
		ok = false
	}
	if !ok {
		return out
	}
	nw := largestRemainder(ws, sum, scale)
	for i := range out {
		out[i].Weight = nw[i]
	}
	return out
}

// clone copies an indicator's own slices and scale (not its children).
func (in *Indicator) clone() Indicator {
	out := *in
	out.Parties = slices.Clone(in.Parties)
	if in.Scale != nil {
		sc := *in.Scale
		out.Scale = &sc
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
