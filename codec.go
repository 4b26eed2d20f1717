package grassroots

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/grassrootsgov/grassroots/internal/canonjson"
	"github.com/grassrootsgov/grassroots/internal/nilvalue"
)

// SchemaBase is the URI under which the JSON Schemas of this SDK's event
// data live; the dataschema of an event named <name> of package <pkg> is
// SchemaBase + "<pkg>/<name>.v1.json", which is also the schema's path in
// the repository's schema directory and its $id.
const SchemaBase = "https://raw.githubusercontent.com/grassrootsgov/grassroots/main/schema/"

// SchemaURI returns the dataschema URI of the event name of package pkg.
func SchemaURI(pkg, name string) string { return SchemaBase + pkg + "/" + name + ".v1.json" }

// EventID returns the deterministic envelope ID of the index-th event
// (from 0) that the command commandID caused at time at on the aggregate
// subject, so that deciding or publishing the same command again gives
// the same IDs and a consumer that drops repeats by ID drops exactly the
// repeats. IDs are ordered by time, as storage indexes prefer.
//
// The ID is a UUID of version 7 (RFC 9562, section 5.7) whose random bits
// are replaced by a hash: bytes 0–5 hold at in Unix milliseconds, big
// endian (0 for times before 1970); bytes 6–15 hold the first 10 bytes of
// the SHA-256 of the UTF-8 text
//
//	"grassroots.event.v1" NUL subject NUL commandID NUL index
//
// (index in decimal, NUL the byte 0); then the version nibble (the high
// half of byte 6) is set to 7 and the variant bits (the top two of byte
// 8) to 10. It is written in the usual lower-case hex form.
func EventID(subject, commandID string, index int, at time.Time) string {
	// Subjects and command IDs are IDs (at most MaxIDLength bytes), so the
	// text fits the stack buffer and hashing it allocates nothing.
	var text [2*MaxIDLength + 64]byte
	b := append(text[:0], "grassroots.event.v1\x00"...)
	b = append(b, subject...)
	b = append(b, 0)
	b = append(b, commandID...)
	b = append(b, 0)
	b = strconv.AppendInt(b, int64(index), 10)
	sum := sha256.Sum256(b)
	ms := max(at.UnixMilli(), 0)
	var u uuid.UUID
	for i := range 6 {
		u[i] = byte(uint64(ms) >> (40 - 8*i))
	}
	copy(u[6:], sum[:10])
	u[6] = 0x70 | (u[6] & 0x0F)
	u[8] = 0x80 | (u[8] & 0x3F)
	return u.String()
}

// Codec converts the domain events of one package to and from envelopes.
// There is one per lifecycle package (incident, risk, provider); they
// differ only in their package name, event types and, for the system of
// record of personal data, the data encoder. A Codec is immutable and safe
// for concurrent use.
//
// Envelopes have type grassroots.<package>.<name>.v1, subject the
// aggregate ID, time the event's At, datacontenttype application/json,
// dataschema SchemaURI(package, name), ID EventID(subject, command ID,
// index, time) and data the event's JSON, with the Meta fields at its top
// level, in RFC 8785 form (as the encoder wrote it when that is not
// I-JSON, for Seal and Validate to refuse with the problem named).
//
// A nil *Codec knows no event types: Package is empty, Names nil, Zero
// reports false, the With methods return nil, and every method that
// converts returns an error matching ErrUnknownEvent.
type Codec[E DomainEvent] struct {
	pkg    string
	names  []string // sorted
	types  map[string]eventKind
	encode func([]byte, E) ([]byte, error)          // nil: encoding/json
	decode func(name string, data []byte) (E, bool) // nil: the plans and encoding/json
}

// eventKind is what a codec knows of one of its event names: the Go type
// and the envelope's type and dataschema, built once.
type eventKind struct {
	t           reflect.Type
	typ, schema string
	plan        *decodePlan // nil: decode with encoding/json only
	write       *encodePlan // nil: encode with encoding/json only
}

