package grid

import (
	"errors"
	"strconv"
)

// Sentinel errors. Errors returned by this package wrap one of these (or
// are a *grassroots.ValidationError, which matches grassroots.ErrInvalid),
// so callers branch with errors.Is.
var (
	// ErrInvalidCode is matched by errors for a malformed Code.
	ErrInvalidCode = errors.New("grid: invalid code")
	// ErrUnknownLevel is matched by errors for a name or value that is not a Level.
	ErrUnknownLevel = errors.New("grid: unknown level")
	// ErrUnknownKind is matched by errors for a name or value that is not a Kind.
	ErrUnknownKind = errors.New("grid: unknown kind")
	// ErrUnknownCRS is matched by errors for a name or value that is not a CRS.
	ErrUnknownCRS = errors.New("grid: unknown coordinate reference system")
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
)

// CRSError reports a point that cannot be converted between two coordinate
// reference systems. It matches ErrUnknownCRS when a system is invalid and
// ErrInvalidPoint when the point is.
type CRSError struct {
	From, To CRS
	Point    Point
	Err      error
}

// Error describes the failed conversion.
func (e *CRSError) Error() string {
	return "grid: cannot convert " + e.Point.String() + " from " + e.From.String() + " to " + e.To.String() + ": " + e.Err.Error()
}

// Unwrap returns the cause.
func (e *CRSError) Unwrap() error { return e.Err }

// TreeError reports a problem in the hierarchy passed to NewTree: the grid
// at Index (its position in the input) with code Code.
type TreeError struct {
	Index int
	Code  Code
	Err   error
}

// Error names the grid and the problem.
func (e *TreeError) Error() string {
	return "grid: grid " + strconv.Itoa(e.Index) + " (" + strconv.Quote(string(e.Code)) + "): " + e.Err.Error()
}

// Unwrap returns the cause.
func (e *TreeError) Unwrap() error { return e.Err }

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
