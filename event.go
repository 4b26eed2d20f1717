package grassroots

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"mime"
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

// BatchContentType is the media type of a JSON array of structured-mode
// CloudEvents (batch mode).
const BatchContentType = "application/cloudevents-batch+json"

// Event is a CloudEvents 1.0 envelope in structured-mode JSON: the form in
// which every domain event of this SDK is stored, published and exchanged.
//
// Each package converts its typed domain events to and from Events with a
// Codec, and Seal links the Events of one subject (an incident, a risk, a
// contract) into a hash chain that any vendor, in any language, can verify
// (see the package documentation for the chain's wire format).
//
// The zero value is not a valid Event. Events are plain values; Data,
// DataBase64 and Extensions are shared when an Event is copied, so treat
// them as read-only once sealed. A nil *Event has no attributes, and its
// Validate, AppendJSON, SetAttribute and UnmarshalJSON return a
// *ValidationError instead of panicking.
//
// # Strict in, strict out
//
// UnmarshalJSON accepts only what CloudEvents 1.0, RFC 8259, RFC 3339 and
// I-JSON (RFC 7493) allow, and Validate (which MarshalJSON and Seal call)
// refuses exactly what UnmarshalJSON would refuse, so whatever is written
// reads back and whatever is sealed verifies after a round trip through
// its own JSON. Refused, each with a FieldError naming the attribute:
// repeated member names; invalid UTF-8, lone surrogates and noncharacters
// anywhere; control characters in attribute values; a required attribute
// that is absent or empty, and an optional one present but empty; a source
// that is not an RFC 3986 URI-reference, a dataschema that is not an
// absolute URI, a datacontenttype that is not an RFC 2046 media type;
// a time that is not RFC 3339 (section 5.6 exactly), has a year outside
// 0000–9999 or an offset with seconds; a sequence that is not a JSON
// integer from 1 to 2³¹−1; both data and data_base64; data that is JSON
// null; numbers in data that no IEEE 754 double holds exactly (send such
// values, like money and identity numbers, as strings); nesting deeper
// than 512 levels.
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
	// ID). Optional for CloudEvents; required by Seal. Empty means absent.
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
	// Hash is the lowercase hex SHA-256 of the event's canonical form (see
	// the package documentation). Written as "hash".
	Hash string
	// Extensions holds other extension attributes by name. Values are
	// string, bool or an integer type within the CloudEvents Integer range
	// (−2³¹ … 2³¹−1); decoding yields string, bool or int64.
	Extensions map[string]any
}

// Reserved attribute names: context attributes, data members and the chain
// extensions, in sorted order.
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
// paths are the attribute names. An Event that passes Validate marshals,
// and its JSON unmarshals to an equal Event.
func (e *Event) Validate() error {
	if e == nil {
		return errNilEvent
	}
	return e.validate(true)
}

// fieldList collects field problems in the root package, which cannot use
// internal/validate (that package depends on this one).
type fieldList []FieldError

func (l *fieldList) add(path, rule, msg string) {
	*l = append(*l, FieldError{Path: path, Rule: rule, Message: msg})
}

