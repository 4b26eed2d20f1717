package grid

import (
	"errors"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
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
// equivalents. It matches ErrShortfall.
type ShortfallError struct {
	Grids      int
	Workers    int
	Load       decimal.Decimal
	Capacity   decimal.Decimal
	Unassigned []Code
}

// Error says what is short.
func (e *ShortfallError) Error() string {
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
