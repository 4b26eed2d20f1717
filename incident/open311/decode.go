package open311

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"

	"github.com/grassrootsgov/grassroots"
)

// maxDocument bounds a document the decoders read: 1,000 requests of a few
// kilobytes each, with room to spare.
const maxDocument = 32 << 20

// DecodeRequests reads a service request list as a GeoReport v2 server
// writes it, in JSON (an array, or a single object as some servers answer
// requests/{id}) or in XML (<service_requests><request>…), told apart by
// the first non-space byte. A lat or long out of range (or not finite)
// matches ErrInvalidCoordinate. IDs and codes may be JSON strings or integers.
// Text that is not valid JSON or XML, such as the specification's own
// example with "service_code":006, is an error matching ErrMalformed; an
// invalid datetime matches ErrInvalidDatetime, an ID that is neither string
// nor integer ErrInvalidID. On error no requests are returned.
func DecodeRequests(r io.Reader) ([]Request, error) {
	var x xmlRequests
	list, err := decode(r, &x, func() []Request { return x.Items })
	if err != nil {
		return nil, err
	}
	for i, q := range list {
		if !inRange(q.Lat, 90) || !inRange(q.Long, 180) {
			return nil, fmt.Errorf("%w: request %d: lat must be in [-90, 90] and long in [-180, 180]", ErrInvalidCoordinate, i)
		}
	}
	return list, nil
}

// inRange reports whether an optional coordinate is absent or a finite
// number within ±limit.
func inRange(v *float64, limit float64) bool {
	return v == nil || (*v >= -limit && *v <= limit)
}

// DecodeUpdates reads a servicerequestupdates list with the rules of
// DecodeRequests: in XML, <service_request_updates><request_update>…, the
// root the extension documents, or <service_requests_updates>, as
// FixMyStreet's test fixtures and some council back ends write it; in
// JSON, an array as mySociety's open311-adapter writes it, a single
// update, or an object {"service_request_updates": …} holding either, as
// FixMyStreet's own endpoint answers. A status the extension does not
// define is an error matching grassroots.ErrUnknownName, an update
// without a status one matching ErrMalformed.
func DecodeUpdates(r io.Reader) ([]Update, error) {
	var x xmlUpdatesIn
	list, err := decode(r, &x, func() []Update { return x.Items })
	if err != nil {
		return nil, err
	}
	if x.XMLName.Local != "" && x.XMLName.Local != "service_request_updates" && x.XMLName.Local != "service_requests_updates" {
		return nil, fmt.Errorf("%w: root element <%s>, not <service_request_updates>", ErrMalformed, x.XMLName.Local)
	}
	for i, u := range list {
		if !u.Status.IsValid() {
			return nil, fmt.Errorf("%w: update %d has no status", ErrMalformed, i)
		}
	}
	return list, nil
}

// xmlUpdatesIn reads either root element of an update list.
type xmlUpdatesIn struct {
	XMLName xml.Name
	Items   []Update `xml:"request_update"`
}

// wrappedUpdates is FixMyStreet's JSON form of an update list.
type wrappedUpdates struct {
	Updates json.RawMessage `json:"service_request_updates"`
}

func decode[T any](r io.Reader, x any, items func() []T) ([]T, error) {
	if r == nil {
		return nil, fmt.Errorf("%w: no document to read (a nil io.Reader)", ErrMalformed)
	}
	b, err := io.ReadAll(io.LimitReader(r, maxDocument+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	if len(b) > maxDocument {
		return nil, fmt.Errorf("%w: document exceeds %d bytes", ErrMalformed, maxDocument)
	}
	return decodeDocument(b, x, items, true)
}

// decodeDocument is decode of the document b; unwrap allows the one
// {"service_request_updates": …} wrapper of an update list, which holds
// the list itself and no second wrapper.
func decodeDocument[T any](b []byte, x any, items func() []T, unwrap bool) ([]T, error) {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '<' {
		if err := xml.Unmarshal(b, x); err != nil {
			return nil, wrapDecode(err)
		}
		out := items()
		if out == nil {
			out = []T{}
		}
		return out, nil
	}
	var out []T
	if len(b) > 0 && b[0] == '{' {
		if _, updates := x.(*xmlUpdatesIn); updates && unwrap {
			var w wrappedUpdates
			if err := json.Unmarshal(b, &w); err == nil && len(w.Updates) > 0 {
				return decodeDocument(w.Updates, x, items, false)
			}
		}
		var one T
		if err := json.Unmarshal(b, &one); err != nil {
			return nil, wrapDecode(err)
		}
		return []T{one}, nil
	}
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, wrapDecode(err)
	}
	if out == nil {
		return nil, fmt.Errorf("%w: expected a list", ErrMalformed)
	}
	return out, nil
}

// wrapDecode keeps the typed errors of field decoders and marks everything
// else as malformed.
func wrapDecode(err error) error {
	if errors.Is(err, ErrInvalidID) || errors.Is(err, ErrInvalidDatetime) || errors.Is(err, grassroots.ErrUnknownName) {
		return err
	}
	return fmt.Errorf("%w: %w", ErrMalformed, err)
}
