package open311

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"

	"github.com/grassrootsgov/grassroots/internal/enum"
)

// Format is a document encoding. The zero value is invalid.
type Format uint8

// The formats GeoReport v2 defines.
const (
	JSON Format = iota + 1
	XML
)

// formatNames are the path suffixes of GeoReport v2.
var formatNames = enum.New[Format]("open311.Format", "json", "xml")

// IsValid reports whether f is one of the Format values.
func (f Format) IsValid() bool { return formatNames.Valid(f) }

// String returns the wire name of f, or "Format(N)" for an invalid value.
func (f Format) String() string { return formatNames.String(f) }

// AppendText appends the wire name of f to b; an invalid value is an error.
func (f Format) AppendText(b []byte) ([]byte, error) { return formatNames.Append(b, f) }

// MarshalText returns the wire name of f; an invalid value is an error.
func (f Format) MarshalText() ([]byte, error) { return formatNames.Marshal(f) }

// UnmarshalText sets *f to the value named by b; on error *f is unchanged.
func (f *Format) UnmarshalText(b []byte) error { return formatNames.Unmarshal(f, b) }

// ParseFormat returns the Format named s; an unknown name is a *grassroots.UnknownNameError.
func ParseFormat(s string) (Format, error) { return formatNames.Parse(s) }

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
	_, err := f.MarshalText()
	return err
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
