package evaluation

import (
	"fmt"
	"slices"
	"strings"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/exact"
	"github.com/grassrootsgov/grassroots/internal/validate"
	"github.com/shopspring/decimal"
)

// WithWeights returns a copy of s in which the children of the indicator
// group take the weights named by their codes: the top level when group
// is "" or the system's Code, otherwise the children of the group with
// that code. weights must name every child and nothing else, with
// non-negative values and a positive sum; they are divided by their sum
// and rounded to scale places by the largest-remainder method
// (NormalizeWeights), because a system's sibling weights sum to exactly 1.
// Pass unrounded weights (the Exact fields of AHP, EntropyWeights or
// CRITIC), so that the one rounding is this one. A zero scale means
// DefaultScale.
//
// Problems are a *grassroots.ValidationError: an unknown group
// (grassroots.RuleReference at "group", listing the groups), a code that
// is not a child (RuleReference at "weights.<code>", listing the
// children), a child without a weight (RuleRequired), a negative weight
// (RuleMin), weights that sum to zero (RuleMin at "weights"), or a weight
// written with an exponent beyond ±10,000 (RuleMax, or RuleFormat for a
// negative exponent).
func (s System) WithWeights(group string, weights map[string]decimal.Decimal, scale int32) (System, error) {
	sc, err := resolveScale(scale)
	if err != nil {
		return System{}, err
	}
	var p validate.Problems
	out := s.withWeights(group, weights, sc, &p)
	return out.checked(&p)
}

// checked returns s when p holds no problem and s is valid.
func (s System) checked(p *validate.Problems) (System, error) {
	if err := p.Err(); err != nil {
		return System{}, err
	}
	if err := s.Validate(); err != nil {
		return System{}, err
	}
	return s, nil
}

// withWeights is WithWeights without the final validation.
func (s System) withWeights(group string, weights map[string]decimal.Decimal, scale int32, p *validate.Problems) System {
	out := s
	found := false
	var apply func(ins []Indicator) []Indicator
	apply = func(ins []Indicator) []Indicator {
		if len(ins) == 0 {
			return ins
		}
		copied := make([]Indicator, len(ins))
		for i := range ins {
			copied[i] = ins[i].clone()
			if ins[i].Code == group && !ins[i].IsLeaf() {
				found = true
				copied[i].Children = setWeights(ins[i].Children, weights, scale, p)
				continue
			}
			copied[i].Children = apply(ins[i].Children)
		}
		return copied
	}
	if group == "" || group == s.Code {
		found = true
		out.Indicators = setWeights(s.Indicators, weights, scale, p)
	} else {
		out.Indicators = apply(s.Indicators)
	}
	if !found {
		p.Addf("group", grassroots.RuleReference, "%q is not a group of system %q; groups: %s", group, s.Code, strings.Join(groupCodes(s), ", "))
	}
	return out
}

// WithSynthesis returns a copy of s weighted by every local result of an
// AHP hierarchy whose node codes are the system's codes: for each node
// with children, the unrounded local weights of its children become the
// weights of the indicators with those codes, as WithWeights sets them. A
// node whose code is "" or the system's Code weighs the top level. Groups
// of s that the synthesis does not mention keep their weights.
func (s System) WithSynthesis(syn Synthesis, scale int32) (System, error) {
	sc, err := resolveScale(scale)
	if err != nil {
		return System{}, err
	}
	out := s
	var p validate.Problems
	for _, l := range syn.Local {
		if len(l.Children) != len(l.Result.WeightsExact) {
			return System{}, fmt.Errorf("%w: node %q weighs %d children with %d weights", ErrShape, l.Code, len(l.Children), len(l.Result.WeightsExact))
		}
		w := make(map[string]decimal.Decimal, len(l.Children))
		for i, c := range l.Children {
			w[c] = l.Result.WeightsExact[i]
		}
		out = out.withWeights(l.Code, w, sc, &p)
	}
	return out.checked(&p)
}

// setWeights returns copies of the siblings ins with the weights named by
// code, normalised at scale; problems go to p.
func setWeights(ins []Indicator, weights map[string]decimal.Decimal, scale int32, p *validate.Problems) []Indicator {
	out := make([]Indicator, len(ins))
	codes := make([]string, len(ins))
	for i := range ins {
		out[i] = ins[i].clone()
		codes[i] = ins[i].Code
	}
	keys := make([]string, 0, len(weights))
	for k := range weights {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	n := p.Len()
	for _, k := range keys {
		if !slices.Contains(codes, k) {
			p.Addf(grassroots.JoinFieldPath("weights", k), grassroots.RuleReference, "%q is not one of the siblings %s", k, strings.Join(codes, ", "))
		}
	}
	ws := make([]decimal.Decimal, len(ins))
	sum := decimal.Zero
	for i, c := range codes {
		w, ok := weights[c]
		switch {
		case !ok:
			p.Addf(grassroots.JoinFieldPath("weights", c), grassroots.RuleRequired, "indicator %q needs a weight", c)
		case !exact.Tame(w):
			p.Tame(grassroots.JoinFieldPath("weights", c), w)
			continue // nothing is computed with it
		case w.IsNegative():
			p.Addf(grassroots.JoinFieldPath("weights", c), grassroots.RuleMin, "weight %s of %q is below 0", w, c)
		}
		ws[i] = w
		sum = sum.Add(w)
	}
	if p.Len() > n {
		return out
	}
	if !sum.IsPositive() {
		p.Add("weights", grassroots.RuleMin, "the weights sum to 0; at least one must be positive")
		return out
	}
	for i, w := range largestRemainder(ws, sum, scale) {
		out[i].Weight = w
	}
	return out
}

// groupCodes lists the codes of the system's groups in depth-first order.
func groupCodes(s System) []string {
	var out []string
	var walk func(ins []Indicator)
	walk = func(ins []Indicator) {
		for i := range ins {
			if !ins[i].IsLeaf() {
				out = append(out, ins[i].Code)
				walk(ins[i].Children)
			}
		}
	}
	walk(s.Indicators)
	return out
}
