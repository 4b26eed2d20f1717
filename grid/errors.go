package grid

import (
	"errors"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots/internal/errtext"
)

// Sentinel errors. Errors returned by this package wrap one of these (or
// are a *grassroots.ValidationError, which matches grassroots.ErrInvalid),
// so callers branch with errors.Is.
var (
	// ErrInvalidCode is matched by errors for a malformed Code.
	ErrInvalidCode = errors.New("grid: invalid code")
	// ErrInvalidPoint is matched by errors for a point whose coordinates are
	// not finite or out of range.
	ErrInvalidPoint = errors.New("grid: invalid point")
	// ErrInvalidDivision is matched by errors for a string that is not a
	// statistical division code this package understands.
	ErrInvalidDivision = errors.New("grid: invalid statistical division code")
	// ErrMixedCRS is returned when grids that must share one coordinate
	// reference system do not.
	ErrMixedCRS = errors.New("grid: grids use different coordinate reference systems")
	// ErrNoGrids is returned when an index is requested over no grid with a
	// boundary.
	ErrNoGrids = errors.New("grid: no grids to index")
	// ErrInvalidSizing is matched by errors for an invalid SizingNorm or
	// sizing problem name.
	ErrInvalidSizing = errors.New("grid: invalid sizing")
	// ErrIndexTooLarge is returned when the geometry exceeds what an index can
	// address (more than 2^31-1 edges or cells).
	ErrIndexTooLarge = errors.New("grid: index too large")
	// ErrNoInverse is matched, in a *CRSError, when a point has no unique
	// position in the target system: a GCJ-02 position within 0.011° of
	// the edge of China's box that no WGS84 point, or two, shift to
	// (see Convert), or an inverse iteration that does not converge.
	ErrNoInverse = errors.New("grid: no unique inverse conversion")
)

// The rule names of geometry problems that no grassroots.Rule constant
// names. MultiPolygon.Validate and NewIndex report every other problem
// with the shared rules: a missing polygon or ring is
// grassroots.RuleRequired, a ring with fewer than four positions or three
// distinct ones grassroots.RuleMin, and a ring whose last position is not
// its first grassroots.RuleMismatch.
const (
	// RuleRange: a position is outside the coordinate domain: a longitude
	// outside [-180, 180], a latitude outside [-90, 90], or a coordinate
	// that is not a finite number. It names the position as a whole, which
	// no bound of a single number (grassroots.RuleMin, RuleMax) covers.
	RuleRange = "range"
	// RuleAntimeridian: an edge spans more than 180° of longitude; RFC
	// 7946 §3.1.9 has such geometry cut at the antimeridian.
	RuleAntimeridian = "antimeridian"
	// RuleSelfIntersection: a ring touches or crosses itself; OGC rings
	// are simple (OGC 06-103r4 §6.1.11).
	RuleSelfIntersection = "self_intersection"
	// RuleRingsIntersect: two rings of one polygon touch or cross.
	RuleRingsIntersect = "rings_intersect"
	// RuleHoleOutside: a hole does not lie inside its polygon's exterior
	// ring.
	RuleHoleOutside = "hole_outside"
	// RuleHoleInHole: a hole lies inside another hole of its polygon.
	RuleHoleInHole = "hole_in_hole"
	// RulePartsOverlap: the interiors of two polygons of a MultiPolygon
	// intersect.
	RulePartsOverlap = "parts_overlap"
	// RulePartsShareEdge: the boundaries of two polygons of a MultiPolygon
	// share a segment rather than touching at points only.
	RulePartsShareEdge = "parts_share_edge"
)

// errIndexCRS heads the error for an invalid IndexOptions.CRS.
var errIndexCRS = errors.New("grid: IndexOptions.CRS must be zero, for the grids' own system, or a valid system")

// causePrefixes are the prefixes a cause's message loses in an error or a
// field problem that puts its own context in front of it: messages carry
// one prefix.
var causePrefixes = []string{"grid: ", "grassroots: "}

// causeText returns err's message without its package prefix.
func causeText(err error) string { return errtext.Cause(err, causePrefixes...) }

