package grassroots

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"mime"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/grassrootsgov/grassroots/internal/canonjson"
)

// SpecVersion is the CloudEvents specification version every Event carries.
const SpecVersion = "1.0"

// ContentType is the media type of a structured-mode CloudEvent in JSON.
const ContentType = "application/cloudevents+json"

// Event is a CloudEvents 1.0 envelope in structured-mode JSON: the form in
// which every domain event of this SDK is stored, published and exchanged.
//
// Each package converts its typed domain events to and from Events at the
// boundary, and Seal links the Events of one subject (an incident, a risk, a
// contract) into a hash chain that any vendor, in any language, can verify.
//
// The zero value is not a valid Event. Events are plain values; Data,
// DataBase64 and Extensions are shared when an Event is copied, so treat
// them as read-only once sealed.
//
// # Wire form
//
// MarshalJSON writes one JSON object with the context attributes, the
// chain attributes and the extension attributes at the top level, members
// sorted by name. Time is written in RFC 3339 with the offset it carries
// and the fewest fractional-second digits that represent it (Go's
// time.RFC3339Nano); a vendor that hashes must write time the same way.
// Data is written as the JSON value it holds, compacted but otherwise
// unchanged, so large integers and exact decimals survive a round trip.
type Event struct {
	// ID identifies the event within its Source. Required.
	ID string
	// Source is a URI-reference naming the context that produced the event
	// ("/districts/330302/incident"). Required.
	Source string
	// SpecVersion must be "1.0".
	SpecVersion string
	// Type follows "grassroots.<package>.<name>.v1" for this SDK's events
	// (see EventType); other types are valid CloudEvents too. Required.
	Type string
	// Subject is the aggregate the event belongs to (an incident or risk
	// ID). Optional for CloudEvents; required by Seal.
	Subject string
	// Time is when the occurrence happened. Zero means absent.
	Time time.Time
	// DataContentType is the RFC 2046 media type of the data. Optional.
	DataContentType string
	// DataSchema is an absolute URI of the data's schema. Optional.
	DataSchema string
	// Data is the payload as a JSON value. At most one of Data and
	// DataBase64 is set.
	Data json.RawMessage
	// DataBase64 is a binary payload, written as data_base64.
	DataBase64 []byte
	// Sequence is the position in the subject's chain, 1 for the first
	// event; 0 when the event is not sealed. Written as the extension
	// attribute "sequence".
	Sequence int64
	// PrevHash is the Hash of the previous event of the subject in
	// lowercase hex; empty for the first. Written as "prevhash".
	PrevHash string
	// Hash is the lowercase hex SHA-256 of the event's RFC 8785 canonical
	// JSON with the hash attribute removed. Written as "hash".
	Hash string
	// Extensions holds other extension attributes by name. Values are
	// string, bool or an integer type within the CloudEvents Integer range
	// (−2³¹ … 2³¹−1); decoding yields string, bool or int64.
	Extensions map[string]any
}

// Reserved attribute names: context attributes, data members and the chain
// extensions.
var reservedNames = []string{
	"data", "data_base64", "datacontenttype", "dataschema", "hash", "id",
	"prevhash", "sequence", "source", "specversion", "subject", "time", "type",
}

// EventType returns the CloudEvents type of a domain event of this SDK:
// EventType("incident", "reported") is "grassroots.incident.reported.v1".
func EventType(pkg, name string) string { return "grassroots." + pkg + "." + name + ".v1" }

// ParseEventType splits a type written by EventType into its package and
// event name. ok is false for any other form.
func ParseEventType(t string) (pkg, name string, ok bool) {
	rest, found := strings.CutPrefix(t, "grassroots.")
	if !found {
		return "", "", false
	}
	rest, found = strings.CutSuffix(rest, ".v1")
	if !found {
		return "", "", false
	}
	pkg, name, found = strings.Cut(rest, ".")
	if !found || pkg == "" || name == "" || strings.Contains(name, ".") {
		return "", "", false
	}
	return pkg, name, true
}

