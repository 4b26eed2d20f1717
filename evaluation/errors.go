package evaluation

import (
	"errors"
	"fmt"

	"github.com/shopspring/decimal"
)

// Sentinel errors. Every error returned by this package matches one of
// them, or grassroots.ErrInvalid for a *grassroots.ValidationError or a
// *grassroots.UnknownNameError.
var (
	// ErrPairwise is matched by errors about a pairwise comparison matrix
	// that is not square, not positive, or not reciprocal, and by syntax
	// errors of its text form.
	ErrPairwise = errors.New("evaluation: invalid pairwise matrix")
	// ErrRIRange is matched by *RIRangeError.
	ErrRIRange = errors.New("evaluation: matrix size outside the random index table")
	// ErrInconsistent is matched by *InconsistencyError.
	ErrInconsistent = errors.New("evaluation: judgements are inconsistent")
	// ErrShape is matched by errors about inputs whose dimensions do not
	// fit together (a weight per criterion, a row per alternative, …).
	ErrShape = errors.New("evaluation: input dimensions do not match")
	// ErrValue is matched by errors about a number outside its domain:
	// a negative weight, a NaN, a value off its scale.
	ErrValue = errors.New("evaluation: value out of range")
	// ErrDegenerate is matched when the data carry no information to
	// compute the requested quantity from: every criterion constant, no
	// pairable values, weights that sum to zero.
	ErrDegenerate = errors.New("evaluation: degenerate input")
	// ErrUnknownIndicator is matched when a code names no indicator, or
	// names one that cannot take the value (a group instead of a leaf).
	ErrUnknownIndicator = errors.New("evaluation: unknown indicator")
	// ErrMissing is matched when a required score, party or sample is
	// absent and the options say that is an error.
	ErrMissing = errors.New("evaluation: missing data")
	// ErrOption is matched when an option has a value outside its domain.
	ErrOption = errors.New("evaluation: invalid option")
)

// RIRangeError reports a matrix whose size has no entry in the random
// index table in use, so its consistency ratio cannot be computed.
type RIRangeError struct {
	N     int    // size of the matrix
	Table string // name of the random index table
}

func (e *RIRangeError) Error() string {
	return fmt.Sprintf("evaluation: random index table %q has no entry for n = %d", e.Table, e.N)
}

// Is reports whether target is ErrRIRange.
func (e *RIRangeError) Is(target error) bool { return target == ErrRIRange }

// InconsistencyError reports judgements whose consistency ratio is not
// acceptable under the threshold in force. Path names the matrix in a
// hierarchy ("" for a single matrix).
type InconsistencyError struct {
	Path      string
	CR        decimal.Decimal
	Threshold decimal.Decimal
}

func (e *InconsistencyError) Error() string {
	if e.Path == "" {
		return fmt.Sprintf("evaluation: consistency ratio %s is not below the threshold %s", e.CR, e.Threshold)
	}
	return fmt.Sprintf("evaluation: %s: consistency ratio %s is not below the threshold %s", e.Path, e.CR, e.Threshold)
}

// Is reports whether target is ErrInconsistent.
func (e *InconsistencyError) Is(target error) bool { return target == ErrInconsistent }

// RatingError reports the first unusable rating given to Aggregate, by its
// position in the input.
type RatingError struct {
	Index int
	Err   error
}

func (e *RatingError) Error() string {
	return fmt.Sprintf("evaluation: rating %d: %v", e.Index, e.Err)
}

// Unwrap returns the reason the rating was refused.
func (e *RatingError) Unwrap() error { return e.Err }