// NewCodec returns the codec of package pkg for the event types of the
// given samples (one zero value of each concrete type, all implementing
// E). Event types are structs, passed by value, whose zero value answers
// EventName and Metadata (embed Meta by value, not as a pointer). It
// refuses a package or event name that is not lower_snake ASCII, a
// repeated name, a nil sample, and a sample of any other kind of type.
func NewCodec[E DomainEvent](pkg string, samples ...E) (*Codec[E], error) {
	if !isWireName(pkg) {
		return nil, fmt.Errorf("grassroots: codec package name %q is not lower_snake", pkg)
	}
	c := &Codec[E]{pkg: pkg, types: make(map[string]eventKind, len(samples))}
	for i, s := range samples {
		if any(s) == nil {
			return nil, fmt.Errorf("grassroots: codec %s: sample %d is nil", pkg, i)
		}
		if k := reflect.TypeOf(s).Kind(); k != reflect.Struct {
			return nil, fmt.Errorf("grassroots: codec %s: sample %d is a %T, a %s; event types are structs, passed by value", pkg, i, s, k)
		}
		if !zeroAnswers(s) {
			return nil, fmt.Errorf("grassroots: codec %s: sample %d: the zero %T panics in EventName or Metadata (embed Meta by value, not as a pointer)", pkg, i, s)
		}
		name := s.EventName()
		if !isWireName(name) {
			return nil, fmt.Errorf("grassroots: codec %s: event name %q is not lower_snake", pkg, name)
		}
		if _, dup := c.types[name]; dup {
			return nil, fmt.Errorf("grassroots: codec %s: event name %q is repeated", pkg, name)
		}
		t := reflect.TypeOf(s)
		c.types[name] = eventKind{t: t, typ: EventType(pkg, name), schema: SchemaURI(pkg, name),
			plan: newDecodePlan(t), write: newEncodePlan(t)}
		c.names = append(c.names, name)
	}
	slices.Sort(c.names)
	return c, nil
}

// zeroAnswers reports whether the zero value of s's type answers
// EventName and Metadata without panicking, as a decoded event whose data
// lacks some members must.
func zeroAnswers[E DomainEvent](s E) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	z, _ := reflect.Zero(reflect.TypeOf(s)).Interface().(E)
	z.EventName()
	z.Metadata()
	return true
}

// jsonEncoder is encoding/json's encoder with the buffer it writes to,
// kept between calls so that encoding an event's data allocates only
// the canonical copy that the envelope keeps.
type jsonEncoder struct {
	buf bytes.Buffer
	enc *json.Encoder
}

var jsonEncoders = sync.Pool{New: func() any {
	e := new(jsonEncoder)
	e.enc = json.NewEncoder(&e.buf)
	return e
}}

// encodeData returns the data of e in RFC 8785 form and true, or, when the
// encoder's output is not I-JSON, that output as it is and false.
func (c *Codec[E]) encodeData(e E, k eventKind) ([]byte, bool, error) {
	if c.encode == nil && k.write != nil {
		if v := reflect.ValueOf(e); v.Type() == k.t {
			bp := hashBuffers.Get().(*[]byte)
			out, ok := encodeFast((*bp)[:0], k.write, v)
			var data []byte
			if ok {
				data = bytes.Clone(out)
			}
			if cap(out) <= 64<<10 {
				*bp = out[:0]
				hashBuffers.Put(bp)
			}
			if ok {
				return data, true, nil
			}
		}
	}
	if c.encode != nil {
		return c.appendEncoded(e)
	}
	je := jsonEncoders.Get().(*jsonEncoder)
	defer func() {
		if je.buf.Cap() <= 64<<10 {
			jsonEncoders.Put(je)
		}
	}()
	je.buf.Reset()
	// Encode writes what Marshal returns, and a newline.
	if err := je.enc.Encode(e); err != nil {
		return nil, false, err
	}
	raw := bytes.TrimSuffix(je.buf.Bytes(), []byte{'\n'})
	if out, err := canonjson.AppendExact(make([]byte, 0, len(raw)), raw); err == nil {
		return out, true, nil
	}
	return bytes.Clone(raw), false, nil
}

// appendEncoded runs the codec's own encoder into a pooled buffer and
// returns its output in RFC 8785 form, checked with a scan when the
// encoder wrote that form itself, or as written when it is not I-JSON.
func (c *Codec[E]) appendEncoded(e E) ([]byte, bool, error) {
	bp := hashBuffers.Get().(*[]byte)
	raw, err := c.encode((*bp)[:0], e)
	defer func() {
		if cap(raw) <= 64<<10 {
			*bp = raw[:0]
			hashBuffers.Put(bp)
		}
	}()
	if err != nil {
		return nil, false, err
	}
	if canonjson.IsCanonical(raw) {
		return bytes.Clone(raw), true, nil
	}
	if out, err := canonjson.AppendExact(make([]byte, 0, len(raw)), raw); err == nil {
		return out, true, nil
	}
	return bytes.Clone(raw), false, nil
}

func isWireName(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < 'a' || c > 'z') && c != '_' && (i == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return s != ""
}