// IsValidExtensionName reports whether name is a legal CloudEvents
// extension attribute name: 1 to 20 characters of a–z and 0–9.
func IsValidExtensionName(name string) bool {
	if len(name) == 0 || len(name) > 20 {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// Validate checks e against the CloudEvents 1.0 rules and this SDK's chain
// attributes and reports every problem at once as a *ValidationError whose
// paths are the attribute names.
func (e *Event) Validate() error { return e.validate(true) }

// validate checks e; checkData false skips the scan of Data for callers
// that canonicalise it next, which rejects invalid JSON anyway.
func (e *Event) validate(checkData bool) error {
	var fs []FieldError
	add := func(path, rule, msg string) { fs = append(fs, FieldError{Path: path, Rule: rule, Message: msg}) }
	required := func(path, v string) {
		if v == "" {
			add(path, "required", path+" is required")
		} else if !utf8.ValidString(v) {
			add(path, "utf8", path+" is not valid UTF-8")
		}
	}
	required("id", e.ID)
	required("source", e.Source)
	required("type", e.Type)
	if e.SpecVersion != SpecVersion {
		add("specversion", "eq", fmt.Sprintf("specversion must be %q, got %q", SpecVersion, e.SpecVersion))
	}
	if e.Source != "" && !isPlainPath(e.Source) {
		if _, err := url.Parse(e.Source); err != nil {
			add("source", "uri_reference", "source is not a URI-reference")
		}
	}
	if !utf8.ValidString(e.Subject) {
		add("subject", "utf8", "subject is not valid UTF-8")
	}
	if e.DataContentType != "" && e.DataContentType != "application/json" {
		if _, _, err := mime.ParseMediaType(e.DataContentType); err != nil {
			add("datacontenttype", "media_type", "datacontenttype is not an RFC 2046 media type")
		}
	}
	if e.DataSchema != "" {
		if u, err := url.Parse(e.DataSchema); err != nil || !u.IsAbs() {
			add("dataschema", "uri", "dataschema must be an absolute URI")
		}
	}
	if len(e.Data) > 0 && e.DataBase64 != nil {
		add("data", "excluded_with", "data and data_base64 must not both be present")
	}
	if checkData && len(e.Data) > 0 && !json.Valid(e.Data) {
		add("data", "json", "data is not a valid JSON value")
	}
	if e.Sequence < 0 || e.Sequence > math.MaxInt32 {
		add("sequence", "range", "sequence must be between 1 and 2147483647")
	}
	if e.PrevHash != "" && !isHexHash(e.PrevHash) {
		add("prevhash", "hex64", "prevhash must be 64 lowercase hex digits")
	}
	if e.Hash != "" && !isHexHash(e.Hash) {
		add("hash", "hex64", "hash must be 64 lowercase hex digits")
	}
	if (e.Hash != "" || e.PrevHash != "") && e.Sequence == 0 {
		add("sequence", "required_with", "a chained event needs a sequence")
	}
	for _, name := range sortedKeys(e.Extensions) {
		switch {
		case !IsValidExtensionName(name):
			add(name, "extension_name", fmt.Sprintf("extension name %q must be 1-20 characters of a-z and 0-9", name))
		case slices.Contains(reservedNames, name):
			add(name, "extension_name", fmt.Sprintf("extension name %q is reserved", name))
		default:
			if _, err := extensionJSON(nil, e.Extensions[name]); err != nil {
				add(name, "extension_type", err.Error())
			}
		}
	}
	return NewValidationError(fs...)
}

// isPlainPath reports whether s holds only characters that make any
// string a valid URI-reference (letters, digits, and - . _ ~ /), so the
// common source form needs no full parse.
func isPlainPath(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') && (c < '0' || c > '9') &&
			c != '-' && c != '.' && c != '_' && c != '~' && c != '/' {
			return false
		}
	}
	return true
}

func isHexHash(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// extensionJSON appends the JSON form of an extension value.
func extensionJSON(dst []byte, v any) ([]byte, error) {
	var n int64
	switch x := v.(type) {
	case string:
		if !utf8.ValidString(x) {
			return dst, fmt.Errorf("extension value is not valid UTF-8")
		}
		return canonjson.AppendString(dst, x), nil
	case bool:
		if x {
			return append(dst, "true"...), nil
		}
		return append(dst, "false"...), nil
	case int:
		n = int64(x)
	case int32:
		n = int64(x)
	case int64:
		n = x
	default:
		return dst, fmt.Errorf("extension value of type %T is not a string, boolean or integer", v)
	}
	if n < math.MinInt32 || n > math.MaxInt32 {
		return dst, fmt.Errorf("extension integer %d is outside the CloudEvents Integer range", n)
	}
	return strconv.AppendInt(dst, n, 10), nil
}

// appendJSON writes e as one JSON object with members sorted by name.
// canonical selects RFC 8785 form for data; withHash includes the hash
// attribute. Attribute names are ASCII, so byte order is RFC 8785's UTF-16
// order, and the fixed attributes are written in that order with the
// extension names merged in.
func (e *Event) appendJSON(dst []byte, canonical, withHash bool) ([]byte, error) {
	var extNames []string
	if len(e.Extensions) > 0 {
		extNames = sortedKeys(e.Extensions)
	}
	w := objectWriter{dst: append(dst, '{'), ext: extNames, e: e}
	if len(e.Data) > 0 {
		w.name("data")
		var err error
		if canonical {
			w.dst, err = canonjson.AppendTransform(w.dst, e.Data)
		} else {
			w.dst, err = appendCompact(w.dst, e.Data)
		}
		if err != nil {
			return dst, fmt.Errorf("grassroots: event data: %w", err)
		}
	}
	if e.DataBase64 != nil {
		w.name("data_base64")
		w.dst = append(w.dst, '"')
		w.dst = base64.StdEncoding.AppendEncode(w.dst, e.DataBase64)
		w.dst = append(w.dst, '"')
	}
	w.str("datacontenttype", e.DataContentType)
	w.str("dataschema", e.DataSchema)
	if withHash {
		w.str("hash", e.Hash)
	}
	w.str("id", e.ID)
	w.str("prevhash", e.PrevHash)
	if e.Sequence != 0 {
		w.name("sequence")
		w.dst = strconv.AppendInt(w.dst, e.Sequence, 10)
	}
	w.str("source", e.Source)
	w.str("specversion", e.SpecVersion)
	w.str("subject", e.Subject)
	if !e.Time.IsZero() {
		w.name("time")
		w.dst = append(w.dst, '"')
		w.dst = e.Time.AppendFormat(w.dst, time.RFC3339Nano)
		w.dst = append(w.dst, '"')
	}
	w.str("type", e.Type)
	if err := w.flushExtensions(""); err != nil {
		return dst, err
	}
	return append(w.dst, '}'), nil
}

// objectWriter writes the members of an event object in name order,
// slipping each extension attribute in before the first fixed attribute
// whose name sorts after it.
type objectWriter struct {
	dst   []byte
	ext   []string
	e     *Event
	count int
	err   error
}

func (w *objectWriter) name(n string) {
	if w.err = w.flushExtensions(n); w.err != nil {
		return
	}
	w.key(n)
}

func (w *objectWriter) key(n string) {
	if w.count > 0 {
		w.dst = append(w.dst, ',')
	}
	w.count++
	w.dst = canonjson.AppendString(w.dst, n)
	w.dst = append(w.dst, ':')
}

func (w *objectWriter) str(n, v string) {
	if v != "" {
		w.name(n)
		w.dst = canonjson.AppendString(w.dst, v)
	}
}

// flushExtensions writes the pending extensions whose names sort before
// next; an empty next flushes them all.
func (w *objectWriter) flushExtensions(next string) error {
	if w.err != nil {
		return w.err
	}
	for len(w.ext) > 0 && (next == "" || w.ext[0] < next) {
		n := w.ext[0]
		w.ext = w.ext[1:]
		w.key(n)
		var err error
		if w.dst, err = extensionJSON(w.dst, w.e.Extensions[n]); err != nil {
			return fmt.Errorf("grassroots: extension %q: %w", n, err)
		}
	}
	return nil
}

func appendCompact(dst, src []byte) ([]byte, error) {
	buf := bytes.NewBuffer(dst)
	if err := json.Compact(buf, src); err != nil {
		return dst, err
	}
	return buf.Bytes(), nil
}

// MarshalJSON writes e in CloudEvents structured JSON. An Event that fails
// Validate is an error, so nothing invalid is ever written.
func (e Event) MarshalJSON() ([]byte, error) {
	if err := e.Validate(); err != nil {
		return nil, err
	}
	return e.appendJSON(nil, false, true)
}

// UnmarshalJSON reads CloudEvents structured JSON. Attributes set to null
// count as absent. The result must pass Validate; on any error *e is left
// unchanged.
func (e *Event) UnmarshalJSON(b []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return fmt.Errorf("grassroots: decoding event: %w", err)
	}
	var v Event
	var fs []FieldError
	bad := func(name, msg string) { fs = append(fs, FieldError{Path: name, Rule: "type", Message: msg}) }
	for name, r := range raw {
		if string(r) == "null" {
			continue
		}
		switch name {
		case "id", "source", "specversion", "type", "subject", "datacontenttype", "dataschema", "prevhash", "hash", "time", "data_base64":
			var s string
			if err := json.Unmarshal(r, &s); err != nil {
				bad(name, name+" must be a string")
				continue
			}
			v.setString(name, s, bad)
		case "sequence":
			n, err := decodeInteger(r)
			if err != nil {
				bad(name, "sequence must be an integer")
				continue
			}
			v.Sequence = n
		case "data":
			v.Data = append(json.RawMessage(nil), r...)
		default:
			x, err := decodeExtension(r)
			if err != nil {
				bad(name, err.Error())
				continue
			}
			if v.Extensions == nil {
				v.Extensions = make(map[string]any)
			}
			v.Extensions[name] = x
		}
	}
	if len(fs) > 0 {
		slices.SortFunc(fs, func(a, b FieldError) int { return strings.Compare(a.Path, b.Path) })
		return NewValidationError(fs...)
	}
	if err := v.Validate(); err != nil {
		return err
	}
	*e = v
	return nil
}

func (e *Event) setString(name, s string, bad func(name, msg string)) {
	switch name {
	case "id":
		e.ID = s
	case "source":
		e.Source = s
	case "specversion":
		e.SpecVersion = s
	case "type":
		e.Type = s
	case "subject":
		e.Subject = s
	case "datacontenttype":
		e.DataContentType = s
	case "dataschema":
		e.DataSchema = s
	case "prevhash":
		e.PrevHash = s
	case "hash":
		e.Hash = s
	case "time":
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			bad(name, "time must be an RFC 3339 timestamp")
			return
		}
		e.Time = t
	case "data_base64":
		d, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			bad(name, "data_base64 is not valid base64")
			return
		}
		if d == nil {
			d = []byte{}
		}
		e.DataBase64 = d
	}
}

func decodeInteger(r json.RawMessage) (int64, error) {
	dec := json.NewDecoder(bytes.NewReader(r))
	dec.UseNumber()
	var n json.Number
	if err := dec.Decode(&n); err != nil {
		return 0, err
	}
	return n.Int64()
}

func decodeExtension(r json.RawMessage) (any, error) {
	switch r[0] {
	case '"':
		var s string
		if err := json.Unmarshal(r, &s); err != nil {
			return nil, err
		}
		return s, nil
	case 't', 'f':
		var b bool
		if err := json.Unmarshal(r, &b); err != nil {
			return nil, err
		}
		return b, nil
	default:
		n, err := decodeInteger(r)
		if err != nil {
			return nil, fmt.Errorf("extension value must be a string, boolean or integer")
		}
		return n, nil
	}
}
