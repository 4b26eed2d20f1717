package open311

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/incident"
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
	if list == nil {
		list = []Request{} // an empty list is [] in JSON, not null
	}
	return encode(w, f, list, xmlRequests{Items: list})
}

// EncodeUpdates writes an update list as the Handler does: a JSON array,
// or XML <service_request_updates><request_update>… with a declaration.
func EncodeUpdates(w io.Writer, f Format, list []Update) error {
	if list == nil {
		list = []Update{}
	}
	return encode(w, f, list, xmlUpdates{Items: list})
}

// encode writes v as JSON, or x (v wrapped in its root element) as XML.
func encode(w io.Writer, f Format, v, x any) error {
	if w == nil {
		return errors.New("open311: nothing to write to (a nil io.Writer)")
	}
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

// send writes a response with status, encoded as f: v as JSON, or x (v
// wrapped in its root element) as XML. A HEAD request gets the headers
// only, Content-Length included. Should encoding fail, the client gets a
// 500 error list and no partial document.
func (h *Handler) send(w http.ResponseWriter, r *http.Request, f Format, status int, v, x any) {
	var buf bytes.Buffer
	if err := encode(&buf, f, v, x); err != nil {
		buf.Reset()
		status = http.StatusInternalServerError
		list := []Error{internalError}
		if err := encode(&buf, f, list, xmlErrors{Items: list}); err != nil {
			// A fixed error list always encodes; an invalid Format does not.
			buf.Reset()
			f = JSON
			_ = encode(&buf, f, list, xmlErrors{Items: list})
		}
	}
	if f == XML {
		w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	} else {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
	}
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(buf.Bytes())
	}
}

// fail writes a list of errors with the first one's code as the HTTP
// status.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, f Format, list ...Error) {
	h.send(w, r, f, list[0].Code, list, xmlErrors{Items: list})
}

// internalError is the one answer to a failure of the server itself: its
// cause is for the operator's logs, never for the client.
var internalError = Error{Code: http.StatusInternalServerError, Description: "the server could not complete the request; try again later"}

// internal answers a failure of the Store or of encoding with 500.
func (h *Handler) internal(w http.ResponseWriter, r *http.Request, f Format) {
	h.fail(w, r, f, internalError)
}

// invalid answers the problems the package's own decoders found in a
// client's parameters: one 400 Error per problem, whose description is
// the problem's message, written for the client and naming the
// parameter. Anything else is answered as internal.
func (h *Handler) invalid(w http.ResponseWriter, r *http.Request, f Format, err error) {
	var ve *grassroots.ValidationError
	if !errors.As(err, &ve) || len(ve.Fields) == 0 {
		h.internal(w, r, f)
		return
	}
	list := make([]Error, len(ve.Fields))
	for i, fe := range ve.Fields {
		list[i] = Error{Code: http.StatusBadRequest, Description: fe.Message}
	}
	h.fail(w, r, f, list...)
}

// refused answers an error of the incident Decider, for a request (status
// 0) or for an update with extended status st, in the client's terms.
func (h *Handler) refused(w http.ResponseWriter, r *http.Request, f Format, err error, st Status) {
	if e, ok := clientError(err, st); ok {
		h.fail(w, r, f, e)
		return
	}
	h.internal(w, r, f)
}

// clientError describes an error of the incident Decider for the client:
// which change was refused and what would be accepted, in Open311
// parameters. ok is false for errors that are the server's own.
func clientError(err error, st Status) (Error, bool) {
	change := "this request"
	if st.IsValid() {
		change = "an update with status " + strings.ToUpper(st.String())
	}
	var pe *incident.PermissionError
	var ve *grassroots.ValidationError
	var ce *grassroots.CommandConflictError
	switch {
	case errors.As(err, &pe):
		return Error{Code: http.StatusForbidden, Description: permissionText(pe, change)}, true
	case errors.As(err, &ve):
		return Error{Code: http.StatusBadRequest, Description: change + " was refused: " + invalidText(ve)}, true
	case errors.Is(err, incident.ErrNotLocated):
		return Error{Code: http.StatusBadRequest, Description: change + " needs the request to be dispatched, and it has no point yet (it was located by address only); it can move on once it is located"}, true
	case errors.Is(err, grassroots.ErrTransition):
		return Error{Code: http.StatusBadRequest, Description: change + " does not apply to the request in its current state; GET requests/{id} shows it"}, true
	case errors.Is(err, incident.ErrTimeBackwards):
		return Error{Code: http.StatusBadRequest, Description: "updated_datetime is before the request's latest change; send the time the update was made"}, true
	case errors.As(err, &ce):
		return Error{Code: http.StatusBadRequest, Description: "update_id was already used for another change of this request; give each update its own update_id"}, true
	}
	return Error{}, false
}

// opWords says in the client's words what each incident command does.
var opWords = map[incident.Op]string{
	incident.OpReport:   "report a matter",
	incident.OpAccept:   "accept the request",
	incident.OpReject:   "reject the request",
	incident.OpDispatch: "dispatch the request to a unit",
	incident.OpReturn:   "return the request to the dispatcher",
	incident.OpStart:    "start handling the request",
	incident.OpResolve:  "report the request handled",
	incident.OpClose:    "close the request",
	incident.OpReopen:   "reopen the request",
}

// permissionText says which step an api_key may not take and what it
// would need; it never names the reporter.
func permissionText(pe *incident.PermissionError, change string) string {
	words, ok := opWords[pe.Op]
	if !ok {
		words = "make this change"
	}
	s := change + " was refused: this api_key may not " + words
	switch pe.Missing {
	case incident.MissingRole:
		s += "; its actor needs the role " + strings.Join(pe.Roles, " or ")
	case incident.MissingParty:
		names := make([]string, len(pe.Parties))
		for i, p := range pe.Parties {
			names[i] = p.String()
		}
		s += "; its actor must be of party " + strings.Join(names, " or ")
	case incident.MissingUnit:
		if pe.Unit != "" {
			s += "; only the responsible unit " + pe.Unit + " may"
		} else {
			s += "; no unit is responsible for it yet"
		}
	case incident.MissingReporter:
		s += "; only its reporter may"
	}
	return s
}

// paramOf maps the field paths of incident commands to the Open311
// parameters they come from.
var paramOf = map[string]string{
	"category":     "service_code",
	"location":     "lat and long",
	"address":      "address_string",
	"address_id":   "address_id",
	"description":  "description",
	"media":        "media_url",
	"evidence":     "media_url",
	"contact":      "first_name, last_name and phone",
	"result":       "description",
	"reason":       "description",
	"note":         "description",
	"duplicate_of": "duplicate_of",
	"unit":         "the api_key's organisation",
}

// invalidText names the parameters behind an incident's validation
// problems, without the incident's own messages or paths.
func invalidText(ve *grassroots.ValidationError) string {
	var parts []string
	for _, fe := range ve.Fields {
		head, _, _ := strings.Cut(fe.Path, ".")
		head, _, _ = strings.Cut(head, "[")
		var part string
		switch p, ok := paramOf[head]; {
		case head == "duplicate_of" && fe.Rule == grassroots.RuleReference:
			part = "duplicate_of must name the original request, not this one"
		case ok:
			part = p + " is not acceptable"
		default:
			part = "a value derived from it is not acceptable"
		}
		if !slices.Contains(parts, part) {
			parts = append(parts, part)
		}
	}
	return strings.Join(parts, "; ")
}

// quote puts an identifier the client sent between double quotes, for
// messages.
func quote(s string) string { return `"` + s + `"` }