// validate checks e; checkData false skips the scan of Data for callers
// that canonicalise it next, which finds the same problems.
func (e *Event) validate(checkData bool) error {
	var fs fieldList
	fs.required("id", e.ID)
	fs.required("source", e.Source)
	fs.required("type", e.Type)
	if e.SpecVersion != SpecVersion {
		fs.add("specversion", RuleEnum, fmt.Sprintf("specversion must be %q, got %q", SpecVersion, e.SpecVersion))
	}
	fs.sourceURI(e.Source)
	fs.text("subject", e.Subject)
	if !e.Time.IsZero() {
		if msg := timestampProblem(e.Time); msg != "" {
			fs.add("time", RuleFormat, "time: "+msg)
		}
	}
	if e.DataContentType != "" && e.DataContentType != "application/json" {
		if fs.text("datacontenttype", e.DataContentType) {
			if mt, _, err := mime.ParseMediaType(e.DataContentType); err != nil || !strings.Contains(mt, "/") || strings.HasPrefix(mt, "/") || strings.HasSuffix(mt, "/") {
				fs.add("datacontenttype", RuleFormat, "datacontenttype must be an RFC 2046 media type")
			}
		}
	}
	if e.DataSchema != "" && fs.text("dataschema", e.DataSchema) && !isSchemaPath(e.DataSchema) {
		if msg := uriProblem(e.DataSchema, true); msg != "" {
			fs.add("dataschema", RuleFormat, "dataschema must be an absolute URI: "+msg)
		}
	}
	fs.data(e, checkData)
	if e.Sequence < 0 || e.Sequence > math.MaxInt32 {
		fs.add("sequence", RuleMax, "sequence must be between 1 and 2147483647")
	}
	if e.PrevHash != "" && !isHexHash(e.PrevHash) {
		fs.add("prevhash", RuleFormat, "prevhash must be 64 lowercase hex digits")
	}
	if e.Hash != "" && !isHexHash(e.Hash) {
		fs.add("hash", RuleFormat, "hash must be 64 lowercase hex digits")
	}
	if (e.Hash != "" || e.PrevHash != "") && e.Sequence == 0 {
		fs.add("sequence", RuleRequired, "a chained event needs a sequence")
	}
	for _, name := range sortedKeys(e.Extensions) {
		switch {
		case !IsValidExtensionName(name):
			fs.add(name, RuleFormat, fmt.Sprintf("extension name %q must be 1-20 characters of a-z and 0-9", name))
		case slices.Contains(reservedNames, name):
			fs.add(name, RuleExcluded, fmt.Sprintf("extension name %q is reserved", name))
		default:
			if msg := extensionProblem(e.Extensions[name]); msg != "" {
				fs.add(name, RuleType, msg)
			}
		}
	}
	return NewValidationError(fs...)
}

// validateBuilt checks, of an envelope that Codec.Envelope built, what
// validate checks of the attributes the codec did not write itself: the
// source and the data, which come from the caller and the encoder. Every
// other attribute holds by construction (the ID is a UUID, the type and
// dataschema are made of lower_snake names, the subject and time passed
// Meta.Validate, which is stricter than the CloudEvents String type), so
// validateBuilt reports exactly what validate(false) would.
func (e *Event) validateBuilt() error {
	var fs fieldList
	fs.required("source", e.Source)
	fs.sourceURI(e.Source)
	fs.data(e, false)
	return NewValidationError(fs...)
}

func (l *fieldList) required(name, v string) {
	if v == "" {
		l.add(name, RuleRequired, name+" is required")
	} else {
		l.text(name, v)
	}
}

func (l *fieldList) sourceURI(source string) {
	if source != "" && !isPlainPath(source) {
		if msg := uriProblem(source, false); msg != "" {
			l.add("source", RuleFormat, "source must be a URI-reference: "+msg)
		}
	}
}

// data checks the data members; full false leaves to canonicalisation
// what it will find anyway.
func (l *fieldList) data(e *Event, full bool) {
	if e.Data != nil && e.DataBase64 != nil {
		l.add("data", RuleExcluded, "data and data_base64 must not both be present")
	}
	if e.Data != nil {
		if msg := dataProblem(e.Data, full); msg != "" {
			l.add("data", RuleFormat, msg)
		}
	}
}

// text checks an attribute's string value against the CloudEvents String
// type: valid UTF-8 without control characters or noncharacters. It
// reports whether the value passed.
func (l *fieldList) text(name, v string) bool {
	if msg := textProblem(v); msg != "" {
		l.add(name, RuleFormat, name+" "+msg)
		return false
	}
	return true
}

