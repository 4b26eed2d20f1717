package incident

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"unicode/utf8"

	"github.com/grassrootsgov/grassroots"
)

// pkgName is the <package> part of this package's CloudEvents types.
const pkgName = "incident"

// EnvelopeOptions control how events become envelopes.
type EnvelopeOptions struct {
	// Source is the CloudEvents source, a URI-reference naming the system
	// that decided the events ("/districts/330302/incident"). Required.
	Source string
	// RevealContact writes the reporter's contact in clear. Leave it false
	// for anything published; set it only for the system of record, whose
	// replay must restore the contact.
	RevealContact bool
}

// ToEnvelope converts a typed event to a CloudEvents envelope: type
// grassroots.incident.<name>.v1, subject the incident ID, time the event's
// time, id "<command ID>/<name>" (unique because one command never causes
// two events of one name), and data the event as snake_case JSON with
// Meta's fields at the top level. The envelope is not sealed.
func ToEnvelope(e Event, opts EnvelopeOptions) (grassroots.Event, error) {
	if e == nil {
		return grassroots.Event{}, fmt.Errorf("%w: nil event", ErrUnknownEvent)
	}
	m := e.Metadata()
	if err := checkEnvelopeInput(m, opts.Source); err != nil {
		return grassroots.Event{}, err
	}
	data, err := appendEventJSON(make([]byte, 0, 512), e, opts.RevealContact)
	if err != nil {
		return grassroots.Event{}, fmt.Errorf("incident: encoding %s event: %w", e.Name(), err)
	}
	return grassroots.Event{
		ID:              m.Command + "/" + e.Name(),
		Source:          opts.Source,
		SpecVersion:     grassroots.SpecVersion,
		Type:            grassroots.EventType(pkgName, e.Name()),
		Subject:         m.Incident,
		Time:            m.At,
		DataContentType: "application/json",
		Data:            data,
	}, nil
}

// checkEnvelopeInput checks what ToEnvelope copies into the envelope, so
// that the envelope is valid without a second pass over its data (Seal
// validates it in full).
func checkEnvelopeInput(m Meta, source string) error {
	err := checkMeta(m)
	fs := grassroots.FieldErrors("", err)
	if _, perr := url.Parse(source); source == "" || !utf8.ValidString(source) || perr != nil {
		fs = append(fs, grassroots.FieldError{Path: "source", Rule: "uri_reference", Message: "source must be a non-empty URI-reference"})
	}
	return grassroots.NewValidationError(fs...)
}

// Seal converts events to envelopes and seals them into the incident's
// hash chain after prev (nil for the first event of the incident).
func Seal(prev *grassroots.Event, events []Event, opts EnvelopeOptions) ([]grassroots.Event, error) {
	envs := make([]grassroots.Event, len(events))
	for i, e := range events {
		env, err := ToEnvelope(e, opts)
		if err != nil {
			return nil, fmt.Errorf("incident: event %d: %w", i, err)
		}
		envs[i] = env
	}
	return grassroots.SealAll(prev, envs)
}

// FromEnvelope converts an envelope back to the typed event it carries. The
// type must be grassroots.incident.<name>.v1 for a known name, the data
// must decode (unknown members are ignored) to a well-formed event, and
// the subject must be the event's incident.
func FromEnvelope(env grassroots.Event) (Event, error) {
	pkg, name, ok := grassroots.ParseEventType(env.Type)
	if !ok || pkg != pkgName {
		return nil, fmt.Errorf("%w: type %q", ErrUnknownEvent, env.Type)
	}
	e, err := decodeEvent(name, env.Data)
	if err != nil {
		return nil, err
	}
	if m := e.Metadata(); m.Incident != env.Subject {
		return nil, fmt.Errorf("%w: subject %q, data names %q", ErrWrongIncident, env.Subject, m.Incident)
	}
	return e, nil
}