// WithEncoder returns a copy of c that writes event data with encode
// instead of encoding/json. A package uses it for a codec that writes
// personal data in clear for its own system of record; decoding is the
// same for both.
func (c *Codec[E]) WithEncoder(encode func(E) ([]byte, error)) *Codec[E] {
	return c.WithAppendEncoder(func(dst []byte, e E) ([]byte, error) {
		raw, err := encode(e)
		if raw == nil {
			return nil, err // nil stays nil: an envelope without data
		}
		return append(dst, raw...), err
	})
}

// WithAppendEncoder is WithEncoder for an encoder that appends the data
// to dst and returns the extended slice, as the standard library's
// Append functions do; the codec owns both and reuses their memory, so
// encode must keep neither. An encoder that writes the data in RFC 8785
// form already spares the codec rewriting it: the codec checks such
// output with a scan and keeps it as it is, and canonicalises any other.
func (c *Codec[E]) WithAppendEncoder(encode func(dst []byte, e E) ([]byte, error)) *Codec[E] {
	if c == nil {
		return nil
	}
	d := *c
	d.encode = encode
	return &d
}

// WithDecoder returns a copy of c that tries decode first when it
// decodes an envelope's data: decode returns the event that data holds
// for the event named name and true, or false for any data it leaves to
// the codec's own decoding, which then decodes it as it would without
// decode and reports its problems. A package uses it for a decoder
// written for its own event types, faster than the codec's reflection.
//
// decode must take only data in RFC 8785 form, the form envelopes store,
// and give for it exactly the value encoding/json gives; it must keep
// neither data nor its memory. Events and Next then hash the data it
// takes as it is, without canonicalising it first: a decoder that took
// other data would break the chain of its envelopes. A value of another
// type than the one named name is ignored. Checking the envelope against
// the event (Meta, Validate, subject, time, dataschema) is the same for
// both.
func (c *Codec[E]) WithDecoder(decode func(name string, data []byte) (E, bool)) *Codec[E] {
	if c == nil {
		return nil
	}
	d := *c
	d.decode = decode
	return &d
}

// Package returns the codec's package name.
func (c *Codec[E]) Package() string {
	if c == nil {
		return ""
	}
	return c.pkg
}

// Names returns the event names the codec knows, sorted.
func (c *Codec[E]) Names() []string {
	if c == nil {
		return nil
	}
	return slices.Clone(c.names)
}

// Zero returns the zero value of the event type named name, for tools
// that enumerate a codec's types (schema generators, documentation).
func (c *Codec[E]) Zero(name string) (E, bool) {
	if c == nil {
		var zero E
		return zero, false
	}
	k, ok := c.types[name]
	if !ok {
		var zero E
		return zero, false
	}
	e, ok := reflect.Zero(k.t).Interface().(E)
	return e, ok
}

// Envelope converts e, the index-th event its command caused (from 0),
// to an unsealed envelope from source (a URI-reference naming the system
// that decided it). e's Meta must be valid, and so must e itself when it
// has a Validate method, as Decode requires of the event it returns.
func (c *Codec[E]) Envelope(source string, e E, index int) (Event, error) {
	env, _, err := c.envelope(source, e, index)
	return env, err
}

// envelope is Envelope, reporting also whether the data is in the
// canonical form, just written from the encoder's output.
func (c *Codec[E]) envelope(source string, e E, index int) (Event, bool, error) {
	if c == nil {
		return Event{}, false, errNilCodec
	}
	if nilvalue.Is(e) {
		return Event{}, false, fmt.Errorf("%w: nil event", ErrUnknownEvent)
	}
	name := e.EventName()
	k, ok := c.types[name]
	if !ok {
		return Event{}, false, fmt.Errorf("%w: %s has no event %q", ErrUnknownEvent, c.pkg, name)
	}
	if t := reflect.TypeOf(e); t != k.t {
		return Event{}, false, fmt.Errorf("%w: %s's %q event is a %v, not a %v", ErrUnknownEvent, c.pkg, name, k.t, t)
	}
	m := e.Metadata()
	if err := m.Validate(); err != nil {
		return Event{}, false, err
	}
	// Decode refuses an event whose own Validate fails, so sealing one
	// would put on the wire what no receiver accepts; and a value no
	// validator has seen could hold what encoding it cannot afford (a
	// decimal with an exponent of two billion).
	if v, ok := any(e).(interface{ Validate() error }); ok {
		if err := v.Validate(); err != nil {
			return Event{}, false, err
		}
	}
	data, canonical, err := c.encodeData(e, k)
	if err != nil {
		return Event{}, false, fmt.Errorf("%s: encoding %s event: %w", c.pkg, name, err)
	}
	return Event{
		ID:              EventID(m.AggregateID, m.CommandID, index, m.At),
		Source:          source,
		SpecVersion:     SpecVersion,
		Type:            k.typ,
		Subject:         m.AggregateID,
		Time:            m.At,
		DataContentType: "application/json",
		DataSchema:      k.schema,
		Data:            data,
	}, canonical, nil
}

