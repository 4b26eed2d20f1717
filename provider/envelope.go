package provider

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/grassrootsgov/grassroots"
)

// eventPackage is the package segment of this package's CloudEvents types.
const eventPackage = "provider"

// Envelopes turns contract events into CloudEvents envelopes of type
// grassroots.provider.<name>.v1 with the contract ID as subject, the event
// as JSON data and its At as time, and seals them in order into the
// contract's hash chain after prev (nil to start the chain). Envelope IDs
// are UUIDv7 made from each event's time and bytes read from ids, so the
// same events and the same ids stream give the same envelopes. source is
// the CloudEvents source, a URI-reference naming the producing system.
func Envelopes(prev *grassroots.Event, source string, events []Event, ids io.Reader) ([]grassroots.Event, error) {
	out := make([]grassroots.Event, 0, len(events))
	for i, e := range events {
		if e == nil {
			return nil, fmt.Errorf("provider: event %d is nil", i)
		}
		m := e.EventMeta()
		data, err := json.Marshal(e)
		if err != nil {
			return nil, fmt.Errorf("provider: encoding event %d: %w", i, err)
		}
		id, err := grassroots.NewID(m.At, ids)
		if err != nil {
			return nil, fmt.Errorf("provider: event %d: %w", i, err)
		}
		out = append(out, grassroots.Event{
			ID:              id,
			Source:          source,
			SpecVersion:     grassroots.SpecVersion,
			Type:            grassroots.EventType(eventPackage, e.Name()),
			Subject:         m.Contract,
			Time:            m.At,
			DataContentType: "application/json",
			Data:            data,
		})
	}
	return grassroots.SealAll(prev, out)
}

// FromEnvelope decodes the typed event an envelope carries. An envelope of
// another type is an error matching ErrUnknownEvent; one whose subject
// differs from the event's contract is invalid. Unknown data members are
// ignored.
func FromEnvelope(env grassroots.Event) (Event, error) {
	pkg, name, ok := grassroots.ParseEventType(env.Type)
	if !ok || pkg != eventPackage {
		return nil, fmt.Errorf("%w: %q", ErrUnknownEvent, env.Type)
	}
	var e Event
	var err error
	switch name {
	case Drafted{}.Name():
		e, err = decode[Drafted](env.Data)
	case Amended{}.Name():
		e, err = decode[Amended](env.Data)
	case Published{}.Name():
		e, err = decode[Published](env.Data)
	case Signed{}.Name():
		e, err = decode[Signed](env.Data)
	case Activated{}.Name():
		e, err = decode[Activated](env.Data)
	case Completed{}.Name():
		e, err = decode[Completed](env.Data)
	case Terminated{}.Name():
		e, err = decode[Terminated](env.Data)
	case Cancelled{}.Name():
		e, err = decode[Cancelled](env.Data)
	default:
		return nil, fmt.Errorf("%w: %q", ErrUnknownEvent, env.Type)
	}
	if err != nil {
		return nil, fmt.Errorf("provider: decoding %s: %w", env.Type, err)
	}
	if m := e.EventMeta(); m.Contract != env.Subject {
		return nil, grassroots.NewValidationError(grassroots.FieldError{Path: "subject", Rule: "eqfield",
			Message: "envelope subject " + env.Subject + " differs from event contract " + m.Contract})
	}
	return e, nil
}

// FromEnvelopes verifies that envs form one intact chain
// (grassroots.VerifyChain) and decodes their events in order.
func FromEnvelopes(envs []grassroots.Event) ([]Event, error) {
	if err := grassroots.VerifyChain(envs); err != nil {
		return nil, err
	}
	out := make([]Event, 0, len(envs))
	for i, env := range envs {
		e, err := FromEnvelope(env)
		if err != nil {
			return nil, fmt.Errorf("provider: envelope %d: %w", i, err)
		}
		out = append(out, e)
	}
	return out, nil
}

func decode[E Event](data json.RawMessage) (E, error) {
	var e E
	if len(data) == 0 {
		return e, fmt.Errorf("provider: envelope has no data")
	}
	err := json.Unmarshal(data, &e)
	return e, err
}