func decodeEvent(name string, data []byte) (Event, error) {
	var e Event
	var err error
	switch name {
	case "reported":
		e, err = decodeAs[Reported](data)
	case "accepted":
		e, err = decodeAs[Accepted](data)
	case "rejected":
		e, err = decodeAs[Rejected](data)
	case "dispatched":
		e, err = decodeAs[Dispatched](data)
	case "returned":
		e, err = decodeAs[Returned](data)
	case "started":
		e, err = decodeAs[Started](data)
	case "resolved":
		e, err = decodeAs[Resolved](data)
	case "closed":
		e, err = decodeAs[Closed](data)
	case "reopened":
		e, err = decodeAs[Reopened](data)
	case "escalated":
		e, err = decodeAs[Escalated](data)
	case "extended":
		e, err = decodeAs[Extended](data)
	case "rated":
		e, err = decodeAs[Rated](data)
	default:
		return nil, fmt.Errorf("%w: %q", ErrUnknownEvent, name)
	}
	if err != nil {
		return nil, fmt.Errorf("incident: decoding %s event: %w", name, err)
	}
	if err := validateEvent(e); err != nil {
		return nil, fmt.Errorf("incident: decoding %s event: %w", name, err)
	}
	return e, nil
}

func decodeAs[T Event](data []byte) (Event, error) {
	var v T
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, ErrTrailingData
	}
	return v, nil
}

// validateEvent checks what a decoded event must hold for Evolve to build
// a meaningful state: its Meta, and the values its effect sets.
func validateEvent(e Event) error {
	if err := checkMeta(e.Metadata()); err != nil {
		return err
	}
	var fs []grassroots.FieldError
	need := func(ok bool, path string) {
		if !ok {
			fs = append(fs, grassroots.FieldError{Path: path, Rule: "required", Message: path + " is missing or invalid"})
		}
	}
	invalid := func(path, problem string) {
		fs = append(fs, grassroots.FieldError{Path: path, Rule: grassroots.RuleEnum, Message: problem})
	}
	switch e := e.(type) {
	case Reported:
		need(validID(e.Category), "category")
		if !e.Channel.IsValid() {
			invalid("channel", channelNames.Problem(e.Channel))
		}
		if !e.Priority.IsValid() {
			invalid("priority", priorityNames.Problem(e.Priority))
		}
		need(e.Location.Validate() == nil, "location")
		need(e.Grid == "" || e.Grid.Validate() == nil, "grid")
		need(text("description", e.Description, true, MaxDescription) == nil, "description")
	case Rejected:
		if !e.Reason.IsValid() {
			invalid("reason", rejectReasonNames.Problem(e.Reason))
		}
	case Dispatched:
		if !e.Platform.IsValid() {
			invalid("platform", platformNames.Problem(e.Platform))
		}
		need(validID(e.Unit), "unit")
		need(!e.HandleTerm.IsZero(), "handle_term")
	case Reopened:
		need(!e.Redo || !e.HandleTerm.IsZero(), "handle_term")
	case Escalated:
		if !e.Level.IsValid() {
			invalid("level", levelNames.Problem(e.Level))
		}
	case Extended:
		need(e.By.Validate() == nil, "by")
		need(!e.HandleTerm.IsZero(), "handle_term")
	case Rated:
		if !e.Grade.IsValid() {
			invalid("grade", gradeNames.Problem(e.Grade))
		}
	}
	return grassroots.NewValidationError(fs...)
}

// ReplayEnvelopes rebuilds an incident from envelopes read back from
// storage, in chain order. When any envelope is sealed, the whole list
// must verify as one hash chain first (grassroots.VerifyChain); then each
// is converted with FromEnvelope and the events are folded with Replay.
func ReplayEnvelopes(envs []grassroots.Event) (Incident, error) {
	if slices.ContainsFunc(envs, func(e grassroots.Event) bool { return e.Hash != "" }) {
		if err := grassroots.VerifyChain(envs); err != nil {
			return Incident{}, err
		}
	}
	events := make([]Event, len(envs))
	for i, env := range envs {
		e, err := FromEnvelope(env)
		if err != nil {
			return Incident{}, fmt.Errorf("incident: envelope %d: %w", i, err)
		}
		events[i] = e
	}
	return Replay(events)
}