// Seal converts events, in the order Decide returned them, to envelopes
// from source and seals them into their aggregate's chain after prev (nil
// for the aggregate's first events). The index of each event is its
// position among the consecutive events of its command in the slice.
func (c *Codec[E]) Seal(prev *Event, source string, events []E) ([]Event, error) {
	out, _, err := c.seal(nil, prev, source, events, false)
	return out, err
}

// AppendSealed seals events as Seal does and appends each sealed envelope
// to dst as AppendJSON writes it, followed by a newline (JSON Lines), for
// a writer of event files or streams. It writes the same bytes as Seal
// followed by AppendJSON of each envelope, without checking again what
// Seal has just checked. On error it returns no envelopes and dst
// unchanged.
func (c *Codec[E]) AppendSealed(dst []byte, prev *Event, source string, events []E) ([]Event, []byte, error) {
	out, b, err := c.seal(dst, prev, source, events, true)
	if err != nil {
		return nil, dst, err
	}
	return out, b, nil
}

// seal is Seal, appending each envelope's JSON line to dst when write is
// set.
func (c *Codec[E]) seal(dst []byte, prev *Event, source string, events []E, write bool) ([]Event, []byte, error) {
	if c == nil {
		return nil, nil, errNilCodec
	}
	out := make([]Event, 0, len(events))
	index := 0
	for i, e := range events {
		// events[i-1] became an envelope, so it is no nil; e may be.
		if i > 0 && !nilvalue.Is(e) && e.Metadata().CommandID == events[i-1].Metadata().CommandID {
			index++
		} else {
			index = 0
		}
		env, canonical, err := c.envelope(source, e, index)
		if err != nil {
			return nil, nil, atEvent(err, i)
		}
		var sealed Event
		if write {
			// The envelope passes validate's checks as it is sealed
			// (validateBuilt reports what validate does), so its line
			// is written from the form the hash covers.
			sealed, dst, err = sealLine(dst, prev, env, canonical)
			dst = append(dst, '\n')
		} else {
			sealed, err = seal(prev, env, true, canonical)
		}
		if err != nil {
			return nil, nil, atEvent(err, i)
		}
		out = append(out, sealed)
		prev = &out[len(out)-1]
	}
	return out, dst, nil
}

// atEvent says which event of a batch err concerns: field problems get
// the path events[i], other errors the index after their message, so the
// message keeps the one package prefix it has.
func atEvent(err error, i int) error {
	var ve *ValidationError
	if errors.As(err, &ve) {
		return NewValidationError(FieldErrors(ElementPath("events", i), err)...)
	}
	return fmt.Errorf("%w (event %d)", err, i)
}

// Decode converts one envelope to the event it carries, checking the
// envelope against the event: the type must be one of the codec's, the
// data must decode to a valid event (unknown members are ignored), the
// subject must be its aggregate ID and the time its At, and a dataschema,
// when present, must be the event's. Decode checks no chain: use Events
// for stored envelopes, or Next for envelopes that arrive one by one.
func (c *Codec[E]) Decode(env Event) (E, error) {
	if c == nil {
		var zero E
		return zero, errNilCodec
	}
	return c.decodeEnvelope(&env, true)
}

// decodeEnvelope is Decode; tryOwn false leaves out the codec's decoder,
// which the caller has tried on env's data already.
func (c *Codec[E]) decodeEnvelope(env *Event, tryOwn bool) (E, error) {
	var zero E
	name, k, err := c.kindOf(env)
	if err != nil {
		return zero, err
	}
	e, err := c.decodeData(name, k, env.Data, tryOwn)
	if err != nil {
		return zero, err
	}
	return c.check(env, k, e)
}

// kindOf returns the event name and kind of env's type, checking that it
// is one of the codec's and that env has data.
func (c *Codec[E]) kindOf(env *Event) (string, eventKind, error) {
	pkg, name, ok := ParseEventType(env.Type)
	k, known := c.types[name]
	if !ok || pkg != c.pkg || !known {
		return "", eventKind{}, fmt.Errorf("%w: %q is not a %s event (known: %v)", ErrUnknownEvent, env.Type, c.pkg, c.names)
	}
	if env.Data == nil {
		return "", eventKind{}, NewValidationError(FieldError{Path: "data", Rule: RuleRequired, Message: "a " + env.Type + " envelope needs data"})
	}
	return name, k, nil
}

