package open311

import (
	"errors"
	"fmt"
)

// Sentinel errors. Decoders return errors that match one of these with
// errors.Is; invalid form content is a *grassroots.ValidationError
// (matching grassroots.ErrInvalid) whose paths are the Open311 parameter
// names ("lat", "attribute[FLOORS]").
var (
	// ErrMalformed reports a JSON or XML document that does not parse, such
	// as the GeoReport v2 specification's own example with the number 006.
	ErrMalformed = errors.New("open311: malformed document")
	// ErrInvalidID reports an ID that is neither a string nor an integer.
	ErrInvalidID = errors.New("open311: invalid ID")
	// ErrInvalidDatetime reports a datetime that is not a W3C datetime
	// with a time and a "Z" or "±hh:mm" zone.
	ErrInvalidDatetime = errors.New("open311: invalid datetime")
	// ErrInvalidCoordinate reports a latitude or longitude that is not a
	// finite number in range.
	ErrInvalidCoordinate = errors.New("open311: invalid coordinate")
	// ErrNotFound reports a service request the Store does not hold.
	ErrNotFound = errors.New("open311: service request not found")
	// ErrConflict reports a Save whose record changed since it was loaded.
	ErrConflict = errors.New("open311: service request changed concurrently")
)

// Error is one entry of a GeoReport v2 error response: the HTTP status as
// code and a description written for the client. The server answers every
// failure with a list of them, in JSON [{"code","description"}] or XML
// <errors><error><code/><description/></error></errors>. A description
// names the parameter at fault and what was expected; it never carries
// the text of an internal error. A nil *Error says it is nil.
type Error struct {
	Code        int    `json:"code" xml:"code"`
	Description string `json:"description" xml:"description"`
}

// Error returns "open311: <code> <description>".
func (e *Error) Error() string {
	if e == nil {
		return "open311: error response (a nil *Error)"
	}
	return fmt.Sprintf("open311: %d %s", e.Code, e.Description)
}
