package evaluation

import (
	"fmt"
	"math"
	"slices"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/enum"
	"github.com/grassrootsgov/grassroots/internal/exact"
	"github.com/grassrootsgov/grassroots/internal/validate"
	"github.com/shopspring/decimal"
)

// cells is the accumulated form of the ratings: per cell (subject, leaf,
// party) the count and the exact sum at scale q; for median and trimmed
// mean also every value with its cell, sorted by cell and value.
type cells struct {
	subjects []string
	q        int32 // decimal places of the fixed-point values
	acc      []cellAcc
	cellOf   []int32
	val      []int64
	offset   []int32 // start of each cell in val once sorted
	lo, hi   []int64 // per leaf: the scale bounds at q
}

// grow adds n zero cells, doubling the capacity when it runs out (append
// grows large slices by a quarter, which would copy the cells many times).
func (c *cells) grow(n int) {
	if cap(c.acc)-len(c.acc) < n {
		c.acc = slices.Grow(c.acc, max(len(c.acc), 64*n))
	}
	c.acc = c.acc[:len(c.acc)+n]
}

// cellAcc keeps a cell's sum and count together so that adding a rating
// touches one cache line.
type cellAcc struct {
	sum   int64
	count int64
}

func (p *plan) cellIndex(subject, leaf int, party grassroots.Party) int {
	return (subject*len(p.leaves)+leaf)*nParties + int(party) - 1
}

// accumulate makes one pass over the ratings. Each value becomes an
// integer at the common scale q (the most decimal places seen so far);
// when a rating has more places than q, everything accumulated so far is
// rescaled once. Consecutive ratings often share subject and indicator,
// so the last two lookups are remembered.
func (p *plan) accumulate(ratings []Rating) (*cells, error) {
	c := &cells{q: p.boundMax}
	if err := p.bounds(c); err != nil {
		return nil, err
	}
	keep := p.central != Mean
	if keep {
		c.cellOf = make([]int32, len(ratings))
		c.val = make([]int64, len(ratings))
	}
	stride := len(p.leaves) * nParties
	subjectIdx := map[string]int{}
	lastSubject, lastS := "", -1
	lastCode, lastL := "", -1
	for i := range ratings {
		r := &ratings[i]
		if lastS < 0 || r.Subject != lastSubject {
			si, ok := subjectIdx[r.Subject]
			if !ok {
				if r.Subject == "" {
					var v validate.Problems
					v.Add("subject", grassroots.RuleRequired, "a rating needs a subject")
					return nil, &RatingError{Index: i, Err: v.Err()}
				}
				if (len(c.subjects)+1)*stride > math.MaxInt32 {
					return nil, &RatingError{Index: i, Err: fmt.Errorf("%w: too many subjects", ErrShape)}
				}
				si = len(c.subjects)
				subjectIdx[r.Subject] = si
				c.subjects = append(c.subjects, r.Subject)
				c.grow(stride)
			}
			lastSubject, lastS = r.Subject, si
		}
		if lastL < 0 || r.Indicator != lastCode {
			li, ok := p.leafIdx.lookup(r.Indicator)
			if !ok {
				return nil, &RatingError{Index: i, Err: unknownIndicator(p.leaves, r.Indicator)}
			}
			lastCode, lastL = r.Indicator, li
		}
		if r.Party > nParties || p.allowed[lastL]&(1<<r.Party) == 0 {
			return nil, &RatingError{Index: i, Err: partyError(p.leaves[lastL], r.Party)}
		}
		v, err := p.fixedValue(c, r.Value, i)
		if err != nil {
			return nil, &RatingError{Index: i, Err: err}
		}
		if v < c.lo[lastL] || v > c.hi[lastL] {
			l := p.leaves[lastL]
			return nil, &RatingError{Index: i, Err: fmt.Errorf("%w: value %s outside %s..%s of %q", ErrValue, r.Value, l.Scale.Min, l.Scale.Max, l.Code)}
		}
		cell := p.cellIndex(lastS, lastL, r.Party)
		a := &c.acc[cell]
		sum, ok := exact.Add(a.sum, v)
		if !ok {
			return nil, &RatingError{Index: i, Err: fmt.Errorf("%w: sum exceeds 64-bit fixed point", ErrValue)}
		}
		a.sum = sum
		a.count++
		if keep {
			c.cellOf[i] = int32(cell)
			c.val[i] = v
		}
	}
	if keep {
		c.sortCells()
	}
	return c, nil
}

