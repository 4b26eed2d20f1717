package incident

import (
	"testing"
	"time"

	"github.com/grassrootsgov/grassroots"
)

// FuzzDecide feeds arbitrary command sequences (kinds, actors, time steps,
// some backwards) to Decide and checks the invariants: no panic; a refused
// command emits nothing; every emitted event passes Check; event times
// never decrease; nothing leaves closed except a reopening; and replaying
// the events gives the state built step by step.
func FuzzDecide(f *testing.F) {
	f.Add([]byte{0, 0, 1, 1, 3, 1, 5, 2, 6, 2, 7, 1, 8, 1, 11, 3})
	f.Add([]byte{0, 0, 2, 1, 1, 0, 9, 2, 4, 2, 3, 1})
	f.Add([]byte{0, 0, 1, 1, 3, 1, 4, 2, 3, 1, 5, 2, 10, 255, 9, 200})
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
				cmd = setActor(cmd, actors[int(script[i+1])%len(actors)])
			}
			if op == OpEscalate {
				c := cmd.(Escalate)
				c.Level = Level(1 + int(script[i+1])%3)
				cmd = c
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
				if err := Check(s, e); err != nil {
					t.Fatalf("event %s does not follow its state: %v", e.Name(), err)
				}
				if s.Status == StatusClosed && e.Name() != "reopened" && e.Name() != "rated" {
					t.Fatalf("%s left closed", e.Name())
				}
				if n := len(events); n > 0 && e.Metadata().At.Before(events[n-1].Metadata().At) {
					t.Fatalf("event time went backwards")
				}
				s = Evolve(s, e)
				events = append(events, e)
			}
			if len(evs) == 0 && !s.Equal(&before) {
				t.Fatalf("a no-op changed the state")
			}
		}
		r, err := Replay(events)
		if err != nil {
			t.Fatalf("replay: %v", err)
		}
		if !r.Equal(&s) {
			t.Fatalf("replay differs from the stepwise state")
		}
	})
}

func setActor(c Command, a grassroots.Actor) Command {
	switch c := c.(type) {
	case Report:
		c.Actor = a
		return c
	case Reject:
		c.Actor = a
		return c
	case Resolve:
		c.Actor = a
		return c
	case Extend:
		c.Actor = a
		return c
	}
	return withActor(c, a)
}
