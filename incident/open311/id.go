package open311

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/grassrootsgov/grassroots/internal/validate"
)

// ID is a service request ID, service code, address ID or account ID.
// GeoReport v2 says IDs are strings, but deployed servers also write them
// as JSON numbers; ID reads both and keeps the digits exactly, and always
// writes a JSON string, so "006" keeps its leading zero. JSON null reads as
// the empty ID. Decoding into a nil *ID is an error matching
// grassroots.ErrInvalid.
type ID string

// MarshalJSON writes the ID as a JSON string.
func (id ID) MarshalJSON() ([]byte, error) { return json.Marshal(string(id)) }

// UnmarshalJSON reads a JSON string, an integer or null. Any other value
// (a fraction, an exponent, an object) is ErrInvalidID; on error *id is
// unchanged.
func (id *ID) UnmarshalJSON(b []byte) error {
	if id == nil {
		return validate.NilTarget("open311.ID")
	}
	switch {
	case bytes.Equal(b, []byte("null")):
		*id = ""
		return nil
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return fmt.Errorf("%w: %s", ErrInvalidID, b)
		}
		*id = ID(s)
		return nil
	case isInteger(b):
		*id = ID(b)
		return nil
	}
	return fmt.Errorf("%w: %s", ErrInvalidID, b)
}

// isInteger reports whether b is an optionally negative run of digits.
// encoding/json has already rejected leading zeros before this is called.
func isInteger(b []byte) bool {
	if len(b) > 0 && b[0] == '-' {
		b = b[1:]
	}
	if len(b) == 0 {
		return false
	}
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