// fixedValue returns d at scale c.q, first raising c.q (and rescaling what
// was accumulated from the first n ratings) when d has more places.
func (p *plan) fixedValue(c *cells, d decimal.Decimal, n int) (int64, error) {
	e := d.Exponent()
	if d.NumDigits() > 18 || e < -18 || e > 18 {
		if err := untame(ErrValue, "value", d); err != nil {
			return 0, err
		}
		return 0, fmt.Errorf("%w: value %s has too many digits", ErrValue, d)
	}
	if -e > c.q {
		if err := p.rescale(c, -e, n); err != nil {
			return 0, err
		}
	}
	v, ok := exact.Rescale(d.CoefficientInt64(), -e, c.q)
	if !ok {
		return 0, fmt.Errorf("%w: value %s exceeds 64-bit fixed point", ErrValue, d)
	}
	return v, nil
}

func (p *plan) rescale(c *cells, q int32, n int) error {
	ok := true
	for i := range c.acc {
		if c.acc[i].sum, ok = exact.Rescale(c.acc[i].sum, c.q, q); !ok {
			break
		}
	}
	for i := 0; ok && c.val != nil && i < n; i++ {
		c.val[i], ok = exact.Rescale(c.val[i], c.q, q)
	}
	c.q = q
	if !ok {
		return fmt.Errorf("%w: values need %d decimal places; sums exceed 64-bit fixed point", ErrValue, q)
	}
	return p.bounds(c)
}

// bounds sets the per-leaf scale bounds at c.q.
func (p *plan) bounds(c *cells) error {
	c.lo = make([]int64, len(p.leaves))
	c.hi = make([]int64, len(p.leaves))
	for i, l := range p.leaves {
		var ok1, ok2 bool
		c.lo[i], ok1 = exact.FromDecimal(l.Scale.Min, c.q)
		c.hi[i], ok2 = exact.FromDecimal(l.Scale.Max, c.q)
		if !ok1 || !ok2 {
			return fmt.Errorf("%w: scale of %q exceeds 64-bit fixed point", ErrValue, l.Code)
		}
	}
	return nil
}

// sortCells orders the kept values by cell (a counting sort on the cell
// index) and then by value within each cell.
func (c *cells) sortCells() {
	c.offset = make([]int32, len(c.acc)+1)
	for cell, a := range c.acc {
		c.offset[cell+1] = c.offset[cell] + int32(a.count)
	}
	next := slices.Clone(c.offset[:len(c.acc)])
	sorted := make([]int64, len(c.val))
	for i, cell := range c.cellOf {
		sorted[next[cell]] = c.val[i]
		next[cell]++
	}
	c.val = sorted
	for cell := range c.acc {
		slices.Sort(c.val[c.offset[cell]:c.offset[cell+1]])
	}
}

// centralValue returns the central value of a non-empty cell at the result
// scale, rounded half away from zero; ok is false when it does not fit in
// 64-bit fixed point.
func (p *plan) centralValue(c *cells, cell int) (int64, bool) {
	num, den, ok := p.centralFraction(c, cell)
	if !ok {
		return 0, false
	}
	// num is at scale q and den an integer: the quotient at the result
	// scale, rounded half away from zero.
	return exact.DivRound(num, den, p.scale-c.q)
}

// centralFraction returns the central value of a non-empty cell as the
// exact fraction num / den, num at scale c.q and den an integer.
func (p *plan) centralFraction(c *cells, cell int) (num, den int64, ok bool) {
	n := c.acc[cell].count
	num, den = c.acc[cell].sum, n
	switch p.central {
	case Median:
		v := c.val[c.offset[cell]:c.offset[cell+1]]
		if n%2 == 1 {
			return v[n/2], 1, true
		}
		if num, ok = exact.Add(v[n/2-1], v[n/2]); !ok {
			return 0, 0, false
		}
		return num, 2, true
	case TrimmedMean:
		v := c.val[c.offset[cell]:c.offset[cell+1]]
		k := n * p.trimNum / p.trimDen
		num, den = 0, n-2*k
		for _, x := range v[k : n-k] {
			if num, ok = exact.Add(num, x); !ok {
				return 0, 0, false
			}
		}
	}
	return num, den, true
}

// unknownIndicator returns the error for a code that is not one of the
// leaves, listing them.
func unknownIndicator(leaves []Leaf, code string) *UnknownIndicatorError {
	e := &UnknownIndicatorError{Code: code, Valid: make([]string, len(leaves))}
	for i, l := range leaves {
		e.Valid[i] = l.Code
		if slices.Contains(l.Path[:len(l.Path)-1], code) {
			e.Group = true
		}
	}
	return e
}

// partyError returns the error for a rating by party of leaf l, which does
// not admit it: a *PartyNotAllowedError, or a *grassroots.ValidationError
// when party is no party at all.
func partyError(l Leaf, party grassroots.Party) error {
	if !party.IsValid() {
		var v validate.Problems
		v.Add("party", grassroots.RuleEnum, enum.PartyProblem(party))
		return v.Err()
	}
	return &PartyNotAllowedError{Indicator: l.Code, Party: party, Allowed: slices.Clone(l.Parties)}
}