func textProblem(v string) string {
	if canonjson.IsPlainASCII(v) {
		return ""
	}
	for i := 0; i < len(v); {
		c := v[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7F {
				return "has a control character"
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(v[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return "is not valid UTF-8"
		case r >= 0x80 && r <= 0x9F:
			return "has a control character"
		case canonjson.IsNoncharacter(r):
			return "has a noncharacter"
		}
		i += size
	}
	return ""
}

// dataProblem returns why data cannot be an event's data member, or "".
// full false checks only what canonicalising it later will not.
func dataProblem(data json.RawMessage, full bool) string {
	if len(bytes.TrimSpace(data)) == 0 {
		return "data is empty; leave it nil for an event without data"
	}
	if string(bytes.TrimSpace(data)) == "null" {
		return "data is JSON null; leave it nil for an event without data"
	}
	if full {
		var scratch [256]byte
		if _, err := canonjson.AppendExact(scratch[:0], data); err != nil {
			return dataErrorMessage(err)
		}
	}
	return ""
}

// dataError is the *ValidationError for data the canonicaliser refused
// with err.
func dataError(err error) error {
	return NewValidationError(FieldError{Path: "data", Rule: RuleFormat, Message: dataErrorMessage(err)})
}

func dataErrorMessage(err error) string {
	var ce *canonjson.Error
	if errors.As(err, &ce) {
		return "data is not valid I-JSON: " + ce.Msg
	}
	return "data is not valid I-JSON: " + err.Error()
}

// isPlainPath reports whether s holds only characters that make any
// string a valid URI-reference (letters, digits, and - . _ ~ /) and does
// not start with "//", so the common source form needs no full parse.
func isPlainPath(s string) bool {
	if strings.HasPrefix(s, "//") {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !plainPathByte[s[i]] {
			return false
		}
	}
	return true
}

// plainPathByte marks the bytes isPlainPath allows.
var plainPathByte = func() (t [256]bool) {
	for c := range 256 {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			c == '-' || c == '.' || c == '_' || c == '~' || c == '/'
	}
	return t
}()

// isSchemaPath reports whether s is SchemaBase followed by characters
// that any path may hold (letters, digits, and - . _ ~ /), so that this
// SDK's own dataschema URIs need no full parse: the result is an
// absolute URI whatever those characters are.
func isSchemaPath(s string) bool {
	rest, ok := strings.CutPrefix(s, SchemaBase)
	return ok && isPlainPath(rest)
}

// isHexHash reports whether s is 64 lowercase hex digits, testing eight
// bytes at a time.
func isHexHash(s string) bool {
	if len(s) != 64 {
		return false
	}
	ok := true
	for i := 0; i < 64; i += 8 {
		ok = ok && lowerHexWord(load64(s, i))
	}
	return ok
}

// lowerHexWord reports whether each of the 8 bytes of w is a lowercase
// hex digit. For bytes below 0x80 the additions cannot carry from one
// byte into the next: b+0x50 has its high bit set exactly when b ≥ '0',
// b+0x46 when b > '9', b+0x1F when b ≥ 'a' and b+0x19 when b > 'f'.
func lowerHexWord(w uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	if w&highs != 0 {
		return false
	}
	digit := (w + ones*(0x80-'0')) &^ (w + ones*(0x80-'9'-1))
	letter := (w + ones*(0x80-'a')) &^ (w + ones*(0x80-'f'-1))
	return (digit|letter)&highs == highs
}

// load64 reads the 8 bytes of s from i as a little-endian word.
func load64(s string, i int) uint64 {
	w := s[i : i+8]
	return uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
		uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
}

func sortedKeys(m map[string]any) []string {
	if len(m) == 0 {
		return nil
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// extensionInt returns the integer value of an extension, if it is one.
func extensionInt(v any) (int64, bool) {
	switch x := v.(type) {
	case int:
		return int64(x), true
	case int8:
		return int64(x), true
	case int16:
		return int64(x), true
	case int32:
		return int64(x), true
	case int64:
		return x, true
	case uint8:
		return int64(x), true
	case uint16:
		return int64(x), true
	case uint32:
		return int64(x), true
	}
	return 0, false
}

func extensionProblem(v any) string {
	switch x := v.(type) {
	case string:
		if msg := textProblem(x); msg != "" {
			return "extension value " + msg
		}
		return ""
	case bool:
		return ""
	}
	n, ok := extensionInt(v)
	if !ok {
		return fmt.Sprintf("extension value of type %T is not a string, boolean or integer", v)
	}
	if n < math.MinInt32 || n > math.MaxInt32 {
		return fmt.Sprintf("extension integer %d is outside the CloudEvents Integer range", n)
	}
	return ""
}

// appendExtension appends the JSON form of a valid extension value: its
// own type on the wire, or its canonical string when canonical is set.
func appendExtension(dst []byte, v any, canonical bool) []byte {
	switch x := v.(type) {
	case string:
		return canonjson.AppendString(dst, x)
	case bool:
		if canonical {
			dst = append(dst, '"')
		}
		dst = strconv.AppendBool(dst, x)
	default:
		n, _ := extensionInt(v)
		if canonical {
			dst = append(dst, '"')
		}
		dst = strconv.AppendInt(dst, n, 10)
	}
	if canonical {
		dst = append(dst, '"')
	}
	return dst
}

// appendJSON writes e as one JSON object with members sorted by name.
//
// canonical selects the form the chain hash covers: every attribute as a
// JSON string holding its CloudEvents canonical string (time in UTC);
// otherwise the wire form, with sequence and extension values in their
// own JSON types and time in its own offset. Data is in RFC 8785 form in
// both, which checks it as I-JSON on the way, unless dataCanonical says
// it is the canonicaliser's own output already, to be copied as it is.
// withHash includes the hash attribute. Attribute names are
// ASCII, so byte order is RFC 8785's UTF-16 order. m, when not nil,
// records where the form written differs from the other one (see
// wireMarks).
func (e *Event) appendJSON(dst []byte, canonical, withHash, dataCanonical bool, m *wireMarks) ([]byte, error) {
	w := objectWriter{dst: append(dst, '{'), ext: sortedKeys(e.Extensions), values: e.Extensions, canonical: canonical}
	if e.Data != nil {
		w.name("data")
		if dataCanonical {
			w.dst = append(w.dst, e.Data...)
		} else {
			var err error
			if w.dst, err = canonjson.AppendExact(w.dst, e.Data); err != nil {
				return dst, err
			}
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
	if m != nil {
		m.hash, m.first = len(w.dst), w.count == 0
	}
	w.str("id", e.ID)
	w.str("prevhash", e.PrevHash)
	if e.Sequence != 0 {
		w.name("sequence")
		if m != nil {
			m.seq = len(w.dst)
		}
		if canonical {
			w.dst = append(w.dst, '"')
		}
		w.dst = strconv.AppendInt(w.dst, e.Sequence, 10)
		if canonical {
			w.dst = append(w.dst, '"')
		}
		if m != nil {
			m.seqEnd = len(w.dst)
		}
	}
	w.str("source", e.Source)
	w.str("specversion", e.SpecVersion)
	w.str("subject", e.Subject)
	if !e.Time.IsZero() {
		w.name("time")
		if m != nil {
			m.time = len(w.dst)
		}
		w.dst = append(w.dst, '"')
		if canonical {
			w.dst = AppendCanonicalTimestamp(w.dst, e.Time)
		} else {
			w.dst = AppendTimestamp(w.dst, e.Time)
		}
		w.dst = append(w.dst, '"')
		if m != nil {
			m.timeEnd = len(w.dst)
		}
	}
	w.str("type", e.Type)
	w.flushExtensions("")
	return append(w.dst, '}'), nil
}

// wireMarks records, for an event without extensions or data_base64,
// the places where its canonical form (appendJSON with canonical set and
// no hash) differs from its wire form with the hash: where the hash
// member goes, and the spans of the sequence and time values. Offsets
// count from the object's opening brace; a zero span was not written.
type wireMarks struct {
	hash          int  // where the hash member goes, before the id
	first         bool // no member comes before the hash
	seq, seqEnd   int
	time, timeEnd int
}

// appendWire appends to dst the wire form of e, whose canonical form is
// canon, written with m, and whose hash is the hex string hash: the same
// bytes as appendJSON(dst, false, true, dataCanonical, nil) writes, since
// every other member is written alike in both forms.
func (m *wireMarks) appendWire(dst, canon []byte, e *Event, hash string) []byte {
	dst = append(dst, canon[:m.hash]...)
	if !m.first {
		dst = append(dst, ',')
	}
	dst = append(dst, `"hash":"`...)
	dst = append(dst, hash...)
	dst = append(dst, '"')
	if m.first && canon[m.hash] != '}' {
		dst = append(dst, ',')
	}
	at := m.hash
	if m.seqEnd != 0 {
		dst = append(dst, canon[at:m.seq]...)
		dst = strconv.AppendInt(dst, e.Sequence, 10)
		at = m.seqEnd
	}
	if m.timeEnd != 0 {
		dst = append(dst, canon[at:m.time]...)
		dst = append(dst, '"')
		dst = AppendTimestamp(dst, e.Time)
		dst = append(dst, '"')
		at = m.timeEnd
	}
	return append(dst, canon[at:]...)
}

// objectWriter writes the members of an event object in name order,
// slipping each extension attribute in before the first fixed attribute
// whose name sorts after it.
type objectWriter struct {
	dst       []byte
	ext       []string
	values    map[string]any // the extensions' values, by name
	count     int
	canonical bool
}

func (w *objectWriter) name(n string) {
	w.flushExtensions(n)
	w.key(n)
}

func (w *objectWriter) key(n string) {
	if w.count > 0 {
		w.dst = append(w.dst, ',')
	}
	w.count++
	// Attribute and extension names are lower-case ASCII letters, digits
	// and underscores: quoted, they are their own JSON.
	w.dst = append(w.dst, '"')
	w.dst = append(w.dst, n...)
	w.dst = append(w.dst, '"', ':')
}

func (w *objectWriter) str(n, v string) {
	if v != "" {
		w.name(n)
		w.dst = canonjson.AppendString(w.dst, v)
	}
}

// flushExtensions writes the pending extensions whose names sort before
// next; an empty next flushes them all.
func (w *objectWriter) flushExtensions(next string) {
	for len(w.ext) > 0 && (next == "" || w.ext[0] < next) {
		n := w.ext[0]
		w.ext = w.ext[1:]
		w.key(n)
		w.dst = appendExtension(w.dst, w.values[n], w.canonical)
	}
}

// MarshalJSON writes e in CloudEvents structured JSON, data in RFC 8785
// form. An Event that fails Validate is an error, so nothing is written
// that UnmarshalJSON would refuse.
func (e Event) MarshalJSON() ([]byte, error) {
	return e.AppendJSON(make([]byte, 0, 320+len(e.Data)))
}

// AppendJSON appends e in CloudEvents structured JSON to b, as MarshalJSON
// writes it, for callers that reuse buffers. On error b is returned
// unchanged.
func (e *Event) AppendJSON(b []byte) ([]byte, error) {
	if e == nil {
		return b, errNilEvent
	}
	if err := e.validate(false); err != nil {
		return b, err
	}
	out, err := e.appendJSON(b, false, true, false, nil)
	if err != nil {
		return b, dataError(err)
	}
	return out, nil
}

// ParseEvent reads one envelope in CloudEvents structured JSON strictly
// (see Event). Every problem, JSON syntax errors included, is a
// *ValidationError matching ErrInvalid. Prefer it to json.Unmarshal,
// whose own syntax check runs before UnmarshalJSON and reports a
// *json.SyntaxError instead.
func ParseEvent(b []byte) (Event, error) {
	var e Event
	err := e.UnmarshalJSON(b)
	return e, err
}

// UnmarshalJSON reads CloudEvents structured JSON strictly (see Event).
// Attributes set to null count as absent. Every problem is reported at
// once in a *ValidationError naming the attribute, and JSON syntax errors
// match ErrInvalid too. On any error *e is left unchanged.
func (e *Event) UnmarshalJSON(b []byte) error {
	if e == nil {
		return NewValidationError(FieldError{Rule: RuleRequired, Message: "cannot decode into a nil *Event"})
	}
	var v Event
	var fs fieldList
	err := canonjson.Members(b, func(name string, raw, canonical []byte) error {
		switch {
		case string(raw) == "null":
		case name == "data":
			v.Data = append(make(json.RawMessage, 0, len(canonical)), canonical...)
		default:
			v.decodeMember(&fs, name, raw)
		}
		return nil
	})
	if err != nil {
		var ce *canonjson.Error
		path, msg := "", "event is not valid JSON: "+err.Error()
		if errors.As(err, &ce) {
			path = ce.Member
			msg = fmt.Sprintf("event is not valid I-JSON: %s at byte %d", ce.Msg, ce.Offset)
		}
		if path == "data" {
			msg = dataErrorMessage(err)
		}
		return NewValidationError(FieldError{Path: path, Rule: RuleFormat, Message: msg})
	}
	if len(fs) > 0 {
		slices.SortStableFunc(fs, func(a, b FieldError) int { return strings.Compare(a.Path, b.Path) })
		return NewValidationError(fs...)
	}
	if err := v.validate(false); err != nil {
		return err
	}
	*e = v
	return nil
}

// decodeMember sets one member read from JSON, recording what is wrong
// with it in fs. The text has been checked as I-JSON already.
func (e *Event) decodeMember(fs *fieldList, name string, raw []byte) {
	switch name {
	case "sequence":
		n, ok := jsonInteger(raw)
		if !ok || n < 1 || n > math.MaxInt32 {
			fs.add(name, RuleType, "sequence must be a JSON integer from 1 to 2147483647")
			return
		}
		e.Sequence = n
		return
	}
	isString := raw[0] == '"'
	if !slices.Contains(reservedNames, name) {
		x, msg := decodeExtension(name, raw)
		if msg != "" {
			fs.add(name, RuleType, msg)
			return
		}
		if e.Extensions == nil {
			e.Extensions = make(map[string]any)
		}
		e.Extensions[name] = x
		return
	}
	if !isString {
		fs.add(name, RuleType, name+" must be a string")
		return
	}
	s, err := canonjson.Unquote(raw)
	if err != nil {
		fs.add(name, RuleFormat, name+" is not a valid JSON string")
		return
	}
	if s == "" && name != "data_base64" {
		fs.add(name, RuleRequired, name+" must not be empty when present")
		return
	}
	if err := e.setAttribute(name, s); err != nil {
		fs.add(name, RuleFormat, err.Error())
	}
}

// jsonInteger parses a JSON number literal that is an integer without
// fraction or exponent.
func jsonInteger(raw []byte) (int64, bool) {
	if len(raw) == 0 || (raw[0] != '-' && (raw[0] < '0' || raw[0] > '9')) {
		return 0, false
	}
	n, err := strconv.ParseInt(string(raw), 10, 64)
	return n, err == nil
}

func decodeExtension(name string, raw []byte) (any, string) {
	if !IsValidExtensionName(name) {
		return nil, fmt.Sprintf("extension name %q must be 1-20 characters of a-z and 0-9", name)
	}
	switch raw[0] {
	case '"':
		s, err := canonjson.Unquote(raw)
		if err != nil {
			return nil, "extension value is not a valid JSON string"
		}
		if msg := textProblem(s); msg != "" {
			return nil, "extension value " + msg
		}
		return s, ""
	case 't':
		return true, ""
	case 'f':
		return false, ""
	}
	n, ok := jsonInteger(raw)
	if !ok || n < math.MinInt32 || n > math.MaxInt32 {
		return nil, "extension value must be a string, a boolean or an integer in the CloudEvents Integer range"
	}
	return n, ""
}

// Attribute returns the CloudEvents canonical string form of the named
// context or extension attribute and whether it is present: strings as
// they are, sequence and integers in decimal, booleans as "true" or
// "false", time as an RFC 3339 timestamp in UTC. data and data_base64 are
// not attributes. These are the strings the chain hash covers and the
// values of ce- headers in the HTTP binary mode.
func (e *Event) Attribute(name string) (string, bool) {
	if e == nil {
		return "", false
	}
	if f := stringField(e, name); f != nil {
		return *f, *f != ""
	}
	switch name {
	case "time":
		if e.Time.IsZero() {
			return "", false
		}
		return string(AppendCanonicalTimestamp(nil, e.Time)), true
	case "sequence":
		if e.Sequence == 0 {
			return "", false
		}
		return strconv.FormatInt(e.Sequence, 10), true
	case "data", "data_base64":
		return "", false
	}
	v, ok := e.Extensions[name]
	if !ok {
		return "", false
	}
	str, err := canonjson.Unquote(appendExtension(nil, v, true))
	return str, err == nil
}

// stringField returns the field of e that holds the string attribute
// name, or nil when name is not one.
func stringField(e *Event, name string) *string {
	switch name {
	case "id":
		return &e.ID
	case "source":
		return &e.Source
	case "specversion":
		return &e.SpecVersion
	case "type":
		return &e.Type
	case "subject":
		return &e.Subject
	case "datacontenttype":
		return &e.DataContentType
	case "dataschema":
		return &e.DataSchema
	case "prevhash":
		return &e.PrevHash
	case "hash":
		return &e.Hash
	}
	return nil
}

// AttributeNames returns the names of the context and extension
// attributes present in e, sorted.
func (e *Event) AttributeNames() []string {
	if e == nil {
		return nil
	}
	var names []string
	for _, n := range reservedNames {
		if _, ok := e.Attribute(n); ok {
			names = append(names, n)
		}
	}
	for n := range e.Extensions {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// SetAttribute sets a context or extension attribute from its canonical
// string form, as a binding that carries attributes as text (the ce-
// headers of the HTTP binary mode) receives them. time must be an RFC
// 3339 timestamp and sequence a decimal integer; an extension becomes a
// string. The value is checked as Validate checks it; on error e is
// unchanged. data and data_base64 cannot be set this way.
func (e *Event) SetAttribute(name, value string) error {
	if e == nil {
		return NewValidationError(FieldError{Path: name, Rule: RuleRequired, Message: "cannot set " + name + " of a nil *Event"})
	}
	if name == "data" || name == "data_base64" {
		return NewValidationError(FieldError{Path: name, Rule: RuleExcluded, Message: name + " is not an attribute"})
	}
	if value == "" {
		return NewValidationError(FieldError{Path: name, Rule: RuleRequired, Message: name + " must not be empty when present"})
	}
	if msg := textProblem(value); msg != "" {
		return NewValidationError(FieldError{Path: name, Rule: RuleFormat, Message: name + " " + msg})
	}
	if !slices.Contains(reservedNames, name) {
		if !IsValidExtensionName(name) {
			return NewValidationError(FieldError{Path: name, Rule: RuleFormat, Message: fmt.Sprintf("extension name %q must be 1-20 characters of a-z and 0-9", name)})
		}
		if e.Extensions == nil {
			e.Extensions = make(map[string]any)
		}
		e.Extensions[name] = value
		return nil
	}
	if err := e.setAttribute(name, value); err != nil {
		return NewValidationError(FieldError{Path: name, Rule: RuleFormat, Message: err.Error()})
	}
	return nil
}

// setAttribute sets a reserved attribute from its string form.
func (e *Event) setAttribute(name, s string) error {
	if f := stringField(e, name); f != nil {
		*f = s
		return nil
	}
	switch name {
	case "time":
		t, msg := parseTimestamp(s)
		if msg != "" {
			return errors.New("time must be an RFC 3339 timestamp: " + msg)
		}
		e.Time = t
	case "sequence":
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 1 || n > math.MaxInt32 || s[0] == '+' || (len(s) > 1 && s[0] == '0') {
			return errors.New("sequence must be a decimal integer from 1 to 2147483647")
		}
		e.Sequence = n
	case "data_base64":
		d, err := base64.StdEncoding.Strict().DecodeString(s)
		if err != nil {
			return errors.New("data_base64 is not valid base64")
		}
		if d == nil {
			d = []byte{}
		}
		e.DataBase64 = d
	}
	return nil
}
