package open311

import (
	"errors"
	"fmt"
)

// Sentinel errors. Decoders and the form reader return errors that match one
// of these with errors.Is.
var (
	// ErrMalformed reports a JSON or XML document that does not parse, such
	// as the GeoReport v2 specification's own example with the number 006.
	ErrMalformed = errors.New("open311: malformed document")
	// ErrInvalidID reports an ID that is neither a string nor an integer.
	ErrInvalidID = errors.New("open311: invalid ID")
	// ErrInvalidDatetime reports a datetime that is not RFC 3339 with a
	// "Z" or "±hh:mm" offset.
	ErrInvalidDatetime = errors.New("open311: invalid datetime")
	// ErrInvalidCoordinate reports a latitude or longitude that is not a
	// finite number in range.
	ErrInvalidCoordinate = errors.New("open311: invalid coordinate")
	// ErrNotFound reports a service request the Store does not hold.
	ErrNotFound = errors.New("open311: service request not found")
	// ErrConflict reports a Save whose record changed since it was loaded.
	ErrConflict = errors.New("open311: service request changed concurrently")
	// ErrNoGeocoder reports a request located only by an address when the
	// Handler has no Geocoder to turn it into coordinates.
	ErrNoGeocoder = errors.New("open311: no geocoder for an address-only location")
)

// Error is one entry of a GeoReport v2 error response: the HTTP status as
// code and a human-readable description. The server answers every failure
// with a list of them, in JSON [{"code","description"}] or XML
// <errors><error><code/><description/></error></errors>.
type Error struct {
	Code        int    `json:"code" xml:"code"`
	Description string `json:"description" xml:"description"`
}

// Error returns "open311: <code> <description>".
func (e *Error) Error() string {
	return fmt.Sprintf("open311: %d %s", e.Code, e.Description)
}

// FormError lists every problem of a submitted form at once. Each entry
// becomes one Error of a 400 response.
type FormError struct {
	Problems []Problem
}

// Problem is one rejected form field: the parameter name ("lat",
// "attribute[FLOORS]") and why.
type Problem struct {
	Field  string
	Reason string
}

// Error joins the problems into one line.
func (e *FormError) Error() string {
	s := "open311: invalid form"
	for i, p := range e.Problems {
		sep := ": "
		if i > 0 {
			sep = "; "
		}
		s += sep + p.Field + " " + p.Reason
	}
	return s
}

// Is matches ErrInvalidForm.
func (e *FormError) Is(target error) bool { return target == ErrInvalidForm }

// ErrInvalidForm is matched by every *FormError.
var ErrInvalidForm = errors.New("open311: invalid form")

// newFormError returns nil when there is no problem.
func newFormError(ps []Problem) error {
	if len(ps) == 0 {
		return nil
	}
	return &FormError{Problems: ps}
}
