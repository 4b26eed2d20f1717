package risk

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/grassrootsgov/grassroots"
)

// envelopePackage is the package part of every risk event type.
const envelopePackage = "risk"

// ToEnvelopes turns events of one risk into CloudEvents envelopes of type
// "grassroots.risk.<name>.v1" with the risk ID as subject, and seals them
// into the risk's hash chain after prev (nil for the first events of the
// risk). Envelope IDs are UUIDv7 from each event's time and random (pass
// crypto/rand.Reader in production, a seeded reader in tests). source is
// the CloudEvents source ("/districts/330302/risk").
func ToEnvelopes(prev *grassroots.Event, source string, events []Event, random io.Reader) ([]grassroots.Event, error) {
	out := make([]grassroots.Event, 0, len(events))
	for i, e := range events {
		if e == nil {
			return nil, fmt.Errorf("%w: event %d is nil", ErrEnvelope, i)
		}
		h := e.Head()
		data, err := json.Marshal(e)
		if err != nil {
			return nil, fmt.Errorf("%w: event %d: %w", ErrEnvelope, i, err)
		}
		id, err := grassroots.NewID(h.At, random)
		if err != nil {
			return nil, fmt.Errorf("%w: event %d: %w", ErrEnvelope, i, err)
		}
		out = append(out, grassroots.Event{
			ID: id, Source: source, SpecVersion: grassroots.SpecVersion,
			Type: grassroots.EventType(envelopePackage, e.EventName()), Subject: h.Risk, Time: h.At,
			DataContentType: "application/json", Data: data,
		})
	}
	return grassroots.SealAll(prev, out)
}

// FromEnvelope reads the typed event carried by a risk envelope. The type
// must be a risk event of version 1 (ErrUnknownEventType); the data must
// decode into it, its risk must be the envelope's subject and its time the
// envelope's time (ErrEnvelope). Unknown data fields are ignored.
func FromEnvelope(env grassroots.Event) (Event, error) {
	pkg, name, ok := grassroots.ParseEventType(env.Type)
	if !ok || pkg != envelopePackage {
		return nil, fmt.Errorf("%w: %q", ErrUnknownEventType, env.Type)
	}
	var e Event
	switch name {
	case "identified":
		e, ok = decodeEvent[Identified](env.Data)
	case "assessed":
		e, ok = decodeEvent[Assessed](env.Data)
	case "alert_issued":
		e, ok = decodeEvent[AlertIssued](env.Data)
	case "alert_raised":
		e, ok = decodeEvent[AlertRaised](env.Data)
	case "alert_lowered":
		e, ok = decodeEvent[AlertLowered](env.Data)
	case "plan_activated":
		e, ok = decodeEvent[PlanActivated](env.Data)
	case "step_completed":
		e, ok = decodeEvent[StepCompleted](env.Data)
	case "remediated":
		e, ok = decodeEvent[Remediated](env.Data)
	case "closed":
		e, ok = decodeEvent[Closed](env.Data)
	case "reopened":
		e, ok = decodeEvent[Reopened](env.Data)
	case "accepted":
		e, ok = decodeEvent[Accepted](env.Data)
	case "acceptance_revoked":
		e, ok = decodeEvent[AcceptanceRevoked](env.Data)
	case "reviewed":
		e, ok = decodeEvent[Reviewed](env.Data)
	case "escalated":
		e, ok = decodeEvent[Escalated](env.Data)
	default:
		return nil, fmt.Errorf("%w: %q", ErrUnknownEventType, env.Type)
	}
	if !ok {
		return nil, fmt.Errorf("%w: %s data does not decode", ErrEnvelope, env.Type)
	}
	h := e.Head()
	if env.Subject == "" || h.Risk != env.Subject {
		return nil, fmt.Errorf("%w: data risk %q differs from subject %q", ErrEnvelope, h.Risk, env.Subject)
	}
	if !h.At.Equal(env.Time) {
		return nil, fmt.Errorf("%w: data time differs from envelope time", ErrEnvelope)
	}
	return e, nil
}

func decodeEvent[E Event](data []byte) (Event, bool) {
	var e E
	if len(data) == 0 || json.Unmarshal(data, &e) != nil {
		return nil, false
	}
	return e, true
}

// ReplayEnvelopes verifies that envs form one intact hash chain
// (grassroots.VerifyChain), reads each event and replays them (Replay).
func ReplayEnvelopes(envs []grassroots.Event) (Risk, error) {
	if err := grassroots.VerifyChain(envs); err != nil {
		return Risk{}, err
	}
	events := make([]Event, len(envs))
	for i, env := range envs {
		e, err := FromEnvelope(env)
		if err != nil {
			return Risk{}, fmt.Errorf("risk: envelope %d: %w", i, err)
		}
		events[i] = e
	}
	return Replay(events)
}
