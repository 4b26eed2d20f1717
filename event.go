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
func (e *Event) Validate() error {
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
	if e.Source != "" {
		if _, err := url.Parse(e.Source); err != nil {
			add("source", "uri_reference", "source is not a URI-reference")
		}
	}
	if !utf8.ValidString(e.Subject) {
		add("subject", "utf8", "subject is not valid UTF-8")
	}
	if e.DataContentType != "" {
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
	if len(e.Data) > 0 && !json.Valid(e.Data) {
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
	return fmt.Appendf(dst, "%d", n), nil
}

type member struct {
	name  string
	value []byte
}

// appendJSON writes e as one JSON object with members sorted by name.
// canonical selects RFC 8785 form for data; withHash includes the hash
// attribute.
func (e *Event) appendJSON(dst []byte, canonical, withHash bool) ([]byte, error) {
	ms := make([]member, 0, 12+len(e.Extensions))
	str := func(name, v string) {
		if v != "" {
			ms = append(ms, member{name, canonjson.AppendString(nil, v)})
		}
	}
	str("id", e.ID)
	str("source", e.Source)
	str("specversion", e.SpecVersion)
	str("type", e.Type)
	str("subject", e.Subject)
	if !e.Time.IsZero() {
		str("time", e.Time.Format(time.RFC3339Nano))
	}
	str("datacontenttype", e.DataContentType)
	str("dataschema", e.DataSchema)
	if e.Sequence != 0 {
		ms = append(ms, member{"sequence", fmt.Appendf(nil, "%d", e.Sequence)})
	}
	str("prevhash", e.PrevHash)
	if withHash {
		str("hash", e.Hash)
	}
	if len(e.Data) > 0 {
		var v []byte
		var err error
		if canonical {
			v, err = canonjson.Transform(e.Data)
		} else {
			var buf bytes.Buffer
			err = json.Compact(&buf, e.Data)
			v = buf.Bytes()
		}
		if err != nil {
			return dst, fmt.Errorf("grassroots: event data: %w", err)
		}
		ms = append(ms, member{"data", v})
	}
	if e.DataBase64 != nil {
		str("data_base64", base64.StdEncoding.EncodeToString(e.DataBase64))
		if len(e.DataBase64) == 0 {
			ms = append(ms, member{"data_base64", []byte(`""`)})
		}
	}
	for name, v := range e.Extensions {
		b, err := extensionJSON(nil, v)
		if err != nil {
			return dst, fmt.Errorf("grassroots: extension %q: %w", name, err)
		}
		ms = append(ms, member{name, b})
	}
	// Attribute names are ASCII, so byte order is RFC 8785's UTF-16 order.
	slices.SortFunc(ms, func(a, b member) int { return strings.Compare(a.name, b.name) })
	dst = append(dst, '{')
	for i, m := range ms {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = canonjson.AppendString(dst, m.name)
		dst = append(dst, ':')
		dst = append(dst, m.value...)
	}
	return append(dst, '}'), nil
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
