package incident

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/grassrootsgov/grassroots"
)

// FuzzDecide feeds arbitrary command sequences (kinds, actors, time steps,
// some backwards) to Decide and checks the invariants: no panic; a refused
// command emits nothing; Evolve accepts every emitted event; event times
// never decrease; nothing leaves closed but a reopening or a redo; and
// replaying the events gives the state built step by step.
func FuzzDecide(f *testing.F) {
	f.Add([]byte{0, 0, 1, 1, 3, 1, 5, 2, 6, 2, 7, 1, 8, 1, 11, 3})
	f.Add([]byte{0, 0, 2, 1, 1, 0, 9, 2, 4, 2, 3, 1})
	f.Add([]byte{0, 0, 1, 1, 3, 1, 4, 2, 3, 1, 5, 2, 10, 255, 9, 200})
	f.Add([]byte{0, 0, 12, 3, 1, 1, 3, 1, 5, 2, 12, 4, 6, 2, 7, 1})
	actors := []grassroots.Actor{reporter, dispatcher, handler, supervisor, {ID: "x", Party: grassroots.ThirdParty}}
	d := testDecider(f)
	f.Fuzz(func(t *testing.T, script []byte) {
		var s Incident
		var events []Event
		at := t0
		for i := 0; i+1 < len(script); i += 2 {
			op := Op(1 + int(script[i])%len(Ops()))
			// Steps of -8 to +247 minutes; a negative step tests time order.
			at = at.Add(time.Duration(int(script[i+1])-8) * time.Minute)
			cmd := commandFor(op, "inc-1", i, at)
			if script[i+1]%7 == 0 {
				cmd = withActor(cmd, actors[int(script[i+1])%len(actors)])
			}
			switch c := cmd.(type) {
			case Escalate:
				c.Level = Level(1 + int(script[i+1])%3)
				cmd = c
			case Rate:
				c.Grade, c.Substantive = Grade(1+int(script[i+1])%5), script[i+1]%2 == 0
				cmd = c
			case Report:
				if script[i+1]%3 == 0 {
					cmd = addressOnly("inc-1", c.CommandID, c.At)
				}
			}
			before := s
			evs, err := d.Decide(s, cmd)
			if err != nil {
				if len(evs) != 0 {
					t.Fatalf("refused %s emitted %d events", op, len(evs))
				}
				continue
			}
			for _, e := range evs {
				wasClosed := s.Status == StatusClosed
				if s, err = d.Evolve(s, e); err != nil {
					t.Fatalf("Evolve refuses %s that Decide returned: %v", e.EventName(), err)
				}
				if wasClosed && s.Status != StatusClosed && e.EventName() != "reopened" && e.EventName() != "redo_ordered" {
					t.Fatalf("%s left closed", e.EventName())
				}
				if n := len(events); n > 0 && e.Metadata().At.Before(events[n-1].Metadata().At) {
					t.Fatalf("event time went backwards")
				}
				events = append(events, e)
			}
			if len(evs) == 0 && !s.Equal(&before) {
				t.Fatalf("a no-op changed the state")
			}
		}
		r, err := d.Replay(events)
		if err != nil {
			t.Fatalf("replay: %v", err)
		}
		if !r.Equal(&s) {
			t.Fatalf("replay differs from the stepwise state")
		}
	})
}

// FuzzCodecDecode decodes arbitrary event data under every event type of
// the codec. Whatever decodes must be valid, and must survive a round
// trip: encoding the event again (with RecordCodec, which keeps the
// contact) and decoding that gives the same event, and the same JSON.
func FuzzCodecDecode(f *testing.F) {
	for _, e := range sampleEvents() {
		b, err := RecordCodec.Envelope("/fuzz", e, 0)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(e.EventName(), []byte(b.Data))
	}
	f.Add("reported", []byte(`{"aggregate_id":"a","command_id":"c","actor":{"id":"r","party":"resident"},"at":"2025-11-24T09:00:00+08:00","category":"002","channel":"app","priority":"low","address":"x","accept_term":{"start":"2025-11-24T09:00:00+08:00","end":"2025-11-24T10:00:00+08:00"}}`))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		zero, ok := Codec.Zero(name)
		if !ok {
			return
		}
		env := grassroots.Event{ID: "x", Source: "/fuzz", SpecVersion: grassroots.SpecVersion, Type: grassroots.EventType(pkgName, zero.EventName()), Data: data}
		var probe struct {
			AggregateID string    `json:"aggregate_id"`
			At          time.Time `json:"at"`
		}
		if json.Unmarshal(data, &probe) == nil {
			env.Subject, env.Time = probe.AggregateID, probe.At
		}
		e, err := Codec.Decode(env)
		if err != nil {
			return
		}
		if err := e.Validate(); err != nil {
			t.Fatalf("decoded %s is invalid: %v", name, err)
		}
		again, err := RecordCodec.Envelope("/fuzz", e, 0)
		if err != nil {
			t.Fatalf("a decoded %s does not encode: %v", name, err)
		}
		back, err := RecordCodec.Decode(again)
		if err != nil {
			t.Fatalf("a re-encoded %s does not decode: %v", name, err)
		}
		third, err := RecordCodec.Envelope("/fuzz", back, 0)
		if err != nil {
			t.Fatal(err)
		}
		if string(third.Data) != string(again.Data) {
			t.Fatalf("%s changes in a round trip:\n%s\n%s", name, again.Data, third.Data)
		}
	})
}
