package open311

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
)

// Format is a document encoding. The zero value is invalid.
type Format uint8

// The formats GeoReport v2 defines.
const (
	JSON Format = iota + 1
	XML
)

// ParseFormat parses "json" or "xml", the path suffixes of GeoReport v2;
// anything else matches ErrUnknownFormat.
func ParseFormat(s string) (Format, error) {
	switch s {
	case "json":
		return JSON, nil
	case "xml":
		return XML, nil
	}
	return 0, fmt.Errorf("%w: %q", ErrUnknownFormat, s)
}

// IsValid reports whether f is JSON or XML.
func (f Format) IsValid() bool { return f == JSON || f == XML }

// String returns "json" or "xml", or "Format(N)".
func (f Format) String() string {
	switch f {
	case JSON:
		return "json"
	case XML:
		return "xml"
	}
	return fmt.Sprintf("Format(%d)", uint8(f))
}

// MarshalText writes the name; an undefined value is an error.
func (f Format) MarshalText() ([]byte, error) {
	if !f.IsValid() {
		return nil, fmt.Errorf("%w: %d", ErrUnknownFormat, uint8(f))
	}
	return []byte(f.String()), nil
}

// UnmarshalText parses the name; on error *f is unchanged.
func (f *Format) UnmarshalText(b []byte) error {
	v, err := ParseFormat(string(b))
	if err != nil {
		return err
	}
	*f = v
	return nil
}

// EncodeRequests writes a request list as the Handler does: a JSON array,
// or XML <service_requests><request>… with a declaration.
func EncodeRequests(w io.Writer, f Format, list []Request) error {
	return encode(w, f, list, xmlRequests{Items: list})
}

// EncodeUpdates writes an update list as the Handler does: a JSON array,
// or XML <service_requests_updates><request_update>… with a declaration.
func EncodeUpdates(w io.Writer, f Format, list []Update) error {
	return encode(w, f, list, xmlUpdates{Items: list})
}

// encode writes v as JSON, or x (v wrapped in its root element) as XML.
func encode(w io.Writer, f Format, v, x any) error {
	switch f {
	case JSON:
		if err := json.NewEncoder(w).Encode(v); err != nil {
			return fmt.Errorf("open311: encode JSON: %w", err)
		}
		return nil
	case XML:
		if _, err := io.WriteString(w, xml.Header); err != nil {
			return fmt.Errorf("open311: encode XML: %w", err)
		}
		if err := xml.NewEncoder(w).Encode(x); err != nil {
			return fmt.Errorf("open311: encode XML: %w", err)
		}
		_, err := io.WriteString(w, "\n")
		return err
	}
	return fmt.Errorf("%w: %d", ErrUnknownFormat, uint8(f))
}

// write sends a response with status, encoded as f.
func write(w http.ResponseWriter, f Format, status int, v, x any) {
	var buf bytes.Buffer
	if err := encode(&buf, f, v, x); err != nil {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = w.Write([]byte("internal error\n"))
		return
	}
	if f == XML {
		w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	} else {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
	}
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// fail writes a list of errors with the first one's code as the HTTP
// status.
func (h *Handler) fail(w http.ResponseWriter, f Format, errs ...*Error) {
	list := make([]Error, len(errs))
	for i, e := range errs {
		list[i] = *e
	}
	failList(w, f, list)
}

func failList(w http.ResponseWriter, f Format, list []Error) {
	write(w, f, list[0].Code, list, xmlErrors{Items: list})
}