// CRSError reports a point that cannot be converted between two coordinate
// reference systems. It matches grassroots.ErrInvalid when a system is invalid,
// ErrInvalidPoint when the point (or the result) is out of range and
// ErrNoInverse when the point has no unique position in the target system.
// A nil *CRSError says it is nil and unwraps to nil.
type CRSError struct {
	From, To CRS
	Point    Point
	Err      error
}

// Error describes the failed conversion.
func (e *CRSError) Error() string {
	if e == nil {
		return "grid: cannot convert a point (a nil *CRSError)"
	}
	return "grid: cannot convert " + e.Point.String() + " from " + e.From.String() + " to " + e.To.String() + ": " + causeText(e.Err)
}

// Unwrap returns the cause.
func (e *CRSError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// TreeError reports a problem in the hierarchy passed to NewTree: the grid
// at Index (its position in the input) with code Code. A nil *TreeError
// says it is nil and unwraps to nil.
type TreeError struct {
	Index int
	Code  Code
	Err   error
}

// Error names the grid and the problem.
func (e *TreeError) Error() string {
	if e == nil {
		return "grid: invalid grid hierarchy (a nil *TreeError)"
	}
	return "grid: grid " + strconv.Itoa(e.Index) + " (" + strconv.Quote(string(e.Code)) + "): " + causeText(e.Err)
}

// Unwrap returns the cause.
func (e *TreeError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// Hierarchy problems found by NewTree, wrapped in a *TreeError.
var (
	// ErrDuplicateCode: two grids have the same code.
	ErrDuplicateCode = errors.New("grid: duplicate code")
	// ErrUnknownParent: a grid names a parent that is not in the set.
	ErrUnknownParent = errors.New("grid: unknown parent")
	// ErrCycle: following parents from a grid comes back to it.
	ErrCycle = errors.New("grid: parent cycle")
	// ErrLevelOrder: a grid's level is not below its parent's.
	ErrLevelOrder = errors.New("grid: level not below parent level")
)

var (
	// ErrUnknownWorkerKind is matched by errors for a name or value that is
	// not a WorkerKind.
	ErrUnknownWorkerKind = errors.New("grid: unknown worker kind")
	// ErrShortfall is matched by a *ShortfallError: the workers cannot serve
	// every grid within their capacities.
	ErrShortfall = errors.New("grid: not enough worker capacity")
)

// ShortfallError reports that AssignWorkers could not give every grid a
// worker within capacity, and what is short: no workers at all, a total
// load above the total capacity, or grids that no worker had room for
// (Unassigned, sorted by code). Loads and capacities are in household
// equivalents. It matches ErrShortfall, as does a nil *ShortfallError,
// whose Error says it is nil.
type ShortfallError struct {
	Grids      int
	Workers    int
	Load       decimal.Decimal
	Capacity   decimal.Decimal
	Unassigned []Code
}

// Error says what is short.
func (e *ShortfallError) Error() string {
	if e == nil {
		return "grid: not enough worker capacity (a nil *ShortfallError)"
	}
	var b strings.Builder
	b.WriteString("grid: not enough worker capacity: ")
	switch {
	case e.Workers == 0:
		b.WriteString("no workers for " + strconv.Itoa(e.Grids) + " grids")
	case e.Load.GreaterThan(e.Capacity):
		b.WriteString("total load " + e.Load.String() + " exceeds total capacity " + e.Capacity.String() +
			" of " + strconv.Itoa(e.Workers) + " workers by " + e.Load.Sub(e.Capacity).String())
	default:
		b.WriteString(strconv.Itoa(len(e.Unassigned)) + " of " + strconv.Itoa(e.Grids) + " grids fit no worker's remaining capacity")
	}
	if n := len(e.Unassigned); n > 0 {
		b.WriteString(" (unassigned: ")
		for i, c := range e.Unassigned[:min(n, 5)] {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(string(c))
		}
		if n > 5 {
			b.WriteString(", …")
		}
		b.WriteString(")")
	}
	return b.String()
}

// Is reports whether target is ErrShortfall.
func (e *ShortfallError) Is(target error) bool { return target == ErrShortfall }

// ErrUnknownDefect is matched by errors for a name or value that is not a
// Defect.
var ErrUnknownDefect = errors.New("grid: unknown partition defect")
