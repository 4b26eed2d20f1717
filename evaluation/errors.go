package evaluation

import (
	"errors"
	"fmt"
	"strings"

	"github.com/grassrootsgov/grassroots"
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
	// ErrUnknownIndicator is matched by *UnknownIndicatorError: a code
	// that names no indicator, or names one that cannot take the value (a
	// group instead of a leaf).
	ErrUnknownIndicator = errors.New("evaluation: unknown indicator")
	// ErrPartyNotAllowed is matched by *PartyNotAllowedError: a party rates
	// an indicator the system does not let it rate.
	ErrPartyNotAllowed = errors.New("evaluation: party may not rate the indicator")
	// ErrMissing is matched when a required score, party or sample is
	// absent and the options say that is an error.
	ErrMissing = errors.New("evaluation: missing data")
	// ErrOption is matched when an option has a value outside its domain.
	ErrOption = errors.New("evaluation: invalid option")
)

// RIRangeError reports a matrix whose size has no entry in the random
// index table in use, so its consistency ratio cannot be computed. A nil
// *RIRangeError still matches ErrRIRange; its Error says it is nil.
type RIRangeError struct {
	N     int    // size of the matrix
	Table string // name of the random index table
	Max   int    // largest n the table covers
}

func (e *RIRangeError) Error() string {
	if e == nil {
		return "evaluation: matrix size outside the random index table (a nil *RIRangeError)"
	}
	return fmt.Sprintf("evaluation: random index table %q covers n = 1..%d, not n = %d", e.Table, e.Max, e.N)
}

// Is reports whether target is ErrRIRange.
func (e *RIRangeError) Is(target error) bool { return target == ErrRIRange }

// InconsistencyError reports judgements whose consistency ratio is not
// acceptable under the threshold in force. Path names the matrix in a
// hierarchy ("" for a single matrix). A nil *InconsistencyError still
// matches ErrInconsistent; its Error says it is nil.
type InconsistencyError struct {
	Path      string
	CR        decimal.Decimal
	Threshold decimal.Decimal
}

func (e *InconsistencyError) Error() string {
	if e == nil {
		return "evaluation: judgements are inconsistent (a nil *InconsistencyError)"
	}
	if e.Path == "" {
		return fmt.Sprintf("evaluation: consistency ratio %s is not below the threshold %s", e.CR, e.Threshold)
	}
	return fmt.Sprintf("evaluation: %s: consistency ratio %s is not below the threshold %s", e.Path, e.CR, e.Threshold)
}

// Is reports whether target is ErrInconsistent.
func (e *InconsistencyError) Is(target error) bool { return target == ErrInconsistent }

// RatingError reports the first unusable rating given to Aggregate, by its
// position in the input. A nil *RatingError says it is nil and unwraps to
// nil.
type RatingError struct {
	Index int
	Err   error
}

func (e *RatingError) Error() string {
	if e == nil {
		return "evaluation: rating refused (a nil *RatingError)"
	}
	return fmt.Sprintf("%v (rating %d)", e.Err, e.Index)
}

// Unwrap returns the reason the rating was refused.
func (e *RatingError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// UnknownIndicatorError reports a code that is not a leaf indicator of the
// system in use, with the codes that are. A nil *UnknownIndicatorError
// still matches ErrUnknownIndicator; its Error says it is nil.
type UnknownIndicatorError struct {
	Code string
	// Group is true when Code names a group, which takes no value.
	Group bool
	// Valid lists the system's leaf codes in depth-first order.
	Valid []string
}

func (e *UnknownIndicatorError) Error() string {
	if e == nil {
		return "evaluation: unknown indicator (a nil *UnknownIndicatorError)"
	}
	what := "no indicator"
	if e.Group {
		what = "a group, not a leaf indicator"
	}
	return fmt.Sprintf("evaluation: unknown indicator: %q is %s; leaf indicators: %s", e.Code, what, strings.Join(e.Valid, ", "))
}

// Is reports whether target is ErrUnknownIndicator.
func (e *UnknownIndicatorError) Is(target error) bool { return target == ErrUnknownIndicator }

// PartyNotAllowedError reports a rating by a party that the indicator
// does not list among its rating parties. A nil *PartyNotAllowedError
// still matches ErrPartyNotAllowed; its Error says it is nil.
type PartyNotAllowedError struct {
	Indicator string
	Party     grassroots.Party
	// Allowed lists the parties that may rate Indicator.
	Allowed []grassroots.Party
}

func (e *PartyNotAllowedError) Error() string {
	if e == nil {
		return "evaluation: party may not rate the indicator (a nil *PartyNotAllowedError)"
	}
	names := make([]string, len(e.Allowed))
	for i, p := range e.Allowed {
		names[i] = p.String()
	}
	return fmt.Sprintf("evaluation: party may not rate the indicator: %v may not rate %q; its parties: %s", e.Party, e.Indicator, strings.Join(names, ", "))
}

// Is reports whether target is ErrPartyNotAllowed.
func (e *PartyNotAllowedError) Is(target error) bool { return target == ErrPartyNotAllowed }