// check checks env against e, the event its data holds, of kind k, and
// returns e or the problems.
func (c *Codec[E]) check(env *Event, k eventKind, e E) (E, error) {
	var fs fieldList
	m := e.Metadata()
	fs = append(fs, FieldErrors("data", m.Validate())...)
	if v, ok := any(e).(interface{ Validate() error }); ok {
		fs = append(fs, FieldErrors("data", v.Validate())...)
	}
	if env.Subject != m.AggregateID {
		fs.add("subject", RuleMismatch, fmt.Sprintf("subject %q is not the data's aggregate_id %q", env.Subject, m.AggregateID))
	}
	if !env.Time.Equal(m.At) {
		fs.add("time", RuleMismatch, "time is not the data's at")
	}
	if env.DataSchema != "" && env.DataSchema != k.schema {
		fs.add("dataschema", RuleMismatch, "dataschema is not "+k.schema)
	}
	if err := NewValidationError(fs...); err != nil {
		var zero E
		return zero, err
	}
	return e, nil
}

// own decodes env's data with the codec's decoder, if it has one and the
// decoder takes the data, which is then in RFC 8785 form.
func (c *Codec[E]) own(env *Event) (E, eventKind, bool) {
	var zero E
	if c.decode == nil {
		return zero, eventKind{}, false
	}
	name, k, err := c.kindOf(env)
	if err != nil {
		return zero, eventKind{}, false
	}
	e, ok := c.ownData(name, k, env.Data)
	return e, k, ok
}

// ownData is the event the codec's decoder takes from data, of an event
// named name of kind k, and true, or false when there is no decoder or
// it declines the data.
func (c *Codec[E]) ownData(name string, k eventKind, data []byte) (E, bool) {
	if c.decode != nil {
		if e, ok := c.decode(name, data); ok && any(e) != nil && reflect.TypeOf(e) == k.t {
			return e, true
		}
	}
	var zero E
	return zero, false
}

// decodeData decodes the data of an event named name of kind k: with
// the codec's decoder if tryOwn and that takes the data, else with the
// plan if it takes it, else with encoding/json.
func (c *Codec[E]) decodeData(name string, k eventKind, data []byte, tryOwn bool) (E, error) {
	if tryOwn {
		if e, ok := c.ownData(name, k, data); ok {
			return e, nil
		}
	}
	ptr := reflect.New(k.t)
	if k.plan == nil || !decodeFast(k.plan, data, ptr.Elem()) {
		ptr = reflect.New(k.t)
		if err := json.Unmarshal(data, ptr.Interface()); err != nil {
			var zero E
			return zero, NewValidationError(FieldError{Path: "data", Rule: RuleFormat,
				Message: fmt.Sprintf("%s data does not decode: %v", name, err)})
		}
	}
	e, _ := ptr.Elem().Interface().(E)
	return e, nil
}

// Events verifies that envs form one intact chain of one subject from its
// first event (VerifyChain) and decodes each envelope. It fails on a
// stripped chain (an envelope without hash), an altered envelope and any
// envelope that does not decode, naming the index.
func (c *Codec[E]) Events(envs []Event) ([]E, error) {
	if c == nil {
		return nil, errNilCodec
	}
	out := make([]E, len(envs))
	// Each envelope is decoded after its link is checked, so that data
	// the codec's decoder takes, which is canonical, is hashed unread;
	// the chain is checked to its end before any decoding error counts.
	var failed *ReplayError
	for i := range envs {
		e, k, own := c.own(&envs[i])
		if r, idx, err := checkLink(envs, i, own); r != 0 {
			return nil, &ChainError{Index: idx, Reason: r, Err: err}
		}
		if failed != nil {
			continue
		}
		var err error
		if own {
			out[i], err = c.check(&envs[i], k, e)
		} else {
			out[i], err = c.decodeEnvelope(&envs[i], false)
		}
		if err != nil {
			failed = &ReplayError{Index: i, Err: err}
		}
	}
	if failed != nil {
		return nil, failed
	}
	return out, nil
}

// Next checks that env extends the chain whose last envelope is prev (nil
// for a subject's first envelope) with VerifyLink, then decodes it.
// Consumers that receive envelopes one at a time use it.
func (c *Codec[E]) Next(prev *Event, env Event) (E, error) {
	var zero E
	if c == nil {
		return zero, errNilCodec
	}
	e, k, own := c.own(&env)
	if err := verifyLink(prev, &env, own); err != nil {
		return zero, err
	}
	if own {
		return c.check(&env, k, e)
	}
	return c.decodeEnvelope(&env, false)
}
