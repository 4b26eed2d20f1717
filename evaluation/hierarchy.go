package evaluation

import (
	"fmt"
	"math"

	"github.com/grassrootsgov/grassroots"
	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots/internal/enum"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// Node is one element of an AHP hierarchy. A node with Children carries
// Matrix, the pairwise comparison of its children in their order; a node
// without children is an alternative or bottom criterion and has no
// matrix. In JSON the matrix is its text form:
//
//	{"code": "goal", "matrix": "1 3; 1/3 1", "children": [{"code": "a"}, {"code": "b"}]}
type Node struct {
	Code     string   `json:"code"`
	Matrix   Pairwise `json:"matrix,omitzero"`
	Children []Node   `json:"children,omitempty"`
}

// Synthesis is the result of Synthesize. As in AHPResult, every number
// comes rounded to Scale places and unrounded in its Exact field, and
// Consistent is decided on CRExact.
type Synthesis struct {
	// Leaves lists the global weight of every leaf in depth-first order.
	Leaves []GlobalWeight `json:"leaves"`
	// Totals lists, per distinct leaf code in order of first appearance,
	// the sum of the global weights of the leaves with that code: the
	// global scores of the alternatives when every criterion of the
	// bottom level has the same alternatives as its children (Saaty's
	// distributive synthesis). With distinct leaf codes it repeats Leaves.
	Totals []GlobalWeight `json:"totals"`
	// Local lists the AHP result of every node with children, in
	// depth-first order.
	Local []LocalResult `json:"local"`
	// LevelCR holds, per level of matrices from the root down, the
	// level's consistency ratio Σ g·CI / Σ g·RI (see Synthesize).
	LevelCR      []decimal.Decimal `json:"level_cr"`
	LevelCRExact []decimal.Decimal `json:"level_cr_exact"`
	// CR is the combined consistency ratio of the hierarchy: the sum of
	// the level ratios.
	CR      decimal.Decimal `json:"cr"`
	CRExact decimal.Decimal `json:"cr_exact"`
	// Consistent compares CRExact with the threshold as AHP does.
	Consistent bool `json:"consistent"`
	Precision
}

// GlobalWeight is a leaf's weight relative to the root, rounded and
// unrounded.
type GlobalWeight struct {
	Code        string          `json:"code"`
	Weight      decimal.Decimal `json:"weight"`
	WeightExact decimal.Decimal `json:"weight_exact"`
}

// LocalResult is the AHP result of one node's matrix, with the codes of
// the children it weighs, in matrix order.
type LocalResult struct {
	Code     string    `json:"code"`
	Children []string  `json:"children"`
	Result   AHPResult `json:"result"`
}

// Synthesize computes global weights for a hierarchy: a leaf's global
// weight is the product of the local weights on its path from the root,
// taken unrounded in float64 and rounded once at the end. Totals add up
// the global weights of leaves that share a code, in float64 in
// depth-first order.
//
// The combined consistency ratio is the level-by-level form used in most
// textbooks: level k holds the matrices of the nodes at depth k (the root
// is depth 0); with g the global weight of each such node,
//
//	CR(k) = Σ g·CI / Σ g·RI      (0 when Σ g·RI = 0, all n ≤ 2)
//	CR    = CR(0) + CR(1) + …
//
// so CR(0) is the root matrix's own ratio and each lower level adds the
// weighted inconsistency it brings. With opts.Strict, any inconsistent
// local matrix or an inconsistent hierarchy is an *InconsistencyError whose
// Path names the node by codes.
func Synthesize(root Node, opts AHPOptions) (Synthesis, error) {
	cfg, err := opts.resolve()
	if err != nil {
		return Synthesis{}, err
	}
	s := synthesizer{cfg: cfg}
	if len(root.Children) == 0 {
		return Synthesis{}, fmt.Errorf("%w: the root has no children", ErrShape)
	}
	if err := s.walk(root, 1, root.Code, 0); err != nil {
		return Synthesis{}, err
	}
	cr := 0.0
	levels := make([]float64, len(s.ciSum))
	for k := range s.ciSum {
		if s.riSum[k] > 0 {
			levels[k] = s.ciSum[k] / s.riSum[k]
		}
		cr += levels[k]
	}
	out := Synthesis{
		Leaves: s.leaves, Totals: s.totals(), Local: s.local,
		LevelCR: decimals(levels, cfg.scale), LevelCRExact: exactDecimals(levels),
		CR: toDecimal(cr, cfg.scale), CRExact: exactDecimal(cr), Precision: precision(cfg.scale),
	}
	out.Consistent = cfg.accepts(out.CRExact)
	if cfg.strict && !out.Consistent {
		return Synthesis{}, &InconsistencyError{Path: root.Code, CR: out.CRExact, Threshold: cfg.threshold}
	}
	return out, nil
}

// totals sums the leaves' global weights by code, first appearance first.
func (s *synthesizer) totals() []GlobalWeight {
	index := map[string]int{}
	var codes []string
	var sums []float64
	for i, l := range s.leaves {
		k, ok := index[l.Code]
		if !ok {
			k = len(codes)
			index[l.Code] = k
			codes = append(codes, l.Code)
			sums = append(sums, 0)
		}
		sums[k] += s.global[i]
	}
	out := make([]GlobalWeight, len(codes))
	for k, c := range codes {
		out[k] = GlobalWeight{Code: c, Weight: toDecimal(sums[k], s.cfg.scale), WeightExact: exactDecimal(sums[k])}
	}
	return out
}

// maxDepth bounds the hierarchy so that a cyclic or absurd input cannot
// exhaust the stack.
const maxDepth = 32

type synthesizer struct {
	cfg          ahpConfig
	leaves       []GlobalWeight
	global       []float64 // unrounded global weight of each leaf
	local        []LocalResult
	ciSum, riSum []float64 // per depth
}

func (s *synthesizer) walk(n Node, g float64, path string, depth int) error {
	if depth > maxDepth {
		return fmt.Errorf("%w: hierarchy deeper than %d", ErrShape, maxDepth)
	}
	if len(n.Children) == 0 {
		s.leaves = append(s.leaves, GlobalWeight{Code: n.Code, Weight: toDecimal(g, s.cfg.scale), WeightExact: exactDecimal(g)})
		s.global = append(s.global, g)
		return nil
	}
	if n.Matrix.Size() != len(n.Children) {
		return fmt.Errorf("%w: node %q: matrix of size %d for %d children", ErrShape, path, n.Matrix.Size(), len(n.Children))
	}
	res, raw, err := ahp(n.Matrix, s.cfg, path)
	if err != nil {
		return fmt.Errorf("%w (node %q)", err, path)
	}
	children := make([]string, len(n.Children))
	for i, c := range n.Children {
		children[i] = c.Code
	}
	s.local = append(s.local, LocalResult{Code: n.Code, Children: children, Result: res})
	if depth == len(s.ciSum) {
		s.ciSum = append(s.ciSum, 0)
		s.riSum = append(s.riSum, 0)
	}
	s.ciSum[depth] = float64(g*raw.ci) + s.ciSum[depth]
	s.riSum[depth] = float64(g*raw.ri) + s.riSum[depth]
	for i, c := range n.Children {
		if err := s.walk(c, float64(g*raw.weights[i]), path+"/"+c.Code, depth+1); err != nil {
			return err
		}
	}
	return nil
}

// GroupMethod is how GroupAHP combines the judgements of several experts.
// In calls the zero value means AIJ.
type GroupMethod uint8

// The group methods of E. Forman and K. Peniwati, "Aggregating individual
// judgments and priorities with the Analytic Hierarchy Process", European
// Journal of Operational Research 108 (1998) 165–169. Judgements are
// combined only by the geometric mean, the one mean that keeps the group
// matrix reciprocal (J. Aczél and T. L. Saaty, "Procedures for
// synthesizing ratio judgements", Journal of Mathematical Psychology 27
// (1983) 93–102); priorities may be combined by either mean.
const (
	// AIJ aggregates individual judgements: each entry of the group
	// matrix is the weighted geometric mean of the experts' entries, and
	// AHP runs on that matrix.
	AIJ GroupMethod = iota + 1
	// AIP aggregates individual priorities: AHP runs on each expert's
	// matrix and the group weights are the normalised weighted geometric
	// means of the experts' unrounded weights.
	AIP
	// AIPArithmetic aggregates individual priorities by their weighted
	// arithmetic mean, Σ_k s_k·w_k, which Forman and Peniwati accept for
	// AIP beside the geometric mean (it already sums to 1).
	AIPArithmetic
)

var groupMethodNames = enum.New[GroupMethod]("evaluation.GroupMethod", "aij", "aip", "aip_arithmetic")

// IsValid reports whether g is one of the GroupMethod values.
func (g GroupMethod) IsValid() bool { return groupMethodNames.Valid(g) }

// String returns the wire name of g, or "GroupMethod(N)" for an invalid value.
func (g GroupMethod) String() string { return groupMethodNames.String(g) }

// AppendText appends the wire name of g to b; an invalid value is an error.
func (g GroupMethod) AppendText(b []byte) ([]byte, error) { return groupMethodNames.Append(b, g) }

// MarshalText returns the wire name of g; an invalid value is an error.
func (g GroupMethod) MarshalText() ([]byte, error) { return groupMethodNames.Marshal(g) }

// UnmarshalText sets *g to the value named by b; on error *g is unchanged.
func (g *GroupMethod) UnmarshalText(b []byte) error { return groupMethodNames.Unmarshal(g, b) }

// ParseGroupMethod returns the GroupMethod named s; an unknown name is a *grassroots.UnknownNameError.
func ParseGroupMethod(s string) (GroupMethod, error) { return groupMethodNames.Parse(s) }

// GroupResult is the outcome of GroupAHP.
type GroupResult struct {
	Method GroupMethod `json:"method"`
	// Weights are the group priorities rounded to Scale places;
	// WeightsExact the unrounded ones (see AHPResult).
	Weights      []decimal.Decimal `json:"weights"`
	WeightsExact []decimal.Decimal `json:"weights_exact"`
	// Individual holds each expert's own AHP result.
	Individual []AHPResult `json:"individual"`
	// Matrix is the aggregated group matrix (AIJ only): entry (i, j) is
	// the weighted geometric mean of the experts' entries, unrounded.
	Matrix Pairwise `json:"matrix,omitzero"`
	// Combined is the AHP result of Matrix (AIJ only).
	Combined *AHPResult `json:"combined,omitempty"`
	Precision
}

// GroupAHP combines the pairwise judgements of several experts on the same
// items. experts holds each expert's weight (non-negative, positive sum;
// nil means equal weights); they are used as shares of their sum. A
// weight written with an exponent beyond ±10,000 is a
// *grassroots.ValidationError at "experts[k]" that matches ErrValue.
//
// Weighted geometric means are computed as exp(Σ_k s_k·ln x_k) with the
// package's platform-independent ln and exp. With AIJ the group matrix
// keeps exact reciprocity: its lower triangle is the reciprocal of its
// upper. opts apply to every AHP run; with opts.Strict an inconsistent
// expert or group matrix is an error. Each method works on the unrounded
// individual results.
func GroupAHP(ms []Pairwise, experts []decimal.Decimal, method GroupMethod, opts AHPOptions) (GroupResult, error) {
	cfg, err := opts.resolve()
	if err != nil {
		return GroupResult{}, err
	}
	if method, err = resolveEnum("group method", groupMethodNames, method, AIJ); err != nil {
		return GroupResult{}, err
	}
	if len(ms) == 0 {
		return GroupResult{}, fmt.Errorf("%w: no expert matrices", ErrShape)
	}
	share, err := expertShares(experts, len(ms))
	if err != nil {
		return GroupResult{}, err
	}
	n := ms[0].Size()
	out := GroupResult{Method: method, Individual: make([]AHPResult, len(ms)), Precision: precision(cfg.scale)}
	raws := make([]ahpRaw, len(ms))
	for k, m := range ms {
		if m.Size() != n {
			return GroupResult{}, fmt.Errorf("%w: expert %d compares %d items, expert 0 compares %d", ErrShape, k, m.Size(), n)
		}
		out.Individual[k], raws[k], err = ahp(m, cfg, grassroots.ElementPath("experts", k))
		if err != nil {
			return GroupResult{}, err
		}
	}
	switch method {
	case AIP, AIPArithmetic:
		g := make([]float64, n)
		for i := range n {
			s := 0.0
			for k := range ms {
				if method == AIP {
					s = float64(share[k]*ln(raws[k].weights[i])) + s
				} else {
					s = float64(share[k]*raws[k].weights[i]) + s
				}
			}
			g[i] = s
			if method == AIP {
				g[i] = exp(s)
			}
		}
		normalizeSum(g)
		out.Weights, out.WeightsExact = decimals(g, cfg.scale), exactDecimals(g)
		return out, nil
	}
	a := make([]float64, n*n)
	for i := range n {
		a[i*n+i] = 1
		for j := i + 1; j < n; j++ {
			s := 0.0
			for k, m := range ms {
				s = float64(share[k]*ln(m.a[i*n+j])) + s
			}
			a[i*n+j] = exp(s)
			a[j*n+i] = 1 / a[i*n+j]
		}
	}
	out.Matrix = Pairwise{n: n, a: a}
	combined, _, err := ahp(out.Matrix, cfg, "group")
	if err != nil {
		return GroupResult{}, err
	}
	out.Combined = &combined
	out.Weights, out.WeightsExact = combined.Weights, combined.WeightsExact
	return out, nil
}

// expertShares returns each expert's weight divided by the total, in
// float64; nil weights mean equal shares.
func expertShares(experts []decimal.Decimal, k int) ([]float64, error) {
	share := make([]float64, k)
	if experts == nil {
		for i := range share {
			share[i] = 1 / float64(k)
		}
		return share, nil
	}
	if len(experts) != k {
		return nil, fmt.Errorf("%w: %d expert weights for %d matrices", ErrShape, len(experts), k)
	}
	var p validate.Problems
	if !tameAll(&p, "experts", experts) {
		return nil, tameErr(ErrValue, &p)
	}
	sum := decimal.Zero
	for i, w := range experts {
		if w.IsNegative() {
			return nil, fmt.Errorf("%w: expert %d weight %s is negative", ErrValue, i, w)
		}
		sum = sum.Add(w)
	}
	if !sum.IsPositive() {
		return nil, fmt.Errorf("%w: expert weights sum to zero", ErrDegenerate)
	}
	fs := toFloat(sum)
	if fs == 0 || math.IsInf(fs, 0) {
		// The sum is beyond a float64 (weights such as 1e-400 or 1e400,
		// which JSON can carry): each share is divided exactly first.
		for i, w := range experts {
			share[i] = toFloat(w.DivRound(sum, 20))
		}
		return share, nil
	}
	for i, w := range experts {
		share[i] = toFloat(w) / fs
	}
	return share, nil
}
